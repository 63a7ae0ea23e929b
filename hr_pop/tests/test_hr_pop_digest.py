# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One digest a day per manager instead of a mail per to-do, and no mail ever sent
synchronously from a scheduled action or a portal request."""

import socket
from unittest.mock import patch

from freezegun import freeze_time

import odoo
from odoo.tests import HttpCase, tagged

from .cron_common import HrPopCronCommon

CRONS = (
    "_cron_send_invitations",
    "_cron_send_reminders",
    "_cron_follow_up",
    "_cron_send_digests",
)


@tagged("post_install", "-at_install")
class TestHrPopDigest(HrPopCronCommon):
    def _manager_mails(self):
        return (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("id", ">", self.mail_id_start),
                    "|",
                    ("recipient_ids", "in", self.user_manager.partner_id.ids),
                    ("email_to", "ilike", self.user_manager.email),
                ]
            )
        )

    def _digests(self):
        return self.Notification.search(
            [("kind", "=", "digest"), ("key", "=like", f"{self.user_manager.id}@%")]
        )

    def test_a_round_gives_the_manager_one_digest_not_a_mail_per_plan(self):
        with freeze_time("2027-03-01 05:00:00"):
            pops = self._create_pop(
                self.employee_emp, meeting_date="2027-03-14 09:00:00"
            )
            pops |= self._create_pop(
                self.employee_emp2, meeting_date="2027-03-15 09:00:00"
            )
            pops |= self._create_pop(
                self.employee_portal, meeting_date="2027-03-15 10:00:00"
            )
            self.Notification._cron_send_invitations()
        self.assertEqual(set(pops.mapped("state")), {"invited"})
        # Two to-dos per plan for him, and not one mail about them.
        self.assertEqual(
            len(pops.activity_ids.filtered(lambda a: a.user_id == self.user_manager)),
            6,
        )
        self.assertFalse(self._manager_mails())

        with freeze_time("2027-03-02 06:00:00"):
            self.Notification._cron_send_digests()
            self.Notification._cron_send_digests()  # a rerun sends nothing more
        mails = self._manager_mails()
        self.assertEqual(len(mails), 1)
        for pop in pops:
            self.assertIn(pop.display_name, mails.body_html)
            self.assertIn(
                f"/odoo/action-hr_pop.hr_pop_action/{pop.id}", mails.body_html
            )
        self.assertEqual(self._digests().pop_id, pops)
        # The employees' own to-dos are in their digests, not in his.
        self.assertNotIn("Prepare your development conversation", mails.body_html)

        # The next day, nothing new and nothing due: no digest.
        with freeze_time("2027-03-03 06:00:00"):
            self.Notification._cron_send_digests()
        self.assertEqual(len(self._manager_mails()), 1)
        # When the first to-do falls due (prepare, a week ahead), he hears again.
        with freeze_time("2027-03-07 06:00:00"):
            self.Notification._cron_send_digests()
        mails = self._manager_mails()
        self.assertEqual(len(mails), 2)
        self.assertIn("today", mails[0].body_html + mails[1].body_html)

    def test_no_digest_without_open_todos(self):
        with freeze_time("2027-03-01 05:00:00"):
            pop = self._create_pop(self.employee_emp, meeting_date="2027-03-10 09:00")
            pop.action_invite()
            pop.action_start_meeting()  # closes the preparation and meeting to-dos
        with freeze_time("2027-03-02 06:00:00"):
            self.Notification._cron_send_digests()
        self.assertFalse(self._digests())


@tagged("post_install", "-at_install")
class TestHrPopNoSynchronousMail(HrPopCronCommon, HttpCase):
    """With the SMTP server down and Odoo's test switch lifted, every cron and a
    signature through the link finish, and their mails wait in the queue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with socket.socket() as probe:  # a port where nothing listens
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        cls.env["ir.mail_server"].create(
            {
                "name": "hr_pop SMTP that is down",
                "smtp_host": "127.0.0.1",
                "smtp_port": closed_port,
                "smtp_encryption": "none",
                "sequence": 0,
            }
        )

    def test_crons_and_link_signature_leave_every_mail_queued(self):
        with freeze_time("2027-03-01 05:00:00"):
            pop = self._create_pop(
                self.employee_emp,
                meeting_date="2027-03-10 09:00:00",
                line_vals={"cost": 100.0},
            )
            other = self._create_pop(
                self.employee_emp2, meeting_date="2027-03-20 09:00:00"
            )
            other.action_invite()
            self.employee_emp2.user_id = False  # signs through his link
        with patch.object(odoo.modules.module, "current_test", False):
            for day in ("2027-03-02", "2027-03-05", "2027-03-14"):
                with freeze_time(f"{day} 06:00:00"):
                    for cron in CRONS:
                        getattr(self.Notification, cron)()
            with freeze_time("2027-03-14 08:00:00"):
                other.action_start_meeting()
                other.action_submit()
                other.with_user(self.user_manager).sign(
                    "manager", self.png, "Mark Manager"
                )
            self.authenticate(None, None)
            result = self.make_jsonrpc_request(
                f"/my/pops/{other.id}/sign",
                {
                    "access_token": other.access_token,
                    "name": "Erik Employee",
                    "signature": self.png.decode(),
                    "decision": "agree",
                    "content_hash": other.sudo()._get_content_hash(),
                },
            )
            self.assertTrue(result.get("force_refresh"), result)
        self.assertIn(other.state, ("to_approve", "running"))
        mails = self.env["mail.mail"].sudo().search([("id", ">", self.mail_id_start)])
        kinds = set(
            self.Notification.search([("pop_id", "in", (pop | other).ids)]).mapped(
                "kind"
            )
        )
        self.assertTrue(
            {"invitation", "agenda_exchange", "digest", "signed_pdf"} <= kinds, kinds
        )
        self.assertTrue(mails)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
