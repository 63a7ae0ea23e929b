# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrPopReviewLine(models.Model):
    _name = "hr.pop.review.line"
    _inherit = ["hr.pop.guard.mixin"]
    _description = "Progress of a Goal in a Review"
    _pop_fixed_fields = ("review_id", "goal_id")
    _pop_value_ranges = {"progress": (0, 100)}

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

    @api.model_create_multi
    def create(self, vals_list):
        self._pop_check_create(vals_list)
        lines = super().create(vals_list)
        lines.review_id.pop_id._check_running_for_review()
        return lines

    def write(self, vals):
        self._pop_check_write(vals)
        self.review_id.pop_id._check_running_for_review()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_while_running(self):
        self.review_id.pop_id._check_running_for_review()
