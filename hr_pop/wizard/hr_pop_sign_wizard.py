# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrPopSignWizard(models.TransientModel):
    _name = "hr.pop.sign.wizard"
    _description = "Sign a Development Plan"

    pop_id = fields.Many2one(
        "hr.pop", string="Development Plan", required=True, ondelete="cascade"
    )
    role = fields.Selection(
        [("employee", "Employee"), ("manager", "Manager")], required=True
    )
    signer_name = fields.Char(
        string="Name", required=True, default=lambda self: self.env.user.name
    )
    signature = fields.Binary(required=True)
    decision = fields.Selection(
        [("agree", "Agreed"), ("seen", "Seen, Not Agreed")],
        default="agree",
        required=True,
        help="Seen: you confirm you received the plan without agreeing to it.",
    )
    comment = fields.Text(help="Your remarks or objection; they stay on the plan.")
    # The plan as the signer saw it when the dialog opened.
    content_hash = fields.Char()
    total_cost = fields.Monetary(related="pop_id.total_cost")
    currency_id = fields.Many2one(related="pop_id.currency_id")

    repayment_note = fields.Text(
        string="Repayment Agreement",
        compute="_compute_repayment_note",
        help="The study-cost repayment clauses the employee accepts by signing.",
    )

    @api.depends("pop_id")
    def _compute_repayment_note(self):
        for wizard in self:
            wizard.repayment_note = (
                wizard.pop_id._get_repayment_note() if wizard.pop_id else False
            )

    def action_sign(self):
        self.ensure_one()
        self.pop_id.sign(
            self.role,
            self.signature,
            self.signer_name,
            decision=self.decision if self.role == "employee" else "agree",
            comment=self.comment,
            content_hash=self.content_hash,
        )
        return {"type": "ir.actions.act_window_close"}
