# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

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
# The outcomes of a goal's evaluation when the plan is closed.
EVALUATED_GOAL_STATES = ("reached", "partly", "not_reached")


class HrPopGoal(models.Model):
    _name = "hr.pop.goal"
    _inherit = ["hr.pop.guard.mixin"]
    _description = "Development Goal"
    _order = "pop_id, category_sequence, sequence, id"
    _pop_fixed_fields = ("pop_id", "template_id")
    _pop_value_ranges = {"progress": (0, 100)}

    # === FIELDS === #
    pop_id = fields.Many2one(
        "hr.pop",
        string="Development Plan",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    category = fields.Selection(GOAL_CATEGORIES, required=True, default="job")
    category_sequence = fields.Integer(compute="_compute_category_sequence", store=True)
    name = fields.Char(
        string="Development Goal",
        required=True,
        help="What the development concretely is.",
    )
    success_measure = fields.Text(help="How we will know that the goal is reached.")
    # Only so that a template is not added twice to a plan; the goal keeps its own
    # values (never synchronised with the template).
    template_id = fields.Many2one(
        "hr.pop.goal.template",
        string="From Template",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
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
        compute="_compute_state",
        store=True,
        readonly=False,
        required=True,
        help="Follows the progress: a goal with progress is in progress, a goal at "
        "100% is reached, and marking it reached sets its progress to 100%.",
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
    # For the form: what may still change, as the model checks it on write.
    content_locked = fields.Boolean(
        compute="_compute_locks",
        help="The plan is signed (or closed): the goal is part of the agreement.",
    )
    execution_locked = fields.Boolean(
        compute="_compute_locks",
        help="The plan is closed or cancelled: its progress and evaluation are final.",
    )

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

    @api.depends("progress")
    def _compute_state(self):
        # A progress review changes only the progress; the status follows it, so
        # that the two never contradict each other.
        for goal in self:
            goal.state = self._state_for_progress(goal.state, goal.progress)

    @api.depends("state", "lessons_learned")
    def _compute_is_evaluated(self):
        for goal in self:
            goal.is_evaluated = goal.state in EVALUATED_GOAL_STATES and bool(
                (goal.lessons_learned or "").strip()
            )

    @api.depends("line_ids.cost", "line_ids.state")
    def _compute_cost(self):
        for goal in self:
            goal.cost = sum(
                goal.line_ids.filtered(lambda line: line.state != "cancelled").mapped(
                    "cost"
                )
            )

    @api.depends("pop_id.state", "pop_id.is_signed")
    def _compute_locks(self):
        for goal in self:
            pop = goal.pop_id
            goal.execution_locked = pop.state in ("done", "cancelled")
            goal.content_locked = bool(
                pop.is_signed
                or goal.execution_locked
                or pop.state in ("to_approve", "running")
            )

    # === CONSTRAINT METHODS === #
    @api.constrains("state", "progress")
    def _check_state_matches_progress(self):
        for goal in self:
            if goal.state == "reached" and goal.progress != 100:
                problem = self.env._(
                    "a reached goal is 100% done: set its progress to 100% or "
                    "choose another status."
                )
            elif goal.progress == 100 and goal.state != "reached":
                problem = self.env._(
                    "a goal at 100% is reached: mark it reached or lower its "
                    "progress."
                )
            elif goal.state == "open" and goal.progress:
                problem = self.env._(
                    "a goal with progress is no longer open: mark it in progress "
                    "or set its progress to 0%."
                )
            else:
                continue
            raise ValidationError(
                self.env._("%(goal)s: %(problem)s", goal=goal.name, problem=problem)
            )

    # === ONCHANGE METHODS === #
    @api.onchange("state")
    def _onchange_state(self):
        # The status chosen wins over the progress; the constraint catches the rest.
        if self.state == "reached":
            self.progress = 100
        elif self.state == "open":
            self.progress = 0

    @api.onchange("skill_id")
    def _onchange_skill_id(self):
        if self.skill_level_id.skill_type_id != self.skill_type_id:
            self.skill_level_id = False

    # === CRUD METHODS === #
    @api.model_create_multi
    def create(self, vals_list):
        self._pop_check_create(vals_list)
        self.env["hr.pop"]._check_new_content_editable(vals_list)
        vals_list = [self._with_matching_state_and_progress(vals) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        self._pop_check_write(vals)
        self.pop_id._check_execution_editable()
        if SIGNED_GOAL_FIELDS & set(vals):
            self.pop_id._check_content_editable()
        if vals.get("state") == "reached" and "progress" not in vals:
            vals = dict(vals, progress=100)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_not_signed(self):
        self.pop_id._check_content_editable()

    # === BUSINESS METHODS === #
    @api.model
    def _state_for_progress(self, state, progress):
        """The status that agrees with ``progress``, starting from ``state``:
        100% is reached, a reached goal below 100% is in progress again (open at
        0%), an open goal with progress is in progress; otherwise it stays."""
        if progress >= 100:
            return "reached"
        if state == "reached" or not state:
            return "in_progress" if progress else "open"
        if state == "open" and progress:
            return "in_progress"
        return state

    @api.model
    def _with_matching_state_and_progress(self, vals):
        """``vals`` of a new goal with a status and a progress that agree: a
        status given alone sets the progress of "reached", a progress given
        alone sets the status."""
        vals = dict(vals)
        if vals.get("state") == "reached":
            vals.setdefault("progress", 100)
        elif not vals.get("state"):
            vals["state"] = self._state_for_progress(False, vals.get("progress") or 0)
        return vals
