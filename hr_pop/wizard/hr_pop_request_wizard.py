# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrPopRequestWizard(models.TransientModel):
    """The back-office form of an employee who asks for a development
    conversation: always for his own employee (hr.pop.request takes it from the
    user, never from the form)."""

    _name = "hr.pop.request.wizard"
    _description = "Request a Development Conversation"

    motivation = fields.Text(
        required=True,
        help="Why you would like a development conversation; your manager reads it.",
    )
    line_ids = fields.One2many(
        "hr.pop.request.wizard.line", "wizard_id", string="First Goals"
    )
    share_goals = fields.Boolean(
        string="Share My Goals with My Manager",
        help="Unticked, your first goals stay yours: your manager reads them only "
        "once you share them, as with your preparation answers.",
    )
    manager_name = fields.Char(compute="_compute_manager_name", string="Manager")

    @api.depends_context("uid")
    def _compute_manager_name(self):
        employee = self.env.user.sudo().employee_id
        manager = employee._get_pop_default_manager() if employee else False
        for wizard in self:
            wizard.manager_name = manager.name if manager else False

    def action_confirm(self):
        self.ensure_one()
        request = self.env["hr.pop.request"]._request_conversation(
            self.motivation,
            [(line.name, line.category) for line in self.line_ids],
            self.share_goals,
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Request sent"),
                "message": self.env._(
                    "Your request for a development conversation was sent to "
                    "%(manager)s.",
                    manager=request.pop_id.manager_id.name,
                ),
                # Closes the dialog and reloads the list: the plan is in it.
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
