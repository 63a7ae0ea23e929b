# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The log of every POP notification, and the scheduled actions that send them.

Each notification is logged once per (plan, kind, key) in the same transaction as its
mail.mail or activity; the unique constraint makes a rerun or a second worker skip it,
and the candidate queries leave out whatever is logged, so a batch that has been
handled drops out of the next search.
"""

import logging
from collections import defaultdict, namedtuple
from datetime import datetime, time, timedelta
from functools import partial

from dateutil.relativedelta import relativedelta
from psycopg2.errors import SerializationFailure, UniqueViolation

from odoo import SUPERUSER_ID, api, fields, models
from odoo.tools import SQL, formataddr, frozendict, mute_logger

from ..report.hr_pop_report import get_pop_timezones
from .hr_pop import FEEDBACK_POP_STATES, write_per_record
from .ir_qweb import COMPILE_CACHE_CONTEXT_KEY, QwebCompileCache

_logger = logging.getLogger(__name__)

BATCH_SIZE = 200
NOTIFICATION_KINDS = [
    ("invitation", "Invitation"),
    ("sign_request", "Request to Sign"),
    ("agenda_exchange", "Agenda Exchange"),
    ("preparation_reminder", "Preparation Reminder"),
    ("signature_reminder", "Signature Reminder"),
    ("approval_reminder", "Approval Reminder"),
    ("review_due", "Progress Review Due"),
    ("activity_start_check", "Activity Start Check"),
    ("activity_evaluation", "Activity Evaluation"),
    ("closing_reminder", "Closing Reminder"),
    ("signed_pdf", "Signed Plan"),
    ("digest", "Daily Digest"),
    ("feedback_request", "Feedback Request"),
    ("feedback_reminder", "Feedback Reminder"),
    ("request_declined", "Request Declined"),
]
# Mails whose content is private go to the employee's private address or nowhere.
PRIVATE_KINDS = {"agenda_exchange", "signed_pdf"}
ROLES = ("employee", "manager")
# Plan states in which the signed plan is confirmed in writing (seed 003).
SIGNED_PDF_STATES = ("to_approve", "running")
MAIL_LAYOUT = "hr_pop.mail_layout_pop"
# A reminder leaves at the earliest this long after the mail it reminds of, so that
# nobody is reminded of what he could not have done yet.
REMINDER_MIN_DELAY = timedelta(days=2)
# The reminder of a request for feedback leaves this many days before its deadline.
FEEDBACK_REMINDER_DAYS = 3
# A mail to the employee carries his link (with its token): its copy is kept off the
# plan's chatter and has no author, so that only the system reads it (mail.message
# access: the document, the author, the creator or a recipient).
EMPLOYEE_MAIL_VALUES = {"model": False, "res_id": False, "author_id": False}

# What a mail template renders for our mails; the recipient and sender are ours.
RENDERED_TEMPLATE_FIELDS = (
    "attachment_ids",
    "auto_delete",
    "body_html",
    "email_cc",
    "mail_server_id",
    "reply_to",
    "report_template_ids",
    "scheduled_date",
    "subject",
)

Recipient = namedtuple("Recipient", "email partner lang is_private")
# One kind of notification to find and send: ``handler(record, key)`` sends it for a
# record of ``model`` matching ``domain`` whose (plan, kind, key) is not logged yet;
# ``key_sql`` computes the key and ``pop_sql`` the plan id, both in SQL.
Job = namedtuple(
    "Job", "kind model domain key_sql handler pop_sql where_sql", defaults=(None, None)
)


class HrPopNotification(models.Model):
    _name = "hr.pop.notification"
    _description = "Development Plan Notification"
    _order = "date desc, id desc"
    _rec_name = "kind"

    # === FIELDS === #
    pop_id = fields.Many2one(
        "hr.pop",
        string="Development Plan",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    kind = fields.Selection(NOTIFICATION_KINDS, required=True, readonly=True)
    key = fields.Char(
        required=True,
        readonly=True,
        default="once",
        help="Tells repeated notifications of one kind apart: the recipient's role, "
        "an activity, a review period or a signing.",
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    channel = fields.Selection(
        [("email", "E-mail"), ("activity", "Activity"), ("none", "Not Sent")],
        required=True,
        readonly=True,
        default="email",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Recipient", readonly=True, ondelete="set null"
    )
    # Often the employee's private address, which is for HR only.
    email = fields.Char(
        string="E-mail Address", readonly=True, groups="hr.group_hr_user"
    )
    mail_id = fields.Many2one(
        "mail.mail",
        string="Mail",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    note = fields.Char(readonly=True)
    employee_id = fields.Many2one(related="pop_id.employee_id")
    company_id = fields.Many2one(related="pop_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "pop_kind_key_unique",
            "UNIQUE(pop_id, kind, key)",
            "This notification of the development plan has been sent already.",
        ),
    ]

    # === CRON METHODS === #
    @api.model
    def _cron_send_invitations(self, batch_size=BATCH_SIZE):
        """Create the plans that are due, then invite for those whose date has come.

        A draft plan is invited when it has a conversation date in the future and its
        invitation date (that date minus the lead time) has come; plans without a
        date wait for the manager to plan the conversation.
        """
        created, to_create = self._create_due_pops(batch_size)
        pops = (
            self.env["hr.pop"]
            .sudo()
            # A manager's plans together: his followers, to-dos and calendar are
            # written once per batch, however many managers the company has.
            .search(
                self._get_invitation_domain(),
                order="manager_id, id",
                limit=batch_size + 1,
            )
        )
        batch = pops[:batch_size]
        invited = self._process_batch(batch, lambda pops: pops.action_invite())
        self.env["ir.cron"]._notify_progress(
            done=created + invited, remaining=to_create + len(pops) - len(batch)
        )

    @api.model
    def _cron_send_reminders(self, batch_size=BATCH_SIZE):
        """Agenda exchange, preparation, signature and approval reminders."""
        self._run_jobs(self._get_reminder_jobs(), batch_size)

    @api.model
    def _cron_follow_up(self, batch_size=BATCH_SIZE):
        """Progress reviews, activity checks and evaluations, closing, signed plan."""
        self._run_jobs(self._get_follow_up_jobs(), batch_size)

    @api.model
    def _cron_send_digests(self, batch_size=BATCH_SIZE):
        """Once a day, one mail per manager (or HR officer) listing every plan that
        needs him (his open to-dos on plans), instead of a mail per to-do or per
        plan. Sent when something is new since his last digest or due by today."""
        today = fields.Date.context_today(self)
        user_ids = self._get_digest_user_ids(today, batch_size + 1)
        batch = self.env["res.users"].sudo().browse(user_ids[:batch_size])
        done = sum(
            self._process(user, partial(self._send_digest, user, today))
            for user in batch
        )
        self.env["ir.cron"]._notify_progress(
            done=done, remaining=len(user_ids) - len(batch)
        )

    # === CANDIDATES === #
    @api.model
    def _get_digest_user_ids(self, today, limit):
        """Internal users with open to-dos on plans, not mailed today, with a to-do
        that is new since their last digest or due by today."""
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT activity.user_id
                  FROM mail_activity activity
                  JOIN res_users users ON users.id = activity.user_id
                  JOIN hr_pop pop ON pop.id = activity.res_id
                  LEFT JOIN LATERAL (
                        SELECT max(n.date) AS date FROM hr_pop_notification n
                         WHERE n.kind = 'digest'
                           AND split_part(n.key, '@', 1) = activity.user_id::text
                  ) last_digest ON TRUE
                 WHERE activity.res_model = 'hr.pop'
                   AND activity.active
                   AND pop.state NOT IN ('done', 'cancelled')
                   AND users.active
                   AND NOT users.share
                   AND (last_digest.date IS NULL OR last_digest.date::date < %(today)s)
                   AND (activity.date_deadline <= %(today)s
                        OR last_digest.date IS NULL
                        OR activity.create_date > last_digest.date)
              GROUP BY activity.user_id
              ORDER BY activity.user_id
                 LIMIT %(limit)s
                """,
                today=today,
                limit=limit,
            )
        )
        return [row[0] for row in rows]

    @api.model
    def _get_invitation_domain(self):
        # Who has left (archived employee) is never invited, nor a plan without a
        # manager: action_invite refuses them (the manager has a to-do to plan it).
        return [
            ("state", "=", "draft"),
            ("employee_id.active", "=", True),
            ("manager_id", "!=", False),
            ("meeting_date", ">", fields.Datetime.now()),
            ("invitation_date", "<=", fields.Date.context_today(self)),
        ]

    @api.model
    def _get_pop_scope_domain(self, company):
        domain = [("company_id", "=", company.id)]
        if company.pop_department_ids:
            domain.append(("department_id", "child_of", company.pop_department_ids.ids))
        if company.pop_employee_category_ids:
            domain.append(("category_ids", "in", company.pop_employee_category_ids.ids))
        return domain

    @api.model
    def _create_due_pops(self, batch_size):
        """Create one batch of due plans; returns (created, remaining)."""
        today = fields.Date.context_today(self)
        Employee = self.env["hr.employee"].sudo()
        pending = {}
        for company in (
            self.env["res.company"].sudo().search([("pop_auto_create", "=", True)])
        ):
            employees = Employee.search(self._get_pop_scope_domain(company), order="id")
            periods = employees._get_pop_due_periods(today)
            taken = Employee._get_pop_overlaps(periods)
            pending.update(
                (employee_id, period)
                for employee_id, period in periods.items()
                if employee_id not in taken.ids
            )
        batch = list(pending.items())[:batch_size]
        created = sum(
            self._process(
                Employee.browse(employee_id),
                partial(self._create_due_pop, employee_id, period),
            )
            for employee_id, period in batch
        )
        return created, len(pending) - len(batch)

    @api.model
    def _create_due_pop(self, employee_id, period):
        pop, _skipped = (
            self.env["hr.employee"].sudo()._create_pops({employee_id: period})
        )
        if not pop:
            _logger.info(
                "POP for employee %s was created by another transaction: skipped",
                employee_id,
            )
            return
        if pop.manager_id:
            summary = self.env._(
                "Plan the development conversation with %(employee)s: once it has "
                "a date, the invitation goes out by itself.",
                employee=pop.employee_id.name,
            )
        else:
            summary = self.env._(
                "%(employee)s has no manager to hold the development conversation: "
                "set one and plan the conversation; then the invitation goes out by "
                "itself.",
                employee=pop.employee_id.name,
            )
        pop._schedule_activity(
            "mail.mail_activity_data_todo",
            self._get_follow_up_user(pop),
            summary,
            pop.date_start,
        )

    @api.model
    def _day_start(self, day):
        return datetime.combine(day, time.min)

    @api.model
    def _state_key_sql(self, prefix):
        """A key per stay in the current state: '<prefix>@<state date>'."""
        return SQL("%s || to_char(hr_pop.state_date, 'YYYYMMDDHH24MISS')", f"{prefix}@")

    @api.model
    def _get_reminder_jobs(self):
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].sudo().search([]):
            base = [("company_id", "=", company.id)]
            invited = base + [("state", "=", "invited"), ("meeting_date", ">", now)]
            agenda_until = self._day_start(
                today + timedelta(days=company.pop_agenda_days + 1)
            )
            # Halfway between the invitation and the agenda exchange.
            preparation_days = (
                company.pop_invitation_days + company.pop_agenda_days
            ) // 2
            preparation_until = self._day_start(
                today + timedelta(days=preparation_days + 1)
            )
            # Not before the invitation could be acted on (a late invitation).
            invited_before = now - REMINDER_MIN_DELAY
            signature_days = company.pop_signature_reminder_days
            for role in ROLES:
                role_domain = [("manager_id", "!=", False)] if role == "manager" else []
                yield Job(
                    "agenda_exchange",
                    "hr.pop",
                    invited + role_domain + [("meeting_date", "<", agenda_until)],
                    SQL("%s", role),
                    partial(self._send_agenda_exchange, role=role),
                )
                if role == "manager":
                    # The manager's plans that wait for him are in his daily digest
                    # (his prepare and sign to-dos), not in a mail per plan.
                    continue
                yield Job(
                    "preparation_reminder",
                    "hr.pop",
                    invited
                    + role_domain
                    + [
                        (f"{role}_preparation_state", "=", "draft"),
                        ("meeting_date", "<", preparation_until),
                        ("state_date", "<=", invited_before),
                    ],
                    SQL("%s", role),
                    partial(self._send_preparation_reminder, role=role),
                )
                if signature_days:
                    yield Job(
                        "signature_reminder",
                        "hr.pop",
                        base
                        + role_domain
                        + [
                            ("state", "=", "to_sign"),
                            (f"{role}_signed_on", "=", False),
                            ("state_date", "<=", now - timedelta(days=signature_days)),
                        ],
                        self._state_key_sql(role),
                        partial(self._send_signature_reminder, role=role),
                    )
            if company.pop_approval_reminder_days:
                yield Job(
                    "approval_reminder",
                    "hr.pop",
                    base
                    + [
                        ("state", "=", "to_approve"),
                        (
                            "state_date",
                            "<=",
                            now - timedelta(days=company.pop_approval_reminder_days),
                        ),
                    ],
                    self._state_key_sql("hr"),
                    self._send_approval_reminder,
                )

    @api.model
    def _get_follow_up_jobs(self):
        today = fields.Date.context_today(self)
        for company in (
            self.env["res.company"].sudo().search([("pop_review_months", ">", 0)])
        ):
            months = company.pop_review_months
            # The review period: whole months since the start, divided by the interval.
            period_sql = SQL(
                "((EXTRACT(YEAR FROM age(%(today)s::date, hr_pop.date_start)) * 12"
                " + EXTRACT(MONTH FROM age(%(today)s::date, hr_pop.date_start)))::int"
                " / %(months)s)",
                today=today,
                months=months,
            )
            yield Job(
                "review_due",
                "hr.pop",
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "running"),
                    ("date_end", ">=", today),
                    ("date_start", "<=", today - relativedelta(months=months)),
                ],
                SQL("%s::text", period_sql),
                self._send_review_due,
                where_sql=SQL("%s >= 1", period_sql),
            )
        line_key = SQL("hr_pop_line.id::text")
        line_pop = SQL("hr_pop_line.pop_id")
        yield Job(
            "activity_start_check",
            "hr.pop.line",
            [
                ("pop_id.state", "=", "running"),
                ("state", "=", "planned"),
                ("date_start", "<", today),
            ],
            line_key,
            self._send_activity_start_check,
            pop_sql=line_pop,
        )
        yield Job(
            "activity_evaluation",
            "hr.pop.line",
            [
                ("pop_id.state", "=", "running"),
                ("state", "not in", ("done", "cancelled")),
                ("date_end", "<", today),
            ],
            line_key,
            self._send_activity_evaluation,
            pop_sql=line_pop,
        )
        yield Job(
            "feedback_reminder",
            "hr.pop.feedback.request",
            [
                ("state", "=", "pending"),
                ("pop_id.state", "in", FEEDBACK_POP_STATES),
                ("deadline", ">=", today),
                ("deadline", "<=", today + timedelta(days=FEEDBACK_REMINDER_DAYS)),
                ("date_sent", "<=", fields.Datetime.now() - REMINDER_MIN_DELAY),
            ],
            SQL("hr_pop_feedback_request.id::text"),
            self._send_feedback_reminder,
            pop_sql=SQL("hr_pop_feedback_request.pop_id"),
        )
        yield Job(
            "closing_reminder",
            "hr.pop",
            [("state", "=", "running"), ("date_end", "<", today)],
            SQL("'once'"),
            self._send_closing_reminder,
        )
        yield Job(
            "signed_pdf",
            "hr.pop",
            [
                ("state", "in", SIGNED_PDF_STATES),
                ("employee_signed_on", "!=", False),
                ("manager_signed_on", "!=", False),
            ],
            # One per signing: a reopened and signed again plan is confirmed again.
            SQL(
                "to_char(GREATEST(hr_pop.employee_signed_on, hr_pop.manager_signed_on),"
                " 'YYYYMMDDHH24MISS')"
            ),
            self._send_signed_pdf,
        )

    @api.model
    def _get_pending(self, job, limit):
        """``[(record, key)]``: up to ``limit`` records of the job not logged yet."""
        self.env.flush_all()
        Model = self.env[job.model].sudo()
        table = Model._table
        query = Model._search(job.domain)
        query.add_where(
            SQL(
                "NOT EXISTS (SELECT 1 FROM hr_pop_notification n"
                " WHERE n.pop_id = %s AND n.kind = %s AND n.key = %s)",
                job.pop_sql or SQL.identifier(table, "id"),
                job.kind,
                job.key_sql,
            )
        )
        if job.where_sql:
            query.add_where(job.where_sql)
        query.order = SQL.identifier(table, "id")
        query.limit = limit
        rows = self.env.execute_query(
            query.select(SQL.identifier(table, "id"), job.key_sql)
        )
        records = Model.browse([row[0] for row in rows])
        return list(zip(records, [row[1] for row in rows], strict=True))

    @api.model
    def _run_jobs(self, jobs, batch_size):
        """One batch per job; reports the progress to ir.cron (no-op outside a cron)."""
        done = remaining = 0
        for job in jobs:
            pending = self._get_pending(job, batch_size + 1)
            batch = pending[:batch_size]
            remaining += len(pending) - len(batch)
            done += sum(
                self._process(record, partial(job.handler, record, key))
                for record, key in batch
            )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done, remaining

    @api.model
    def _process_batch(self, records, function):
        """Run ``function(records)`` for the whole batch in one savepoint; when it
        fails, one by one, so that a bad record is skipped (and retried next run)
        instead of failing the batch. Returns how many succeeded."""
        if not records:
            return 0
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                function(records)
        except Exception as error:  # noqa: BLE001 - retried record by record below
            _logger.info(
                "POP batch of %s records failed (%s); retrying one by one",
                len(records),
                error,
            )
        else:
            return len(records)
        return sum(
            self._process(record, partial(function, record)) for record in records
        )

    @api.model
    def _process(self, record, function):
        """Run ``function`` in a savepoint: a failure is logged and retried next run."""
        try:
            with self.env.cr.savepoint():
                function()
        except UniqueViolation:
            _logger.info(
                "POP notification for %s was sent by another run: skipped", record
            )
            return False
        except SerializationFailure:
            # Changed by another transaction meanwhile (a manager who invited at
            # the same time): the next run sees that change.
            _logger.info(
                "POP record %s changed in another transaction: skipped this run",
                record,
            )
            return False
        except Exception:
            _logger.exception(
                "POP notification for %s failed; retried on the next run", record
            )
            return False
        return True

    # === SENDING === #
    @api.model
    def _get_recipient(self, pop, role):
        """Where a mail for ``role`` (employee, manager or hr) of ``pop`` goes."""
        pop = pop.sudo()
        if role == "employee":
            employee = pop.employee_id
            partner = employee.work_contact_id
            email = employee.private_email or employee.work_email
            return Recipient(
                email and formataddr((employee.name, email)),
                partner,
                partner.lang,
                bool(employee.private_email),
            )
        if role == "manager":
            manager = pop.manager_id
            partner = manager.work_contact_id or manager.user_id.partner_id
            email = manager.work_email or manager.user_id.email
            return Recipient(
                email and formataddr((manager.name, email)),
                partner,
                partner.lang,
                False,
            )
        # The HR responsible, else every POP administrator of the company.
        users = pop._get_approver().filtered("email")
        return Recipient(
            ", ".join(users.mapped("email_formatted")) or False,
            users.partner_id[:1],
            users[:1].lang,
            False,
        )

    @api.model
    def _log(self, pop, kind, key, recipient=None, channel="email", note=False):
        """Log a notification first; UniqueViolation when it is logged already."""
        with mute_logger("odoo.sql_db"):
            return self.sudo().create(
                self._log_values(pop, kind, key, recipient, channel, note)
            )

    @api.model
    def _log_values(self, pop, kind, key, recipient=None, channel="email", note=False):
        return {
            "pop_id": pop.id,
            "kind": kind,
            "key": key,
            "channel": channel,
            "partner_id": recipient and recipient.partner.id,
            "email": recipient and recipient.email,
            "note": note,
        }

    @api.model
    def _send(self, pop, kind, key, role, template_xmlid, email_values=None, **ctx):
        """Log and queue the mail of ``template_xmlid`` for ``role``; returns the log
        (see ``_send_batch``)."""
        return self._send_batch(
            [(pop, key)], kind, role, template_xmlid, email_values, **ctx
        )

    @api.model
    def _send_batch(
        self, pops_keys, kind, role, template_xmlid, email_values=None, **ctx
    ):
        """Log and queue the mails of ``template_xmlid`` for ``role`` of each plan of
        ``pops_keys`` (``[(plan, key)]``), rendered in batches; returns the logs.

        Private content never goes to a work address; without any address, the log
        says so and nothing is mailed.
        """
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        log_vals = []
        # (language, company) -> [(plan, key, recipient)]: one rendering each.
        to_send = defaultdict(list)
        for pop, key in pops_keys:
            pop = pop.sudo()
            recipient = self._get_recipient(pop, role)
            note = self._get_unsendable_note(
                kind, role, recipient, template, template_xmlid
            )
            if note:
                log_vals.append(
                    self._log_values(pop, kind, key, recipient, "none", note)
                )
            else:
                to_send[recipient.lang, pop.company_id].append((pop, key, recipient))
        for (lang, _company), items in to_send.items():
            pops = self.env["hr.pop"].sudo().concat(*(pop for pop, _k, _r in items))
            mails = self._render_mails(pops, role, template, lang, email_values, ctx)
            write_per_record(
                mails,
                "email_to",
                {
                    mail.id: recipient.email
                    for mail, (_pop, _key, recipient) in zip(mails, items, strict=True)
                },
            )
            log_vals += [
                dict(self._log_values(pop, kind, key, recipient), mail_id=mail.id)
                for mail, (pop, key, recipient) in zip(mails, items, strict=True)
            ]
        with mute_logger("odoo.sql_db"):
            notifications = self.sudo().create(log_vals)
        if to_send:
            self._trigger_mail_queue()
        return notifications

    @api.model
    def _get_unsendable_note(self, kind, role, recipient, template, template_xmlid):
        """Why the mail cannot go to ``recipient``, or False."""
        if not recipient.email:
            return self.env._("No e-mail address.")
        if role == "employee" and kind in PRIVATE_KINDS and not recipient.is_private:
            return self.env._(
                "No private e-mail address: private content is not sent "
                "to the work address."
            )
        if not template:
            return self.env._(
                "The mail template %(template)s is missing.", template=template_xmlid
            )
        return False

    @api.model
    def _render_mails(self, pops, role, template, lang, email_values, ctx):
        """Queue the mails of ``template`` for ``pops`` (one company, one language)
        in one batch, in the order of ``pops``; their ``email_to`` is the caller's."""
        pop = pops[:1]
        email_values = {
            "recipient_ids": [],
            # From the company, also in a scheduled action (OdooBot) or after a
            # link action (the public user has no address).
            "email_from": pop._pop_mail_sender(),
            "author_id": pop.company_id.partner_id.id,
            **(email_values or {}),
        }
        template = template.sudo()
        if role == "employee":
            # Rendered with the employee's link, and created by the superuser: the
            # user who triggered it (a manager inviting) cannot read it back.
            template = template.with_user(SUPERUSER_ID).with_context(
                **pops._pop_portal_link_context()
            )
            email_values.update(EMPLOYEE_MAIL_VALUES)
        template = template.with_context(
            pop_recipient=role,
            pop_recipient_lang=lang,
            # The conversation date in each reader's zone, looked up once.
            pop_timezones=frozendict(
                get_pop_timezones(pops.sudo().employee_id | pops.sudo().manager_id)
            ),
            **{COMPILE_CACHE_CONTEXT_KEY: QwebCompileCache()},
            **ctx,
        )
        rendered = template._generate_template(pops.ids, RENDERED_TEMPLATE_FIELDS)
        model_description = (
            self.env["ir.model"].with_context(lang=lang)._get("hr.pop").display_name
        )
        vals_list, attachments_list = [], []
        for pop in pops.with_context(lang=lang):
            values = rendered[pop.id]
            body = values.pop("body_html") or ""
            attachments_list.append(values.pop("attachments", []))
            template_attachment_ids = values.pop("attachment_ids", None) or []
            values.update(email_values)
            values["attachment_ids"] = [
                fields.Command.link(attachment_id)
                for attachment_id in template_attachment_ids
            ] + list(email_values.get("attachment_ids") or [])
            # A translated subject may start with a space.
            values["subject"] = (values.get("subject") or "").strip()
            values["body_html"] = self._render_mail_layout(pop, body, model_description)
            # The message of a mail to the employee is on no record (it carries his
            # link): it needs no copy of the body, which Odoo would sanitize twice.
            values["body"] = "" if role == "employee" else body
            vals_list.append(values)
        # As the template's user: the superuser for the employee's mails.
        mails = template.env["mail.mail"].sudo().create(vals_list)
        for mail, attachments in zip(mails, attachments_list, strict=True):
            if attachments:  # reports of the template (none of ours by default)
                mail.with_context(default_type=None).write(
                    {
                        "attachment_ids": [
                            fields.Command.create(
                                {
                                    "name": name,
                                    "datas": datas,
                                    "res_model": "mail.message",
                                    "res_id": mail.mail_message_id.id,
                                }
                            )
                            for name, datas in attachments
                        ]
                    }
                )
        return mails

    @api.model
    def _render_mail_layout(self, pop, body, model_description):
        """``body`` in the frame of the plan's mails (``MAIL_LAYOUT``)."""
        layout = pop.env["ir.qweb"]._render(
            MAIL_LAYOUT,
            {
                "body": body,
                "record_name": pop.display_name,
                "model_description": model_description,
                "company": pop.company_id,
            },
            minimal_qcontext=True,
        )
        return self.env["mail.render.mixin"]._replace_local_links(layout)

    @api.model
    def _trigger_mail_queue(self):
        """Have Odoo's mail queue send now what we queued: the chatter says "sent"
        at once, so the mail must not wait for the next queue run. The queue runs
        after our commit, in its own transaction (never SMTP inside ours)."""
        cron = self.env.ref("mail.ir_cron_mail_scheduler_action", False)
        if not cron:
            return
        pending = (
            self.env["ir.cron.trigger"]
            .sudo()
            .search_count(
                [("cron_id", "=", cron.id), ("call_at", "<=", fields.Datetime.now())],
                limit=1,
            )
        )
        if not pending:
            cron.sudo()._trigger()

    @api.model
    def _get_follow_up_user(self, pop):
        """The manager's (internal) user, else HR: who gets the follow-up to-dos."""
        user = pop.sudo().manager_id.user_id.filtered(lambda u: not u.share)
        return user or pop._get_approver()

    @api.model
    def _get_next_keys(self, pops, kind):
        """``{plan: key}`` for a notification sent each time it is asked for (an
        invitation, a request to sign): the number of those sent before, plus one.
        A plan invited or submitted again, even within the same second, gets a new
        one; two transactions sending the same one at once still collide."""
        sent_before = dict(
            self.sudo()._read_group(
                [("pop_id", "in", pops.ids), ("kind", "=", kind)],
                ["pop_id"],
                ["__count"],
            )
        )
        return {pop: str(sent_before.get(pop, 0) + 1) for pop in pops}

    @api.model
    def _send_pop_invitations(self, pops):
        """The invitations of ``pops`` (hr.pop.action_invite), in one batch: private
        address, else the work address with a note, else a to-do for HR."""
        pops = pops.sudo()
        keys = self._get_next_keys(pops, "invitation")
        to_mail = []
        for pop in pops:
            key = keys[pop]
            recipient = self._get_recipient(pop, "employee")
            if not recipient.email:
                self._invite_without_address(pop, key, recipient)
                continue
            if not recipient.is_private:
                pop.message_post(
                    body=self.env._(
                        "%(employee)s has no private e-mail address: the invitation "
                        "went to the work address.",
                        employee=pop.employee_id.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            to_mail.append((pop, key))
        return self._send_batch(
            to_mail, "invitation", "employee", "hr_pop.mail_template_pop_invitation"
        )

    @api.model
    def _invite_without_address(self, pop, key, recipient):
        """No address at all: HR (or the manager) invites in person."""
        employee = pop.employee_id
        summary = self.env._(
            "No e-mail address for %(employee)s", employee=employee.name
        )
        self._log(pop, "invitation", key, recipient, channel="activity", note=summary)
        pop._schedule_activity(
            "hr_pop.mail_activity_pop_follow_up",
            pop._get_approver(),
            summary,
            fields.Date.context_today(self),
        )
        pop.message_post(
            body=self.env._(
                "No e-mail address for %(employee)s: the invitation was not sent. "
                "%(follow_up)s has a to-do to invite them in person.",
                employee=employee.name,
                follow_up=pop._get_follow_up_names(),
            ),
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def _send_sign_request(self, pop):
        """The plan waits for signatures (hr.pop.action_submit): the employee gets
        the link to read and sign it, at his private address first, as with the
        invitation. One per stay in "to sign": a plan submitted again asks again."""
        pop = pop.sudo()
        key = self._get_next_keys(pop, "sign_request")[pop]
        recipient = self._get_recipient(pop, "employee")
        if not recipient.email:
            self._log(
                pop,
                "sign_request",
                key,
                recipient,
                channel="none",
                note=self.env._("No e-mail address."),
            )
            pop.message_post(
                body=self.env._(
                    "No e-mail address for %(employee)s: the request to sign was "
                    "not sent. %(follow_up)s asks them to sign in person.",
                    employee=pop.employee_id.name,
                    follow_up=pop._get_follow_up_names(),
                ),
                subtype_xmlid="mail.mt_note",
            )
            return False
        notification = self._send(
            pop, "sign_request", key, "employee", "hr_pop.mail_template_pop_to_sign"
        )
        return bool(notification.mail_id)

    @api.model
    def _send_request_declined(self, request):
        """The manager declined the employee's request for a conversation: the
        employee gets the reason at his private address first, as with the
        invitation (the portal and the back office show it too)."""
        request = request.sudo()
        return self._send(
            request.pop_id,
            "request_declined",
            str(request.id),
            "employee",
            "hr_pop.mail_template_pop_request_declined",
            pop_request_decline_reason=request.decline_reason,
        )

    def _send_agenda_exchange(self, pop, key, role):
        self._send(
            pop,
            "agenda_exchange",
            key,
            role,
            "hr_pop.mail_template_pop_agenda_exchange",
        )

    def _send_preparation_reminder(self, pop, key, role):
        self._send(
            pop,
            "preparation_reminder",
            key,
            role,
            "hr_pop.mail_template_pop_preparation_reminder",
        )

    def _send_signature_reminder(self, pop, key, role):
        self._send(
            pop,
            "signature_reminder",
            key,
            role,
            "hr_pop.mail_template_pop_signature_reminder",
        )

    def _send_approval_reminder(self, pop, key):
        self._send(
            pop,
            "approval_reminder",
            key,
            "hr",
            "hr_pop.mail_template_pop_approval_reminder",
        )

    def _send_review_due(self, pop, key):
        self._send(
            pop, "review_due", key, "employee", "hr_pop.mail_template_pop_review_due"
        )
        pop._schedule_activity(
            "hr_pop.mail_activity_pop_review",
            self._get_follow_up_user(pop),
            self.env._(
                "Review the progress of %(employee)s's development plan",
                employee=pop.sudo().employee_id.name,
            ),
            fields.Date.context_today(self),
        )

    def _send_activity_start_check(self, line, key):
        pop = line.pop_id
        user = self._get_follow_up_user(pop)
        summary = self.env._(
            "Has %(activity)s of %(employee)s really started? Update its status.",
            activity=line.name,
            employee=pop.sudo().employee_id.name,
        )
        recipient = Recipient(
            ", ".join(user.filtered("email").mapped("email")) or False,
            user.partner_id[:1],
            user[:1].lang,
            False,
        )
        self._log(pop, "activity_start_check", key, recipient, "activity", summary)
        self._schedule_follow_up(pop, summary, user)

    def _send_activity_evaluation(self, line, key):
        pop = line.pop_id
        self._send(
            pop,
            "activity_evaluation",
            key,
            "employee",
            "hr_pop.mail_template_pop_activity_evaluation",
            pop_line_name=line.name,
            pop_line_date_end=line.date_end,
        )
        self._schedule_follow_up(
            pop,
            self.env._(
                "Evaluate %(activity)s with %(employee)s: experiences and how the "
                "learning is applied.",
                activity=line.name,
                employee=pop.sudo().employee_id.name,
            ),
        )

    def _send_closing_reminder(self, pop, key):
        self._send(
            pop,
            "closing_reminder",
            key,
            "employee",
            "hr_pop.mail_template_pop_closing_reminder",
        )
        self._schedule_follow_up(
            pop,
            self.env._(
                "The period of %(pop)s has ended: evaluate every goal with "
                "%(employee)s and close the plan.",
                pop=pop.name,
                employee=pop.sudo().employee_id.name,
            ),
        )

    def _schedule_follow_up(self, pop, summary, user=None):
        """A follow-up to-do for today, for the manager (or HR) of ``pop``."""
        pop._schedule_activity(
            "hr_pop.mail_activity_pop_follow_up",
            user or self._get_follow_up_user(pop),
            summary,
            fields.Date.context_today(self),
        )

    @api.model
    def _send_digest(self, user, today):
        """The digest of ``user``: his open to-dos on plans, oldest deadline first;
        logged once per plan listed, under the key ``<user id>@<day>``."""
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [("res_model", "=", "hr.pop"), ("user_id", "=", user.id)],
                order="date_deadline, id",
            )
        )
        pops = (
            self.env["hr.pop"]
            .sudo()
            .browse(dict.fromkeys(activities.mapped("res_id")))
            .exists()
            .filtered(lambda pop: pop.state not in ("done", "cancelled"))
        )
        activities = activities.filtered(lambda activity: activity.res_id in pops.ids)
        if not activities or not user.email:
            return
        template = self.env.ref("hr_pop.mail_template_pop_digest").sudo()
        company = user.company_id
        mail = template.with_context(
            pop_digest_activities=activities,
            pop_digest_today=today,
            pop_digest_base_url=pops[:1].get_base_url(),
        ).send_mail(
            user.id,
            force_send=False,
            email_values={
                "email_to": user.email_formatted,
                "recipient_ids": [],
                "email_from": pops.filtered(lambda pop: pop.company_id == company)[
                    :1
                ]._pop_mail_sender()
                or pops[:1]._pop_mail_sender(),
                "author_id": company.partner_id.id,
                "model": False,
                "res_id": False,
            },
            email_layout_xmlid="mail.mail_notification_light",
        )
        key = f"{user.id}@{today:%Y%m%d}"
        recipient = Recipient(user.email_formatted, user.partner_id, user.lang, False)
        with mute_logger("odoo.sql_db"):
            self.sudo().create(
                [
                    dict(self._log_values(pop, "digest", key, recipient), mail_id=mail)
                    for pop in pops
                ]
            )
        self._trigger_mail_queue()

    @api.model
    def _send_feedback_requests(self, requests):
        """Each request's link to its respondent (hr.pop.feedback.wizard)."""
        return self._send_feedback_mails(
            requests, "feedback_request", "hr_pop.mail_template_pop_feedback_request"
        )

    @api.model
    def _send_feedback_reminder(self, request, key):
        return self._send_feedback_mails(
            request, "feedback_reminder", "hr_pop.mail_template_pop_feedback_reminder"
        )

    @api.model
    def _send_feedback_mails(self, requests, kind, template_xmlid):
        """Log and queue one mail per request, keyed by the request: its link is in
        it, so the mail is on no record and created by the superuser (as the
        employee's mails)."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        log_vals = []
        for request in requests.sudo():
            pop = request.pop_id
            recipient = request._get_recipient()
            key = str(request.id)
            note = self._get_unsendable_note(
                kind, "feedback", recipient, template, template_xmlid
            )
            if note:
                log_vals.append(
                    self._log_values(pop, kind, key, recipient, "none", note)
                )
                continue
            rendered = (
                template.with_user(SUPERUSER_ID)
                .sudo()
                ._generate_template([request.id], ("subject", "body_html"))[request.id]
            )
            model_description = (
                self.env["ir.model"]
                .with_context(lang=request.lang)
                ._get(request._name)
                .display_name
            )
            mail = (
                self.env["mail.mail"]
                .with_user(SUPERUSER_ID)
                .sudo()
                .create(
                    {
                        **EMPLOYEE_MAIL_VALUES,
                        "subject": (rendered.get("subject") or "").strip(),
                        "body_html": self._render_mail_layout(
                            pop.with_context(lang=request.lang),
                            rendered.get("body_html") or "",
                            model_description,
                        ),
                        "body": "",
                        "email_to": recipient.email,
                        "recipient_ids": [],
                        "email_from": pop._pop_mail_sender(),
                        "auto_delete": False,
                    }
                )
            )
            log_vals.append(
                dict(self._log_values(pop, kind, key, recipient), mail_id=mail.id)
            )
        with mute_logger("odoo.sql_db"):
            notifications = self.sudo().create(log_vals)
        if any(vals.get("mail_id") for vals in log_vals):
            self._trigger_mail_queue()
        return notifications

    @api.model
    def _get_signed_pdf_key(self, pop):
        """The key of the signed-plan mail: one per signing (as in the cron job)."""
        pop = pop.sudo()
        signed_on = max(pop.employee_signed_on, pop.manager_signed_on)
        return f"{signed_on:%Y%m%d%H%M%S}"

    @api.model
    def _send_signed_pdf_now(self, pop):
        """Send the signed plan when the last signature is made (hr.pop
        ``_on_fully_signed``), not the next morning; a failure is logged and the
        follow-up cron retries it."""
        key = self._get_signed_pdf_key(pop)
        return self._process(pop, partial(self._send_signed_pdf, pop, key))

    def _send_signed_pdf(self, pop, key):
        """Confirm the agreements in writing: the signed PDF, when the report exists."""
        pop_sudo = pop.sudo()
        attachment = pop_sudo.signed_attachment_id or pop_sudo._attach_pdf("signed")
        email_values = {}
        if attachment:
            email_values["attachment_ids"] = [fields.Command.link(attachment.id)]
        self._send(
            pop,
            "signed_pdf",
            key,
            "employee",
            "hr_pop.mail_template_pop_signed_pdf",
            email_values=email_values,
            pop_has_attachment=bool(attachment),
        )
