# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPopReasonWizard(models.TransientModel):
    _name = "hr.pop.reason.wizard"
    _description = "Reason to Cancel or Refuse a Development Plan"

    pop_id = fields.Many2one(
        "hr.pop", string="Development Plan", required=True, ondelete="cascade"
    )
    action = fields.Selection(
        [
            ("cancel", "Cancel"),
            ("refuse", "Refuse"),
            ("decline_request", "Decline the Employee's Request"),
        ],
        required=True,
        default="cancel",
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.action == "refuse":
            self.pop_id.action_refuse(self.reason)
        elif self.action == "decline_request":
            self.pop_id.action_decline_request(self.reason)
        else:
            self.pop_id.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
