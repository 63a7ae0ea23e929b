# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class HrPopPaperSignatureWizard(models.TransientModel):
    _name = "hr.pop.paper.signature.wizard"
    _description = "Record a Development Plan Signed on Paper"

    pop_id = fields.Many2one(
        "hr.pop", string="Development Plan", required=True, ondelete="cascade"
    )
    role = fields.Selection(
        [("employee", "Employee"), ("manager", "Manager")],
        string="Signed By",
        required=True,
        default="employee",
    )
    scan = fields.Binary(
        string="Signed Scan",
        attachment=False,
        help="The scan or photo of the plan signed on paper (PDF or image).",
    )
    scan_filename = fields.Char()
    signer_name = fields.Char(string="Name", required=True)
    decision = fields.Selection(
        [("agree", "Agreed"), ("seen", "Seen, Not Agreed")],
        default="agree",
        required=True,
        help="As the employee marked it on paper. Seen: he received the plan "
        "without agreeing to it.",
    )
    comment = fields.Text(help="The employee's remarks or objection on the paper.")
    # The plan as it was printed for signing, when the dialog opened.
    content_hash = fields.Char()
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

    @api.onchange("role")
    def _onchange_role(self):
        if self.pop_id and self.role:
            person = self.pop_id.sudo()[f"{self.role}_id"]
            self.signer_name = person.name or self.signer_name

    def action_record(self):
        self.ensure_one()
        if not self.scan:
            raise UserError(
                self.env._(
                    "Add the scan or photo of the plan signed on paper: without it "
                    "a signature on paper cannot be recorded."
                )
            )
        # Uploaded by the user, not attached yet: the plan checks and takes it.
        scan = self.env["ir.attachment"].create(
            {
                "name": self.scan_filename
                or self.env._("Signed on paper - %(pop)s", pop=self.pop_id.name),
                "datas": self.scan,
            }
        )
        self.pop_id.action_record_paper_signature(
            self.role,
            scan.id,
            self.signer_name,
            decision=self.decision if self.role == "employee" else "agree",
            comment=self.comment if self.role == "employee" else None,
            content_hash=self.content_hash,
        )
        return {"type": "ir.actions.act_window_close"}
