# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
import hashlib
import json
import logging
from collections import defaultdict

import babel
import babel.dates
import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import (
    SQL,
    format_amount,
    format_date,
    format_time,
    formataddr,
    get_lang,
    sql,
)
from odoo.tools.image import base64_to_image
from odoo.tools.mimetypes import guess_mimetype

from ..report.hr_pop_report import get_pop_timezone
from .hr_pop_feedback_answer import MIN_COLLEAGUE_ANSWERS
from .hr_pop_request import REQUEST_STATES

_logger = logging.getLogger(__name__)

# A signature image is a PNG drawn in the browser; anything larger than this is not one.
SIGNATURE_MAX_BYTES = 512 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# A plan signed on paper is recorded with its scan: a PDF or a photo, of sensible size.
PAPER_SCAN_MAX_BYTES = 20 * 1024 * 1024
PAPER_SCAN_MIMETYPES = (
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/gif",
)
# States in which the plan's agreements are fixed by signatures or approval.
SIGNED_STATES = ("to_approve", "running", "done")
# The conversation summary (seed 002, step 3): part of what both sign.
CONVERSATION_FIELDS = (
    "current_position",
    "desired_development",
    "focus_areas",
    "support_needed",
    "progress_follow_up",
)
# Fields of hr.pop whose value is part of the signed content; goals and activities
# guard their own signed fields.
SIGNED_POP_FIELDS = {
    "employee_id",
    "manager_id",
    "company_id",
    "date_start",
    "date_end",
    "meeting_date",
    "question_set_id",
    *CONVERSATION_FIELDS,
}

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

# Plans on which 360° feedback is asked: the competences are agreed (seed 004:
# feedback checks the progress, typically at a progress review).
FEEDBACK_POP_STATES = ("to_sign", "to_approve", "running")
# Before the first signature the plan follows the employee's job and department.
UNSIGNED_STATES = ("draft", "invited", "meeting")
PORTAL_LINK_CONTEXT_KEY = "hr_pop_portal_link_grant"
# The exclusion constraint of hr.pop (table hr_pop) against overlapping open plans.
POP_OVERLAP_CONSTRAINT = "employee_period_no_overlap"


def write_per_record(records, field_name, values_by_id):
    """Store a different value of a plain stored column per record of ``records``
    in one query, where ``write`` issues one per record: for batches, and only for
    fields nothing computes from, tracks or guards against the caller."""
    if not values_by_id:
        return
    records.env.flush_all()
    table = SQL.identifier(records._table)
    records.env.cr.execute(
        SQL(
            "UPDATE %s SET %s = v.value FROM (VALUES %s) AS v(id, value)"
            " WHERE %s.id = v.id",
            table,
            SQL.identifier(field_name),
            SQL(", ").join(
                SQL("(%s, %s)", record_id, value)
                for record_id, value in values_by_id.items()
            ),
            table,
        )
    )
    records.browse(values_by_id).invalidate_recordset([field_name])


class PortalLinkGrant:
    """Lets our own code build the employee's link (with his token) for these plans.

    The link acts in the employee's name. Only our mails to him and the portal pages
    of a visitor who proved the token pass this object in the context: JSON-RPC can
    only send JSON, so no client can forge it, and it names its plans, so it never
    reveals the token of another plan.
    """

    __slots__ = ("pop_ids",)

    def __init__(self, pop_ids):
        self.pop_ids = frozenset(pop_ids)


