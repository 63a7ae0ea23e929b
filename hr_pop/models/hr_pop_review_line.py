# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrPopReviewLine(models.Model):
    _name = "hr.pop.review.line"
    _description = "Progress of a Goal in a Review"

    review_id = fields.Many2one(
        "hr.pop.review", required=True, ondelete="cascade", index=True
    )
    goal_id = fields.Many2one("hr.pop.goal", required=True, ondelete="cascade")
    progress = fields.Integer(help="Progress of the goal at the review, 0 to 100%.")
    note = fields.Text()

    _sql_constraints = [
        (
            "progress_range",
            "CHECK(progress BETWEEN 0 AND 100)",
            "Progress must be between 0 and 100%.",
        ),
    ]

    @api.constrains("goal_id", "review_id")
    def _check_goal_of_plan(self):
        for line in self:
            if line.goal_id.pop_id != line.review_id.pop_id:
                raise ValidationError(
                    self.env._("A review covers the goals of its own plan only.")
                )
