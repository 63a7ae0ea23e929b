# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPopQuestion(models.Model):
    _name = "hr.pop.question"
    _description = "Preparation Question"
    _order = "question_set_id, audience, sequence, id"

    name = fields.Text(string="Question", required=True, translate=True)
    audience = fields.Selection(
        [("employee", "Employee"), ("manager", "Manager")],
        required=True,
        default="employee",
        help="Who answers this question to prepare the conversation.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    question_set_id = fields.Many2one(
        "hr.pop.question.set", required=True, ondelete="cascade", index=True
    )
