# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""360° feedback (seed 004): one request per respondent, answered through a link.

Nobody writes a request or an answer through the ORM's public methods: the access
rights give every group read access only. Requests are created by the feedback
wizard, answered or declined through their link and cancelled by the plan's
manager, each after its own check, as superuser.
"""

import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import consteq, format_date, formataddr

from .hr_pop import FEEDBACK_POP_STATES
from .hr_pop_guard_mixin import MAX_TEXT_LENGTH
from .hr_pop_notification import Recipient

FEEDBACK_KINDS = [
    ("self", "Self-Assessment"),
    ("manager", "Manager"),
    ("colleague", "Colleague"),
]
FEEDBACK_STATES = [
    ("pending", "Waiting"),
    ("answered", "Answered"),
    ("declined", "Declined"),
    ("cancelled", "Cancelled"),
]


class HrPopFeedbackRequest(models.Model):
    _name = "hr.pop.feedback.request"
    _description = "360° Feedback Request"
    _order = "pop_id, respondent_kind, respondent_name, id"
    _rec_name = "respondent_name"

    # === FIELDS === #
    pop_id = fields.Many2one(
        "hr.pop",
        string="Development Plan",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    employee_id = fields.Many2one(related="pop_id.employee_id", string="Employee")
    company_id = fields.Many2one(related="pop_id.company_id", store=True, index=True)
    respondent_kind = fields.Selection(
        FEEDBACK_KINDS, string="Respondent", required=True, readonly=True
    )
    respondent_name = fields.Char(string="Name", required=True, readonly=True)
    respondent_employee_id = fields.Many2one(
        "hr.employee", string="Respondent Employee", readonly=True, ondelete="set null"
    )
    respondent_user_id = fields.Many2one(
        "res.users", string="Respondent User", readonly=True, ondelete="set null"
    )
    # A colleague's address; the employee's and the manager's are looked up when
    # mailing (the employee's private address is for HR only).
    email = fields.Char(
        string="E-mail Address", readonly=True, groups="hr_pop.group_pop_manager"
    )
    lang = fields.Char(string="Language", readonly=True)
    requested_by_id = fields.Many2one("res.users", string="Asked By", readonly=True)
    date_sent = fields.Datetime(string="Sent On", readonly=True)
    deadline = fields.Date(required=True, readonly=True)
    state = fields.Selection(
        FEEDBACK_STATES, required=True, readonly=True, default="pending", index=True
    )
    is_expired = fields.Boolean(
        string="Expired",
        compute="_compute_is_expired",
        search="_search_is_expired",
        help="Not answered by its deadline: its link no longer opens the form.",
    )
    date_answered = fields.Datetime(string="Answered On", readonly=True)
    decline_reason = fields.Text(readonly=True)
    access_token = fields.Char(
        readonly=True,
        copy=False,
        groups="base.group_system",
        default=lambda self: secrets.token_urlsafe(32),
    )
    answer_ids = fields.One2many(
        "hr.pop.feedback.answer", "request_id", string="Answers", readonly=True
    )

    _sql_constraints = [
        ("access_token_unique", "UNIQUE(access_token)", "A feedback link is unique."),
    ]

    # === COMPUTE METHODS === #
    @api.depends("state", "deadline")
    def _compute_is_expired(self):
        today = fields.Date.context_today(self)
        for feedback in self:
            feedback.is_expired = (
                feedback.state == "pending" and feedback.deadline < today
            )

    def _search_is_expired(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search on expired with = or != only."))
        expired = [
            ("state", "=", "pending"),
            ("deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return expired
        return ["!", "&", *expired]

    # === CRUD METHODS === #
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._("Ask for feedback with the plan's Ask for Feedback button.")
            )
        requests = super().create(vals_list)
        for feedback in requests.filtered(lambda feedback: not feedback.lang):
            feedback.lang = feedback._get_respondent_lang()
        requests._create_answers()
        return requests

    # === ACTION METHODS === #
    def action_cancel(self):
        """The manager or HR withdraws requests not answered yet; their links stop."""
        for feedback in self:
            feedback.pop_id._check_can_ask_feedback()
        pending = self.sudo().filtered(lambda feedback: feedback.state == "pending")
        pending.write({"state": "cancelled"})
        for pop in pending.pop_id:
            pop.message_post(
                body=self.env._(
                    "Feedback request withdrawn: %(names)s.",
                    names=", ".join(
                        pending.filtered(lambda f, p=pop: f.pop_id == p).mapped(
                            "respondent_name"
                        )
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # === BUSINESS METHODS === #
    def _create_answers(self):
        """One empty answer per competence of the plan, the scale of its skill type
        (unless created with its answers, as the demo data)."""
        values = []
        for feedback in self.filtered(lambda feedback: not feedback.answer_ids):
            values += [
                {"request_id": feedback.id, "skill_id": skill.id}
                for skill in feedback.pop_id._get_feedback_skills()
            ]
        self.env["hr.pop.feedback.answer"].sudo().create(values)

    def _get_respondent_lang(self):
        """The respondent's language, else the employee's, else the company's."""
        self.ensure_one()
        return (
            self.respondent_employee_id.work_contact_id.lang
            or self.respondent_user_id.lang
            or self.pop_id.employee_id.work_contact_id.lang
            or self.company_id.partner_id.lang
            or False
        )

    def _send_mails(self):
        """Mail each respondent his link."""
        return self.env["hr.pop.notification"]._send_feedback_requests(self)

    def _get_by_token(self, request_id, token):
        """The request of a link, as superuser, or an empty recordset."""
        if not isinstance(token, str) or not 0 < request_id < 2**31:
            return self.sudo().browse()
        feedback = self.sudo().browse(request_id).exists()
        if feedback and consteq(feedback.access_token or "", token):
            return feedback
        return self.sudo().browse()

    def _get_link_problem(self):
        """Why the link no longer opens the form (answered, declined, cancelled,
        expired), or False."""
        self.ensure_one()
        if self.state != "pending":
            return self.state
        if self.is_expired or self.pop_id.state not in FEEDBACK_POP_STATES:
            return "expired"
        return False

    def _get_url(self):
        self.ensure_one()
        return (
            f"{self.get_base_url()}/pop/feedback/{self.id}/{self.sudo().access_token}"
        )

    def _lock_pending(self):
        """Lock the request row, then make sure it still waits: of two submissions
        of the same link, the second finds it answered and saves nothing."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT state FROM hr_pop_feedback_request WHERE id = %s FOR UPDATE",
            [self.id],
        )
        self.invalidate_recordset(["state"])
        problem = self._get_link_problem()
        if problem:
            raise UserError(self._get_link_problem_message(problem))

    def _get_link_problem_message(self, problem):
        _ = self.env._
        return {
            "answered": _("This feedback has been given already."),
            "declined": _("This request for feedback has been declined."),
            "cancelled": _("This request for feedback has been withdrawn."),
            "expired": _("The deadline of this request for feedback has passed."),
        }[problem]

    def _submit_answers(self, choices):
        """Save the respondent's answers (``{answer: (level, cannot_judge,
        comment)}``) and close the link. Every competence needs a level or "can't
        judge"; otherwise nothing is saved."""
        self.ensure_one()
        self._lock_pending()
        missing = self.answer_ids.filtered(
            lambda answer: answer not in choices
            or not (choices[answer][0] or choices[answer][1])
        )
        if missing:
            raise ValidationError(
                self.env._(
                    'Choose a level, or "can\'t judge", for: %(skills)s.',
                    skills=", ".join(missing.skill_id.mapped("name")),
                )
            )
        for answer, (level, _cannot_judge, comment) in choices.items():
            if answer.request_id != self:
                raise ValidationError(self.env._("This answer is not of this request."))
            if level and level.skill_type_id != answer.skill_type_id:
                raise ValidationError(
                    self.env._(
                        "%(level)s is not a level of %(skill)s.",
                        level=level.name,
                        skill=answer.skill_id.name,
                    )
                )
            if comment and len(comment) > MAX_TEXT_LENGTH:
                raise ValidationError(
                    self.env._(
                        "A comment can be at most %(count)s characters long.",
                        count=MAX_TEXT_LENGTH,
                    )
                )
        for answer, (level, cannot_judge, comment) in choices.items():
            answer.write(
                {
                    "skill_level_id": False if cannot_judge else level.id,
                    "cannot_judge": cannot_judge,
                    "comment": comment or False,
                }
            )
        self.write({"state": "answered", "date_answered": fields.Datetime.now()})

    def _decline(self, reason):
        self.ensure_one()
        self._lock_pending()
        if reason and len(reason) > MAX_TEXT_LENGTH:
            raise ValidationError(
                self.env._(
                    "A reason can be at most %(count)s characters long.",
                    count=MAX_TEXT_LENGTH,
                )
            )
        self.write({"state": "declined", "decline_reason": reason or False})

    def _get_recipient(self):
        """Where the request's mails go: the employee's private address first (as
        the invitation), the manager's work address, a colleague's own."""
        self.ensure_one()
        Notification = self.env["hr.pop.notification"]
        if self.respondent_kind == "self":
            return Notification._get_recipient(self.pop_id, "employee")
        if self.respondent_kind == "manager":
            return Notification._get_recipient(self.pop_id, "manager")
        partner = (
            self.respondent_employee_id.work_contact_id
            or self.respondent_user_id.partner_id
        )
        email = self.sudo().email
        return Recipient(
            email and formataddr((self.respondent_name, email)),
            partner,
            self.lang,
            False,
        )

    def _format_deadline(self):
        self.ensure_one()
        return format_date(self.env, self.deadline, lang_code=self.lang or None)

    @api.model
    def _get_default_deadline(self, company):
        return fields.Date.context_today(self) + timedelta(
            days=company.pop_feedback_days or 14
        )
