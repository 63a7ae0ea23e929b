# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

GOAL_CATEGORIES = [
    ("personal", "Personal Development"),
    ("job", "Job / Task Oriented"),
    ("career", "Career Oriented"),
    ("ongoing", "Ongoing"),
]


class HrPopGoal(models.Model):
    _name = "hr.pop.goal"
    _description = "Development Goal"
    _order = "pop_id, category_sequence, sequence, id"

    # === FIELDS === #
    pop_id = fields.Many2one("hr.pop", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    category = fields.Selection(GOAL_CATEGORIES, required=True, default="job")
    category_sequence = fields.Integer(compute="_compute_category_sequence", store=True)
    name = fields.Char(
        string="Development Goal",
        required=True,
        help="What the development concretely is.",
    )
    success_measure = fields.Text(help="How we will know that the goal is reached.")
    deadline = fields.Date()
    skill_id = fields.Many2one(
        "hr.skill", help="The skill this goal develops (optional)."
    )
    skill_type_id = fields.Many2one(related="skill_id.skill_type_id")
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Target Level",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    progress = fields.Integer(help="How far the goal is reached, from 0 to 100%.")
    state = fields.Selection(
        [
            ("open", "Open"),
            ("in_progress", "In Progress"),
            ("reached", "Reached"),
            ("partly", "Partly Reached"),
            ("not_reached", "Not Reached"),
        ],
        string="Status",
        default="open",
        required=True,
    )
    line_ids = fields.One2many("hr.pop.line", "goal_id", string="Activities")
    employee_id = fields.Many2one(related="pop_id.employee_id", store=True, index=True)
    department_id = fields.Many2one(related="pop_id.department_id", store=True)
    company_id = fields.Many2one(related="pop_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="pop_id.currency_id")
    cost = fields.Monetary(compute="_compute_cost", currency_field="currency_id")

    _sql_constraints = [
        (
            "progress_range",
            "CHECK(progress BETWEEN 0 AND 100)",
            "The progress of a goal must be between 0 and 100%.",
        ),
    ]

    # === COMPUTE METHODS === #
    @api.depends("category")
    def _compute_category_sequence(self):
        order = [key for key, _label in GOAL_CATEGORIES]
        for goal in self:
            goal.category_sequence = order.index(goal.category) if goal.category else 0

    @api.depends("line_ids.cost", "line_ids.state")
    def _compute_cost(self):
        for goal in self:
            goal.cost = sum(
                goal.line_ids.filtered(lambda line: line.state != "cancelled").mapped(
                    "cost"
                )
            )

    # === ONCHANGE METHODS === #
    @api.onchange("skill_id")
    def _onchange_skill_id(self):
        if self.skill_level_id.skill_type_id != self.skill_type_id:
            self.skill_level_id = False
