# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A conversation needs a manager who holds it and a date: invite, start and submit
say what is missing, through the doors the screens use."""

from datetime import timedelta

from odoo.tests import HttpCase, tagged

from .common import JsonRpcMixin, TestHrPopCommon


@tagged("post_install", "-at_install")
class TestHrPopReadiness(JsonRpcMixin, TestHrPopCommon, HttpCase):
    def test_invite_without_a_conversation_date_says_it_is_missing(self):
        pop = self._create_pop(self.employee_emp, meeting_date=False)
        error = self.assertRpcRefused(
            "pop_mgr",
            "hr.pop",
            "action_invite",
            [pop.ids],
            error="odoo.exceptions.UserError",
        )
        self.assertIn("a conversation date", error.message)
        self.assertNotIn("a manager", error.message)
        self.assertEqual(pop.state, "draft")
        self.assertFalse(pop.answer_ids)
        notifications = self.env["hr.pop.notification"].search(
            [("pop_id", "=", pop.id)]
        )
        self.assertFalse(notifications)

    def test_invite_without_a_manager_says_it_is_missing(self):
        pop = self._create_pop(self.employee_emp)
        self.call_kw(
            "pop_officer",
            "hr.pop",
            "web_save",
            [pop.ids, {"manager_id": False}],
            {"specification": {}},
        )
        error = self.assertRpcRefused(
            "pop_officer",
            "hr.pop",
            "action_invite",
            [pop.ids],
            error="odoo.exceptions.UserError",
        )
        self.assertIn(f"{pop.name} - Emma Employee: a manager", error.message)
        self.assertEqual(pop.state, "draft")

    def test_start_and_submit_need_the_date_too(self):
        pop = self._create_pop(self.employee_emp)
        pop.action_invite()
        pop.meeting_date = False
        error = self.assertRpcRefused(
            "pop_mgr",
            "hr.pop",
            "action_start_meeting",
            [pop.ids],
            error="odoo.exceptions.UserError",
        )
        self.assertIn("start the conversation", error.message)
        self.assertIn("a conversation date", error.message)
        self.assertEqual(pop.state, "invited")
        pop.meeting_date = self._default_meeting_date()
        pop.action_start_meeting()
        pop.meeting_date = False
        error = self.assertRpcRefused(
            "pop_mgr",
            "hr.pop",
            "action_submit",
            [pop.ids],
            error="odoo.exceptions.UserError",
        )
        self.assertIn("a conversation date", error.message)
        self.assertEqual(pop.state, "meeting")

    def test_a_plan_without_manager_takes_the_department_manager(self):
        self.employee_emp2.parent_id = False
        pop = self._create_pop(self.employee_emp2)
        self.assertEqual(pop.manager_id, self.employee_manager)
        # The head of the department is not his own manager.
        head = self._create_pop(self.employee_manager)
        self.assertFalse(head.manager_id)

    def test_the_invitation_cron_leaves_plans_without_manager_alone(self):
        # Both conversations in a week: their invitations are due.
        in_a_week = self._default_meeting_date() - timedelta(days=23)
        without = self._create_pop(self.employee_manager, meeting_date=in_a_week)
        with_manager = self._create_pop(self.employee_emp, meeting_date=in_a_week)
        due = self.env["hr.pop"].search(
            self.env["hr.pop.notification"]._get_invitation_domain()
        )
        self.assertIn(with_manager, due)
        self.assertNotIn(without, due)

    def test_a_signed_plan_keeps_the_job_and_department_it_was_signed_with(self):
        pop = self._create_pop(self.employee_emp)
        self._sign_both(self._to_sign(pop))
        signed_job, signed_department = pop.job_id, pop.department_id
        self.assertEqual(signed_job, self.job_developer)
        self.employee_emp.write(
            {
                "job_id": self.env["hr.job"].create({"name": "POP Team Lead"}).id,
                "department_id": self.department_other.id,
            }
        )
        self.assertEqual(pop.job_id, signed_job)
        self.assertEqual(pop.department_id, signed_department)
        # A draft plan still follows the employee.
        draft = self._create_pop(self.employee_emp2)
        self.employee_emp2.job_id = self.job_developer
        self.assertEqual(draft.job_id, self.job_developer)
