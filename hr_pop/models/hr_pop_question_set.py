# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrPopQuestionSet(models.Model):
    _name = "hr.pop.question.set"
    _description = "Preparation Question Set"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    question_ids = fields.One2many(
        "hr.pop.question", "question_set_id", string="Questions", copy=True
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty to use the set in every company."
    )
