# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from freezegun import freeze_time

from odoo.tests import tagged

from .common import make_signature_png as make_png
from .cron_common import HrPopCronCommon


@tagged("post_install", "-at_install")
class TestHrPopReminders(HrPopCronCommon):
    """Agenda exchange, preparation, signature and approval reminders: on the right
    day, to the right address, once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.png = make_png()

    def _run(self, when, method="_cron_send_reminders"):
        with freeze_time(when):
            getattr(self.Notification, method)()

    def _answers(self, pop, author):
        return pop.answer_ids.filtered(lambda a: a.author == author).sorted("id")

    def test_preparation_reminder_and_agenda_exchange(self):
        with freeze_time("2027-03-01 06:00:00"):
            pop = self._create_pop(
                self.employee_emp, meeting_date="2027-03-20 09:00:00"
            )
        self._run("2027-03-05 06:00:00", "_cron_send_invitations")
        self.assertEqual(pop.state, "draft")
        self._run("2027-03-06 06:00:00", "_cron_send_invitations")
        self.assertEqual(pop.state, "invited", "14 days before the conversation")

        # The employee prepares, shares and submits; the manager writes a private note.
        as_employee = pop.with_user(self.user_employee)
        as_employee._save_preparation_answers(
            "employee", {self._answers(pop, "employee")[0].id: "I want to learn SQL."}
        )
        as_employee.action_share_preparation("employee")
        as_employee.action_submit_preparation("employee")
        pop.with_user(self.user_manager)._save_preparation_answers(
            "manager", {self._answers(pop, "manager")[0].id: "Not shared: a promotion."}
        )

        self._run("2027-03-09 06:00:00")
        self.assertEqual(self._logs(pop).mapped("kind"), ["invitation"])
        self._run("2027-03-10 06:00:00")
        self._run("2027-03-10 18:00:00")
        # The employee submitted; the manager's own preparation is in his digest.
        self.assertFalse(self._logs(pop, "preparation_reminder"))
        self._run("2027-03-10 06:00:00", "_cron_send_digests")
        digest = self._logs(pop, "digest")
        self.assertEqual(digest.key, f"{self.user_manager.id}@20270310")
        self.assertIn(self.user_manager.email, digest.mail_id.email_to)
        self.assertIn(
            "Prepare the development conversation with Emma Employee",
            digest.mail_id.body_html,
        )

        self._run("2027-03-12 06:00:00")
        self.assertFalse(self._logs(pop, "agenda_exchange"))
        self._run("2027-03-13 06:00:00")
        self._run("2027-03-14 06:00:00")
        agenda = self._logs(pop, "agenda_exchange")
        self.assertEqual(sorted(agenda.mapped("key")), ["employee", "manager"])
        to_employee = agenda.filtered(lambda n: n.key == "employee").mail_id
        to_manager = agenda.filtered(lambda n: n.key == "manager").mail_id
        self.assertEqual(
            to_employee.email_to, '"Emma Employee" <emma.employee@home.example.com>'
        )
        self.assertNotIn("Not shared: a promotion.", to_employee.body_html)
        self.assertIn("No agenda points have been shared yet", to_employee.body_html)
        self.assertIn("I want to learn SQL.", to_manager.body_html)
        self.assertIn(self.employee_manager.work_email, to_manager.email_to)
        self.assertEqual(
            len(self._new_mails(pop)), 4, "invitation, manager's digest, 2 agendas"
        )

    def test_agenda_exchange_needs_a_private_address(self):
        self.employee_emp2.write({"private_email": False})
        with freeze_time("2027-03-01 06:00:00"):
            pop = self._create_pop(
                self.employee_emp2, meeting_date="2027-03-20 09:00:00"
            )
            pop.action_invite()
        self._run("2027-03-13 06:00:00")
        to_employee = self._logs(pop, "agenda_exchange").filtered(
            lambda n: n.key == "employee"
        )
        self.assertEqual(to_employee.channel, "none")
        self.assertFalse(to_employee.mail_id)
        self.assertIn("No private e-mail address", to_employee.note)

    def test_signature_and_approval_reminders(self):
        with freeze_time("2027-04-01 08:00:00"):
            pop = self._create_pop(
                self.employee_emp, meeting_date="2027-04-01 09:00:00"
            )
            pop.action_invite()
            pop.action_start_meeting()
            pop.action_submit()
        self._run("2027-04-05 09:00:00")
        self.assertFalse(self._logs(pop, "signature_reminder"))
        self._run("2027-04-06 09:00:00")
        self._run("2027-04-06 10:00:00")
        reminders = self._logs(pop, "signature_reminder")
        self.assertEqual(
            sorted(reminders.mapped("key")),
            ["employee@20270401080000"],
            "the manager's signature is in his digest",
        )

        # The employee signs, the manager reopens and resubmits: a new round of
        # signatures, so a new reminder, only for who has not signed.
        with freeze_time("2027-04-06 11:00:00"):
            pop.with_user(self.user_employee).sign(
                "employee", self.png, "Emma Employee"
            )
        with freeze_time("2027-04-07 10:00:00"):
            pop.with_user(self.user_manager).action_reopen()
            pop.action_submit()
        with freeze_time("2027-04-08 10:00:00"):
            pop.with_user(self.user_employee).sign(
                "employee", self.png, "Emma Employee"
            )
        self._run("2027-04-12 10:00:00")
        self.assertEqual(self._logs(pop, "signature_reminder"), reminders)

        with freeze_time("2027-04-12 11:00:00"):
            pop.with_user(self.user_manager).sign("manager", self.png, "Mark Manager")
        self.assertEqual(pop.state, "to_approve")
        self._run("2027-04-15 10:00:00")
        self.assertFalse(self._logs(pop, "approval_reminder"))
        self._run("2027-04-15 11:00:00")
        self._run("2027-04-16 11:00:00")
        approval = self._logs(pop, "approval_reminder")
        self.assertEqual(len(approval), 1)
        self.assertEqual(approval.partner_id, self.user_officer.partner_id)
        self.assertIn(self.user_officer.email, approval.mail_id.email_to)


@tagged("post_install", "-at_install")
class TestHrPopFollowUp(HrPopCronCommon):
    """Progress reviews, course start checks, evaluations, closing and the signed
    plan in writing: on the right day, once."""

    def _run(self, when):
        with freeze_time(when):
            self.Notification._cron_follow_up()

    def test_follow_up_of_a_running_plan(self):
        with freeze_time("2027-01-01 07:00:00"):
            pop = self._create_pop(
                self.employee_emp,
                date_start="2027-01-01",
                date_end="2027-12-31",
                line_vals={"date_start": "2027-02-01", "date_end": "2027-03-15"},
            )
            course = pop.line_ids
            coaching = self._create_line(
                pop, name="Coaching", date_start="2027-02-01", date_end="2027-06-30"
            )
            coaching.state = "started"
            pop._pop_workflow().write({"state": "running"})

        self._run("2027-02-01 07:00:00")
        self.assertFalse(self._logs(pop))
        self._run("2027-02-02 07:00:00")
        self._run("2027-02-03 07:00:00")
        check = self._logs(pop, "activity_start_check")
        self.assertEqual(check.mapped("key"), [str(course.id)], "only the planned one")
        self.assertEqual(check.channel, "activity")
        todo = self._activities(pop, "hr_pop.mail_activity_pop_follow_up")
        self.assertEqual(todo.user_id, self.user_manager)
        self.assertIn("Lean Six Sigma Yellow Belt", todo.summary)

        self._run("2027-03-16 07:00:00")
        self._run("2027-03-17 07:00:00")
        evaluation = self._logs(pop, "activity_evaluation")
        self.assertEqual(evaluation.mapped("key"), [str(course.id)])
        self.assertIn("emma.employee@home.example.com", evaluation.mail_id.email_to)
        self.assertIn("Lean Six Sigma Yellow Belt", evaluation.mail_id.body_html)

        self._run("2027-03-31 07:00:00")
        self.assertFalse(self._logs(pop, "review_due"))
        self._run("2027-04-01 07:00:00")
        self._run("2027-04-20 07:00:00")
        review = self._logs(pop, "review_due")
        self.assertEqual(review.mapped("key"), ["1"])
        self.assertIn("emma.employee@home.example.com", review.mail_id.email_to)
        self.assertEqual(
            self._activities(pop, "hr_pop.mail_activity_pop_review").user_id,
            self.user_manager,
        )

        self._run("2027-07-01 07:00:00")
        self.assertEqual(self._logs(pop, "review_due").mapped("key"), ["1", "2"])
        self.assertEqual(
            sorted(self._logs(pop, "activity_evaluation").mapped("key")),
            sorted([str(course.id), str(coaching.id)]),
        )

        self._run("2028-01-01 07:00:00")
        self._run("2028-01-02 07:00:00")
        self.assertEqual(len(self._logs(pop, "closing_reminder")), 1)
        self.assertEqual(
            len(self._logs(pop, "review_due")), 2, "no review after the end"
        )
        self.assertEqual(len(self._logs(pop, "activity_start_check")), 1)

    def _sign_both(self, pop, png, when):
        with freeze_time(when):
            pop._sign("employee", png, "Employee")
            pop._sign("manager", png, "Manager")

    def test_signed_plan_is_mailed_to_the_private_address_once_per_signing(self):
        png = make_png()
        with freeze_time("2027-05-01 08:00:00"):
            pop = self._create_pop(
                self.employee_emp, meeting_date="2027-05-01 09:00:00"
            )
            pop.action_invite()
            pop.action_start_meeting()
            pop.action_submit()
        self._sign_both(pop, png, "2027-05-02 10:00:00")
        self.assertEqual(pop.state, "to_approve")

        self._run("2027-05-02 12:00:00")
        self._run("2027-05-03 12:00:00")
        log = self._logs(pop, "signed_pdf")
        self.assertEqual(log.mapped("key"), ["20270502100000"])
        mail = log.mail_id
        self.assertEqual(
            mail.email_to, '"Emma Employee" <emma.employee@home.example.com>'
        )
        self.assertIn("Lead an improvement project", mail.body_html)
        signed = pop.signed_attachment_id
        self.assertTrue(signed, "the signed version was attached when it was signed")
        self.assertEqual(mail.attachment_ids, signed)

        # Reopened and signed again: confirmed again, once.
        with freeze_time("2027-05-04 09:00:00"):
            pop.action_reopen()
            pop.action_submit()
        self._sign_both(pop, png, "2027-05-05 10:00:00")
        self._run("2027-05-05 12:00:00")
        self._run("2027-05-06 12:00:00")
        self.assertEqual(
            self._logs(pop, "signed_pdf").mapped("key"),
            ["20270502100000", "20270505100000"],
        )

    def test_signed_plan_never_goes_to_a_work_address(self):
        png = make_png()
        self.employee_other.write(
            {"private_email": False, "work_email": "olivia@work.example.com"}
        )
        with freeze_time("2027-05-01 08:00:00"):
            pop = self._create_pop(
                self.employee_other, meeting_date="2027-05-01 09:00:00"
            )
            pop.action_invite()
            pop.action_start_meeting()
            pop.action_submit()
        self._sign_both(pop, png, "2027-05-02 10:00:00")
        self._run("2027-05-02 12:00:00")
        log = self._logs(pop, "signed_pdf")
        self.assertEqual((len(log), log.channel), (1, "none"))
        self.assertFalse(log.mail_id)
        self.assertEqual(
            self._new_mails(pop),
            self._logs(pop, "invitation").mail_id
            | self._logs(pop, "sign_request").mail_id,
            "only the invitation and the request to sign went to the work address",
        )
