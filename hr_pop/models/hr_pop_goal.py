# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# Fields of a goal that are part of the signed plan; progress and evaluation are not.
SIGNED_GOAL_FIELDS = {
    "pop_id",
    "category",
    "name",
    "success_measure",
    "deadline",
    "skill_id",
    "skill_level_id",
}

GOAL_CATEGORIES = [
    ("personal", "Personal Development"),
    ("job", "Job / Task Oriented"),
    ("career", "Career Oriented"),
    ("ongoing", "Ongoing"),
]


class HrPopGoal(models.Model):
    _name = "hr.pop.goal"
    _inherit = ["hr.pop.guard.mixin"]
    _description = "Development Goal"
    _order = "pop_id, category_sequence, sequence, id"
    _pop_fixed_fields = ("pop_id",)
    _pop_value_ranges = {"progress": (0, 100)}

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
    progress = fields.Integer(
        compute="_compute_progress",
        store=True,
        readonly=False,
        help="How far the goal is reached, from 0 to 100%; the latest progress "
        "review sets it.",
    )
    review_line_ids = fields.One2many("hr.pop.review.line", "goal_id")
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
    # Evaluation when the plan is closed (seed 002: "toepassing van het geleerde").
    lessons_learned = fields.Text(string="What Was Learnt")
    application = fields.Text(
        string="Applied in Practice", help="How what was learnt is applied in the work."
    )
    is_evaluated = fields.Boolean(compute="_compute_is_evaluated")
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

    @api.depends("review_line_ids.progress", "review_line_ids.review_id.date")
    def _compute_progress(self):
        for goal in self:
            latest = goal.review_line_ids.sorted(
                lambda line: (line.review_id.date, line.id)
            )[-1:]
            goal.progress = latest.progress if latest else goal.progress

    @api.depends("state", "lessons_learned")
    def _compute_is_evaluated(self):
        for goal in self:
            goal.is_evaluated = goal.state in (
                "reached",
                "partly",
                "not_reached",
            ) and bool((goal.lessons_learned or "").strip())

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

    # === CRUD METHODS === #
    @api.model_create_multi
    def create(self, vals_list):
        self._pop_check_create(vals_list)
        self.env["hr.pop"]._check_new_content_editable(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._pop_check_write(vals)
        self.pop_id._check_execution_editable()
        if SIGNED_GOAL_FIELDS & set(vals):
            self.pop_id._check_content_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_not_signed(self):
        self.pop_id._check_content_editable()
