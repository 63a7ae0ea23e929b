# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The employee asks for a development conversation (issue 13).

Design: the request is a record of its own, on the plan it is about (a new draft
plan for the next period, or the employee's open draft plan). Everything the
employee types stays his until he shares it, as with his preparation answers
(hr.pop.answer):

- the motivation is addressed to the manager: sending the request is the act of
  sharing it, so the manager (and HR) read it;
- his first goals are his own agenda points: the manager and HR read them only
  once he shares them (the "share with my manager" box when he asks, or "Share"
  later); the record rules of hr.pop.request.goal enforce it, like those of the
  answers.

Nobody writes these records directly (the access rights grant reading only): the
methods below check who acts and then write as superuser. The employee is always
the current user's own employee: no method takes an employee or a plan from the
client.
"""

from dateutil.relativedelta import relativedelta
from psycopg2.errors import ExclusionViolation, UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date, mute_logger

from .hr_pop_goal import GOAL_CATEGORIES

REQUEST_STATES = [
    ("requested", "Requested"),
    ("planned", "Planned"),
    ("declined", "Declined"),
    ("cancelled", "Cancelled"),
]
# While the conversation is asked for or planned, the employee may share his goals.
OPEN_REQUEST_STATES = ("requested", "planned")
REQUEST_MOTIVATION_MAX_LENGTH = 5000
REQUEST_GOAL_MAX_LENGTH = 256
REQUEST_MAX_GOALS = 5
# The manager answers within this many days: the deadline of his to-do.
REQUEST_ANSWER_DAYS = 7


class HrPopRequest(models.Model):
    _name = "hr.pop.request"
    _description = "Request for a Development Conversation"
    _order = "request_date desc, id desc"

    # === FIELDS === #
    pop_id = fields.Many2one(
        "hr.pop",
        string="Development Plan",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        help="The employee who asked for the conversation.",
    )
    manager_id = fields.Many2one(related="pop_id.manager_id")
    company_id = fields.Many2one(related="pop_id.company_id", store=True, index=True)
    state = fields.Selection(
        REQUEST_STATES,
        string="Status",
        required=True,
        readonly=True,
        default="requested",
        help="Requested: waiting for the manager. Planned: the conversation has a "
        "date and the invitation went out. Declined: the manager gave a reason. "
        "Cancelled: the plan was cancelled.",
    )
    request_date = fields.Datetime(
        string="Requested On", required=True, readonly=True, default=fields.Datetime.now
    )
    motivation = fields.Text(
        required=True,
        readonly=True,
        help="Why the employee asks for a conversation; addressed to the manager.",
    )
    goal_ids = fields.One2many(
        "hr.pop.request.goal",
        "request_id",
        string="First Goals",
        readonly=True,
        help="The employee's own first goals: the manager reads those he shared.",
    )
    decline_reason = fields.Text(readonly=True)
    decided_by_id = fields.Many2one(
        "res.users", string="Answered By", readonly=True, ondelete="set null"
    )
    decided_on = fields.Datetime(string="Answered On", readonly=True)
    can_share_goals = fields.Boolean(compute="_compute_can_share_goals")

    # === COMPUTE METHODS === #
    @api.depends("employee_id.name")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._(
                "Request of %(employee)s",
                employee=request.sudo().employee_id.name or "",
            )

    @api.depends("goal_ids.shared")
    @api.depends_context("uid")
    def _compute_can_share_goals(self):
        user = self.env.user
        for request in self:
            sudo = request.sudo()
            request.can_share_goals = (
                sudo.employee_id.user_id == user
                and sudo.state in OPEN_REQUEST_STATES
                and any(not goal.shared for goal in sudo.goal_ids)
            )

    # === CRUD METHODS === #
    def init(self):  # pylint: disable=missing-return
        super().init()
        # One open request per employee, also against two requests at once (the
        # Python check cannot see a request another transaction has not committed).
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS hr_pop_request_one_open "
                "ON hr_pop_request (employee_id) WHERE state = 'requested'"
            )
        )

    # === ACTION METHODS === #
    def action_share_goals(self):
        """The employee shows his first goals to his manager (agenda points)."""
        for request in self:
            request._check_is_requester()
            if request.state not in OPEN_REQUEST_STATES:
                raise UserError(
                    self.env._(
                        "This request is closed: share your goals in a new request "
                        "or in the preparation of your conversation."
                    )
                )
            goals = request.sudo().goal_ids.filtered(lambda goal: not goal.shared)
            if not goals:
                raise UserError(
                    self.env._("Your first goals are already shared with your manager.")
                )
            goals.write({"shared": True})
            request.sudo().pop_id.message_post(
                body=self.env._(
                    "%(employee)s shared their first goals: %(goals)s",
                    employee=request.sudo().employee_id.name,
                    goals="; ".join(goals.mapped("name")),
                ),
                author_id=self.env.user.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )
        return True

    # === BUSINESS METHODS === #
    @api.model
    def _request_conversation(self, motivation, goals=(), share_goals=False):
        """The current user asks his manager for a development conversation.

        ``goals`` is a list of ``(goal text, category)``. Creates the request on the
        employee's open draft plan, else on a new draft plan for his next period;
        plans a to-do for the manager, notifies him and notes it on the plan.
        Raises a clear UserError, with nothing saved, when the input is wrong, a
        request is open already or the employee has no manager. Returns the
        request (as superuser)."""
        employee = self._get_requesting_employee()
        motivation = self._check_motivation(motivation)
        goal_vals = self._check_goals(goals, share_goals)
        Request = self.sudo()
        open_request = Request.search(
            [("employee_id", "=", employee.id), ("state", "=", "requested")], limit=1
        )
        if open_request:
            raise UserError(
                self.env._(
                    "You already asked for a development conversation on %(date)s; "
                    "%(manager)s has not answered yet. You can ask again once "
                    "they have planned or declined it.",
                    date=format_date(self.env, open_request.request_date),
                    manager=open_request.pop_id.manager_id.name
                    or self.env._("your manager"),
                )
            )
        Pop = self.env["hr.pop"].sudo()
        pop = Pop.search(
            [("employee_id", "=", employee.id), ("state", "=", "draft")],
            order="date_start, id",
            limit=1,
        )
        manager = pop.manager_id if pop else employee._get_pop_default_manager()
        if not manager:
            raise UserError(self._get_no_manager_message(employee))
        # The same request sent twice at once: the database keeps the first (the
        # plans' exclusion constraint, the one-open-request index).
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                if not pop:
                    date_start, date_end = employee._get_pop_request_period()
                    pop = Pop.create(
                        {
                            "employee_id": employee.id,
                            "date_start": date_start,
                            "date_end": date_end,
                        }
                    )
                request = Request.create(
                    {
                        "pop_id": pop.id,
                        "employee_id": employee.id,
                        "motivation": motivation,
                        "goal_ids": [fields.Command.create(vals) for vals in goal_vals],
                    }
                )
        except (ExclusionViolation, UniqueViolation):
            raise UserError(
                self.env._(
                    "Your request for a development conversation was sent already."
                )
            ) from None
        request._notify_requested()
        return request

    @api.model
    def _get_requesting_employee(self):
        """The current user's own active employee (in the current company first)."""
        user = self.env.user
        if user._is_public():
            raise AccessError(
                self.env._("Log in to ask for a development conversation.")
            )
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("user_id", "=", user.id)], order="id")
        )
        employee = (
            employees.filtered(lambda e: e.company_id == self.env.company)[:1]
            or employees[:1]
        )
        if not employee:
            raise UserError(
                self.env._(
                    "Your account is not linked to an employee, so you cannot ask "
                    "for a development conversation here. Please contact HR."
                )
            )
        return employee

    @api.model
    def _check_motivation(self, motivation):
        if motivation is not None and not isinstance(motivation, str):
            raise ValidationError(self.env._("The motivation must be text."))
        motivation = (motivation or "").replace("\x00", "").strip()
        if not motivation:
            raise ValidationError(
                self.env._(
                    "Please tell your manager briefly why you would like a "
                    "development conversation."
                )
            )
        if len(motivation) > REQUEST_MOTIVATION_MAX_LENGTH:
            raise ValidationError(
                self.env._(
                    "The motivation can be at most %(max)s characters long.",
                    max=REQUEST_MOTIVATION_MAX_LENGTH,
                )
            )
        return motivation

    @api.model
    def _check_goals(self, goals, share_goals):
        """The values of the first goals: blank lines are left out."""
        categories = dict(GOAL_CATEGORIES)
        vals_list = []
        for sequence, (name, category) in enumerate(goals or ()):
            if name is not None and not isinstance(name, str):
                raise ValidationError(self.env._("A goal must be text."))
            name = (name or "").replace("\x00", "").strip()
            if not name:
                continue
            if len(name) > REQUEST_GOAL_MAX_LENGTH:
                raise ValidationError(
                    self.env._(
                        "A goal can be at most %(max)s characters long.",
                        max=REQUEST_GOAL_MAX_LENGTH,
                    )
                )
            category = category or "personal"
            if category not in categories:
                raise ValidationError(
                    self.env._("Choose one of the categories for each goal.")
                )
            vals_list.append(
                {
                    "sequence": sequence,
                    "name": name,
                    "category": category,
                    "shared": bool(share_goals),
                }
            )
        if len(vals_list) > REQUEST_MAX_GOALS:
            raise ValidationError(
                self.env._(
                    "You can propose at most %(max)s first goals; the rest you "
                    "discuss in the conversation.",
                    max=REQUEST_MAX_GOALS,
                )
            )
        return vals_list

    @api.model
    def _get_no_manager_message(self, employee):
        responsible = employee.company_id.pop_hr_responsible_id.filtered("active")
        contact = ", ".join(
            part
            for part in (
                responsible.name,
                responsible.email or employee.company_id.email,
            )
            if part
        )
        if contact:
            return self.env._(
                "You have no manager to hold a development conversation with you, "
                "so your request was not sent. Please contact HR (%(contact)s): "
                "they can set your manager.",
                contact=contact,
            )
        return self.env._(
            "You have no manager to hold a development conversation with you, so "
            "your request was not sent. Please contact HR: they can set your "
            "manager."
        )

    def _notify_requested(self):
        """A to-do and a notification for the manager, a note on the plan by the
        employee. The to-do goes to HR when the manager has no user."""
        self.ensure_one()
        request = self.sudo()
        pop = request.pop_id
        employee = request.employee_id
        follow_up = self.env["hr.pop.notification"]._get_follow_up_user(pop)
        deadline = fields.Date.context_today(self) + relativedelta(
            days=REQUEST_ANSWER_DAYS
        )
        pop._schedule_activity(
            "hr_pop.mail_activity_pop_request",
            follow_up,
            self.env._(
                "%(employee)s asks for a development conversation: plan it or "
                "decline it",
                employee=employee.name,
            ),
            deadline,
        )
        body = self.env._(
            "%(employee)s asks for a development conversation. Motivation: "
            "%(motivation)s",
            employee=employee.name,
            motivation=request.motivation,
        )
        shared = request.goal_ids.filtered("shared")
        if shared:
            body += " " + self.env._(
                "First goals: %(goals)s", goals="; ".join(shared.mapped("name"))
            )
        # As a note: the manager (or HR) is notified in Odoo or by mail, as he
        # chose; mails go through the queue (hr.pop._notify_thread_by_email).
        pop.message_post(
            body=body,
            author_id=employee.user_id.partner_id.id or employee.work_contact_id.id,
            partner_ids=follow_up.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    def _check_is_requester(self):
        self.ensure_one()
        if self.sudo().employee_id.user_id != self.env.user:
            raise AccessError(
                self.env._("Only the employee who asked can share these goals.")
            )

    def _set_planned(self):
        """The conversation is planned (the plan was invited): the manager's to-do
        is done."""
        requests = self.sudo().filtered(lambda r: r.state == "requested")
        if not requests:
            return
        requests.write(
            {
                "state": "planned",
                "decided_by_id": self.env.user.id,
                "decided_on": fields.Datetime.now(),
            }
        )
        for pop in requests.pop_id:
            pop._close_activities("hr_pop.mail_activity_pop_request")

    def _decline(self, reason):
        """The manager declines with ``reason``: the employee reads it in the portal
        and in the back office, and gets a mail (private address first)."""
        requests = self.sudo()
        requests.write(
            {
                "state": "declined",
                "decline_reason": reason,
                "decided_by_id": self.env.user.id,
                "decided_on": fields.Datetime.now(),
            }
        )
        for request in requests:
            pop = request.pop_id
            pop._close_activities("hr_pop.mail_activity_pop_request")
            pop.message_post(
                body=self.env._(
                    "The request of %(employee)s for a development conversation was "
                    "declined by %(user)s: %(reason)s",
                    employee=request.employee_id.name,
                    user=self.env.user.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
            self.env["hr.pop.notification"]._send_request_declined(request)
