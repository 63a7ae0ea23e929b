# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .hr_pop_course import ACTIVITY_TYPES


class HrPopGoalTemplateLine(models.Model):
    """An activity a goal template suggests: a course of the catalog, or another
    activity with its cost."""

    _name = "hr.pop.goal.template.line"
    _description = "Suggested Activity of a Goal Template"
    _order = "template_id, sequence, id"

    # === FIELDS === #
    template_id = fields.Many2one(
        "hr.pop.goal.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    course_id = fields.Many2one("hr.pop.course", string="Course")
    name = fields.Char(
        string="Activity",
        compute="_compute_from_course",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        translate=True,
    )
    activity_type = fields.Selection(
        ACTIVITY_TYPES,
        compute="_compute_from_course",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    cost = fields.Monetary(
        compute="_compute_from_course",
        store=True,
        readonly=False,
        precompute=True,
        currency_field="currency_id",
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )

    _sql_constraints = [
        ("cost_positive", "CHECK(cost >= 0)", "A cost cannot be negative."),
    ]

    # === COMPUTE METHODS === #
    @api.depends("course_id")
    def _compute_from_course(self):
        for line in self:
            if line.course_id:
                line.name = line.course_id.name
                line.activity_type = line.course_id.activity_type
                line.cost = line.course_id.cost
            else:
                line.name = line.name or False
                line.activity_type = line.activity_type or "course"
                line.cost = line.cost or 0.0

    # === BUSINESS METHODS === #
    def _get_activity_values(self, goal):
        """The activity of ``goal`` this suggestion becomes."""
        self.ensure_one()
        values = {"pop_id": goal.pop_id.id, "goal_id": goal.id}
        if self.course_id:
            # The plan's activity takes the course's name, type, institute and cost.
            return dict(values, course_id=self.course_id.id)
        return dict(
            values, name=self.name, activity_type=self.activity_type, cost=self.cost
        )
