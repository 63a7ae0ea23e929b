# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.hr_pop_goal import GOAL_CATEGORIES


class HrPopRequestWizardLine(models.TransientModel):
    _name = "hr.pop.request.wizard.line"
    _description = "First Goal of a Conversation Request (Form)"

    wizard_id = fields.Many2one(
        "hr.pop.request.wizard", required=True, ondelete="cascade"
    )
    name = fields.Char(string="Goal", required=True)
    category = fields.Selection(GOAL_CATEGORIES, required=True, default="personal")
