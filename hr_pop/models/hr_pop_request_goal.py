# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_pop_goal import GOAL_CATEGORIES


class HrPopRequestGoal(models.Model):
    _name = "hr.pop.request.goal"
    _description = "First Goal of a Conversation Request"
    _order = "request_id, sequence, id"

    request_id = fields.Many2one(
        "hr.pop.request",
        string="Request",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(readonly=True, default=10)
    name = fields.Char(string="Goal", required=True, readonly=True)
    category = fields.Selection(
        GOAL_CATEGORIES, required=True, readonly=True, default="personal"
    )
    # Hidden from the manager and HR until the employee shares it (seed 003).
    shared = fields.Boolean(
        string="Shared with Manager", readonly=True, copy=False, default=False
    )
    pop_id = fields.Many2one(related="request_id.pop_id", store=True, index=True)
    employee_id = fields.Many2one(
        related="request_id.employee_id", store=True, index=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True)
