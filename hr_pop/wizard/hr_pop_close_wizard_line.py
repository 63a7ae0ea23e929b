# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrPopCloseWizardLine(models.TransientModel):
    _name = "hr.pop.close.wizard.line"
    _description = "Evaluation of a Goal when Closing a Development Plan"

    # === FIELDS === #
    wizard_id = fields.Many2one(
        "hr.pop.close.wizard", required=True, ondelete="cascade"
    )
    goal_id = fields.Many2one("hr.pop.goal", required=True, ondelete="cascade")
    name = fields.Char(related="goal_id.name")
    state = fields.Selection(
        [
            ("reached", "Reached"),
            ("partly", "Partly Reached"),
            ("not_reached", "Not Reached"),
        ],
        string="Status",
    )
    progress = fields.Integer(string="Progress (%)")
    lessons_learned = fields.Text(string="What Was Learnt")
    application = fields.Text(
        string="Applied in Practice", help="How what was learnt is applied in the work."
    )

    # === ONCHANGE METHODS === #
    @api.onchange("state")
    def _onchange_state(self):
        if self.state == "reached":
            self.progress = 100

    @api.onchange("progress")
    def _onchange_progress(self):
        # Same rule as the goal: 100% is reached, reached is 100%.
        if self.progress >= 100:
            self.state = "reached"
        elif self.state == "reached":
            self.state = "partly"

    # === BUSINESS METHODS === #
    def _is_complete(self):
        self.ensure_one()
        return bool(self.state and (self.lessons_learned or "").strip())

    def _get_goal_values(self):
        self.ensure_one()
        return {
            "state": self.state,
            "progress": self.progress,
            "lessons_learned": self.lessons_learned,
            "application": self.application,
        }
