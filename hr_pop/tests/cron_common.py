# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixture of the cron and mail tests: the shared team, and a real SMTP server.

The crons see every plan of the database, so the plans of the demo data are
cancelled first: each test only meets the plans it creates.
"""

import email
import email.policy
import socket
from datetime import datetime, time, timedelta
from unittest.mock import patch

from aiosmtpd.controller import Controller

import odoo
from odoo import fields

from .common import TestHrPopCommon


class SmtpCollector:
    """aiosmtpd handler that keeps every envelope it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


class SmtpServerMixin:
    """Starts an SMTP server on a free local port and routes Odoo's mail to it.

    Odoo never opens an SMTP connection while a test runs
    (``odoo.modules.module.current_test``, checked by ``ir.mail_server.connect`` and
    ``send_email``). ``_deliver`` lifts that switch for the duration of one queue
    run only: the SMTP conversation itself is real.
    """

    @classmethod
    def _start_smtp_server(cls):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        cls.smtp = SmtpCollector()
        controller = Controller(cls.smtp, hostname="127.0.0.1", port=port)
        controller.start()
        cls.addClassCleanup(controller.stop)
        cls.mail_server = cls.env["ir.mail_server"].create(
            {
                "name": "hr_pop test SMTP",
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "smtp_encryption": "none",
                "sequence": 0,
            }
        )

    def _deliver(self):
        """Send the mails queued since the test started; returns the messages the
        SMTP server received, as ``(envelope recipients, email.message)``."""
        before = len(self.smtp.envelopes)
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("id", ">", self.mail_id_start), ("state", "=", "outgoing")])
        )
        if mails:
            with patch.object(odoo.modules.module, "current_test", False):
                self.env["mail.mail"].sudo().process_email_queue(ids=mails.ids)
        return [
            (
                envelope.rcpt_tos,
                email.message_from_bytes(envelope.content, policy=email.policy.default),
            )
            for envelope in self.smtp.envelopes[before:]
        ]


class HrPopCronCommon(TestHrPopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.cr.execute(
            "UPDATE hr_pop SET state = 'cancelled' WHERE state != 'cancelled'"
        )
        cls.env.invalidate_all()
        cls.company_a.write(
            {
                "pop_invitation_days": 14,
                "pop_agenda_days": 7,
                "pop_signature_reminder_days": 5,
                "pop_approval_reminder_days": 3,
                "pop_review_months": 3,
                "pop_approval_threshold": 50.0,
                "pop_hr_responsible_id": cls.user_officer.id,
                "pop_auto_create": False,
            }
        )
        cls.Notification = cls.env["hr.pop.notification"]

    def setUp(self):
        super().setUp()
        self.mail_id_start = (
            self.env["mail.mail"].sudo().search([], order="id desc", limit=1).id or 0
        )

    # --- helpers -------------------------------------------------------------------
    def _meeting(self, days, hour=9):
        """A conversation ``days`` from today at ``hour`` (UTC)."""
        return datetime.combine(fields.Date.today() + timedelta(days=days), time(hour))

    def _pop_with_meeting(self, employee=None, days=10, **vals):
        return self._create_pop(
            employee or self.employee_emp, meeting_date=self._meeting(days), **vals
        )

    def _logs(self, pops, kind=None):
        domain = [("pop_id", "in", pops.ids)]
        if kind:
            domain.append(("kind", "=", kind))
        return self.Notification.search(domain, order="id")

    def _new_mails(self, pops=None):
        """The mails queued for an address since the test started (the template
        mails; activity notifications go to partners, without ``email_to``)."""
        domain = [("id", ">", self.mail_id_start), ("email_to", "!=", False)]
        if pops is not None:
            # Mails to the employee are kept off the plan (they carry his token):
            # they are found through the log.
            logged = self.Notification.search([("pop_id", "in", pops.ids)]).mail_id
            domain += [
                "|",
                "&",
                ("model", "=", "hr.pop"),
                ("res_id", "in", pops.ids),
                ("id", "in", logged.ids),
            ]
        return self.env["mail.mail"].sudo().search(domain, order="id")

    def _new_employee(self, name, **vals):
        return self.env["hr.employee"].create(
            {
                "name": name,
                "company_id": self.company_a.id,
                "department_id": self.department_team.id,
                "parent_id": self.employee_manager.id,
                "private_email": f"{name.split()[0].lower()}@home.example.com",
                **vals,
            }
        )

    def _activities(self, pop, xmlid):
        activity_type = self.env.ref(xmlid)
        return pop.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
