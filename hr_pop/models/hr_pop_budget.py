# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from .hr_pop_guard_mixin import MAX_AMOUNT

# Plans whose activities commit a budget: approved (and so running) or done.
COMMITTED_POP_STATES = ("running", "done")


class HrPopBudget(models.Model):
    """A training budget of one employee or one department over a window of time:
    a year, or several years as some collective agreements grant (for example an
    amount over five years). Activities count in the window in which they start
    (else their plan starts)."""

    _name = "hr.pop.budget"
    _inherit = ["mail.thread"]
    _description = "Training Budget"
    _order = "date_from desc, id desc"

    # === FIELDS === #
    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee", string="Employee", index=True, tracking=True
    )
    department_id = fields.Many2one(
        "hr.department", string="Department", index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    amount = fields.Monetary(currency_field="currency_id", required=True, tracking=True)
    committed = fields.Monetary(
        compute="_compute_amounts",
        currency_field="currency_id",
        help="The planned cost of the activities (not cancelled) of approved, "
        "running or done plans that start in the window.",
    )
    spent = fields.Monetary(
        compute="_compute_amounts",
        currency_field="currency_id",
        help="The actual cost of the done activities that start in the window.",
    )
    remaining = fields.Monetary(
        compute="_compute_amounts",
        currency_field="currency_id",
        help="The amount minus what is committed.",
    )
    note = fields.Text(help="For example the collective agreement that grants it.")

    _sql_constraints = [
        (
            "employee_or_department",
            "CHECK((employee_id IS NULL) <> (department_id IS NULL))",
            "A training budget is for one employee or one department, not both.",
        ),
        ("amount_positive", "CHECK(amount >= 0)", "A budget cannot be negative."),
        (
            "window_ordered",
            "CHECK(date_to >= date_from)",
            "A budget's window must end after it starts.",
        ),
    ]

    # === COMPUTE METHODS === #
    @api.depends("employee_id", "department_id", "date_from", "date_to")
    def _compute_name(self):
        for budget in self:
            owner = budget.employee_id.name or budget.department_id.name or ""
            period = ""
            if budget.date_from and budget.date_to:
                period = (
                    str(budget.date_from.year)
                    if budget.date_from.year == budget.date_to.year
                    else f"{budget.date_from.year}-{budget.date_to.year}"
                )
            budget.name = f"{owner} {period}".strip()

    def _compute_amounts(self):
        for budget in self:
            domain = budget._get_line_domain()
            budget.committed = budget._sum_lines(
                domain, [("pop_id.state", "in", COMMITTED_POP_STATES)]
            )
            budget.spent = budget._sum_lines(
                domain, [("state", "=", "done")], "actual_cost"
            )
            budget.remaining = budget.amount - budget.committed

    # === CONSTRAINT METHODS === #
    @api.constrains("employee_id", "department_id", "date_from", "date_to")
    def _check_overlap(self):
        for budget in self:
            owner = (
                ("employee_id", "=", budget.employee_id.id)
                if budget.employee_id
                else ("department_id", "=", budget.department_id.id)
            )
            other = self.sudo().search(
                [
                    ("id", "!=", budget.id),
                    owner,
                    ("date_from", "<=", budget.date_to),
                    ("date_to", ">=", budget.date_from),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "%(budget)s overlaps %(other)s (%(start)s to %(end)s): one "
                        "budget per employee or department at a time.",
                        budget=budget.name,
                        other=other.name,
                        start=other.date_from,
                        end=other.date_to,
                    )
                )

    @api.constrains("amount")
    def _check_amount(self):
        # Formatted here: no expression inside _(), which the term export reads.
        maximum = f"{MAX_AMOUNT:,}"
        for budget in self:
            if not 0 <= budget.amount <= MAX_AMOUNT:
                raise ValidationError(
                    self.env._("A budget is between 0 and %(max)s.", max=maximum)
                )

    @api.constrains("employee_id", "department_id", "company_id")
    def _check_company(self):
        for budget in self:
            owner = budget.employee_id or budget.department_id
            if owner.company_id and owner.company_id != budget.company_id:
                raise ValidationError(
                    self.env._(
                        "%(owner)s belongs to %(company)s: its budget too.",
                        owner=owner.name,
                        company=owner.company_id.name,
                    )
                )

    # === ONCHANGE METHODS === #
    @api.onchange("employee_id", "department_id")
    def _onchange_owner(self):
        owner = self.employee_id or self.department_id
        if owner.company_id:
            self.company_id = owner.company_id

    # === BUSINESS METHODS === #
    def _get_line_domain(self, exclude_pop=None):
        """The activities (not cancelled) that count in this budget."""
        self.ensure_one()
        owner = (
            [("pop_id.employee_id", "=", self.employee_id.id)]
            if self.employee_id
            else [("pop_id.department_id", "child_of", self.department_id.id)]
        )
        in_window = [
            "|",
            "&",
            ("date_start", ">=", self.date_from),
            ("date_start", "<=", self.date_to),
            "&",
            ("date_start", "=", False),
            "&",
            ("pop_id.date_start", ">=", self.date_from),
            ("pop_id.date_start", "<=", self.date_to),
        ]
        domain = expression.AND(
            [
                owner,
                in_window,
                [
                    ("state", "!=", "cancelled"),
                    ("pop_id.state", "!=", "cancelled"),
                    ("company_id", "=", self.company_id.id),
                ],
            ]
        )
        if exclude_pop:
            domain = expression.AND([domain, [("pop_id", "!=", exclude_pop.id)]])
        return domain

    def _sum_lines(self, domain, extra_domain, field_name="cost"):
        """The total of ``field_name`` over the activities of ``domain`` and
        ``extra_domain``, summed by the database: a department's budget may hold
        thousands of them, and every plan page asks."""
        [(total,)] = (
            self.env["hr.pop.line"]
            .sudo()
            ._read_group(
                expression.AND([domain, extra_domain]),
                aggregates=[f"{field_name}:sum"],
            )
        )
        return total or 0.0

    def _get_lines(self):
        self.ensure_one()
        return self.env["hr.pop.line"].sudo().search(self._get_line_domain())

    @api.model
    def _get_for_pop(self, pop):
        """The employee's and the department's budgets whose window holds the
        plan's start."""
        pop = pop.sudo()
        return self.sudo().search(
            [
                ("company_id", "=", pop.company_id.id),
                ("date_from", "<=", pop.date_start),
                ("date_to", ">=", pop.date_start),
                "|",
                ("employee_id", "=", pop.employee_id.id),
                ("department_id", "parent_of", pop.department_id.id or 0),
            ]
        )

    def _get_pop_effect(self, pop):
        """``(remaining before the plan, the plan's cost in the window, remaining
        after it)``: what this budget looks like with and without ``pop``."""
        self.ensure_one()
        committed = self._sum_lines(
            self._get_line_domain(exclude_pop=pop),
            [("pop_id.state", "in", COMMITTED_POP_STATES)],
        )
        cost = self._sum_lines(self._get_line_domain(), [("pop_id", "=", pop.id)])
        before = self.amount - committed
        return before, cost, before - cost

    def action_open_lines(self):
        """The activities behind the figures."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Activities of %(budget)s", budget=self.name),
            "res_model": "hr.pop.line",
            "view_mode": "list,form",
            "domain": self._get_line_domain(),
        }
