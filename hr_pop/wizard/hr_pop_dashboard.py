# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.osv import expression

from ..models.hr_pop import POP_STATES, SIGNED_STATES

# The figures of the dashboard, each the count (or sum) of one domain that its
# button opens: (model, field summed or None for a count).
FIGURES = {
    "employees": ("hr.employee", None),
    "covered": ("hr.employee", None),
    "uncovered": ("hr.employee", None),
    "planned_cost": ("hr.pop.line", "cost"),
    "actual_cost": ("hr.pop.line", "actual_cost"),
    "budget": ("hr.pop.budget", "amount"),
    "not_started": ("hr.pop.line", None),
    "not_evaluated": ("hr.pop.line", None),
    "waiting": ("hr.pop", None),
}


class HrPopDashboard(models.TransientModel):
    """HR's landing page: per company, department, manager and period, the plans
    per state, the coverage of the employees in scope, cost against budget and the
    agreements not kept. Every figure is the size of a domain, and its button opens
    the records of that domain."""

    _name = "hr.pop.dashboard"
    _description = "Development Plans Dashboard"

    # === DEFAULT METHODS === #
    @api.model
    def _default_date_from(self):
        return date(fields.Date.context_today(self).year, 1, 1)

    @api.model
    def _default_date_to(self):
        return date(fields.Date.context_today(self).year, 12, 31)

    # === FIELDS === #
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    department_id = fields.Many2one(
        "hr.department",
        domain="[('company_id', 'in', (company_id, False))]",
        help="This department and its sub-departments.",
    )
    manager_id = fields.Many2one(
        "hr.employee",
        string="Manager",
        domain="[('company_id', '=', company_id)]",
        help="The plans this manager holds, and his direct reports.",
    )
    date_from = fields.Date(string="From", required=True, default=_default_date_from)
    date_to = fields.Date(string="To", required=True, default=_default_date_to)
    count_draft = fields.Integer(string="Draft", compute="_compute_states")
    count_invited = fields.Integer(string="Invited", compute="_compute_states")
    count_meeting = fields.Integer(string="Conversation", compute="_compute_states")
    count_to_sign = fields.Integer(string="To Sign", compute="_compute_states")
    count_to_approve = fields.Integer(string="To Approve", compute="_compute_states")
    count_running = fields.Integer(string="Running", compute="_compute_states")
    count_done = fields.Integer(string="Done", compute="_compute_states")
    count_cancelled = fields.Integer(string="Cancelled", compute="_compute_states")
    employees = fields.Integer(string="Employees in Scope", compute="_compute_figures")
    covered = fields.Integer(string="With a Signed Plan", compute="_compute_figures")
    uncovered = fields.Integer(
        string="Without a Signed Plan", compute="_compute_figures"
    )
    coverage = fields.Float(string="Coverage (%)", compute="_compute_figures")
    planned_cost = fields.Monetary(compute="_compute_figures")
    actual_cost = fields.Monetary(compute="_compute_figures")
    budget = fields.Monetary(compute="_compute_figures")
    not_started = fields.Integer(
        string="Activities Not Started", compute="_compute_figures"
    )
    not_evaluated = fields.Integer(
        string="Activities Not Evaluated", compute="_compute_figures"
    )
    waiting = fields.Integer(
        string="Plans Waiting Too Long", compute="_compute_figures"
    )

    # === COMPUTE METHODS === #
    def _compute_display_name(self):
        for dashboard in self:
            dashboard.display_name = self.env._("Dashboard")

    @api.depends("company_id", "department_id", "manager_id", "date_from", "date_to")
    def _compute_states(self):
        for dashboard in self:
            counts = dict(
                self.env["hr.pop"]._read_group(
                    dashboard._get_pop_domain(), ["state"], ["__count"]
                )
            )
            for state, _label in POP_STATES:
                dashboard[f"count_{state}"] = counts.get(state, 0)

    @api.depends("company_id", "department_id", "manager_id", "date_from", "date_to")
    def _compute_figures(self):
        for dashboard in self:
            for figure, (model, summed) in FIGURES.items():
                domain = dashboard._get_figure_domain(figure)
                if summed:
                    [(total,)] = self.env[model]._read_group(
                        domain, aggregates=[f"{summed}:sum"]
                    )
                    dashboard[figure] = total or 0
                else:
                    dashboard[figure] = self.env[model].search_count(domain)
            dashboard.coverage = (
                100.0 * dashboard.covered / dashboard.employees
                if dashboard.employees
                else 0.0
            )

    # === ACTION METHODS === #
    def action_open_state(self):
        """The plans in the state of the button's context (``pop_state``)."""
        self.ensure_one()
        state = self.env.context.get("pop_state")
        label = dict(POP_STATES).get(state, "")
        return self._open(
            "hr.pop",
            expression.AND([self._get_pop_domain(), [("state", "=", state)]]),
            self.env._("Plans: %(state)s", state=label),
        )

    def action_open_figure(self):
        """The records behind the figure of the button's context (``figure``)."""
        self.ensure_one()
        figure = self.env.context.get("figure")
        model, summed = FIGURES[figure]
        if model == "hr.pop.line" and summed:
            # Cost per department, category and activity type.
            return self._open(
                model,
                self._get_figure_domain(figure),
                self._fields[figure].get_description(self.env)["string"],
                "pivot,list,form",
                {
                    "pivot_row_groupby": ["department_id", "category"],
                    "pivot_column_groupby": ["activity_type"],
                    "pivot_measures": ["cost", "actual_cost"],
                },
            )
        return self._open(
            model,
            self._get_figure_domain(figure),
            self._fields[figure].get_description(self.env)["string"],
        )

    # === BUSINESS METHODS === #
    def _open(self, model, domain, name, view_mode="list,form", context=None):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": view_mode,
            "domain": domain,
            "context": {"create": False, **(context or {})},
        }

    def _get_pop_domain(self, prefix="", period=True):
        """The plans of the dashboard's company, department, manager and period."""
        self.ensure_one()
        domain = [(f"{prefix}company_id", "=", self.company_id.id)]
        if self.department_id:
            domain.append((f"{prefix}department_id", "child_of", self.department_id.id))
        if self.manager_id:
            domain.append((f"{prefix}manager_id", "=", self.manager_id.id))
        if period:
            domain += [
                (f"{prefix}date_start", "<=", self.date_to),
                (f"{prefix}date_end", ">=", self.date_from),
            ]
        return domain

    def _get_employee_domain(self):
        """The employees in scope: the company's POP scope, the department, the
        manager's direct reports."""
        self.ensure_one()
        domain = self.env["hr.pop.notification"]._get_pop_scope_domain(self.company_id)
        if self.department_id:
            domain = expression.AND(
                [domain, [("department_id", "child_of", self.department_id.id)]]
            )
        if self.manager_id:
            domain = expression.AND([domain, [("parent_id", "=", self.manager_id.id)]])
        return domain

    def _get_figure_domain(self, figure):
        self.ensure_one()
        signed_in_period = [
            ("state", "in", SIGNED_STATES),
            ("date_start", "<=", self.date_to),
            ("date_end", ">=", self.date_from),
        ]
        today = fields.Date.context_today(self)
        pop_lines = self._get_pop_domain(prefix="pop_id.")
        running_lines = expression.AND(
            [self._get_pop_domain(prefix="pop_id.", period=False)]
            + [[("pop_id.state", "=", "running")]]
        )
        domains = {
            "employees": lambda: self._get_employee_domain(),
            "covered": lambda: expression.AND(
                [self._get_employee_domain(), [("pop_ids", "any", signed_in_period)]]
            ),
            "uncovered": lambda: expression.AND(
                [
                    self._get_employee_domain(),
                    [("pop_ids", "not any", signed_in_period)],
                ]
            ),
            "planned_cost": lambda: expression.AND(
                [
                    pop_lines,
                    [
                        ("pop_id.state", "in", SIGNED_STATES),
                        ("state", "!=", "cancelled"),
                    ],
                ]
            ),
            "actual_cost": lambda: expression.AND(
                [pop_lines, [("pop_id.state", "in", SIGNED_STATES)]]
            ),
            "budget": lambda: self._get_budget_domain(),
            # Seed 002: "watch that courses really begin".
            "not_started": lambda: expression.AND(
                [running_lines, [("state", "=", "planned"), ("date_start", "<", today)]]
            ),
            "not_evaluated": lambda: expression.AND(
                [
                    running_lines,
                    [
                        ("state", "not in", ("done", "cancelled")),
                        ("date_end", "<", today),
                    ],
                ]
            ),
            "waiting": lambda: self._get_waiting_domain(),
        }
        return domains[figure]()

    def _get_budget_domain(self):
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("date_from", "<=", self.date_to),
            ("date_to", ">=", self.date_from),
        ]
        if self.department_id or self.manager_id:
            employees = [("employee_id", "any", self._get_employee_domain())]
            departments = (
                [("department_id", "child_of", self.department_id.id)]
                if self.department_id
                else [("id", "=", 0)]
            )
            domain = expression.AND([domain, expression.OR([employees, departments])])
        return domain

    def _get_waiting_domain(self):
        """Plans waiting for a signature or an approval longer than the reminder
        interval of the company (its remindered plans)."""
        self.ensure_one()
        company = self.company_id
        now = fields.Datetime.now()
        waiting = []
        for state, days in (
            ("to_sign", company.pop_signature_reminder_days),
            ("to_approve", company.pop_approval_reminder_days),
        ):
            if days:
                waiting.append(
                    [
                        ("state", "=", state),
                        ("state_date", "<", now - timedelta(days=days)),
                    ]
                )
        if not waiting:
            return [("id", "=", 0)]
        return expression.AND(
            [self._get_pop_domain(period=False), expression.OR(waiting)]
        )
