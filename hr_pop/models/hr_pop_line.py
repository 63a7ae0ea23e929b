# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .hr_pop import SIGNED_STATES, write_per_record
from .hr_pop_course import ACTIVITY_TYPES
from .hr_pop_guard_mixin import MAX_AMOUNT

# A study-cost repayment clause longer than ten years is not a sensible agreement.
MAX_REPAYMENT_MONTHS = 120
# Fields of an activity that are not part of the signed plan: its execution.
UNSIGNED_LINE_FIELDS = {"state", "sequence", "resume_line_id", "actual_cost"}
# What HR enters when the invoice comes, also after the plan is closed.
INVOICED_LINE_FIELDS = {"actual_cost"}
# Activities that go on the employee's resume once done: courses and trainings.
RESUME_ACTIVITY_TYPES = ("course", "internal")


class HrPopLine(models.Model):
    _name = "hr.pop.line"
    _inherit = ["hr.pop.guard.mixin"]
    _description = "Development Activity"
    _order = "pop_id, sequence, id"
    _pop_fixed_fields = ("pop_id",)
    # Only marking the activity done links it to the resume line it added.
    _pop_workflow_fields = {"resume_line_id": None}
    _pop_value_ranges = {
        "cost": (0, MAX_AMOUNT),
        "actual_cost": (0, MAX_AMOUNT),
        "repayment_months": (0, MAX_REPAYMENT_MONTHS),
    }

    # === FIELDS === #
    pop_id = fields.Many2one(
        "hr.pop",
        string="Development Plan",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    goal_id = fields.Many2one(
        "hr.pop.goal",
        string="Goal",
        domain="[('pop_id', '=', pop_id)]",
        ondelete="set null",
    )
    category = fields.Selection(related="goal_id.category", store=True)
    name = fields.Char(
        string="Activity",
        compute="_compute_from_course",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    course_id = fields.Many2one("hr.pop.course", string="Course")
    activity_type = fields.Selection(
        ACTIVITY_TYPES,
        compute="_compute_from_course",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    institute_id = fields.Many2one(
        "res.partner",
        string="Institute",
        compute="_compute_from_course",
        store=True,
        readonly=False,
        precompute=True,
    )
    course_code = fields.Char(
        string="Course Number",
        compute="_compute_from_course",
        store=True,
        readonly=False,
        precompute=True,
    )
    currency_id = fields.Many2one(related="pop_id.currency_id")
    cost = fields.Monetary(
        compute="_compute_from_course",
        store=True,
        readonly=False,
        precompute=True,
        currency_field="currency_id",
    )
    actual_cost = fields.Monetary(
        currency_field="currency_id",
        copy=False,
        help="The invoiced amount, entered by HR once known; it stays editable "
        "after signing (execution, not agreement).",
    )
    reimbursement_promise_date = fields.Date(
        string="Reimbursement Promised On",
        help="The date on which the employer promised to pay the cost (needed for "
        "a tax-free reimbursement).",
    )
    date_start = fields.Date(string="Desired Start")
    date_end = fields.Date(string="Desired End")
    during_work_hours = fields.Boolean(
        string="In Working Time",
        compute="_compute_during_work_hours",
        store=True,
        readonly=False,
        precompute=True,
        help="The activity takes place in working time.",
    )
    responsible = fields.Selection(
        [("employee", "Employee"), ("manager", "Manager"), ("hr", "HR")],
        string="Who Acts",
        default="employee",
        required=True,
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("registered", "Registered"),
            ("started", "Started"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="planned",
        required=True,
    )
    remarks = fields.Text()
    # Dutch law (art. 7:611a BW): training the employer must offer is free, in
    # working time, and may not carry a study-cost repayment clause.
    mandatory = fields.Boolean(
        string="Mandatory Training",
        help="Training the employer must offer by law or collective agreement "
        "(art. 7:611a BW): free for the employee, counts as working time, and no "
        "repayment agreement is allowed.",
    )
    repayment_agreement = fields.Boolean(
        string="Study-Cost Repayment Agreement",
        help="For voluntary training only: the employee repays (part of) the cost "
        "when leaving within the agreed period.",
    )
    repayment_months = fields.Integer(
        string="Repayment Period (months)",
        help="How long after the training a departure leads to repayment.",
    )
    repayment_terms = fields.Text(
        help="The agreed terms, for example the part repaid per month of the period."
    )
    resume_line_id = fields.Many2one(
        "hr.resume.line",
        string="Resume Line",
        copy=False,
        readonly=True,
        ondelete="set null",
        help="The line this course or training added to the employee's resume when "
        "it was done; it is added once.",
    )
    employee_id = fields.Many2one(related="pop_id.employee_id", store=True, index=True)
    department_id = fields.Many2one(related="pop_id.department_id", store=True)
    company_id = fields.Many2one(related="pop_id.company_id", store=True, index=True)
    # For the form: what may still change, as the model checks it on write.
    content_locked = fields.Boolean(
        compute="_compute_locks",
        help="The plan is signed (or closed): the activity is part of the agreement.",
    )
    status_locked = fields.Boolean(
        compute="_compute_locks",
        help="The status changes before signing and while the plan runs.",
    )

    _sql_constraints = [
        (
            "cost_positive",
            "CHECK(cost >= 0)",
            "The cost of an activity cannot be negative.",
        ),
        (
            "actual_cost_positive",
            "CHECK(actual_cost >= 0)",
            "The actual cost of an activity cannot be negative.",
        ),
        (
            "repayment_months_positive",
            "CHECK(repayment_months >= 0)",
            "The repayment period cannot be negative.",
        ),
    ]

    # === COMPUTE METHODS === #
    @api.depends("course_id")
    def _compute_from_course(self):
        for line in self:
            course = line.course_id
            if not course:
                line.name = line.name or False
                line.activity_type = line.activity_type or "course"
                continue
            line.name = course.name
            line.activity_type = course.activity_type
            line.institute_id = course.institute_id
            line.course_code = course.code
            line.cost = course.cost

    @api.depends("mandatory")
    def _compute_during_work_hours(self):
        for line in self:
            line.during_work_hours = line.mandatory or line.during_work_hours

    @api.depends("pop_id.state", "pop_id.is_signed")
    def _compute_locks(self):
        for line in self:
            pop = line.pop_id
            line.content_locked = bool(
                pop.is_signed or pop.state in (*SIGNED_STATES, "cancelled")
            )
            line.status_locked = pop.state in ("done", "cancelled") or (
                line.content_locked and pop.state != "running"
            )

    # === CONSTRAINT METHODS === #
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for line in self:
            if line.date_start and line.date_end and line.date_end < line.date_start:
                raise ValidationError(
                    self.env._(
                        "The activity %(activity)s must end after it starts.",
                        activity=line.name,
                    )
                )

    @api.constrains("mandatory", "during_work_hours", "repayment_agreement")
    def _check_mandatory_training(self):
        for line in self.filtered("mandatory"):
            if line.repayment_agreement:
                raise ValidationError(
                    self.env._(
                        "%(activity)s is mandatory training (art. 7:611a BW): a "
                        "study-cost repayment agreement is not allowed.",
                        activity=line.name,
                    )
                )
            if not line.during_work_hours:
                raise ValidationError(
                    self.env._(
                        "%(activity)s is mandatory training (art. 7:611a BW): it "
                        "counts as working time.",
                        activity=line.name,
                    )
                )

    @api.constrains("goal_id", "pop_id")
    def _check_goal_of_same_pop(self):
        for line in self:
            if line.goal_id and line.goal_id.pop_id != line.pop_id:
                raise ValidationError(
                    self.env._(
                        "The activity %(activity)s must belong to a goal of its own "
                        "plan.",
                        activity=line.name,
                    )
                )

    # === ONCHANGE METHODS === #
    @api.onchange("mandatory")
    def _onchange_mandatory(self):
        if self.mandatory:
            self.repayment_agreement = False

    # === CRUD METHODS === #
    @api.model_create_multi
    def create(self, vals_list):
        self._pop_check_create(vals_list)
        self.env["hr.pop"]._check_new_content_editable(vals_list)
        lines = super().create(vals_list)
        lines._add_to_resume()
        return lines

    def write(self, vals):
        self._pop_check_write(vals)
        if set(vals) & INVOICED_LINE_FIELDS:
            self._check_can_invoice()
        if set(vals) - INVOICED_LINE_FIELDS:
            self.pop_id._check_execution_editable()
        if set(vals) - UNSIGNED_LINE_FIELDS:
            self.pop_id._check_content_editable()
        if "state" in vals:
            self._check_state_change(vals["state"])
        res = super().write(vals)
        if vals.get("state") == "done":
            self._add_to_resume()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_if_not_signed(self):
        self.pop_id._check_content_editable()

    # === BUSINESS METHODS === #
    def _check_can_invoice(self):
        """HR enters the actual cost (the invoice), also once the plan is done."""
        if not self.env.su and not self.env.user.has_group("hr_pop.group_pop_admin"):
            raise UserError(
                self.env._("HR enters the actual cost of an activity, once invoiced.")
            )

    def _check_state_change(self, new_state):
        """Once signed, an activity's status follows its execution only while the
        plan runs, and a cancelled activity never brings back a cost nobody signed
        or approved."""
        for line in self.filtered(lambda line: line.state != new_state):
            pop = line.pop_id
            if not (pop.is_signed or pop.state in SIGNED_STATES):
                continue
            if pop.state != "running":
                raise UserError(
                    self.env._(
                        "The status of %(activity)s changes once %(pop)s runs; "
                        "while it is being signed or approved it stays as signed.",
                        activity=line.name,
                        pop=pop.name,
                    )
                )
            if line.state == "cancelled":
                raise UserError(
                    self.env._(
                        "%(activity)s was cancelled when %(pop)s was signed or "
                        "since: its cost was not agreed or approved. Reopen the "
                        "plan to plan it again.",
                        activity=line.name,
                        pop=pop.name,
                    )
                )

    def _add_to_resume(self):
        """Put each done course or internal training on the employee's resume,
        once: the link to the resume line it added keeps it from adding another
        when it is marked done again, reopened or its plan closed again."""
        lines = self.sudo().filtered(
            lambda line: line.state == "done"
            and line.activity_type in RESUME_ACTIVITY_TYPES
            and not line.resume_line_id
            and line.employee_id
        )
        if not lines:
            return
        line_type = self._get_resume_line_type()
        today = fields.Date.context_today(self)
        resume_lines = (
            self.env["hr.resume.line"]
            .sudo()
            .create([line._get_resume_line_values(line_type, today) for line in lines])
        )
        write_per_record(
            lines,
            "resume_line_id",
            dict(zip(lines.ids, resume_lines.ids, strict=True)),
        )

    @api.model
    def _get_resume_line_type(self):
        """Odoo's training type of resume lines (hr_skills_slides) when installed,
        else ours."""
        return (
            self.env.ref(
                "hr_skills_slides.resume_type_training", raise_if_not_found=False
            )
            or self.env.ref("hr_pop.resume_type_training", raise_if_not_found=False)
            or self.env["hr.resume.line.type"]
        )

    def _get_resume_line_values(self, line_type, today):
        self.ensure_one()
        date_end = self.date_end or today
        date_start = self.date_start or date_end
        details = [name for name in (self.institute_id.name, self.course_code) if name]
        return {
            "employee_id": self.employee_id.id,
            "name": self.name,
            "date_start": date_start,
            "date_end": max(date_start, date_end),
            "description": Markup("<p>%s</p>") % ", ".join(details)
            if details
            else False,
            "line_type_id": line_type.id,
        }
