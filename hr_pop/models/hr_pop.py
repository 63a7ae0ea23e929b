# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

POP_STATES = [
    ("draft", "Draft"),
    ("invited", "Invited"),
    ("meeting", "Conversation"),
    ("to_sign", "To Sign"),
    ("to_approve", "To Approve"),
    ("running", "Running"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class HrPop(models.Model):
    _name = "hr.pop"
    _description = "Personal Development Plan"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    # === DEFAULT METHODS === #
    def _default_date_end(self):
        return fields.Date.context_today(self) + relativedelta(years=1, days=-1)

    # === FIELDS === #
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    manager_id = fields.Many2one(
        "hr.employee",
        compute="_compute_manager_id",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        check_company=True,
        help="The manager who holds the development conversation and signs the plan.",
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        required=True,
        index=True,
        precompute=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_job",
        store=True,
        index=True,
        compute_sudo=True,
    )
    job_id = fields.Many2one(
        "hr.job", compute="_compute_department_job", store=True, compute_sudo=True
    )
    # The employee block of the POP form (seed 002): always taken from the employee.
    registration_number = fields.Char(
        string="Personnel Number", compute="_compute_employee_block", compute_sudo=True
    )
    weekly_hours = fields.Float(
        string="Weekly Working Hours",
        compute="_compute_employee_block",
        compute_sudo=True,
    )
    in_service_since = fields.Date(
        compute="_compute_employee_block", compute_sudo=True
    )
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", string="Employee User"
    )
    manager_user_id = fields.Many2one(
        related="manager_id.user_id", string="Manager User"
    )
    date_start = fields.Date(
        string="Period Start",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(
        string="Period End", required=True, default=_default_date_end, tracking=True
    )
    meeting_date = fields.Datetime(
        string="Conversation Date",
        tracking=True,
        help="When the development conversation takes place.",
    )
    previous_pop_id = fields.Many2one(
        "hr.pop",
        string="Previous POP",
        compute="_compute_previous_pop_id",
        store=True,
        compute_sudo=True,
        help="The employee's previous plan, whose agreements are reviewed in this one.",
    )
    state = fields.Selection(
        POP_STATES,
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
        group_expand=True,
    )
    # Conversation sections (seed 002, step 3).
    current_position = fields.Html(
        string="Where the employee stands now",
        help="Where does the employee stand in the job now, and what can be developed?",
    )
    desired_development = fields.Html(
        string="Where the employee wants to go",
        help="What is the desired or necessary development?",
    )
    focus_areas = fields.Html(
        string="Focus for the coming 1-2 years",
        help="What will the employee pay attention to in the coming period, and why?",
    )
    support_needed = fields.Html(
        help="Which actions are taken; who and what are needed for them?"
    )
    progress_follow_up = fields.Html(
        string="How progress is followed",
        help="How do manager and employee follow and evaluate the development together?",
    )
    goal_ids = fields.One2many("hr.pop.goal", "pop_id", string="Goals", copy=True)
    line_ids = fields.One2many(
        "hr.pop.line", "pop_id", string="Development Activities", copy=True
    )
    goal_count = fields.Integer(compute="_compute_goal_count")
    total_cost = fields.Monetary(
        compute="_compute_total_cost",
        store=True,
        currency_field="currency_id",
        tracking=True,
    )

    # === COMPUTE METHODS === #
    @api.depends("employee_id")
    def _compute_manager_id(self):
        for pop in self:
            pop.manager_id = pop.employee_id.parent_id

    @api.depends("employee_id")
    def _compute_company_id(self):
        for pop in self:
            pop.company_id = pop.employee_id.company_id or self.env.company

    @api.depends("employee_id.department_id", "employee_id.job_id")
    def _compute_department_job(self):
        for pop in self:
            pop.department_id = pop.employee_id.department_id
            pop.job_id = pop.employee_id.job_id

    @api.depends("employee_id")
    def _compute_employee_block(self):
        for pop in self:
            employee = pop.employee_id
            # hr_contract adds a registration number; without it the badge ID serves.
            pop.registration_number = (
                employee.registration_number
                if "registration_number" in employee._fields
                else employee.barcode
            )
            calendar = employee.resource_calendar_id
            pop.weekly_hours = calendar._calculate_hours_per_week() if calendar else 0.0
            hire_date = employee[employee._get_new_hire_field()] if employee else False
            pop.in_service_since = hire_date and fields.Date.to_date(hire_date)

    @api.depends("employee_id", "date_start", "state")
    def _compute_previous_pop_id(self):
        for pop in self:
            if not pop.employee_id or not pop.date_start:
                pop.previous_pop_id = False
                continue
            pop.previous_pop_id = self.search(
                [
                    ("employee_id", "=", pop.employee_id.id),
                    ("date_start", "<", pop.date_start),
                    ("state", "!=", "cancelled"),
                    ("id", "!=", pop._origin.id or 0),
                ],
                order="date_start desc, id desc",
                limit=1,
            )

    @api.depends("goal_ids")
    def _compute_goal_count(self):
        for pop in self:
            pop.goal_count = len(pop.goal_ids)

    @api.depends("line_ids.cost", "line_ids.state")
    def _compute_total_cost(self):
        for pop in self:
            pop.total_cost = sum(
                pop.line_ids.filtered(lambda line: line.state != "cancelled").mapped(
                    "cost"
                )
            )

    def _compute_access_url(self):
        super()._compute_access_url()
        for pop in self:
            pop.access_url = f"/my/pops/{pop.id}"

    # === CONSTRAINT METHODS === #
    @api.constrains("date_start", "date_end")
    def _check_period(self):
        for pop in self:
            if pop.date_end <= pop.date_start:
                raise ValidationError(
                    self.env._(
                        "The period of %(pop)s must end after it starts.", pop=pop.name
                    )
                )

    @api.constrains("employee_id", "date_start", "date_end", "state")
    def _check_overlapping_pops(self):
        for pop in self.filtered(lambda p: p.state != "cancelled"):
            overlapping = self.sudo().search(
                [
                    ("id", "!=", pop.id),
                    ("employee_id", "=", pop.employee_id.id),
                    ("state", "!=", "cancelled"),
                    ("date_start", "<=", pop.date_end),
                    ("date_end", ">=", pop.date_start),
                ],
                limit=1,
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "%(employee)s already has a development plan for an "
                        "overlapping period (%(other)s). Cancel that plan or choose "
                        "another period.",
                        employee=pop.employee_id.name,
                        other=overlapping.name,
                    )
                )

    # === CRUD METHODS === #
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("hr.pop") or "/"
        return super().create(vals_list)

    # === BUSINESS METHODS === #
    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("POP %(name)s", name=self.name).replace("/", "-")
