# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta
from functools import partial
from unittest.mock import patch
from urllib.parse import parse_qs, urlsplit

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.hr_pop.models.hr_pop import HrPop

from .cron_common import HrPopCronCommon, SmtpServerMixin

NOTIFICATION_LOGGER = "odoo.addons.hr_pop.models.hr_pop_notification"


@tagged("post_install", "-at_install")
class TestHrPopInvitationMail(SmtpServerMixin, HrPopCronCommon, HttpCase):
    """The invitation cron, delivered through a real SMTP server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._start_smtp_server()

    def test_invitation_reaches_private_address_with_portal_link(self):
        pop = self._pop_with_meeting(days=10)
        self.Notification._cron_send_invitations()

        self.assertEqual(pop.state, "invited")
        log = self._logs(pop, "invitation")
        self.assertEqual(len(log), 1)
        self.assertEqual(log.channel, "email")
        self.assertIn("emma.employee@home.example.com", log.email)
        self.assertTrue(log.mail_id)

        messages = self._deliver()
        self.assertEqual(len(messages), 1, "exactly one mail leaves the server")
        recipients, message = messages[0]
        self.assertEqual(recipients, ["emma.employee@home.example.com"])
        self.assertNotIn("pop_emp@work.example.com", message["To"])
        self.assertIn(pop.name, message["Subject"])
        html = message.get_body(("html",)).get_content()
        self.assertIn("Mark Manager", html)
        self.assertIn(pop._format_meeting_date(), html)
        question = pop.question_set_id.question_ids.filtered(
            lambda q: q.audience == "employee"
        )[:1]
        self.assertTrue(question, "the default question set has employee questions")
        self.assertIn(question.name, html)
        manager_question = pop.question_set_id.question_ids.filtered(
            lambda q: q.audience == "manager"
        )[:1]
        self.assertNotIn(manager_question.name, html)

        # The link opens the plan with its token, without logging in.
        links = re.findall(rf'href="([^"]*/my/pops/{pop.id}\?[^"]*)"', html)
        self.assertEqual(len(links), 1)
        url = urlsplit(links[0])
        self.assertEqual(parse_qs(url.query)["access_token"], [pop.access_token])
        response = self.url_open(f"{url.path}?{url.query}", allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn(pop.name, response.text)

        # The conversation is in both calendars, once.
        event = pop.meeting_event_id
        self.assertEqual(event.start, pop.meeting_date)
        self.assertEqual(
            event.partner_ids,
            self.employee_emp.work_contact_id | self.employee_manager.work_contact_id,
        )
        self.assertEqual(event.privacy, "private")

        # A second run sends nothing and creates nothing.
        self.Notification._cron_send_invitations()
        self.assertEqual(len(self._logs(pop)), 1)
        self.assertFalse(self._deliver())
        self.assertEqual(
            self.env["calendar.event"].search_count(
                [("res_id", "=", pop.id), ("res_model", "=", "hr.pop")]
            ),
            1,
        )

    def test_interrupted_runs_send_each_invitation_once(self):
        employees = self.env["hr.employee"]
        for name in ("Anna One", "Bram Two", "Cor Three", "Dirk Four", "Eva Five"):
            employees |= self._new_employee(name)
        pops = self.env["hr.pop"]
        for employee in employees:
            pops |= self._pop_with_meeting(employee, days=12)
        cron = self.env.ref("hr_pop.hr_pop_cron_send_invitations")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Notification = self.Notification.with_context(ir_cron_progress_id=progress.id)

        # 1st call: one batch of two, and the cron is told more is waiting.
        Notification._cron_send_invitations(batch_size=2)
        self.assertEqual(progress.done, 2)
        self.assertGreater(progress.remaining, 0)
        self.assertEqual(pops.mapped("state").count("invited"), 2)

        # 2nd call: the worker dies before its commit; all of it is rolled back.
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            Notification._cron_send_invitations(batch_size=2)
            self.assertEqual(pops.mapped("state").count("invited"), 4)
            raise RuntimeError("worker killed")
        self.assertEqual(pops.mapped("state").count("invited"), 2)

        # 3rd call: the first plan of the batch fails; the other one still goes.
        failing = pops.filtered(lambda p: p.state == "draft")[:1]
        create_event = HrPop._create_meeting_event

        def create_event_or_fail(pops):
            if failing in pops:
                raise ValueError("calendar unavailable")
            return create_event(pops)

        with (
            patch.object(HrPop, "_create_meeting_event", create_event_or_fail),
            self.assertLogs(NOTIFICATION_LOGGER, level="ERROR") as logs,
        ):
            Notification._cron_send_invitations(batch_size=2)
        self.assertIn("failed", logs.output[0])
        self.assertEqual(failing.state, "draft")
        self.assertFalse(self._logs(failing))
        self.assertEqual(progress.done, 1)
        self.assertEqual(pops.mapped("state").count("invited"), 3)

        # Reruns catch up, then find nothing left.
        Notification._cron_send_invitations(batch_size=2)
        self.assertEqual(progress.done, 2)
        self.assertEqual(progress.remaining, 0)
        Notification._cron_send_invitations(batch_size=2)
        self.assertEqual((progress.done, progress.remaining), (0, 0))

        self.assertEqual(set(pops.mapped("state")), {"invited"})
        for pop in pops:
            self.assertEqual(
                len(self._logs(pop, "invitation")), 1, pop.employee_id.name
            )
            self.assertEqual(len(self._new_mails(pop)), 1, pop.employee_id.name)
        messages = self._deliver()
        self.assertEqual(
            sorted(recipients[0] for recipients, _message in messages),
            sorted(employees.mapped("private_email")),
        )


@tagged("post_install", "-at_install")
class TestHrPopInvitationCron(HrPopCronCommon):
    def test_no_email_address_gives_hr_a_todo(self):
        self.employee_other.write({"private_email": False, "work_email": False})
        pop = self._pop_with_meeting(self.employee_other)
        self.Notification._cron_send_invitations()

        self.assertEqual(pop.state, "invited")
        log = self._logs(pop, "invitation")
        self.assertEqual((len(log), log.channel), (1, "activity"))
        self.assertFalse(self._new_mails(pop))
        todo = self._activities(pop, "hr_pop.mail_activity_pop_follow_up")
        self.assertEqual(todo.user_id, self.user_officer)
        self.assertEqual(todo.summary, "No e-mail address for Olivia Other")

        self.Notification._cron_send_invitations()
        self.assertEqual(len(self._logs(pop)), 1)
        self.assertEqual(
            len(self._activities(pop, "hr_pop.mail_activity_pop_follow_up")), 1
        )

    def test_work_address_when_there_is_no_private_one(self):
        self.employee_other.write(
            {"private_email": False, "work_email": "olivia@work.example.com"}
        )
        pop = self._pop_with_meeting(self.employee_other)
        self.Notification._cron_send_invitations()

        mail = self._new_mails(pop)
        self.assertEqual(len(mail), 1)
        self.assertIn("olivia@work.example.com", mail.email_to)
        self.assertTrue(
            pop.message_ids.filtered(
                lambda m: "no private e-mail address" in (m.preview or "")
            )
        )

    def test_invited_by_hand_uses_the_same_path(self):
        pop = self._pop_with_meeting(days=30)
        self.Notification._cron_send_invitations()
        self.assertEqual(pop.state, "draft", "the invitation date has not come")

        pop.with_user(self.user_manager).action_invite()
        self.assertEqual(len(self._logs(pop, "invitation")), 1)
        mail = self._new_mails(pop)
        self.assertEqual(len(mail), 1)
        self.assertIn("emma.employee@home.example.com", mail.email_to)
        self.assertTrue(pop.meeting_event_id)

        # Cancelled and restarted: a second invitation is a new one, logged apart.
        pop.action_cancel("Conversation moved")
        self.assertFalse(pop.meeting_event_id.active)
        pop.action_reset_draft()
        pop.action_invite()
        self.assertEqual(self._logs(pop, "invitation").mapped("key"), ["1", "2"])

    def test_mails_in_the_language_of_their_recipient(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_pop"], ["nl_NL"], overwrite=True
        )
        self.employee_emp.work_contact_id.lang = "nl_NL"
        pop = self._pop_with_meeting()
        self.Notification._cron_send_invitations()
        invitation = self._new_mails(pop)
        self.assertEqual(
            invitation.subject, f"Uitnodiging: je ontwikkelingsgesprek ({pop.name})"
        )
        self.assertIn(
            "nodigt je uit voor je ontwikkelingsgesprek", invitation.body_html
        )
        self.assertIn("Mijn gesprek voorbereiden", invitation.body_html)

        self.Notification._send_agenda_exchange(pop, "employee", role="employee")
        self.Notification._send_agenda_exchange(pop, "manager", role="manager")
        agenda = self._logs(pop, "agenda_exchange")
        to_employee = agenda.filtered(lambda n: n.key == "employee").mail_id
        to_manager = agenda.filtered(lambda n: n.key == "manager").mail_id
        self.assertTrue(to_employee.subject.startswith("Gesprekspunten voor"))
        self.assertIn("Er zijn nog geen gesprekspunten gedeeld.", to_employee.body_html)
        self.assertTrue(to_manager.subject.startswith("Agenda points for"))

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_log_is_read_only_and_visible_like_its_plan(self):
        team_pop = self._pop_with_meeting()
        other_pop = self._pop_with_meeting(self.employee_other)
        (team_pop | other_pop).action_invite()
        logs = self._logs(team_pop | other_pop)
        self.assertEqual(len(logs), 2)

        as_manager = self.Notification.with_user(self.user_manager)
        self.assertEqual(
            as_manager.search([("id", "in", logs.ids)]), self._logs(team_pop)
        )
        as_officer = self.Notification.with_user(self.user_officer)
        self.assertEqual(as_officer.search([("id", "in", logs.ids)]), logs)
        with self.assertRaises(AccessError):
            self._logs(team_pop).with_user(self.user_manager).write({"note": "Changed"})
        with self.assertRaises(AccessError):
            self._logs(team_pop).with_user(self.user_officer).unlink()
        with self.assertRaises(AccessError):
            self.Notification.with_user(self.user_employee).search([])
        with self.assertRaises(AccessError):
            self.Notification.with_user(self.user_portal).search([])

    def test_plans_without_date_or_with_a_past_date_wait(self):
        no_date = self._create_pop(self.employee_emp)
        past = self._pop_with_meeting(self.employee_emp2, days=-1)
        self.Notification._cron_send_invitations()
        self.assertEqual((no_date.state, past.state), ("draft", "draft"))

    def test_meeting_date_change_moves_the_calendar_event(self):
        pop = self._pop_with_meeting(days=10)
        pop.action_invite()
        pop.meeting_date = self._meeting(11, hour=13)
        self.assertEqual(pop.meeting_event_id.start, self._meeting(11, hour=13))

    def test_invitation_date_follows_meeting_and_lead_time(self):
        pop = self._pop_with_meeting(days=20)
        self.assertEqual(pop.invitation_date, fields.Date.today() + timedelta(days=6))
        self.company_a.pop_invitation_days = 5
        self.assertEqual(pop.invitation_date, fields.Date.today() + timedelta(days=15))

    def test_a_notification_logged_by_another_worker_is_not_sent_again(self):
        pop = self._pop_with_meeting()
        pop.action_invite()
        # Another worker logged (pop, agenda_exchange, employee) meanwhile: the unique
        # key stops this one inside its savepoint, and nothing is queued.
        self.Notification._log(pop, "agenda_exchange", "employee")
        mails = self._new_mails(pop)
        sent = self.Notification._process(
            pop,
            partial(
                self.Notification._send_agenda_exchange,
                pop,
                "employee",
                role="employee",
            ),
        )
        self.assertFalse(sent)
        self.assertEqual(self._new_mails(pop), mails)
        self.assertEqual(len(self._logs(pop, "agenda_exchange")), 1)

    def test_state_date_follows_the_state(self):
        with freeze_time("2027-03-01 07:00:00"):
            pop = self._pop_with_meeting()
        with freeze_time("2027-03-01 08:00:00"):
            pop.action_invite()
        self.assertEqual(
            pop.state_date, fields.Datetime.to_datetime("2027-03-01 08:00:00")
        )
        with freeze_time("2027-03-04 10:00:00"):
            pop.meeting_date = self._meeting(12)
            self.assertEqual(
                pop.state_date, fields.Datetime.to_datetime("2027-03-01 08:00:00")
            )
            pop.action_start_meeting()
        self.assertEqual(
            pop.state_date, fields.Datetime.to_datetime("2027-03-04 10:00:00")
        )

    def test_a_batch_takes_a_managers_plans_together(self):
        # Created alternating between two managers: a batch of two still invites
        # the two plans of one manager (followers, to-dos and events per manager).
        # Named to come first among the managers of the plans due.
        managers = [self._new_employee(f"Aaa Batchmanager{letter}") for letter in "AB"]
        pops = self.env["hr.pop"]
        for index in range(4):
            employee = self._new_employee(
                f"Batch Employee{index}", parent_id=managers[index % 2].id
            )
            pops |= self._pop_with_meeting(employee)
        self.Notification._cron_send_invitations(batch_size=2)
        invited = pops.filtered(lambda pop: pop.state == "invited")
        self.assertEqual(len(invited), 2)
        self.assertEqual(len(invited.manager_id), 1, invited.manager_id.mapped("name"))

    def test_a_new_stay_within_the_same_second_gets_its_own_notifications(self):
        # Submitted, reopened and submitted again within one second: the second
        # request to sign is sent too (not refused as a duplicate of the first).
        with freeze_time("2027-03-01 08:00:00"):
            pop = self._to_sign(self._pop_with_meeting())
            first_stay = pop.state_date
            pop.action_reopen()
            pop.action_submit()
        self.assertEqual(pop.state, "to_sign")
        self.assertEqual(pop.state_date, first_stay)
        requests = self._logs(pop, "sign_request")
        self.assertEqual(len(requests), 2)
        self.assertEqual(len(set(requests.mapped("key"))), 2)
        self.assertTrue(all(requests.mapped("mail_id")))


@tagged("post_install", "-at_install")
class TestHrPopCronQueries(HrPopCronCommon):
    """N+1 guard: per plan, a batch costs a bounded number of queries, and a run
    with nothing to do costs the same whatever the number of plans handled."""

    # Rendering and queueing one invitation, its log, answers, activities, followers
    # and calendar event (issue 10: at most 10 per employee; about 5 measured, most
    # of them Odoo's calendar subscribing each event's attendees).
    MAX_QUERIES_PER_INVITATION = 10

    def _count(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _idle_run(self):
        self.Notification._cron_send_invitations()
        self.Notification._cron_send_reminders()
        self.Notification._cron_follow_up()
        self.Notification._cron_send_digests()

    def test_cron_batch_query_count(self):
        employees = [self._new_employee(f"Query{index} Employee") for index in range(8)]
        for employee in employees[:2]:
            self._pop_with_meeting(employee, days=12)
        two = self._count(self.Notification._cron_send_invitations)
        self._idle_run()  # the day's digests and reminders go out once
        idle_two = self._count(self._idle_run)

        for employee in employees[2:]:
            self._pop_with_meeting(employee, days=12)
        six = self._count(self.Notification._cron_send_invitations)
        self._idle_run()
        idle_eight = self._count(self._idle_run)

        per_invitation = (six - two) / 4
        self.assertLessEqual(per_invitation, self.MAX_QUERIES_PER_INVITATION)
        self.assertEqual(
            idle_eight, idle_two, "an idle run must not grow with the data"
        )


@tagged("post_install", "-at_install")
class TestHrPopCycle(HrPopCronCommon):
    """Automatic plans per cycle rule, for the employees in scope only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.write(
            {"pop_auto_create": True, "pop_department_ids": cls.department_team.ids}
        )
        cls.tag = cls.env["hr.employee.category"].create({"name": "POP cycle"})
        cls.team = (
            cls.employee_manager
            | cls.employee_emp
            | cls.employee_emp2
            | cls.employee_portal
        )

    def _pops(self, employees):
        return self.env["hr.pop"].search(
            [("employee_id", "in", employees.ids), ("state", "!=", "cancelled")]
        )

    def _set_hire_date(self, employee, value):
        self.env.cr.execute(
            "UPDATE hr_employee SET create_date = %s WHERE id = %s",
            [value, employee.id],
        )
        employee.invalidate_recordset(["create_date"])

    def test_yearly_in_a_month(self):
        self.company_a.write({"pop_cycle_rule": "month", "pop_cycle_month": "3"})
        with freeze_time("2027-01-30"):
            self.Notification._cron_send_invitations()
        self.assertFalse(self._pops(self.team))

        with freeze_time("2027-02-10"):
            self.Notification._cron_send_invitations()
            self.Notification._cron_send_invitations()
        pops = self._pops(self.team | self.employee_other)
        self.assertEqual(pops.employee_id, self.team, "only the department in scope")
        self.assertEqual(
            set(pops.mapped(lambda p: (str(p.date_start), str(p.date_end)))),
            {("2027-03-01", "2028-02-29")},
        )
        self.assertEqual(set(pops.mapped("state")), {"draft"})
        todo = self._activities(
            pops.filtered(lambda p: p.employee_id == self.employee_emp),
            "mail.mail_activity_data_todo",
        )
        self.assertEqual(todo.user_id, self.user_manager)

        with freeze_time("2027-03-01"):
            self.Notification._cron_send_invitations()
        self.assertEqual(self._pops(self.team), pops, "never a second plan")

    def test_yearly_on_the_hire_date_anniversary(self):
        self.company_a.write(
            {"pop_cycle_rule": "anniversary", "pop_employee_category_ids": self.tag.ids}
        )
        self.employee_emp.category_ids = self.tag
        self._set_hire_date(self.employee_emp, "2023-05-20 08:00:00")
        self._set_hire_date(self.employee_emp2, "2023-05-20 08:00:00")
        with freeze_time("2027-04-10"):
            self.Notification._cron_send_invitations()
        self.assertFalse(self._pops(self.team))

        with freeze_time("2027-04-25"):
            self.Notification._cron_send_invitations()
            self.Notification._cron_send_invitations()
        pop = self._pops(self.team)
        self.assertEqual(pop.employee_id, self.employee_emp, "only the tagged employee")
        self.assertEqual(
            (str(pop.date_start), str(pop.date_end)), ("2027-05-20", "2028-05-19")
        )

    def test_months_after_the_last_plan(self):
        self.company_a.write(
            {
                "pop_cycle_rule": "after_last",
                "pop_cycle_months": 6,
                "pop_employee_category_ids": self.tag.ids,
            }
        )
        self.employee_emp.category_ids = self.tag
        with freeze_time("2027-01-01"):
            last = self._create_pop(
                self.employee_emp, date_start="2027-01-01", date_end="2027-06-30"
            )
            later = self._create_pop(
                self.employee_emp, date_start="2027-09-01", date_end="2027-10-31"
            )
            later.action_cancel("Not needed after all")
        with freeze_time("2027-05-30"):
            self.Notification._cron_send_invitations()
        self.assertEqual(self._pops(self.employee_emp), last)

        with freeze_time("2027-06-05"):
            self.Notification._cron_send_invitations()
            self.Notification._cron_send_invitations()
        new = self._pops(self.employee_emp) - last
        self.assertEqual(
            (str(new.date_start), str(new.date_end)), ("2027-07-01", "2027-12-31")
        )

    def test_disabled_creates_nothing(self):
        self.company_a.pop_auto_create = False
        with freeze_time("2027-02-10"):
            self.Notification._cron_send_invitations()
        self.assertFalse(self._pops(self.team))
