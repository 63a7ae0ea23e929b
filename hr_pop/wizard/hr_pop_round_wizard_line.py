# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPopRoundWizardLine(models.TransientModel):
    _name = "hr.pop.round.wizard.line"
    _description = "POP Round Employee"

    wizard_id = fields.Many2one(
        "hr.pop.round.wizard", required=True, ondelete="cascade"
    )
    # Only whom the user may plan for is offered (the record rules of hr.pop).
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        domain=lambda self: self.env["hr.pop.round.wizard"]._get_plannable_domain(),
    )
    department_id = fields.Many2one(related="employee_id.department_id")
    meeting_date = fields.Datetime(
        string="Conversation Date",
        help="Optional: with a date, the invitation goes out by itself ahead of it.",
    )
