# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError

# The plan fields that hold what was signed: the signed PDF and the scans of
# signatures given on paper.
POP_EVIDENCE_FIELDS = (
    "signed_attachment_id",
    "employee_signature_attachment_id",
    "manager_signature_attachment_id",
)
# Odoo itself sets these on any attachment (a link shown in the portal chatter).
HARMLESS_FIELDS = {"access_token"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    # === CRUD METHODS === #
    def write(self, vals):
        if set(vals) - HARMLESS_FIELDS:
            self._check_pop_evidence()
        return super().write(vals)

    def unlink(self):
        self._check_pop_evidence()
        return super().unlink()

    # === BUSINESS METHODS === #
    def _check_pop_evidence(self):
        """The attachment rules let whoever may write a plan change or delete its
        attachments; what was signed stays as it was (only the retention action,
        which anonymises the whole plan, removes it)."""
        Pop = self.env["hr.pop"]
        if Pop._pop_is_anonymising() or not self.ids:
            return
        if not self.sudo().filtered(
            lambda attachment: attachment.res_model == "hr.pop"
        ):
            return
        domain = ["|"] * (len(POP_EVIDENCE_FIELDS) - 1) + [
            (field, "in", self.ids) for field in POP_EVIDENCE_FIELDS
        ]
        if Pop.sudo().search_count(domain, limit=1):
            raise UserError(
                self.env._(
                    "This file is what was signed (the signed plan or the scan of a "
                    "signature on paper): it cannot be changed or deleted."
                )
            )
