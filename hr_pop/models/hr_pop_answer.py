# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

ANSWER_MAX_LENGTH = 5000


class HrPopAnswer(models.Model):
    _name = "hr.pop.answer"
    _inherit = ["hr.pop.guard.mixin"]
    _description = "Preparation Answer"
    _order = "pop_id, author, sequence, id"
    # An answer stays the answer of its side to its question; only sharing it
    # (action_share_preparation) shows it to the other side.
    _pop_fixed_fields = ("pop_id", "question_id")
    _pop_workflow_fields = {"shared": None}

    pop_id = fields.Many2one(
        "hr.pop",
        string="Development Plan",
        required=True,
        ondelete="cascade",
        index=True,
    )
    question_id = fields.Many2one("hr.pop.question", required=True, ondelete="restrict")
    question = fields.Text(related="question_id.name", string="Question Text")
    sequence = fields.Integer(related="question_id.sequence", store=True)
    author = fields.Selection(related="question_id.audience", store=True, index=True)
    answer = fields.Text()
    # Hidden from the other side until its author shares it (agenda exchange, seed 003).
    shared = fields.Boolean(readonly=True, copy=False)
    company_id = fields.Many2one(related="pop_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "question_unique",
            "UNIQUE(pop_id, question_id)",
            "A question is answered once per plan.",
        ),
    ]

    @api.constrains("answer")
    def _check_answer_length(self):
        for answer in self:
            if answer.answer and len(answer.answer) > ANSWER_MAX_LENGTH:
                raise UserError(
                    self.env._(
                        "An answer can be at most %(max)s characters long.",
                        max=ANSWER_MAX_LENGTH,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._pop_check_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._pop_check_write(vals)
        if "answer" in vals and not self.env.su:
            for pop in self.pop_id:
                for role in set(
                    self.filtered(lambda a, pop=pop: a.pop_id == pop).mapped("author")
                ):
                    pop._check_preparation_open(role)
        return super().write(vals)
