# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPopGoalTemplateWizardLine(models.TransientModel):
    _name = "hr.pop.goal.template.wizard.line"
    _description = "Goal Template to Add"
    _order = "fits desc, id"

    wizard_id = fields.Many2one(
        "hr.pop.goal.template.wizard", required=True, ondelete="cascade"
    )
    template_id = fields.Many2one(
        "hr.pop.goal.template", string="Goal", required=True, ondelete="cascade"
    )
    category = fields.Selection(related="template_id.category")
    success_measure = fields.Text(related="template_id.success_measure")
    fits = fields.Boolean(
        string="Suits the Job", help="Made for the employee's job and department."
    )
    selected = fields.Boolean(string="Add")
