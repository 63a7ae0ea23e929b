# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 9: who did what, telling the employee at the right moment, and wording
that follows the decision."""

import re
from unittest.mock import patch
from urllib.parse import parse_qs, urlsplit

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import config

from .cron_common import HrPopCronCommon, SmtpServerMixin
from .test_hr_pop_portal import HrPopPortalCommon

MAIL_CRON = "mail.ir_cron_mail_scheduler_action"


def _signature_notes(pop):
    return pop.message_ids.filtered(lambda m: "Signed by" in (m.body or ""))


@tagged("post_install", "-at_install")
class TestHrPopNoticeMails(SmtpServerMixin, HrPopCronCommon, HttpCase):
    """Mails to the employee, read from a real SMTP server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_smtp_server()

    def _to_sign(self, pop):
        pop.with_user(self.user_manager).action_invite()
        pop.with_user(self.user_manager).action_start_meeting()
        pop.with_user(self.user_manager).action_submit()
        return pop

    def test_the_invitation_shows_the_time_in_the_employees_zone_without_seconds(
        self,
    ):
        employee = self._new_employee("Sanne Tijd", tz="Europe/Amsterdam")
        pop = self._create_pop(employee, meeting_date="2027-03-10 09:00:00")
        pop.with_user(self.user_manager).action_invite()
        messages = [
            message
            for _to, message in self._deliver()
            if "Invitation" in message["Subject"]
        ]
        self.assertEqual(len(messages), 1)
        html = messages[0].get_body(("html",)).get_content()
        # 09:00 UTC is 10:00 in Amsterdam (winter time).
        self.assertIn("March 10, 2027 at 10:00 AM (Netherlands Time)", html)
        self.assertNotIn("10:00:00", html)
        self.assertIn("Mark Manager invites you", html)
        # One reference format, also in the mail's header.
        self.assertIn(f"{pop.name} - Sanne Tijd", html)
        self.assertNotIn(pop.name.replace("/", "-"), html)

    def test_submit_mails_the_link_to_sign_to_the_private_address(self):
        employee = self._new_employee("Sanne Link")
        pop = self._to_sign(self._pop_with_meeting(employee))
        log = self._logs(pop, "sign_request")
        self.assertEqual(len(log), 1)
        self.assertTrue(log.mail_id, "queued at once, not by a later cron")

        messages = [
            (to, message)
            for to, message in self._deliver()
            if "sign" in message["Subject"]
        ]
        self.assertEqual(len(messages), 1)
        recipients, message = messages[0]
        self.assertEqual(recipients, ["sanne@home.example.com"])
        self.assertFalse(message["Subject"].startswith(" "))
        self.assertIn(self.company_a.name, message["From"])
        self.assertNotIn("OdooBot", message["From"])
        html = message.get_body(("html",)).get_content()
        links = re.findall(rf'href="([^"]*/my/pops/{pop.id}\?[^"]*)"', html)
        self.assertEqual(len(links), 1)
        url = urlsplit(links[0].replace("&amp;", "&"))
        self.assertEqual(parse_qs(url.query)["access_token"], [pop.access_token])
        # The link opens the signing page without a login.
        page = self.url_open(f"{url.path}?{url.query}", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertIn('owl-component name="portal.signature_form"', page.text)
        # The chatter copy of the employee's mail does not hold the token.
        for chatter_message in pop.message_ids:
            self.assertNotIn(pop.access_token, chatter_message.body or "")

    def test_scheduled_mails_have_a_sender_when_the_company_has_none(self):
        self.company_a.partner_id.email = False
        self.company_a.alias_domain_id = False
        self.assertFalse(self.company_a.email_formatted)
        pop = self._pop_with_meeting(days=10)
        with patch.dict(config.options, {"email_from": False}):
            self.Notification._cron_send_invitations()
            self.assertEqual(pop.state, "invited")
            messages = self._deliver()
        invitations = [m for to, m in messages if "Invitation" in m["Subject"]]
        self.assertEqual(len(invitations), 1, "the invitation left")
        sender = invitations[0]["From"]
        self.assertIn(self.company_a.name, sender)
        self.assertIn(self.user_officer.email, sender, "the HR responsible's address")
        self.assertNotIn("odoobot", sender.lower())
        self.assertFalse(
            self.env["mail.mail"]
            .sudo()
            .search([("id", ">", self.mail_id_start), ("state", "=", "exception")]),
            "no mail failed for want of a sender",
        )


@tagged("post_install", "-at_install")
class TestHrPopNoticeTiming(HrPopCronCommon):
    def _mail_cron_triggers(self):
        cron = self.env.ref(MAIL_CRON)
        return self.env["ir.cron.trigger"].search(
            [("cron_id", "=", cron.id), ("call_at", "<=", fields.Datetime.now())]
        )

    def test_queued_mails_trigger_the_mail_queue(self):
        self._mail_cron_triggers().unlink()
        pop = self._pop_with_meeting(days=10)
        pop.action_invite()
        self.assertTrue(self._mail_cron_triggers(), "the invitation leaves now")
        self._mail_cron_triggers().unlink()
        pop.action_start_meeting()
        pop.action_submit()
        self.assertTrue(self._mail_cron_triggers(), "the request to sign leaves now")

    def test_signed_pdf_is_queued_when_the_plan_is_fully_signed(self):
        pop = self._to_sign(self._pop_with_meeting(days=10))
        self._sign_both(pop)
        self.assertEqual(pop.state, "to_approve")
        log = self._logs(pop, "signed_pdf")
        self.assertEqual(len(log), 1, "sent at the signature, not the next morning")
        self.assertTrue(log.mail_id)
        self.assertEqual(log.mail_id.attachment_ids, pop.signed_attachment_id)
        self.assertIn("As agreed", log.mail_id.body_html)
        # The follow-up cron does not send it a second time.
        self.Notification._cron_follow_up()
        self.assertEqual(self._logs(pop, "signed_pdf"), log)

    def test_seen_not_agreed_wording_in_mail_and_pdf_title(self):
        pop = self._to_sign(self._pop_with_meeting(days=10))
        self._sign_both(pop, decision="seen", comment="The budget is too small")
        mail = self._logs(pop, "signed_pdf").mail_id
        self.assertTrue(mail)
        self.assertNotIn("As agreed", mail.body_html)
        self.assertNotIn("what you agreed", mail.body_html)
        self.assertIn("seen, not agreed", mail.body_html)
        self.assertIn("The budget is too small", mail.body_html)
        pdf = pop.signed_attachment_id.raw.decode()
        self.assertIn("Personal Development Plan (seen, not agreed)", pdf)

    def test_agreed_pdf_title_says_nothing_of_seen(self):
        pop = self._to_sign(self._pop_with_meeting(days=10))
        self._sign_both(pop)
        pdf = pop.signed_attachment_id.raw.decode()
        self.assertIn("Personal Development Plan", pdf)
        self.assertNotIn("seen, not agreed", pdf)

    def test_no_preparation_reminder_before_the_invitation_could_be_acted_on(self):
        with freeze_time("2027-03-01 06:00:00"):
            pop = self._create_pop(
                self.employee_emp, meeting_date="2027-03-06 09:00:00"
            )
            self.Notification._cron_send_invitations()
        self.assertEqual(pop.state, "invited", "a late invitation")
        for when in ("2027-03-01 07:00:00", "2027-03-02 06:00:00"):
            with freeze_time(when):
                self.Notification._cron_send_reminders()
            self.assertFalse(self._logs(pop, "preparation_reminder"), when)
        with freeze_time("2027-03-03 06:00:00"):
            self.Notification._cron_send_reminders()
        # The manager's preparation is in his digest, not in a reminder per plan.
        self.assertEqual(
            self._logs(pop, "preparation_reminder").mapped("key"), ["employee"]
        )

    def test_approval_todo_goes_to_the_hr_responsible(self):
        pop = self._to_sign(self._pop_with_meeting(days=10))
        self._sign_both(pop)
        todo = self._activities(pop, "hr_pop.mail_activity_pop_approve")
        self.assertEqual(todo.user_id, self.user_officer)

    def test_approval_todo_goes_to_every_pop_admin_of_the_company(self):
        self.company_a.pop_hr_responsible_id = False
        admin_group = self.env.ref("hr_pop.group_pop_admin")
        second_admin = self._new_user(
            self.env,
            "pop_admin2",
            "base.group_user,hr_pop.group_pop_admin",
            "Anna Admin",
        )
        # The employee is an administrator too: he never approves his own plan.
        self.user_employee.groups_id = [fields.Command.link(admin_group.id)]
        pop = self._to_sign(self._pop_with_meeting(days=10))
        self._sign_both(pop)
        todo_users = self._activities(pop, "hr_pop.mail_activity_pop_approve").user_id
        expected = admin_group.users.filtered(
            lambda u: not u.share
            and self.company_a in u.company_ids
            and u != self.user_employee
            and u != self.env.ref("base.user_root")
        )
        self.assertIn(self.user_officer, todo_users)
        self.assertIn(second_admin, todo_users)
        self.assertEqual(todo_users, expected)
        self.assertNotIn(self.user_employee, todo_users)
        self.assertNotIn(self.user_company_b, todo_users)

    def test_invite_without_any_email_says_so_at_once(self):
        employee = self._new_employee("Nora Nomail", private_email=False)
        self.assertFalse(employee.work_email)
        pop = self._pop_with_meeting(employee)
        action = pop.with_user(self.user_manager).action_invite()
        self.assertEqual(pop.state, "invited")
        self.assertIsInstance(action, dict, "a notice, not a silent success")
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("Nora Nomail", action["params"]["message"])
        self.assertIn("not sent", action["params"]["message"])
        self.assertIn(self.user_officer.name, action["params"]["message"])
        # With an address, inviting needs no notice.
        other = self._pop_with_meeting(self.employee_emp2)
        self.assertIs(other.with_user(self.user_manager).action_invite(), True)

    def test_manager_signing_first_says_the_employee_is_next(self):
        pop = self._to_sign(self._pop_with_meeting(days=10))
        pop.with_user(self.user_manager).sign("manager", self.png, "Mark Manager")
        note = _signature_notes(pop)
        self.assertEqual(len(note), 1)
        self.assertIn("Now waiting for the employee", note.body)
        self.assertEqual(note.author_id, self.user_manager.partner_id)


@tagged("post_install", "-at_install")
class TestHrPopNoticeLinkSignature(HrPopPortalCommon):
    def test_link_signature_is_the_employees_and_mails_have_a_sender(self):
        pop = self.pop_sanne
        self.assertFalse(self.employee_sanne.user_id)
        self.company_a.write(
            {"pop_hr_responsible_id": self.user_officer.id, "pop_approval_threshold": 1}
        )
        self._to_sign(pop)
        pop.with_user(self.user_manager).sign("manager", self.png, "Mark Manager")
        mail_start = self.env["mail.mail"].sudo().search([], order="id desc", limit=1)
        message_start = max(pop.message_ids.ids)

        self.authenticate(None, None)
        result = self._sign(pop, token=pop.access_token)
        self.assertTrue(result.get("force_refresh"), result)
        # All that the link visit wrote in the chatter is the employee's: the
        # signature, the state it moved to, the signed PDF.
        link_messages = pop.message_ids.filtered(lambda m: m.id > message_start)
        self.assertTrue(link_messages.tracking_value_ids, "the state change")
        self.assertTrue(link_messages.attachment_ids, "the signed PDF")
        self.assertEqual(link_messages.author_id, self.employee_sanne.work_contact_id)

        note = _signature_notes(pop).filtered(lambda m: "Sanne Jansen" in m.body)
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.employee_sanne.work_contact_id)
        self.assertNotEqual(note.author_id, self.env.ref("base.public_partner"))
        self.assertIn("personal link", note.body)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))

        # The last signature through the link routes the plan to approval: the
        # mails it causes (the HR to-do, the signed plan) have a sender.
        self.assertEqual(pop.state, "to_approve")
        new_mails = (
            self.env["mail.mail"].sudo().search([("id", ">", mail_start.id or 0)])
        )
        self.assertTrue(new_mails)
        for mail in new_mails:
            self.assertTrue(mail.email_from, mail.subject)
            self.assertNotIn("odoobot", mail.email_from.lower())
        # The approver hears of his to-do in his daily digest, from the company.
        self.assertFalse(
            new_mails.filtered(
                lambda m: self.user_officer.partner_id in m.recipient_ids
            ),
            "no mail per to-do",
        )
        self.env["hr.pop.notification"]._cron_send_digests()
        digest = self.env["hr.pop.notification"].search(
            [("pop_id", "=", pop.id), ("kind", "=", "digest")]
        )
        self.assertIn(self.user_officer.email, digest.mail_id.email_to)
        self.assertIn(self.company_a.name, digest.mail_id.email_from)
        self.assertIn("Approve the development plan", digest.mail_id.body_html)
        signed = self.env["hr.pop.notification"].search(
            [("pop_id", "=", pop.id), ("kind", "=", "signed_pdf")]
        )
        self.assertTrue(signed.mail_id, "the signed plan is queued at once")
