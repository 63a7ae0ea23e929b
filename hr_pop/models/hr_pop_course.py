# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .hr_pop_guard_mixin import MAX_AMOUNT

ACTIVITY_TYPES = [
    ("course", "External Course"),
    ("internal", "Internal Training"),
    ("coaching", "Coaching"),
    ("shadowing", "Job Shadowing"),
    ("self_study", "Self-Study"),
    ("rotation", "Job Rotation"),
    ("extra_tasks", "Extra Tasks"),
    ("internship", "Internship"),
    ("other", "Other"),
]


class HrPopCourse(models.Model):
    _name = "hr.pop.course"
    _inherit = ["hr.pop.guard.mixin"]
    _pop_value_ranges = {"cost": (0, MAX_AMOUNT), "duration_hours": (0, 10_000)}
    _description = "Training Catalog Entry"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    institute_id = fields.Many2one(
        "res.partner", string="Institute", help="Who gives the course."
    )
    code = fields.Char(string="Course Number")
    activity_type = fields.Selection(ACTIVITY_TYPES, required=True, default="course")
    company_id = fields.Many2one(
        "res.company", help="Leave empty to offer the course in every company."
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        help="The company's currency, else the current company's.",
    )
    cost = fields.Monetary(currency_field="currency_id")
    duration_hours = fields.Float(string="Duration (hours)")
    description = fields.Html(translate=True)

    _sql_constraints = [
        (
            "cost_positive",
            "CHECK(cost >= 0)",
            "The cost of a course cannot be negative.",
        ),
        (
            "duration_positive",
            "CHECK(duration_hours >= 0)",
            "The duration of a course cannot be negative.",
        ),
    ]

    def _compute_currency_id(self):
        for course in self:
            course.currency_id = (course.company_id or self.env.company).currency_id

    @api.model_create_multi
    def create(self, vals_list):
        self._pop_check_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._pop_check_write(vals)
        return super().write(vals)