class HrPop(models.Model):
    _name = "hr.pop"
    _description = "Personal Development Plan"
    _inherit = [
        "hr.pop.guard.mixin",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    # Only the workflow methods change these (see hr.pop.guard.mixin).
    _pop_workflow_fields = {
        "name": "/",
        "state": "draft",
        "state_date": None,
        "access_token": None,
        "meeting_event_id": None,
        "employee_preparation_state": "draft",
        "manager_preparation_state": "draft",
        "employee_answers_shared": None,
        "manager_answers_shared": None,
        "employee_signature": None,
        "employee_signed_by": None,
        "employee_signed_on": None,
        "employee_signed_user_id": None,
        "employee_signature_hash": None,
        "employee_decision": None,
        "employee_comment": None,
        "employee_signed_on_paper": None,
        "employee_signature_attachment_id": None,
        "employee_signature_recorded_by_id": None,
        "manager_signature": None,
        "manager_signed_by": None,
        "manager_signed_on": None,
        "manager_signed_user_id": None,
        "manager_signature_hash": None,
        "manager_signed_on_paper": None,
        "manager_signature_attachment_id": None,
        "manager_signature_recorded_by_id": None,
        "signed_attachment_id": None,
        "has_been_signed": None,
        "approved_by_id": None,
        "approved_on": None,
        "refuse_reason": None,
        "cancel_reason": None,
        "is_anonymised": None,
    }

    # === DEFAULT METHODS === #
    def _default_date_end(self):
        return fields.Date.context_today(self) + relativedelta(years=1, days=-1)

    # === FIELDS === #
    # The portal link acts in the employee's name (prepare, sign): nobody but the
    # system reads its token, so a manager cannot sign as his employee through it.
    access_token = fields.Char("Security Token", copy=False, groups="base.group_system")
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    # Required, except on a plan anonymised after its retention period.
    employee_id = fields.Many2one(
        "hr.employee",
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
    in_service_since = fields.Date(compute="_compute_employee_block", compute_sudo=True)
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
    invitation_date = fields.Date(
        compute="_compute_invitation_date",
        store=True,
        help="When the invitation goes out: the conversation date minus the "
        "invitation lead time of the company.",
    )
    meeting_event_id = fields.Many2one(
        "calendar.event",
        string="Calendar Event",
        copy=False,
        readonly=True,
        ondelete="set null",
        help="The conversation in the calendars of employee and manager.",
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
    state_date = fields.Datetime(
        string="In Status Since",
        default=fields.Datetime.now,
        copy=False,
        readonly=True,
        help="When the plan entered its current status; reminders count from here.",
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
        help="How do manager and employee follow and evaluate the development "
        "together?",
    )
    goal_ids = fields.One2many("hr.pop.goal", "pop_id", string="Goals", copy=True)
    # Copied by copy() itself, which points the copies at the copied goals.
    line_ids = fields.One2many(
        "hr.pop.line", "pop_id", string="Development Activities", copy=False
    )
    goal_count = fields.Integer(compute="_compute_goal_count")
    total_cost = fields.Monetary(
        compute="_compute_total_cost",
        store=True,
        currency_field="currency_id",
        tracking=True,
    )
    total_actual_cost = fields.Monetary(
        compute="_compute_total_cost",
        store=True,
        currency_field="currency_id",
        help="The invoiced cost of the activities, as HR entered it.",
    )
    # Issue 12: the training budgets this plan draws on.
    budget_html = fields.Html(
        string="Budget",
        compute="_compute_budget_html",
        help="The employee's and the department's budget: remaining before and "
        "after this plan.",
    )
    budget_warning = fields.Char(
        compute="_compute_budget_warning",
        help="The budgets this plan would exceed, and by how much: it then needs "
        "HR approval whatever its cost.",
    )
    # Preparation (seeds 002 and 003): each side answers its questions and shares them
    # as agenda points; answers are frozen once the conversation starts.
    question_set_id = fields.Many2one(
        "hr.pop.question.set",
        default=lambda self: self.env.ref(
            "hr_pop.question_set_default", raise_if_not_found=False
        ),
        help="The preparation questions both sides answer before the conversation.",
    )
    answer_ids = fields.One2many("hr.pop.answer", "pop_id", string="Preparation")
    employee_answer_ids = fields.One2many(
        "hr.pop.answer",
        "pop_id",
        domain=[("author", "=", "employee")],
        string="Employee's Preparation",
    )
    manager_answer_ids = fields.One2many(
        "hr.pop.answer",
        "pop_id",
        domain=[("author", "=", "manager")],
        string="Manager's Preparation",
    )
    employee_preparation_state = fields.Selection(
        [("draft", "Not Submitted"), ("submitted", "Submitted")],
        default="draft",
        copy=False,
        tracking=True,
    )
    manager_preparation_state = fields.Selection(
        [("draft", "Not Submitted"), ("submitted", "Submitted")],
        default="draft",
        copy=False,
        tracking=True,
    )
    employee_answers_shared = fields.Boolean(
        string="Employee Shared Agenda", copy=False, tracking=True
    )
    manager_answers_shared = fields.Boolean(
        string="Manager Shared Agenda", copy=False, tracking=True
    )
    previous_goal_ids = fields.One2many(
        related="previous_pop_id.goal_ids", string="Goals of the Previous Plan"
    )
    review_ids = fields.One2many("hr.pop.review", "pop_id", string="Progress Reviews")
    # Seed 004: the competences of the job profile and of the employee, side by side.
    competence_html = fields.Html(
        string="Competences",
        compute="_compute_competence_html",
        help="Per skill of the job profile and of the employee: the level the job "
        "requires, the employee's current level and the gap between them.",
    )
    is_anonymised = fields.Boolean(
        string="Anonymised",
        readonly=True,
        copy=False,
        help="Past its retention period: the plan keeps only its cost statistics "
        "(company, department, period, activities and their cost, state), without "
        "the employee or anything personal.",
    )
    # Seed 004: 360° feedback on the plan's competences.
    feedback_request_ids = fields.One2many(
        "hr.pop.feedback.request", "pop_id", string="Feedback Requests"
    )
    feedback_html = fields.Html(
        string="360° Feedback",
        compute="_compute_feedback_html",
        help="Per competence: the self-assessment, the manager's view and the "
        "colleagues' (average, lowest and highest level, number of answers).",
    )
    # Signatures: never forced; "seen" records receipt without agreement (seed 002).
    employee_signature = fields.Image(
        copy=False, attachment=True, max_width=1024, max_height=1024
    )
    employee_signed_by = fields.Char(copy=False)
    employee_signed_on = fields.Datetime(copy=False)
    employee_signed_user_id = fields.Many2one("res.users", copy=False)
    employee_signature_hash = fields.Char(copy=False)
    employee_decision = fields.Selection(
        [("agree", "Agreed"), ("seen", "Seen, Not Agreed")],
        copy=False,
        help="Agreed: the employee agrees with the plan. Seen: received, not agreed.",
    )
    employee_comment = fields.Text(
        string="Employee's Comment",
        copy=False,
        help="The employee's remarks or objection, kept visible on the plan.",
    )
    manager_signature = fields.Image(
        copy=False, attachment=True, max_width=1024, max_height=1024
    )
    manager_signed_by = fields.Char(copy=False)
    manager_signed_on = fields.Datetime(copy=False)
    manager_signed_user_id = fields.Many2one("res.users", copy=False)
    manager_signature_hash = fields.Char(copy=False)
    # Signed on paper: the manager or HR records the scan (no signature image).
    employee_signed_on_paper = fields.Boolean(
        string="Employee Signed on Paper", copy=False, readonly=True
    )
    employee_signature_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Employee's Signed Scan",
        copy=False,
        readonly=True,
        help="The scan or photo of the plan the employee signed on paper.",
    )
    employee_signature_recorded_by_id = fields.Many2one(
        "res.users",
        string="Employee's Signature Recorded By",
        copy=False,
        readonly=True,
    )
    manager_signed_on_paper = fields.Boolean(
        string="Manager Signed on Paper", copy=False, readonly=True
    )
    manager_signature_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Manager's Signed Scan",
        copy=False,
        readonly=True,
        help="The scan or photo of the plan the manager signed on paper.",
    )
    manager_signature_recorded_by_id = fields.Many2one(
        "res.users",
        string="Manager's Signature Recorded By",
        copy=False,
        readonly=True,
    )
    has_been_signed = fields.Boolean(
        copy=False,
        readonly=True,
        help="Somebody signed this plan once: it is a record and is never deleted.",
    )
    signed_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Signed Version",
        copy=False,
        readonly=True,
        help="The plan as printed when both had signed; kept when it is reopened.",
    )
    is_signed = fields.Boolean(
        compute="_compute_signature_status",
        help="At least one side has signed: the agreements can no longer change.",
    )
    is_fully_signed = fields.Boolean(compute="_compute_signature_status")
    signature_valid = fields.Boolean(
        compute="_compute_signature_status",
        help="The signed content still matches every stored signature hash.",
    )
    can_sign_employee = fields.Boolean(compute="_compute_user_permissions")
    can_sign_manager = fields.Boolean(compute="_compute_user_permissions")
    can_approve = fields.Boolean(compute="_compute_user_permissions")
    can_record_paper_signature = fields.Boolean(
        compute="_compute_user_permissions",
        help="The current user may record a signature given on paper (the plan's "
        "manager or an administrator, never the employee himself).",
    )
    approved_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    approved_on = fields.Datetime(copy=False, readonly=True)
    needs_approval = fields.Boolean(compute="_compute_needs_approval")
    # Told by the chatter notes of refusing and cancelling, not tracked.
    refuse_reason = fields.Text(copy=False)
    cancel_reason = fields.Text(copy=False)
    # Issue 13: the employee asks for the conversation (hr.pop.request).
    request_ids = fields.One2many(
        "hr.pop.request", "pop_id", string="Conversation Requests", readonly=True
    )
    requested_by_employee = fields.Boolean(
        compute="_compute_request_state",
        store=True,
        help="The employee asked for this conversation himself.",
    )
    request_state = fields.Selection(
        REQUEST_STATES,
        compute="_compute_request_state",
        store=True,
        index="btree_not_null",
        help="The status of the employee's latest request for a conversation.",
    )
    request_decline_reason = fields.Text(
        compute="_compute_request_decline_reason",
        help="Why the manager declined the employee's latest request.",
    )

    # One open plan per employee and day, enforced by PostgreSQL as well: the Python
    # check cannot see a plan that a concurrent transaction (a POP round, the
    # scheduled creation) has not committed yet. int4range(employee_id) stands in for
    # "employee_id WITH =", which would need the btree_gist extension (and the right
    # to create it). Deferred, so that _check_overlapping_pops names the plans first;
    # checked before the commit by _check_overlap_constraint_now. A reversed period
    # is left to _check_period (daterange() would raise on it).
    _sql_constraints = [
        (
            POP_OVERLAP_CONSTRAINT,
            "EXCLUDE USING gist ("
            "int4range(employee_id, employee_id, '[]') WITH &&, "
            "daterange(date_start, date_end, '[]') WITH &&"
            ") WHERE (state <> 'cancelled' AND date_start <= date_end) "
            "DEFERRABLE INITIALLY DEFERRED",
            "This employee already has an open development plan for an overlapping "
            "period. Cancel that plan or choose another period.",
        ),
    ]

    # === COMPUTE METHODS === #
    @api.depends("name", "employee_id.name", "is_anonymised")
    def _compute_display_name(self):
        # "POP/2026/0001 - Sanne Jansen": a reference alone says nothing in a list.
        for pop in self:
            employee_name = pop.sudo().employee_id.name
            if pop.is_anonymised:
                employee_name = self.env._("Anonymised")
            pop.display_name = (
                f"{pop.name} - {employee_name}" if employee_name else pop.name
            )

    @api.depends("employee_id")
    def _compute_manager_id(self):
        for pop in self:
            pop.manager_id = (
                pop.employee_id._get_pop_default_manager() if pop.employee_id else False
            )

    @api.depends("employee_id")
    def _compute_company_id(self):
        for pop in self:
            pop.company_id = pop.employee_id.company_id or self.env.company

    @api.depends("employee_id.department_id", "employee_id.job_id")
    def _compute_department_job(self):
        for pop in self:
            if pop.state not in UNSIGNED_STATES:
                # The job and department of the agreement, as signed and printed.
                pop.department_id = pop.department_id
                pop.job_id = pop.job_id
                continue
            pop.department_id = pop.employee_id.department_id
            pop.job_id = pop.employee_id.job_id

    @api.depends(
        "employee_id.barcode",
        "employee_id.resource_calendar_id.attendance_ids",
    )
    def _compute_employee_block(self):
        for pop in self:
            employee = pop.employee_id
            # Odoo 18 has no separate personnel number: HR keys it in as badge ID.
            pop.registration_number = employee.barcode
            calendar = employee.resource_calendar_id
            pop.weekly_hours = calendar._calculate_hours_per_week() if calendar else 0.0
            hire_date = employee[employee._get_new_hire_field()] if employee else False
            pop.in_service_since = hire_date and fields.Date.to_date(hire_date)

    # Not on "state": a plan's own state does not change which plan precedes it;
    # the others' are recomputed when a plan enters or leaves cancelled
    # (_recompute_next_previous_pops).
    @api.depends("employee_id", "date_start")
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

    @api.depends("meeting_date", "employee_id.tz", "company_id.pop_invitation_days")
    def _compute_invitation_date(self):
        today = fields.Date.context_today(self)
        for pop in self:
            if not pop.meeting_date:
                pop.invitation_date = today
                continue
            meeting_day = fields.Datetime.context_timestamp(
                pop.with_context(tz=pop.employee_id.tz), pop.meeting_date
            ).date()
            pop.invitation_date = meeting_day - relativedelta(
                days=pop.company_id.pop_invitation_days
            )

    @api.depends("goal_ids")
    def _compute_goal_count(self):
        for pop in self:
            pop.goal_count = len(pop.goal_ids)

    @api.depends("line_ids.cost", "line_ids.actual_cost", "line_ids.state")
    def _compute_total_cost(self):
        for pop in self:
            lines = pop.line_ids.filtered(lambda line: line.state != "cancelled")
            pop.total_cost = sum(lines.mapped("cost"))
            pop.total_actual_cost = sum(lines.mapped("actual_cost"))

    # Apart: the approval rule and the To Approve list need only the warning, not
    # the rendered table.
    def _compute_budget_warning(self):
        for pop in self:
            pop.budget_warning = pop._get_budget_warning(pop._get_budget_effects())

    def _compute_budget_html(self):
        for pop in self:
            pop.budget_html = pop._render_budget_table(pop._get_budget_effects())

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for pop in self:
            pop.access_url = f"/my/pops/{pop.id}"

    @api.depends(
        "employee_signed_on",
        "manager_signed_on",
        "employee_signature_hash",
        "manager_signature_hash",
    )
    def _compute_signature_status(self):
        for pop in self:
            hashes = {
                pop.employee_signature_hash,
                pop.manager_signature_hash,
            } - {False}
            pop.is_signed = bool(pop.employee_signed_on or pop.manager_signed_on)
            pop.is_fully_signed = bool(pop.employee_signed_on and pop.manager_signed_on)
            pop.signature_valid = not hashes or hashes == {pop._get_content_hash()}

    @api.depends_context("uid")
    @api.depends("state", "employee_id", "manager_id")
    def _compute_user_permissions(self):
        user = self.env.user
        is_admin = user.has_group("hr_pop.group_pop_admin")
        for pop in self:
            pop_sudo = pop.sudo()
            to_sign = pop.state == "to_sign"
            is_employee = pop_sudo.employee_id.user_id == user
            pop.can_sign_employee = (
                to_sign and is_employee and not pop.employee_signed_on
            )
            pop.can_sign_manager = (
                to_sign
                and not is_employee
                and not pop.manager_signed_on
                and (pop_sudo.manager_id.user_id == user or is_admin)
            )
            pop.can_approve = pop.state == "to_approve" and is_admin and not is_employee
            pop.can_record_paper_signature = (
                to_sign
                and not is_employee
                and not (pop.employee_signed_on and pop.manager_signed_on)
                and (pop_sudo.manager_id.user_id == user or is_admin)
            )

    @api.depends("request_ids.state", "request_ids.request_date")
    def _compute_request_state(self):
        for pop in self:
            latest = pop._get_latest_request()
            pop.requested_by_employee = bool(latest)
            pop.request_state = latest.state

    @api.depends("request_ids.state", "request_ids.decline_reason")
    def _compute_request_decline_reason(self):
        for pop in self:
            latest = pop._get_latest_request()
            pop.request_decline_reason = (
                latest.decline_reason if latest.state == "declined" else False
            )

    @api.depends("total_cost", "company_id.pop_approval_threshold")
    def _compute_needs_approval(self):
        for pop in self:
            threshold = pop.company_id.pop_approval_threshold
            pop.needs_approval = (
                not threshold
                or pop.total_cost > threshold
                # Over a budget: HR decides, whatever the cost.
                or bool(pop.budget_warning)
            )

    @api.depends("job_id", "employee_id", "goal_ids.skill_id")
    def _compute_competence_html(self):
        rows_by_pop = self._get_competence_rows_by_pop()
        for pop in self:
            pop.competence_html = pop._render_competence_table(rows_by_pop[pop.id])

    def _compute_feedback_html(self):
        results = self.env["hr.pop.feedback.answer"]._get_results_by_pop(self)
        for pop in self:
            pop.feedback_html = pop._render_feedback_table(
                results[pop.id],
                pop._sees_individual_feedback(),
                pop._get_pending_self_assessment_url(),
            )

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
        # One query for the whole batch (an invitation round writes hundreds).
        pops = self.filtered(lambda p: p.state != "cancelled")
        if not pops:
            return
        self.flush_model(["employee_id", "date_start", "date_end", "state"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT pop.id, other.id
                  FROM hr_pop pop
                  JOIN hr_pop other
                    ON other.employee_id = pop.employee_id
                   AND other.id <> pop.id
                   AND other.state <> 'cancelled'
                   AND other.date_start <= pop.date_end
                   AND other.date_end >= pop.date_start
                 WHERE pop.id IN %s
                 ORDER BY pop.id, other.id
                 LIMIT 1
                """,
                tuple(pops.ids),
            )
        )
        if rows:
            pop, overlapping = self.browse(rows[0][0]), self.sudo().browse(rows[0][1])
            raise ValidationError(
                self.env._(
                    "%(employee)s already has a development plan for an "
                    "overlapping period (%(other)s). Cancel that plan or choose "
                    "another period.",
                    employee=pop.sudo().employee_id.name,
                    other=overlapping.name,
                )
            )

    @api.constrains("employee_id", "date_start", "date_end", "state")
    def _check_overlapping_pops_in_database(self):
        # The deferred exclusion constraint is checked at the request's flush (a
        # precommit hook), where the RPC layer still turns it into a ValidationError,
        # rather than at the commit, where it would be a server error.
        callbacks = self.env.cr.precommit
        if "hr_pop.overlap_check" not in callbacks.data:
            callbacks.data["hr_pop.overlap_check"] = True
            callbacks.add(self.browse()._check_overlap_constraint_now)

    @api.constrains("employee_id", "is_anonymised")
    def _check_employee(self):
        for pop in self:
            if not pop.employee_id and not pop.is_anonymised:
                raise ValidationError(
                    self.env._("A development plan needs an employee.")
                )

    @api.constrains("employee_id")
    def _check_employee_active(self):
        # Only on create or a new employee: the plans of who leaves later are kept.
        archived = self.sudo().employee_id.filtered(
            lambda employee: not employee.active
        )
        if archived:
            raise ValidationError(
                self.env._(
                    "%(employees)s is archived: you cannot create a development "
                    "plan for an employee who has left.",
                    employees=", ".join(archived.mapped("name")),
                )
            )

    def init(self):
        super().init()
        # The ORM adds the exclusion constraint (_sql_constraints) on install and
        # update, but cannot while overlapping open plans exist (created by a race
        # before it): name them, so that HR cancels one and updates again.
        if sql.constraint_definition(
            self.env.cr, self._table, f"{self._table}_{POP_OVERLAP_CONSTRAINT}"
        ):
            return
        self.env.cr.execute(
            SQL(
                """SELECT earlier.name, later.name
                     FROM hr_pop earlier
                     JOIN hr_pop later
                       ON later.employee_id = earlier.employee_id
                      AND later.id > earlier.id
                      AND later.date_start <= earlier.date_end
                      AND later.date_end >= earlier.date_start
                    WHERE earlier.state != 'cancelled'
                      AND later.state != 'cancelled'
                    ORDER BY earlier.id, later.id"""
            )
        )
        overlaps = self.env.cr.fetchall()
        if overlaps:
            _logger.warning(
                "hr.pop: cannot add the constraint against overlapping plans while "
                "these open plans overlap: %s. Cancel one of each pair and update "
                "the module again.",
                ", ".join(f"{first} / {second}" for first, second in overlaps),
            )

    @api.model
    def _check_overlap_constraint_now(self):
        """Have PostgreSQL check the deferred overlap constraint now.

        It waits for a concurrent transaction that inserted an overlapping open plan
        and, once that one commits, raises ``ExclusionViolation``.
        """
        name = f"{self._table}_{POP_OVERLAP_CONSTRAINT}"
        if not sql.constraint_definition(self.env.cr, self._table, name):
            return  # Not added, as open plans overlap: init() named them.
        constraint = SQL.identifier(name)
        # Expected when another transaction won: not a "bad query" for the log.
        self.env.cr.execute(
            SQL("SET CONSTRAINTS %s IMMEDIATE", constraint), log_exceptions=False
        )
        self.env.cr.execute(SQL("SET CONSTRAINTS %s DEFERRED", constraint))

    # === CRUD METHODS === #
    @api.model_create_multi
    def create(self, vals_list):
        self._pop_check_create(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("hr.pop") or "/"
        pops = super().create(vals_list)
        pops._recompute_next_previous_pops()
        return pops

    def copy(self, default=None):
        new_pops = super().copy(default)
        for old, new in zip(self, new_pops, strict=False):
            goal_map = dict(zip(old.goal_ids, new.goal_ids, strict=False))
            for line in old.line_ids:
                line.copy(
                    {
                        "pop_id": new.id,
                        "goal_id": goal_map.get(line.goal_id, line.goal_id.browse()).id,
                        "state": "planned",
                    }
                )
        return new_pops

    def copy_data(self, default=None):
        """A copy is the next plan: it starts the day after this one ends."""
        default = dict(default or {})
        vals_list = super().copy_data(default)
        for pop, vals in zip(self, vals_list, strict=False):
            if "date_start" not in default:
                vals["date_start"] = pop.date_end + relativedelta(days=1)
                vals["date_end"] = pop.date_end + relativedelta(years=1)
        return vals_list

    def write(self, vals):
        self._pop_check_write(vals)
        if SIGNED_POP_FIELDS & set(vals):
            self._check_content_editable()
        if "state" in vals and "state_date" not in vals:
            vals = dict(vals, state_date=fields.Datetime.now())
        # Only a plan entering or leaving "cancelled" changes the others' previous
        # plan; the other state changes of the cycle need no search.
        moved = {"employee_id", "date_start"} & set(vals) or (
            "state" in vals
            and (
                vals["state"] == "cancelled"
                or any(pop.state == "cancelled" for pop in self)
            )
        )
        res = super().write(vals)
        if moved:
            self._recompute_next_previous_pops()
        if "meeting_date" in vals:
            self._sync_meeting_event()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft_or_cancelled(self):
        if any(pop.state not in ("draft", "cancelled") for pop in self):
            raise UserError(
                self.env._("Only draft or cancelled development plans can be deleted.")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never_signed(self):
        signed = self.filtered("has_been_signed")
        if signed and not self._pop_in_workflow():
            raise UserError(
                self.env._(
                    "%(pops)s was signed: a signed plan is kept as a record. Cancel "
                    "it instead; its signatures and signed PDF stay with it.",
                    pops=", ".join(signed.mapped("name")),
                )
            )

    def _mail_track(self, tracked_fields, initial_values):
        # "None -> value" says nothing the form does not show: a conversation date
        # or a manager filled in for the first time is not logged as a change.
        # Yes/no and amounts always have a value.
        first_fills = {
            name
            for name, info in tracked_fields.items()
            if name in initial_values
            and not initial_values[name]
            and info["type"] not in ("boolean", "integer", "float", "monetary")
        }
        return super()._mail_track(
            {
                name: info
                for name, info in tracked_fields.items()
                if name not in first_fills
            },
            initial_values,
        )

    # === ACTION METHODS === #
    def action_invite(self):
        """Invite the employee (draft -> invited) and open the preparation."""
        self._check_state("draft", self.env._("invite the employee"))
        self._check_manager_and_date(self.env._("invite the employee"))
        # Who has left gets no mail at his private address and no calendar event.
        archived = self.sudo().employee_id.filtered(
            lambda employee: not employee.active
        )
        if archived:
            raise UserError(
                self.env._(
                    "%(employees)s is archived: you cannot invite an employee who "
                    "has left. Cancel the plan instead.",
                    employees=", ".join(archived.mapped("name")),
                )
            )
        # All of it in batches: the invitation cron invites hundreds at once.
        pops = self.sudo()
        # The employee's link exists from now on; its token is not returned here.
        pops._pop_ensure_tokens()
        pops._create_preparation_answers()
        pops._subscribe_managers()
        self._pop_workflow().write({"state": "invited"})
        # The conversation the employee asked for is planned: the manager's to-do
        # to plan or decline it is done.
        pops.request_ids._set_planned()
        self.env["hr.pop.notification"]._send_pop_invitations(pops)
        pops._create_meeting_event()
        todo = []
        for pop in pops:
            deadline = pop.meeting_date - relativedelta(days=7)
            employee_name = pop.employee_id.name
            todo += [
                (
                    pop,
                    "hr_pop.mail_activity_pop_prepare",
                    pop.employee_id.user_id,
                    self.env._("Prepare your development conversation"),
                    deadline,
                ),
                (
                    pop,
                    "hr_pop.mail_activity_pop_prepare",
                    pop.manager_id.user_id,
                    self.env._(
                        "Prepare the development conversation with %(employee)s",
                        employee=employee_name,
                    ),
                    deadline,
                ),
                (
                    pop,
                    "hr_pop.mail_activity_pop_conversation",
                    pop.manager_id.user_id,
                    self.env._(
                        "Hold the development conversation with %(employee)s",
                        employee=employee_name,
                    ),
                    pop.meeting_date,
                ),
            ]
        self._schedule_activities(todo)
        return self._get_no_email_notice() or True

    def action_start_meeting(self):
        """The conversation is held (invited -> meeting): preparation is frozen."""
        self._check_state("invited", self.env._("start the conversation"))
        self._check_manager_and_date(self.env._("start the conversation"))
        self._pop_workflow().write({"state": "meeting"})
        for pop in self:
            pop._close_activities("hr_pop.mail_activity_pop_prepare")
            pop._close_activities("hr_pop.mail_activity_pop_conversation")
        return True

    def action_submit(self):
        """The plan is ready to sign (meeting -> to_sign), once its goals are SMART."""
        self._check_state("meeting", self.env._("submit the plan for signature"))
        self._check_manager_and_date(self.env._("submit the plan for signature"))
        for pop in self:
            pop._check_smart_goals()
        self._pop_workflow().write({"state": "to_sign"})
        for pop in self:
            # The employee signs through the link of this mail (or in the portal).
            self.env["hr.pop.notification"]._send_sign_request(pop)
            pop._schedule_activity(
                "hr_pop.mail_activity_pop_sign",
                pop.employee_id.user_id,
                self.env._("Read and sign your development plan"),
            )
            pop._schedule_activity(
                "hr_pop.mail_activity_pop_sign",
                pop.manager_id.user_id,
                self.env._(
                    "Sign the development plan of %(employee)s",
                    employee=pop.employee_id.name,
                ),
            )
        return self._warn_over_budget()

    def _warn_over_budget(self):
        """Note on each plan over a budget, and a warning for the user who
        submitted: exceeding never blocks, but HR approves such plans."""
        warnings = []
        for pop in self:
            if pop.budget_warning:
                pop.message_post(body=pop.budget_warning, subtype_xmlid="mail.mt_note")
                warnings.append(pop.budget_warning)
        if not warnings:
            return True
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "title": self.env._("Over budget"),
                "message": "\n".join(warnings),
                "sticky": True,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_approve(self):
        """HR approves a signed plan above the threshold (to_approve -> running)."""
        self._check_state("to_approve", self.env._("approve the plan"))
        self._check_can_approve()
        self._pop_workflow().write(
            {
                "state": "running",
                "approved_by_id": self.env.user.id,
                "approved_on": fields.Datetime.now(),
            }
        )
        for pop in self:
            pop._close_activities("hr_pop.mail_activity_pop_approve")
        return True

    def action_refuse(self, reason):
        """HR refuses the plan: back to the conversation, signatures cleared."""
        self._check_state("to_approve", self.env._("refuse the plan"))
        self._check_can_approve()
        reason = self._check_reason(reason)
        self._archive_signed_pdf()
        self._clear_signatures()
        self._pop_workflow().write({"state": "meeting", "refuse_reason": reason})
        for pop in self:
            pop._close_activities("hr_pop.mail_activity_pop_approve")
            pop.message_post(
                body=self.env._(
                    "Plan refused by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_close(self):
        """Close the plan after its evaluation (running -> done)."""
        self._check_state("running", self.env._("close the plan"))
        for pop in self:
            not_evaluated = pop.goal_ids.filtered(lambda goal: not goal.is_evaluated)
            if not_evaluated:
                raise UserError(
                    self.env._(
                        "Evaluate every goal before closing %(pop)s (reached, partly "
                        "or not reached, and what was learnt). Not yet evaluated: "
                        "%(goals)s",
                        pop=pop.name,
                        goals=", ".join(not_evaluated.mapped("name")),
                    )
                )
        self._pop_workflow().write({"state": "done"})
        self._raise_employee_skills()
        self.activity_unlink(
            [
                "hr_pop.mail_activity_pop_review",
                "hr_pop.mail_activity_pop_follow_up",
            ]
        )
        return True

    def action_cancel(self, reason):
        """Cancel the plan with a reason, from any state but done."""
        if any(pop.state in ("done", "cancelled") for pop in self):
            raise UserError(
                self.env._("A closed or already cancelled plan cannot be cancelled.")
            )
        reason = self._check_reason(reason)
        self._pop_workflow().write({"state": "cancelled", "cancel_reason": reason})
        for pop in self:
            pop.message_post(
                body=self.env._(
                    "Plan cancelled by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.sudo().meeting_event_id.action_archive()
        self.sudo().request_ids.filtered(lambda r: r.state == "requested").write(
            {"state": "cancelled"}
        )
        self.activity_unlink(
            [
                "hr_pop.mail_activity_pop_request",
                "hr_pop.mail_activity_pop_prepare",
                "hr_pop.mail_activity_pop_conversation",
                "hr_pop.mail_activity_pop_sign",
                "hr_pop.mail_activity_pop_approve",
                "hr_pop.mail_activity_pop_review",
                "hr_pop.mail_activity_pop_follow_up",
            ]
        )
        return True

    def action_reset_draft(self):
        """An administrator restarts a cancelled plan."""
        self._check_state("cancelled", self.env._("reset the plan to draft"))
        if not self.env.user.has_group("hr_pop.group_pop_admin"):
            raise AccessError(
                self.env._("Only a development plan administrator can reset a plan.")
            )
        self._archive_signed_pdf()
        self._clear_signatures()
        self._pop_workflow().write(
            {
                "state": "draft",
                "cancel_reason": False,
                "employee_preparation_state": "draft",
                "manager_preparation_state": "draft",
                "employee_answers_shared": False,
                "manager_answers_shared": False,
            }
        )
        return True

    def action_reopen(self):
        """Reopen a signed plan for changes: the signed PDF is kept, signatures go."""
        if any(pop.state not in ("to_sign", "to_approve", "running") for pop in self):
            raise UserError(
                self.env._(
                    "Only a plan that is being signed, approved or carried "
                    "out can be reopened."
                )
            )
        for pop in self:
            pop._check_can_manage()
        self._archive_signed_pdf()
        self._clear_signatures()
        self._pop_workflow().write(
            {"state": "meeting", "approved_by_id": False, "approved_on": False}
        )
        for pop in self:
            pop._close_activities("hr_pop.mail_activity_pop_sign")
            pop._close_activities("hr_pop.mail_activity_pop_approve")
            pop.message_post(
                body=self.env._(
                    "Plan reopened by %(user)s; the signatures were "
                    "cleared and the signed version is kept as attachment.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_decline_request(self, reason):
        """The manager declines the employee's open request for a conversation,
        with a reason the employee reads (portal, back office and a mail)."""
        reason = self._check_reason(reason)
        requests = self.env["hr.pop.request"]
        for pop in self:
            pop._check_can_answer_request()
            open_requests = pop.sudo().request_ids.filtered(
                lambda r: r.state == "requested"
            )
            if not open_requests:
                raise UserError(
                    self.env._(
                        "%(pop)s has no open request for a conversation to decline.",
                        pop=pop.name,
                    )
                )
            requests |= open_requests
        requests._decline(reason)
        return True

    def action_open_sign_wizard(self):
        self.ensure_one()
        role = "employee" if self.can_sign_employee else "manager"
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign the Development Plan"),
            "res_model": "hr.pop.sign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_pop_id": self.id,
                "default_role": role,
                "default_content_hash": self._get_content_hash(),
            },
        }

    def action_open_paper_signature_wizard(self):
        """The dialog that records a signature given on paper, with its scan."""
        self.ensure_one()
        role = "manager" if self.employee_signed_on else "employee"
        self._check_can_record_paper_signature(role)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Paper Signature"),
            "res_model": "hr.pop.paper.signature.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_pop_id": self.id,
                "default_role": role,
                "default_signer_name": self.sudo()[
                    "employee_id" if role == "employee" else "manager_id"
                ].name,
                "default_content_hash": self._get_content_hash(),
            },
        }

    def action_download_signature_scan(self):
        """The scan of the signature ``pop_scan_role`` gave on paper, downloaded."""
        self.ensure_one()
        role = self.env.context.get("pop_scan_role")
        scan = (
            self[f"{role}_signature_attachment_id"]
            if role in ("employee", "manager")
            else False
        )
        if not scan:
            raise UserError(self.env._("This signature was not given on paper."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{scan.id}?download=true",
            "target": "download",
        }

    def action_submit_preparation(self, role):
        """One side submits its answers: they become read-only for that side."""
        self.ensure_one()
        self._check_preparation_open(role)
        self.sudo()._pop_workflow().write({f"{role}_preparation_state": "submitted"})
        self._close_activities(
            "hr_pop.mail_activity_pop_prepare", self._role_user(role)
        )
        return True

    def action_share_preparation(self, role):
        """One side shares its answers with the other as agenda points (seed 003)."""
        self.ensure_one()
        self._check_preparation_role(role)
        if self.state not in ("invited", "meeting"):
            raise UserError(
                self.env._(
                    "Agenda points can only be shared before or during the "
                    "conversation."
                )
            )
        # A blank answer is no agenda point: it is never shown to the other side.
        answered = self.sudo().answer_ids.filtered(
            lambda a: a.author == role and (a.answer or "").strip()
        )
        if not answered:
            raise UserError(
                self.env._(
                    "There is nothing to share: none of your answers has any text."
                )
            )
        self.sudo()._pop_workflow().write({f"{role}_answers_shared": True})
        answered._pop_workflow().write({"shared": True})
        return True

    def action_submit_manager_preparation(self):
        """The manager's "Submit" in the back office (the portal's, for his side)."""
        return self.action_submit_preparation("manager")

    def action_share_manager_preparation(self):
        """The manager's "Share" in the back office: his answers become agenda
        points the employee reads in the portal."""
        return self.action_share_preparation("manager")

    def action_propose_goals(self):
        """One job goal per competence of the job profile that the employee has
        below its required level and that has no goal on the plan yet: the skill
        and the required level as its target. Goals change only before signing,
        and only for whoever may add goals to the plan (the same checks)."""
        not_open = self.filtered(lambda pop: pop.state not in UNSIGNED_STATES)
        if not_open:
            raise UserError(
                self.env._(
                    "Goals are proposed from the competence gaps before the plan is "
                    "signed; %(pops)s is already past the conversation.",
                    pops=", ".join(not_open.mapped("name")),
                )
            )
        self.check_access("write")
        rows_by_pop = self._get_competence_rows_by_pop()
        vals_list = []
        for pop in self:
            for row in rows_by_pop[pop.id]:
                if row["in_job_profile"] and row["gap"] > 0 and not row["has_goal"]:
                    vals_list.append(pop._get_proposed_goal_values(row))
        if not vals_list:
            raise UserError(
                self.env._(
                    "No competence of the job profile is below its required level, "
                    "or every one already has a goal."
                )
            )
        # As the user: the access rules of goals and the signed-plan lock apply.
        self.env["hr.pop.goal"].create(vals_list)
        return True

    def action_add_goal_templates(self, template_ids):
        """Add each chosen goal template (ids) as a goal with its suggested
        activities, before the plan is signed; a template already on the plan is
        not added again. Returns the new goals' count."""
        self.ensure_one()
        if self.state not in UNSIGNED_STATES or self.is_signed:
            raise UserError(
                self.env._(
                    "Goals from templates are added before the plan is signed; "
                    "%(pop)s is already past the conversation.",
                    pop=self.name,
                )
            )
        self.check_access("write")
        templates = self.env["hr.pop.goal.template"].browse(template_ids).exists()
        templates = templates - self.sudo().goal_ids.template_id
        if not templates:
            raise UserError(
                self.env._(
                    "Choose a goal template that is not on %(pop)s yet.", pop=self.name
                )
            )
        # As the user: the access rules of goals and activities and the locks apply.
        goals = self.env["hr.pop.goal"].create(
            [template._get_goal_values(self) for template in templates]
        )
        self.env["hr.pop.line"].create(
            [
                line._get_activity_values(goal)
                for goal in goals
                for line in goal.sudo().template_id.line_ids
            ]
        )
        return len(goals)

    # === BUSINESS METHODS === #
    def _pop_portal_link_context(self):
        """The context that lets our own code build the employee's link of ``self``."""
        return {PORTAL_LINK_CONTEXT_KEY: PortalLinkGrant(self.ids)}

    def _pop_portal_grant(self):
        return self.with_context(**self._pop_portal_link_context())

    def _pop_has_portal_grant(self):
        self.ensure_one()
        grant = self.env.context.get(PORTAL_LINK_CONTEXT_KEY)
        return isinstance(grant, PortalLinkGrant) and self.id in grant.pop_ids

    def _pop_portal_link_allowed(self):
        """Whether the link with the employee's token may be built here: for the
        employee's own user, or under our grant. Superuser mode is not enough: the
        mail composer renders a manager's templates as superuser."""
        self.ensure_one()
        if self._pop_has_portal_grant():
            return True
        user = self.env.user
        return not user._is_public() and user == self.sudo().employee_id.user_id

    def _portal_ensure_token(self):
        """The employee's token, created when missing; False (and no token created)
        for whoever may not build his link."""
        if not self._pop_portal_link_allowed():
            return False
        # The token is system-only (see access_token): links are built as superuser.
        return super(HrPop, self.sudo()._pop_workflow())._portal_ensure_token()

    def get_portal_url(
        self,
        suffix=None,
        report_type=None,
        download=None,
        query_string=None,
        anchor=None,
    ):
        """The portal URL; it carries the employee's token only where
        ``_pop_portal_link_allowed``. Anybody else gets the bare URL, whose page
        asks for the employee's own login."""
        self.ensure_one()
        if self._pop_portal_link_allowed():
            return super().get_portal_url(
                suffix=suffix,
                report_type=report_type,
                download=download,
                query_string=query_string,
                anchor=anchor,
            )
        query = "".join(
            (
                f"&report_type={report_type}" if report_type else "",
                "&download=true" if download else "",
                query_string or "",
            )
        )
        fragment = f"#{anchor}" if anchor else ""
        return f"{self.access_url}{suffix or ''}?{query.lstrip('&')}{fragment}"

    def _get_share_url(
        self, redirect=False, signup_partner=False, pid=None, share_token=True
    ):
        """Sharing (portal.share, /mail/view) never hands out the employee's token
        nor a chatter signature (pid and hash); the employee opens his plan by
        logging in, or with the link of our mails (built with the grant)."""
        self.ensure_one()
        if not self._pop_has_portal_grant():
            share_token, pid = False, None
        return super()._get_share_url(
            redirect=redirect,
            signup_partner=signup_partner,
            pid=pid,
            share_token=share_token,
        )

    def _notify_thread_by_email(
        self, message, recipients_data, msg_vals=False, **kwargs
    ):
        """Never SMTP inside a portal request or a scheduled action: the followers'
        mails of a plan go through the mail queue, which is triggered at once."""
        kwargs["force_send"] = False
        result = super(
            HrPop, self.with_context(mail_notify_force_send=False)
        )._notify_thread_by_email(message, recipients_data, msg_vals=msg_vals, **kwargs)
        if any(recipient.get("notif") == "email" for recipient in recipients_data):
            self.env["hr.pop.notification"]._trigger_mail_queue()
        return result

    def _message_compute_author(self, author_id=None, email_from=None, **kwargs):
        """Through the employee's personal link the visitor is the public user:
        what he does there (his preparation, his signature, the state and the
        signed PDF that follow) is the employee's, in the chatter too."""
        if (
            author_id is None
            and not email_from
            and len(self) == 1
            and self.env.user._is_public()
            and self._pop_has_portal_grant()
        ):
            author_id = self.sudo().employee_id.work_contact_id.id or None
        return super()._message_compute_author(author_id, email_from, **kwargs)

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=None):
        """portal.mixin gives the record's customer a "View" button with the token and
        his chatter signature; a plan has no customer but its employee, whose link
        goes only through our own mails."""
        groups = super()._notify_get_recipients_groups(
            message, model_description, msg_vals=msg_vals
        )
        return [group for group in groups if group[0] != "portal_customer"]

    def sign(
        self,
        role,
        signature,
        signer_name,
        decision="agree",
        comment=None,
        content_hash=None,
    ):
        """Sign the plan as ``role`` ('employee' or 'manager') for the current user.

        ``signature`` is a base64 PNG. The employee may sign "seen" instead of "agree"
        and add a comment (his objection). ``content_hash`` is the content hash of
        the plan as the signer read it (``_get_content_hash``); when given, the
        signature is refused if the plan changed since.
        """
        self.ensure_one()
        self._check_can_sign(role)
        return self._sign(role, signature, signer_name, decision, comment, content_hash)

    def action_record_paper_signature(
        self,
        role,
        attachment_id,
        signer_name,
        decision="agree",
        comment=None,
        content_hash=None,
    ):
        """Record the signature ``role`` ('employee' or 'manager') gave on paper.

        The manager printed the plan and it was signed by hand; the plan's manager
        or a POP administrator records it with ``attachment_id``, the scan or photo
        of the signed plan (an ``ir.attachment`` he uploaded: PDF or image). It
        counts as that role's signature, as one drawn in Odoo: the content hash is
        taken now and the plan moves on. ``decision`` and ``comment`` are the
        employee's, as written on the paper; ``content_hash`` as in ``sign``.
        """
        self.ensure_one()
        self._check_can_record_paper_signature(role)
        scan = self._check_paper_scan(attachment_id)
        if not isinstance(signer_name, str):
            raise UserError(self.env._("Please enter the name of the signer."))
        return self._sign(
            role, False, signer_name, decision, comment, content_hash, paper_scan=scan
        )

    def _sign(
        self,
        role,
        signature,
        signer_name,
        decision="agree",
        comment=None,
        content_hash=None,
        paper_scan=None,
    ):
        """Store a signature; callers have checked who signs (back office or token).

        With ``paper_scan`` (a checked ``ir.attachment``) the signature was given on
        paper: the scan replaces the image and is kept with the plan."""
        self.ensure_one()
        if role not in ("employee", "manager"):
            raise UserError(self.env._("One signs a plan as employee or as manager."))
        if self.state != "to_sign":
            raise UserError(
                self.env._("%(pop)s is not waiting for signatures.", pop=self.name)
            )
        if content_hash is not None and content_hash != self._get_content_hash():
            raise UserError(
                self.env._(
                    "%(pop)s changed while you were reading it. Reload the page, "
                    "read the plan again and then sign.",
                    pop=self.name,
                )
            )
        if self[f"{role}_signed_on"]:
            raise UserError(
                self.env._(
                    "%(pop)s is already signed by the %(role)s.",
                    pop=self.name,
                    role=self._role_label(role),
                )
            )
        signer_name = (signer_name or "").strip()
        if not signer_name:
            raise UserError(self.env._("Please enter the name of the signer."))
        if len(signer_name) > 128:
            raise UserError(self.env._("The signer's name is too long."))
        signature = False if paper_scan else self._check_signature_image(signature)
        vals = {
            f"{role}_signature": signature,
            f"{role}_signed_by": signer_name,
            f"{role}_signed_on": fields.Datetime.now(),
            # On paper nobody signed in Odoo: who recorded it is kept instead.
            f"{role}_signed_user_id": False if paper_scan else self.env.user.id,
            f"{role}_signature_hash": self._get_content_hash(),
            "has_been_signed": True,
        }
        if paper_scan:
            vals.update(
                {
                    f"{role}_signed_on_paper": True,
                    f"{role}_signature_attachment_id": paper_scan.id,
                    f"{role}_signature_recorded_by_id": self.env.user.id,
                }
            )
        if role == "employee":
            self._check_repayment_needs_agreement(decision)
            if decision not in ("agree", "seen"):
                raise UserError(
                    self.env._("The employee signs 'agreed' or 'seen, not agreed'.")
                )
            vals["employee_decision"] = decision
            vals["employee_comment"] = (comment or "").strip()[:4000] or False
        pop_sudo = self.sudo()
        if paper_scan:
            # The scan stays with the plan (and goes with it when it is anonymised).
            paper_scan.sudo().write({"res_model": self._name, "res_id": self.id})
        pop_sudo._pop_workflow().write(vals)
        pop_sudo._close_activities(
            "hr_pop.mail_activity_pop_sign", self._role_user(role)
        )
        pop_sudo.message_post(
            body=self._get_signature_message(role, signer_name, decision, vals),
            subtype_xmlid="mail.mt_note",
        )
        if pop_sudo.is_fully_signed:
            pop_sudo._on_fully_signed()
        return True

    def _on_fully_signed(self):
        """Both signed: attach the signed PDF and route to approval or execution."""
        self.ensure_one()
        if self.needs_approval:
            self._pop_workflow().write({"state": "to_approve"})
            self._schedule_activity(
                "hr_pop.mail_activity_pop_approve",
                self._get_approver(),
                self.env._(
                    "Approve the development plan of %(employee)s",
                    employee=self.employee_id.name,
                ),
            )
        else:
            self._pop_workflow().write({"state": "running"})
        self._pop_workflow().signed_attachment_id = self._attach_pdf("signed")
        # The agreements in writing leave now; the follow-up cron only retries.
        self.env["hr.pop.notification"]._send_signed_pdf_now(self)

    def _get_follow_up_names(self):
        """Who follows up in person an employee without e-mail (the HR to-do)."""
        self.ensure_one()
        return ", ".join(self._get_approver().mapped("name")) or self.env._("HR")

    def _get_no_email_notice(self):
        """Tell who invites at once that an employee without any e-mail address got
        no invitation, and who follows up; False when every invitation left."""
        pops = self.sudo().filtered(
            lambda pop: not (
                pop.employee_id.private_email or pop.employee_id.work_email
            )
        )
        if not pops:
            return False
        message = "\n".join(
            self.env._(
                "%(employee)s has no e-mail address: the invitation was not sent. "
                "%(follow_up)s will invite them in person (a to-do is planned).",
                employee=pop.employee_id.name,
                follow_up=pop._get_follow_up_names(),
            )
            for pop in pops
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Invitation not sent"),
                "message": message,
                "type": "warning",
                "sticky": True,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _get_signature_message(self, role, signer_name, decision, vals):
        """The chatter note of a signature: who signed, how, and what comes next."""
        self.ensure_one()
        if vals.get(f"{role}_signed_on_paper"):
            parts = [
                self.env._(
                    "Signed on paper by %(name)s (recorded by %(user)s), as %(role)s.",
                    name=signer_name,
                    role=self._role_label(role),
                    user=self.env.user.name,
                )
            ]
            if role == "employee" and decision == "seen":
                parts.append(
                    self.env._(
                        "Seen, not agreed. Comment: %(comment)s",
                        comment=vals["employee_comment"] or "-",
                    )
                )
        elif role == "employee" and decision == "seen":
            parts = [
                self.env._(
                    "Signed by %(name)s (employee) as seen, not agreed. "
                    "Comment: %(comment)s",
                    name=signer_name,
                    comment=vals["employee_comment"] or "-",
                )
            ]
        else:
            parts = [
                self.env._(
                    "Signed by %(name)s (%(role)s).",
                    name=signer_name,
                    role=self._role_label(role),
                )
            ]
        if role == "employee" and self._pop_has_portal_grant():
            parts.append(self.env._("Signed through the employee's personal link."))
        pop = self.sudo()
        if not pop.employee_signed_on:
            parts.append(self.env._("Now waiting for the employee's signature."))
        elif not pop.manager_signed_on:
            parts.append(self.env._("Now waiting for the manager's signature."))
        elif pop.needs_approval:
            parts.append(
                self.env._("Both have signed: the plan now waits for approval.")
            )
        else:
            parts.append(self.env._("Both have signed: the plan is running."))
        return " ".join(parts)

    def _pop_mail_sender(self):
        """The From of the plan's mails: the company, never OdooBot nor the visitor
        of a link. Without a company address, the company's default sender (alias
        domain or ``email_from`` of the server), else an HR address under the
        company's name: a mail without sender cannot leave."""
        self.ensure_one()
        company = self.sudo().company_id
        if company.email_formatted:
            return company.email_formatted
        address = (
            self.env["ir.mail_server"]
            .sudo()
            .with_company(company)
            ._get_default_from_address()
        )
        if not address:
            address = next(
                (user.email for user in self._get_approver() if user.email), False
            )
        return address and formataddr((company.name, address))

    def _get_content_hash(self):
        """SHA-256 of what is signed: period, conversation summary, goals,
        activities and their costs."""
        self.ensure_one()
        pop = self.sudo()
        content = {
            "employee": pop.employee_id.id,
            "manager": pop.manager_id.id,
            "period": [str(pop.date_start), str(pop.date_end)],
            "conversation_date": str(pop.meeting_date or ""),
            "conversation": [pop[name] or "" for name in CONVERSATION_FIELDS],
            "currency": pop.currency_id.name,
            "goals": [
                [
                    goal.id,
                    goal.category,
                    goal.name,
                    goal.success_measure or "",
                    str(goal.deadline or ""),
                    goal.skill_id.id,
                    goal.skill_level_id.id,
                ]
                for goal in pop.goal_ids.sorted("id")
            ],
            "lines": [
                [
                    line.id,
                    line.goal_id.id,
                    line.activity_type,
                    line.name,
                    line.institute_id.id,
                    line.course_code or "",
                    pop.currency_id.round(line.cost),
                    str(line.date_start or ""),
                    str(line.date_end or ""),
                    line.during_work_hours,
                    line.responsible,
                    line.mandatory,
                    line.repayment_agreement,
                    line.repayment_months,
                    line.repayment_terms or "",
                    line.remarks or "",
                ]
                for line in pop.line_ids.sorted("id")
            ],
        }
        payload = json.dumps(content, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()

    def _recompute_next_previous_pops(self):
        """A plan created, moved or cancelled changes which plan precedes the others."""
        others = self.sudo().search([("employee_id", "in", self.employee_id.ids)])
        self.env.add_to_compute(self._fields["previous_pop_id"], others)

    @api.model
    def _check_new_content_editable(self, vals_list):
        """Goals and activities are added only to plans nobody signed yet."""
        pop_ids = {vals.get("pop_id") for vals in vals_list} - {None}
        self.browse(pop_ids)._check_content_editable()

    def _check_content_editable(self):
        if self._pop_is_anonymising():
            return
        for pop in self:
            if pop.is_signed or pop.state in SIGNED_STATES:
                raise UserError(
                    self.env._(
                        "%(pop)s is signed: its goals, activities, costs and period "
                        "can no longer change. Reopen the plan to change it; the "
                        "signed version is kept.",
                        pop=pop.name,
                    )
                )

    def _check_execution_editable(self):
        """Progress, evaluation and activity status change until the plan is closed."""
        if self._pop_is_anonymising():
            return
        closed = self.filtered(lambda pop: pop.state in ("done", "cancelled"))
        if closed:
            raise UserError(
                self.env._(
                    "%(pops)s is closed or cancelled: nothing in it can change any "
                    "more.",
                    pops=", ".join(closed.mapped("name")),
                )
            )

    def _check_running_for_review(self):
        if self._pop_is_anonymising():
            return
        if any(pop.state != "running" for pop in self):
            raise UserError(
                self.env._("Progress is reviewed while the plan is running.")
            )

    def _check_state(self, state, what):
        wrong = self.filtered(lambda pop: pop.state != state)
        if wrong:
            state_label = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    'You cannot %(what)s: %(pops)s must be in state "%(state)s".',
                    what=what,
                    pops=", ".join(wrong.mapped("name")),
                    state=state_label[state],
                )
            )

    def _check_manager_and_date(self, what):
        """The conversation needs a manager who holds it and a date: say which plan
        misses what, rather than inviting nobody or nowhere."""
        problems = []
        for pop in self.sudo():
            missing = []
            if not pop.manager_id:
                missing.append(self.env._("a manager"))
            if not pop.meeting_date:
                missing.append(self.env._("a conversation date"))
            if missing:
                problems.append(f"- {pop.display_name}: {', '.join(missing)}")
        if problems:
            raise UserError(
                self.env._(
                    "You cannot %(what)s yet. Missing:\n%(problems)s",
                    what=what,
                    problems="\n".join(problems),
                )
            )

    def _check_reason(self, reason):
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Please give a reason."))
        return reason

    def _check_smart_goals(self):
        self.ensure_one()
        if not self.goal_ids:
            raise UserError(
                self.env._(
                    "%(pop)s has no goals yet: agree on at least one goal.",
                    pop=self.name,
                )
            )
        problems = []
        for goal in self.goal_ids:
            missing = []
            if not (goal.success_measure or "").strip():
                missing.append(self.env._("a success measure"))
            if not goal.deadline:
                missing.append(self.env._("a deadline"))
            elif not self.date_start <= goal.deadline <= self.date_end:
                missing.append(self.env._("a deadline inside the plan's period"))
            if missing:
                problems.append(f"- {goal.name}: {', '.join(missing)}")
        if problems:
            raise UserError(
                self.env._(
                    "Make the goals of %(pop)s SMART before submitting. Missing:\n"
                    "%(problems)s",
                    pop=self.name,
                    problems="\n".join(problems),
                )
            )

    def _check_can_sign(self, role):
        self.ensure_one()
        user = self.env.user
        employee_user = self.sudo().employee_id.user_id
        if role == "employee":
            allowed = employee_user == user
        elif role == "manager":
            allowed = employee_user != user and (
                self.sudo().manager_id.user_id == user
                or user.has_group("hr_pop.group_pop_admin")
            )
        else:
            allowed = False
        if not allowed:
            raise AccessError(
                self.env._(
                    "You cannot sign %(pop)s as %(role)s.",
                    pop=self.name,
                    role=self._role_label(role),
                )
            )

    def _check_can_record_paper_signature(self, role):
        """The plan's manager or a POP administrator records a signature given on
        paper, for either side; never the employee of the plan himself."""
        self.ensure_one()
        if role not in ("employee", "manager"):
            raise UserError(self.env._("One signs a plan as employee or as manager."))
        # As the user: the record rules (team, company) decide whether he sees it.
        self.check_access("read")
        user = self.env.user
        pop = self.sudo()
        allowed = pop.employee_id.user_id != user and (
            pop.manager_id.user_id == user or user.has_group("hr_pop.group_pop_admin")
        )
        if not allowed:
            raise AccessError(
                self.env._(
                    "Only the manager or a development plan administrator can "
                    "record a signature on paper of %(pop)s for the %(role)s.",
                    pop=self.name,
                    role=self._role_label(role),
                )
            )

    def _check_paper_scan(self, attachment_id):
        """The ``ir.attachment`` of ``attachment_id`` as the scan of a plan signed
        on paper, or a clear error: a file the user uploaded himself and that is
        not attached to anything yet, a PDF or an image, not too large."""
        self.ensure_one()
        if isinstance(attachment_id, models.BaseModel):
            attachment_id = attachment_id.id
        missing = self.env._(
            "Add the scan or photo of the plan signed on paper: without it a "
            "signature on paper cannot be recorded."
        )
        if (
            isinstance(attachment_id, bool)
            or not isinstance(attachment_id, int)
            or not 0 < attachment_id <= 2**31 - 1
        ):
            raise UserError(missing)
        scan = self.env["ir.attachment"].browse(attachment_id).exists()
        if not scan:
            raise UserError(missing)
        not_yours = self.env._(
            "The scan must be a file you uploaded for this plan's paper signature."
        )
        try:
            scan.check("read")
        except AccessError:
            raise AccessError(not_yours) from None
        scan_sudo = scan.sudo()
        if (
            scan_sudo.create_uid != self.env.user
            or scan_sudo.res_id
            or scan_sudo.res_model not in (False, "mail.compose.message")
            or scan_sudo.res_field
            or scan_sudo.public
            or scan_sudo.type != "binary"
        ):
            raise AccessError(not_yours)
        if not scan_sudo.file_size:
            raise UserError(missing)
        if scan_sudo.file_size > PAPER_SCAN_MAX_BYTES:
            raise UserError(
                self.env._(
                    "The scan is too large: at most %(max)s MB.",
                    max=PAPER_SCAN_MAX_BYTES // (1024 * 1024),
                )
            )
        if (
            scan_sudo.mimetype not in PAPER_SCAN_MIMETYPES
            or guess_mimetype(scan_sudo.raw or b"") not in PAPER_SCAN_MIMETYPES
        ):
            raise UserError(
                self.env._(
                    "The scan of the plan signed on paper must be a PDF or an image "
                    "(JPEG, PNG, WebP or GIF)."
                )
            )
        return scan

    def _get_repayment_lines(self):
        """The activities (not cancelled) with a study-cost repayment agreement."""
        self.ensure_one()
        return self.sudo().line_ids.filtered(
            lambda line: line.repayment_agreement and line.state != "cancelled"
        )

    def _get_latest_request(self):
        """The employee's latest request for a conversation on this plan (sorted
        here: one just created is not yet in the model's order in the cache)."""
        self.ensure_one()
        return self.sudo().request_ids.sorted(
            lambda request: (request.request_date, request.id), reverse=True
        )[:1]

    def _get_repayment_note(self):
        """The repayment clauses the employee accepts by signing, one per line."""
        self.ensure_one()
        return (
            "\n".join(
                self.env._(
                    "%(activity)s: %(months)s months. %(terms)s",
                    activity=line.name,
                    months=line.repayment_months,
                    terms=line.repayment_terms or "",
                ).strip()
                for line in self._get_repayment_lines()
            )
            or False
        )

    def _check_repayment_needs_agreement(self, decision):
        """A repayment clause binds the employee only if he agrees to it: "seen,
        not agreed" cannot accept it."""
        lines = self._get_repayment_lines()
        if decision == "seen" and lines:
            raise UserError(
                self.env._(
                    "%(pop)s holds a study-cost repayment agreement (%(activities)s): "
                    'you accept it only by signing "I agree". Sign as agreed, or '
                    "ask your manager to take the clause out of the plan.",
                    pop=self.name,
                    activities=", ".join(lines.mapped("name")),
                )
            )

    def _check_can_approve(self):
        user = self.env.user
        if not user.has_group("hr_pop.group_pop_admin"):
            raise AccessError(
                self.env._(
                    "Only a development plan administrator can approve or "
                    "refuse a plan."
                )
            )
        if any(pop.sudo().employee_id.user_id == user for pop in self):
            raise AccessError(
                self.env._("You cannot approve your own development plan.")
            )

    def _check_can_answer_request(self):
        """Only the plan's manager (or a POP administrator) answers the employee's
        request, never the employee himself."""
        self.ensure_one()
        user = self.env.user
        pop = self.sudo()
        if pop.employee_id.user_id == user or not (
            pop.manager_id.user_id == user or user.has_group("hr_pop.group_pop_admin")
        ):
            raise AccessError(
                self.env._(
                    "Only the manager or an administrator can answer the request "
                    "for a conversation of %(pop)s.",
                    pop=self.name,
                )
            )

    def _check_can_manage(self):
        self.ensure_one()
        user = self.env.user
        if user.has_group("hr_pop.group_pop_admin"):
            return
        if (
            self.sudo().manager_id.user_id != user
            or self.sudo().employee_id.user_id == user
        ):
            raise AccessError(
                self.env._(
                    "Only the manager or an administrator can reopen %(pop)s.",
                    pop=self.name,
                )
            )

    def _check_preparation_role(self, role):
        """The current user prepares as ``role``; the portal path checks its token."""
        self.ensure_one()
        if role not in ("employee", "manager"):
            raise UserError(self.env._("One prepares as employee or as manager."))
        if self.env.su:
            return
        user = self.env.user
        pop = self.sudo()
        if role == "employee" and pop.employee_id.user_id != user:
            raise AccessError(self.env._("Only the employee prepares these answers."))
        if role == "manager" and (
            pop.employee_id.user_id == user
            or (
                pop.manager_id.user_id != user
                and not user.has_group("hr_pop.group_pop_admin")
            )
        ):
            raise AccessError(self.env._("Only the manager prepares these answers."))

    def _check_preparation_open(self, role):
        self._check_preparation_role(role)
        if self.state != "invited":
            raise UserError(
                self.env._(
                    "The preparation of %(pop)s is closed: the conversation "
                    "has started.",
                    pop=self.name,
                )
            )
        if self[f"{role}_preparation_state"] == "submitted":
            raise UserError(
                self.env._(
                    "These preparation answers are submitted and can no longer "
                    "change."
                )
            )

    @api.model
    def _check_signature_image(self, signature):
        """Return the signature as base64 PNG bytes, or raise a clear UserError."""
        if isinstance(signature, str):
            signature = signature.encode()
        if not signature:
            raise UserError(self.env._("Please draw your signature."))
        if len(signature) > SIGNATURE_MAX_BYTES * 4 // 3 + 4:
            raise UserError(self.env._("The signature image is too large."))
        try:
            raw = base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError):
            raise UserError(self.env._("The signature is not a valid image.")) from None
        if not raw.startswith(PNG_MAGIC):
            raise UserError(self.env._("The signature must be a PNG image."))
        if len(raw) > SIGNATURE_MAX_BYTES:
            raise UserError(self.env._("The signature image is too large."))
        try:
            base64_to_image(signature).verify()
        except Exception:  # noqa: BLE001 - Pillow raises many kinds for bad images
            raise UserError(self.env._("The signature is not a valid image.")) from None
        return signature

    def _save_preparation_answers(self, role, answers):
        """Write ``{answer_id: text}`` for ``role``; refuses anything not its own."""
        self.ensure_one()
        self._check_preparation_open(role)
        own = self.sudo().answer_ids.filtered(lambda a: a.author == role)
        for answer_id, text in answers.items():
            answer = own.filtered(lambda a, answer_id=answer_id: a.id == answer_id)
            if not answer:
                raise AccessError(
                    self.env._("You can only answer your own preparation questions.")
                )
            answer.write({"answer": text})
        return True

    def _create_preparation_answers(self):
        """An empty answer per active question of the plan's question set, for
        both sides. One INSERT for the whole batch (an invitation round: twenty
        answers per plan, thousands of plans); the related stored fields are
        filled in from the question and the plan as the ORM would."""
        if not self:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO hr_pop_answer (pop_id, question_id, sequence, author,
                                           company_id, shared, create_uid,
                                           create_date, write_uid, write_date)
                SELECT pop.id, question.id, question.sequence, question.audience,
                       pop.company_id, FALSE, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM hr_pop pop
                  JOIN hr_pop_question question
                    ON question.question_set_id = pop.question_set_id
                   AND question.active
                 WHERE pop.id IN %(ids)s
                ON CONFLICT (pop_id, question_id) DO NOTHING
                """,
                uid=self.env.uid,
                now=self.env.cr.now(),
                ids=tuple(self.ids),
            )
        )
        self.invalidate_recordset(
            ["answer_ids", "employee_answer_ids", "manager_answer_ids"]
        )

    def _pop_ensure_tokens(self):
        """Give each plan its employee's token (see ``_portal_ensure_token``), in
        one query for the whole batch of an invitation round."""
        missing = self.sudo().filtered(lambda pop: not pop.access_token)
        if not missing:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE hr_pop SET access_token = gen_random_uuid()::text"
                " WHERE id IN %s AND access_token IS NULL",
                tuple(missing.ids),
            )
        )
        missing.invalidate_recordset(["access_token"])

    def _subscribe_managers(self):
        """The manager follows the plan, so the employee's portal messages reach
        him: one subscription per manager for all his plans of the batch."""
        pops_by_partner = defaultdict(lambda: self.env["hr.pop"].sudo())
        for pop in self.sudo():
            partner = pop.manager_id.user_id.partner_id
            if partner:
                pops_by_partner[partner] |= pop
        for partner, pops in pops_by_partner.items():
            pops.message_subscribe(partner_ids=partner.ids)

    def _get_meeting_event_values(self):
        self.ensure_one()
        pop = self.sudo()
        manager_user = pop.manager_id.user_id
        partners = pop.employee_id.work_contact_id | (
            pop.manager_id.work_contact_id or manager_user.partner_id
        )
        return {
            "name": self.env._(
                "Development conversation: %(employee)s", employee=pop.employee_id.name
            ),
            **pop._get_meeting_event_times(),
            "user_id": manager_user.id or False,
            "partner_ids": [fields.Command.set(partners.ids)],
            "privacy": "private",
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": pop.id,
        }

    def _create_meeting_event(self):
        """Put each conversation in both calendars, once, in one create for the
        batch; our invitation is the mail, so Odoo's is not sent."""
        pops = self.sudo().filtered("meeting_date")
        restarted = pops.meeting_event_id.filtered(lambda event: not event.active)
        if restarted:  # cancelled, then invited again
            restarted.action_unarchive()
            pops.filtered(
                lambda pop: pop.meeting_event_id in restarted
            )._sync_meeting_event()
        new = pops.filtered(lambda pop: not pop.meeting_event_id)
        events = (
            self.env["calendar.event"]
            .sudo()
            .with_context(no_mail_to_attendees=True)
            .create([pop._get_meeting_event_values() for pop in new])
        )
        write_per_record(
            new, "meeting_event_id", dict(zip(new.ids, events.ids, strict=True))
        )

    def _sync_meeting_event(self):
        pops = self.sudo().filtered(lambda p: p.meeting_event_id and p.meeting_date)
        for pop in pops:
            pop.meeting_event_id.with_context(no_mail_to_attendees=True).write(
                pop._get_meeting_event_times()
            )

    def _get_meeting_event_times(self):
        self.ensure_one()
        return {
            "start": self.meeting_date,
            "stop": self.meeting_date + relativedelta(hours=1),
        }

    def _clear_signatures(self):
        vals = {}
        for role in ("employee", "manager"):
            vals.update(
                {
                    f"{role}_signature": False,
                    f"{role}_signed_by": False,
                    f"{role}_signed_on": False,
                    f"{role}_signed_user_id": False,
                    f"{role}_signature_hash": False,
                    # The scan stays attached to the plan, like the signed PDFs.
                    f"{role}_signed_on_paper": False,
                    f"{role}_signature_attachment_id": False,
                    f"{role}_signature_recorded_by_id": False,
                }
            )
        vals.update(
            {
                "employee_decision": False,
                "employee_comment": False,
                "signed_attachment_id": False,
            }
        )
        self.sudo()._pop_workflow().write(vals)

    def _archive_signed_pdf(self):
        """Keep what was signed before the signatures are cleared."""
        for pop in self.filtered("is_signed"):
            if pop.is_fully_signed:
                continue  # attached when it was fully signed
            pop._attach_pdf("partly_signed")

    def _get_pdf_label(self, kind):
        """What an attached PDF is: 'signed' or 'partly_signed'."""
        if kind == "signed":
            return self.env._("Signed")
        return self.env._("Partly signed")

    def _attach_pdf(self, kind):
        """Attach the plan as printed now (``kind``: see ``_get_pdf_label``); a
        failing PDF engine never blocks signing."""
        self.ensure_one()
        label = self._get_pdf_label(kind)
        # The file is named in the language of its content: the employee's.
        file_lang = self.env["report.hr_pop.report_hr_pop"]._get_report_lang(
            self.employee_id
        )
        file_label = self.with_context(lang=file_lang)._get_pdf_label(kind)
        report = self.env.ref("hr_pop.action_report_hr_pop", raise_if_not_found=False)
        if not report:
            return False
        try:
            with self.env.cr.savepoint():
                content, content_type = (
                    self.env["ir.actions.report"]
                    .sudo()
                    ._render_qweb_pdf(report, self.ids)
                )
        except Exception:  # noqa: BLE001 - wkhtmltopdf fails in many ways
            _logger.exception("Could not render the PDF of %s", self.name)
            self.sudo().message_post(
                body=self.env._(
                    "The %(label)s PDF could not be generated; print it "
                    "from the plan.",
                    label=label,
                ),
                subtype_xmlid="mail.mt_note",
            )
            return False
        # Odoo renders HTML instead of PDF while running tests.
        extension = "pdf" if content_type == "pdf" else "html"
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self._get_report_base_filename()} - {file_label}"
                    f".{extension}",
                    "type": "binary",
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf"
                    if extension == "pdf"
                    else "text/html",
                }
            )
        )
        message = self.sudo().message_post(
            body=self.env._("%(label)s version of the plan attached.", label=label),
            subtype_xmlid="mail.mt_note",
        )
        # Linked here: message_post drops the attachments of a public visitor (the
        # employee signing through his link) that are not his own uploads.
        message.attachment_ids = attachment
        return attachment

    def _get_approver(self):
        """Who approves and gets the HR to-dos: the company's HR responsible, else
        every POP administrator of the company; never the employee himself."""
        self.ensure_one()
        pop = self.sudo()
        company = pop.company_id
        employee_user = pop.employee_id.user_id
        responsible = company.pop_hr_responsible_id
        if responsible and responsible.active and responsible != employee_user:
            return responsible
        admins = (
            self.env.ref("hr_pop.group_pop_admin")
            .sudo()
            .users.filtered(
                lambda user: not user.share
                and company in user.company_ids
                and user != employee_user
                and user.id != self.env.ref("base.user_root").id
            )
        )
        return admins.sorted("id")

    def _role_user(self, role):
        self.ensure_one()
        employee = (
            self.sudo().employee_id if role == "employee" else self.sudo().manager_id
        )
        return employee.user_id

    def _role_label(self, role):
        return {
            "employee": self.env._("employee"),
            "manager": self.env._("manager"),
        }.get(role, role)

    def _schedule_activity(self, activity_xmlid, users, summary, deadline=None):
        """Plan a to-do for whoever must act next (see ``_schedule_activities``)."""
        self.ensure_one()
        self._schedule_activities([(self, activity_xmlid, users, summary, deadline)])

    @api.model
    def _schedule_activities(self, todo):
        """Plan the to-dos of ``todo``, ``[(plan, activity xmlid, users, summary,
        deadline)]``, in one create; portal users get none.

        No "assigned to you" mail per to-do: the daily digest lists each user's
        plans that need him (``hr.pop.notification._cron_send_digests``)."""
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        activity_types = {}
        vals_list = []
        for pop, activity_xmlid, users, summary, deadline in todo:
            if activity_xmlid not in activity_types:
                activity_types[activity_xmlid] = self.env.ref(activity_xmlid)
            activity_type = activity_types[activity_xmlid]
            vals_list += [
                {
                    "res_model_id": model_id,
                    "res_id": pop.id,
                    "activity_type_id": activity_type.id,
                    "summary": summary,
                    "date_deadline": fields.Date.to_date(deadline)
                    if deadline
                    else today,
                    "user_id": user.id,
                    "automated": True,
                }
                for user in users.filtered(lambda u: not u.share)
            ]
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(vals_list)

    def _close_activities(self, activity_xmlid, user=None):
        """Mark the activities done: everybody's, or only ``user``'s when given."""
        self.ensure_one()
        if user is not None and not user:
            return  # that side has no user, so no activity either
        self.sudo().activity_feedback(
            [activity_xmlid], user_id=user.id if user else None
        )

    def _has_to_be_signed(self, role="employee"):
        self.ensure_one()
        return self.state == "to_sign" and not self[f"{role}_signed_on"]

    def _format_meeting_date(self, role="employee", lang_code=None):
        """The conversation date as ``role`` reads it: in his timezone (his user's,
        else his employee's), without seconds and with the zone named, e.g. "June 1,
        2026 at 10:00 AM (Netherlands Time)"."""
        self.ensure_one()
        pop = self.sudo()
        if not pop.meeting_date:
            return ""
        person = pop.employee_id if role == "employee" else pop.manager_id
        # The zone of the portal pages and the PDF too; a batch of mails looked
        # them up at once.
        tz_name = self.env.context.get("pop_timezones", {}).get(
            person.id
        ) or get_pop_timezone(person)
        zone = pytz.timezone(tz_name)
        local = pytz.utc.localize(pop.meeting_date).astimezone(zone)
        lang_code = lang_code or self.env.lang
        locale = babel.Locale.parse(get_lang(self.env, lang_code).code)
        return self.env._(
            "%(date)s at %(time)s (%(zone)s)",
            date=format_date(self.env, local.date(), lang_code, "long"),
            time=format_time(
                self.env, local.time(), time_format="short", lang_code=lang_code
            ),
            zone=zone.zone
            if zone.zone in ("UTC", "Etc/UTC", "GMT")
            else babel.dates.get_timezone_location(tz_name, locale=locale),
        )

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("POP - %(name)s", name=self.name).replace("/", "-")

    def _get_competence_rows(self):
        """The competences of this plan, for the back office, the portal and the PDF.

        A list of dicts, first every skill of the job profile of the plan's job
        (``hr.pop.job.skill``), then the employee's other skills
        (``hr.employee.skill``), each with:

        - ``skill``, ``skill_type``: ``hr.skill`` and ``hr.skill.type`` records;
        - ``required_level``, ``current_level``: ``hr.skill.level`` records, empty
          when the job does not require the skill or the employee has no level;
        - ``required_progress``, ``current_progress``: their level progress (0-100),
          ``None`` when there is no level;
        - ``gap``: how many points the current level is below the required one (0
          when it is not, or when the job does not require the skill);
        - ``in_job_profile``, ``has_goal`` (a goal of this plan develops the skill);
        - ``summary``: the comparison in words, for example "required 80 %,
          current 40 %: gap 40 points".

        The records are read as superuser: whoever reads the plan sees them.
        """
        self.ensure_one()
        return self._get_competence_rows_by_pop()[self.id]

    def _get_competence_rows_by_pop(self):
        """``{plan id: rows}`` of ``_get_competence_rows``, in a fixed number of
        queries for the whole batch."""
        pops = self.sudo()
        profiles = (
            self.env["hr.pop.job.skill"]
            .sudo()
            .search([("job_id", "in", pops.job_id.ids)])
        )
        employee_skills = (
            self.env["hr.employee.skill"]
            .sudo()
            .search([("employee_id", "in", pops.employee_id.ids)])
        )
        profiles_by_job = defaultdict(list)
        for profile in profiles:
            profiles_by_job[profile.job_id.id].append(profile)
        levels_by_employee = defaultdict(dict)
        for employee_skill in employee_skills.sorted(
            lambda es: (es.skill_type_id.name, es.skill_id.sequence, es.skill_id.name)
        ):
            levels_by_employee[employee_skill.employee_id.id][
                employee_skill.skill_id
            ] = employee_skill.skill_level_id
        no_level = self.env["hr.skill.level"].sudo()
        result = {}
        for pop in pops:
            current = levels_by_employee[pop.employee_id.id]
            goal_skills = set(pop.goal_ids.skill_id)
            rows = [
                pop._get_competence_row(
                    profile.skill_id,
                    profile.skill_level_id,
                    current.get(profile.skill_id, no_level),
                    goal_skills,
                )
                for profile in profiles_by_job[pop.job_id.id]
            ]
            required = {row["skill"] for row in rows}
            rows += [
                pop._get_competence_row(skill, no_level, level, goal_skills)
                for skill, level in current.items()
                if skill not in required
            ]
            result[pop.id] = rows
        return result

    def _get_competence_row(self, skill, required_level, current_level, goal_skills):
        required = required_level.level_progress if required_level else None
        current = current_level.level_progress if current_level else None
        gap = max((required or 0) - (current or 0), 0) if required_level else 0
        return {
            "skill": skill,
            "skill_type": skill.skill_type_id,
            "required_level": required_level,
            "current_level": current_level,
            "required_progress": required,
            "current_progress": current,
            "gap": gap,
            "in_job_profile": bool(required_level),
            "has_goal": skill in goal_skills,
            "summary": self._get_competence_summary(required, current, gap),
        }

    def _get_competence_summary(self, required, current, gap):
        """The comparison of one competence in words."""
        _ = self.env._
        # Formatted here: no expression inside _(), which the term export reads.
        required_text = f"{required} %"
        current_text = f"{current} %"
        if current is not None:
            current_text = _("current %(progress)s", progress=current_text)
        else:
            current_text = _("no current level")
        if required is None:
            return _("not required by the job, %(current)s", current=current_text)
        if not gap:
            return _(
                "required %(required)s, %(current)s: no gap",
                required=required_text,
                current=current_text,
            )
        return _(
            "required %(required)s, %(current)s: gap %(gap)s points",
            required=required_text,
            current=current_text,
            gap=gap,
        )

    def _render_competence_table(self, rows):
        """The Competences tab: a table of ``rows`` (``_get_competence_rows``), the
        same template as the portal page and the PDF, with the goal column."""
        if not rows:
            return Markup('<p class="text-muted">%s</p>') % self.env._(
                "No competences to compare yet: give the job position a competence "
                "profile, or record the employee's skills."
            )
        return self.env["ir.qweb"]._render(
            "hr_pop.pop_competence_table",
            {
                "competences": rows,
                "competence_table_class": "o_hr_pop_competences",
                "competence_show_goal": True,
            },
        )

    def _anonymise(self):
        """Keep only the cost statistics of these plans (retention, GDPR): company,
        department, job, period, state and the activities' type and cost; remove
        the employee and manager, the conversation, the preparation, the
        signatures, comments, reviews, feedback, attachments (the signed PDFs),
        notifications, to-dos and the chatter."""
        pops = self.sudo()._pop_anonymising()
        env = pops.env
        ids = pops.ids
        pops.answer_ids.unlink()
        pops.request_ids.unlink()
        pops.review_ids.unlink()
        pops.feedback_request_ids.unlink()
        env["hr.pop.notification"].search([("pop_id", "in", ids)]).unlink()
        events = pops.meeting_event_id
        for model in ("mail.activity", "ir.attachment"):
            env[model].search(
                [("res_model", "=", "hr.pop"), ("res_id", "in", ids)]
            ).unlink()
        pops.goal_ids.write(
            {
                "name": env._("Anonymised"),
                "success_measure": False,
                "lessons_learned": False,
                "application": False,
            }
        )
        pops.line_ids.write({"remarks": False, "repayment_terms": False})
        cleared = dict.fromkeys(
            (
                *CONVERSATION_FIELDS,
                "employee_id",
                "manager_id",
                "meeting_event_id",
                "access_token",
                "employee_signature",
                "employee_signed_by",
                "employee_signed_user_id",
                "employee_signature_hash",
                "employee_comment",
                "employee_signature_attachment_id",
                "employee_signature_recorded_by_id",
                "manager_signature",
                "manager_signed_by",
                "manager_signed_user_id",
                "manager_signature_hash",
                "manager_signature_attachment_id",
                "manager_signature_recorded_by_id",
                "signed_attachment_id",
                "refuse_reason",
                "cancel_reason",
            ),
            False,
        )
        for pop in pops:
            # What the statistics keep, written with the rest so that clearing the
            # employee does not recompute it.
            pop.write(
                {
                    **cleared,
                    "company_id": pop.company_id.id,
                    "department_id": pop.department_id.id,
                    "job_id": pop.job_id.id,
                    "is_anonymised": True,
                }
            )
        events.unlink()
        # Last: clearing fields must not leave tracking messages behind.
        for model in ("mail.message", "mail.followers"):
            field = "model" if model == "mail.message" else "res_model"
            env[model].search([(field, "=", "hr.pop"), ("res_id", "in", ids)]).unlink()

    def _get_budget_effects(self):
        """``[(budget, remaining before, this plan's cost, remaining after)]`` of
        the budgets the plan draws on (read as superuser: HR's figures)."""
        self.ensure_one()
        if not self.date_start or not self.employee_id:
            return []
        budgets = self.env["hr.pop.budget"]._get_for_pop(self)
        return [(budget, *budget._get_pop_effect(self)) for budget in budgets]

    def _get_budget_warning(self, effects):
        """The budgets the plan exceeds and by how much, or False."""
        over = [
            self.env._(
                "%(budget)s by %(amount)s",
                budget=budget.name,
                amount=format_amount(self.env, -after, budget.currency_id),
            )
            for budget, _before, cost, after in effects
            if cost and after < 0
        ]
        if not over:
            return False
        return self.env._(
            "This plan exceeds the training budget of %(budgets)s: HR approves it.",
            budgets="; ".join(over),
        )

    def _get_budget_formatter(self):
        """``format(amount, currency)`` for the budget table."""
        return lambda amount, currency: format_amount(self.env, amount, currency)

    def _render_budget_table(self, effects):
        if not effects:
            return Markup('<p class="text-muted">%s</p>') % self.env._(
                "No training budget for this employee or department in this period."
            )
        return self.env["ir.qweb"]._render(
            "hr_pop.pop_budget_table",
            {"budget_effects": effects, "budget_format": self._get_budget_formatter()},
        )

    def _get_feedback_skills(self):
        """The competences feedback is asked on: the skills of the plan's goals and
        of its job's competence profile."""
        self.ensure_one()
        pop = self.sudo()
        profile = (
            self.env["hr.pop.job.skill"].sudo().search([("job_id", "=", pop.job_id.id)])
        )
        return pop.goal_ids.skill_id | profile.skill_id

    def _sees_individual_feedback(self):
        """Whether the current user may see each respondent's feedback on this plan
        (its manager or HR), or only the colleagues' aggregate (the employee)."""
        self.ensure_one()
        user = self.env.user
        return self.sudo().employee_id.user_id != user and user.has_group(
            "hr_pop.group_pop_manager"
        )

    def _get_pending_self_assessment(self):
        """The employee's self-assessment request while its link is open."""
        self.ensure_one()
        return self.sudo().feedback_request_ids.filtered(
            lambda feedback: feedback.respondent_kind == "self"
            and not feedback._get_link_problem()
        )[:1]

    def _get_pending_self_assessment_url(self):
        """Its link, for the employee himself only, else False."""
        self.ensure_one()
        if self.sudo().employee_id.user_id != self.env.user:
            return False
        pending = self._get_pending_self_assessment()
        return pending and pending._get_url()

    def _render_feedback_table(self, rows, individual, self_assessment_url=False):
        """The 360° feedback per competence (``_get_results_by_pop`` rows); the
        same template as the portal page. ``self_assessment_url``: the employee's
        own link, shown to him while his self-assessment waits."""
        if not rows:
            return Markup('<p class="text-muted">%s</p>') % self.env._(
                "No feedback asked yet."
            )
        return self.env["ir.qweb"]._render(
            "hr_pop.pop_feedback_table",
            {
                "feedback_rows": rows,
                "feedback_individual": individual,
                "feedback_minimum": MIN_COLLEAGUE_ANSWERS,
                "feedback_self_url": self_assessment_url,
            },
        )

    def _check_can_ask_feedback(self):
        """The plan's manager or HR asks for feedback, once the competences are
        agreed (to sign, to approve or running)."""
        self.ensure_one()
        user = self.env.user
        pop = self.sudo()
        if (
            not (
                user.has_group("hr_pop.group_pop_admin")
                or (
                    user.has_group("hr_pop.group_pop_manager")
                    and self.has_access("write")
                )
            )
            or pop.employee_id.user_id == user
        ):
            raise AccessError(
                self.env._(
                    "Only the manager or HR asks for feedback on %(pop)s.",
                    pop=pop.name,
                )
            )
        if pop.state not in FEEDBACK_POP_STATES:
            raise UserError(
                self.env._(
                    "Feedback is asked on a plan to sign, to approve or running; "
                    "%(pop)s is %(state)s.",
                    pop=pop.name,
                    state=dict(POP_STATES)[pop.state],
                )
            )

    def _get_proposed_goal_values(self, row):
        """A job goal that brings ``row``'s skill to the level the job requires."""
        self.ensure_one()
        skill, level = row["skill"], row["required_level"]
        return {
            "pop_id": self.id,
            "category": "job",
            "name": self.env._(
                "Reach %(level)s in %(skill)s", level=level.name, skill=skill.name
            ),
            "success_measure": self.env._(
                "%(skill)s at the level %(level)s that the job position %(job)s "
                "requires (%(summary)s).",
                skill=skill.name,
                level=level.name,
                job=self.sudo().job_id.name,
                summary=row["summary"],
            ),
            "deadline": self.date_end,
            "skill_id": skill.id,
            "skill_level_id": level.id,
        }

    def _raise_employee_skills(self):
        """Skills follow the closed plans: each reached goal that names a skill
        raises the employee's level of it to the goal's target (never lowers it),
        through the ORM so that hr_skills keeps its history; one note per plan
        lists what changed."""
        goals = self.sudo().goal_ids.filtered(
            lambda goal: goal.state == "reached"
            and goal.skill_id
            and goal.skill_level_id.skill_type_id == goal.skill_id.skill_type_id
        )
        if not goals:
            return
        # The highest target per employee and skill, should two goals name it.
        targets = {}
        for goal in goals:
            key = (goal.pop_id.employee_id.id, goal.skill_id.id)
            best = targets.get(key)
            if (
                not best
                or goal.skill_level_id.level_progress
                > best.skill_level_id.level_progress
            ):
                targets[key] = goal
        EmployeeSkill = self.env["hr.employee.skill"].sudo()
        existing = {
            (employee_skill.employee_id.id, employee_skill.skill_id.id): employee_skill
            for employee_skill in EmployeeSkill.search(
                [
                    ("employee_id", "in", goals.pop_id.employee_id.ids),
                    ("skill_id", "in", goals.skill_id.ids),
                ]
            )
        }
        changes = defaultdict(list)
        to_create = []
        for key, goal in targets.items():
            target = goal.skill_level_id
            employee_skill = existing.get(key)
            if not employee_skill:
                to_create.append(
                    {
                        "employee_id": key[0],
                        "skill_id": goal.skill_id.id,
                        "skill_type_id": goal.skill_id.skill_type_id.id,
                        "skill_level_id": target.id,
                    }
                )
                changes[goal.pop_id].append(
                    self.env._(
                        "%(skill)s: %(level)s (new)",
                        skill=goal.skill_id.name,
                        level=target.name,
                    )
                )
            elif employee_skill.level_progress < target.level_progress:
                previous = employee_skill.skill_level_id
                employee_skill.write({"skill_level_id": target.id})
                changes[goal.pop_id].append(
                    self.env._(
                        "%(skill)s: %(previous)s → %(level)s",
                        skill=goal.skill_id.name,
                        previous=previous.name,
                        level=target.name,
                    )
                )
        if to_create:
            EmployeeSkill.create(to_create)
        for pop, lines in changes.items():
            pop.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    self.env._(
                        "Skills of %(employee)s raised to the levels reached in "
                        "this plan:",
                        employee=pop.employee_id.name,
                    ),
                    Markup().join(Markup("<li>%s</li>") % line for line in lines),
                ),
                subtype_xmlid="mail.mt_note",
            )
