# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrPopGoalTemplateWizard(models.TransientModel):
    """ "Add goals from templates": the templates that suit the employee's job and
    department first, each to tick."""

    _name = "hr.pop.goal.template.wizard"
    _description = "Add Goals from Templates"

    pop_id = fields.Many2one(
        "hr.pop", string="Development Plan", required=True, ondelete="cascade"
    )
    line_ids = fields.One2many(
        "hr.pop.goal.template.wizard.line", "wizard_id", string="Templates"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        pop = self.env["hr.pop"].browse(values.get("pop_id")).exists()
        if pop and "line_ids" in fields_list:
            used = pop.sudo().goal_ids.template_id
            templates = self.env["hr.pop.goal.template"].search(
                [
                    ("id", "not in", used.ids),
                    ("company_id", "in", (False, pop.company_id.id)),
                ]
            )
            rows = sorted(
                ((template._fits(pop), template) for template in templates),
                key=lambda row: (not row[0], row[1].sequence, row[1].name),
            )
            values["line_ids"] = [
                fields.Command.create({"template_id": template.id, "fits": fits})
                for fits, template in rows
            ]
        return values

    def action_confirm(self):
        self.ensure_one()
        self.pop_id.action_add_goal_templates(
            self.line_ids.filtered("selected").template_id.ids
        )
        return {"type": "ir.actions.act_window_close"}
