# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The manager's steps in the back office, through the calls the screens make."""

from ast import literal_eval

from odoo import fields
from odoo.tests import Form, HttpCase, tagged

from .common import JsonRpcMixin, TestHrPopCommon


@tagged("post_install", "-at_install")
class TestHrPopManagerPreparation(JsonRpcMixin, TestHrPopCommon, HttpCase):
    def _invited_pop(self):
        pop = self._create_pop(self.employee_emp)
        pop.action_invite()
        return pop, pop.answer_ids.filtered(lambda a: a.author == "manager")

    def test_manager_saves_submits_and_shares_his_preparation_with_the_buttons(self):
        pop, answers = self._invited_pop()
        # What the form saves, then the buttons it calls.
        self.call_kw(
            "pop_mgr",
            "hr.pop",
            "web_save",
            [
                pop.ids,
                {
                    "manager_answer_ids": [
                        [1, answer.id, {"answer": f"Point {index}"}]
                        for index, answer in enumerate(answers)
                    ]
                },
            ],
            {"specification": {"manager_preparation_state": {}}},
        )
        self.call_kw(
            "pop_mgr", "hr.pop", "action_submit_manager_preparation", [pop.ids]
        )
        self.assertEqual(pop.manager_preparation_state, "submitted")
        self.assertEqual(
            answers.mapped("answer"), [f"Point {i}" for i in range(len(answers))]
        )
        self.assertFalse(any(answers.mapped("shared")))
        self.call_kw("pop_mgr", "hr.pop", "action_share_manager_preparation", [pop.ids])
        self.assertTrue(pop.manager_answers_shared)
        self.assertTrue(all(answers.mapped("shared")))
        # The employee now reads them as agenda points.
        visible = (
            self.env["hr.pop.answer"]
            .with_user(self.user_employee)
            .search([("pop_id", "=", pop.id), ("author", "=", "manager")])
        )
        self.assertEqual(visible, answers)

    def test_blank_answers_are_never_shared_and_nothing_to_share_is_refused(self):
        pop, answers = self._invited_pop()
        error = self.assertRpcRefused(
            "pop_mgr",
            "hr.pop",
            "action_share_manager_preparation",
            [pop.ids],
            error="odoo.exceptions.UserError",
        )
        self.assertIn("nothing to share", error.message)
        self.assertFalse(pop.manager_answers_shared)
        answers[0].answer = "Promotion to team lead"
        answers[1].answer = "   "
        self.call_kw("pop_mgr", "hr.pop", "action_share_manager_preparation", [pop.ids])
        self.assertTrue(answers[0].shared)
        self.assertFalse(any((answers - answers[0]).mapped("shared")))

    def test_a_submitted_preparation_is_final_for_the_manager(self):
        pop, answers = self._invited_pop()
        pop.with_user(self.user_manager).action_submit_manager_preparation()
        self.assertRpcRefused(
            "pop_mgr",
            "hr.pop",
            "web_save",
            [
                pop.ids,
                {"manager_answer_ids": [[1, answers[0].id, {"answer": "Later"}]]},
            ],
            {"specification": {}},
        )
        self.assertRpcRefused(
            "pop_mgr", "hr.pop", "action_submit_manager_preparation", [pop.ids]
        )

    def test_manager_prepares_in_the_back_office_by_clicking(self):
        pop, answers = self._invited_pop()
        self.start_tour(
            f"/odoo/action-hr_pop.hr_pop_action/{pop.id}",
            "hr_pop_manager_preparation_tour",
            login="pop_mgr",
        )
        self.assertEqual(pop.manager_preparation_state, "submitted")
        self.assertTrue(pop.manager_answers_shared)
        self.assertIn("leading projects", answers[0].answer)
        # Only what he answered is shared: a blank answer is no agenda point.
        self.assertEqual(
            answers.filtered("shared"), answers.filtered(lambda a: a.answer)
        )

    def test_manager_plans_invites_holds_and_submits_by_clicking(self):
        pop = self._create_pop(self.employee_emp, meeting_date=False)
        self.start_tour(
            f"/odoo/action-hr_pop.hr_pop_action/{pop.id}",
            "hr_pop_manager_cycle_tour",
            login="pop_mgr",
        )
        self.assertEqual(pop.state, "to_sign")
        # The date he typed: in a month (at 10:00 in the browser's zone).
        days_ahead = (pop.meeting_date - fields.Datetime.now()).days
        self.assertIn(days_ahead, (29, 30))
        kinds = (
            self.env["hr.pop.notification"]
            .search([("pop_id", "=", pop.id)])
            .mapped("kind")
        )
        self.assertEqual(sorted(kinds), ["invitation", "sign_request"])

    def test_the_employee_cannot_use_the_managers_buttons(self):
        pop, _answers = self._invited_pop()
        for method in (
            "action_submit_manager_preparation",
            "action_share_manager_preparation",
        ):
            self.assertRpcRefused("pop_emp", "hr.pop", method, [pop.ids])
        self.assertEqual(pop.manager_preparation_state, "draft")


@tagged("post_install", "-at_install")
class TestHrPopRoundForManagers(TestHrPopCommon):
    def _round_form(self, user):
        return Form(self.env["hr.pop.round.wizard"].with_user(user))

    def test_a_manager_is_offered_only_the_departments_he_manages(self):
        manager_choice = self._round_form(self.user_manager).save()
        self.assertIn(self.department_team, manager_choice.allowed_department_ids)
        self.assertNotIn(self.department_other, manager_choice.allowed_department_ids)
        officer_choice = self._round_form(self.user_officer).save()
        self.assertIn(self.department_other, officer_choice.allowed_department_ids)

    def test_the_opened_dialog_offers_the_managers_departments(self):
        # The browser's first call when the dialog opens (seen failing in Chromium:
        # a compute with only a context dependency was not sent).
        spec = {
            "allowed_department_ids": {"fields": {}},
            "department_id": {"fields": {"display_name": {}}},
            "date_start": {},
            "date_end": {},
        }
        value = (
            self.env["hr.pop.round.wizard"]
            .with_user(self.user_manager)
            .onchange({}, [], spec)["value"]
        )
        offered = {command[1] for command in value["allowed_department_ids"]}
        self.assertIn(self.department_team.id, offered)
        self.assertNotIn(self.department_other.id, offered)

    def test_a_managers_round_lists_his_team_but_not_himself(self):
        with self._round_form(self.user_manager) as form:
            form.department_id = self.department_team
        employees = form.record.line_ids.employee_id
        self.assertNotIn(self.employee_manager, employees)
        self.assertIn(self.employee_emp, employees)

    def test_a_managers_round_creates_his_teams_plans(self):
        with self._round_form(self.user_manager) as form:
            form.department_id = self.department_team
        form.record.action_start()
        pops = self.env["hr.pop"].search(
            [("employee_id.department_id", "=", self.department_team.id)]
        )
        self.assertEqual(
            pops.employee_id,
            self.employee_emp | self.employee_emp2 | self.employee_portal,
        )

    def test_someone_else_in_the_round_gets_a_clear_message_and_no_number(self):
        sequence = self.env["ir.sequence"].search([("code", "=", "hr.pop")])
        next_number = sequence.number_next_actual
        wizard = (
            self.env["hr.pop.round.wizard"]
            .with_user(self.user_manager)
            .create(
                {
                    "line_ids": [
                        (0, 0, {"employee_id": self.employee_emp.id}),
                        (0, 0, {"employee_id": self.employee_other.id}),
                        (0, 0, {"employee_id": self.employee_manager.id}),
                    ]
                }
            )
        )
        with self.assertRaisesRegex(Exception, "only their manager") as caught:
            wizard.action_start()
        self.assertEqual(type(caught.exception).__name__, "UserError")
        self.assertIn(self.employee_other.name, str(caught.exception))
        self.assertIn(self.employee_manager.name, str(caught.exception))
        sequence.invalidate_recordset()
        self.assertEqual(sequence.number_next_actual, next_number)
        self.assertFalse(
            self.env["hr.pop"].search([("employee_id", "=", self.employee_emp.id)])
        )


@tagged("post_install", "-at_install")
class TestHrPopToApprove(TestHrPopCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.write(
            {
                "pop_approval_threshold": 1000.0,
                "pop_hr_responsible_id": cls.user_officer.id,
            }
        )

    def _plan_waiting_for_approval(self):
        pop = self._create_pop(self.employee_emp, line_vals={"cost": 1500.0})
        self._sign_both(self._to_sign(pop))
        self.assertEqual(pop.state, "to_approve")
        return pop

    def test_hr_finds_the_plans_waiting_for_him(self):
        pop = self._plan_waiting_for_approval()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_pop.hr_pop_action_to_approve"
        )
        self.assertIn("search_default_waiting_for_me", action["context"])
        waiting = (
            self.env["hr.pop"]
            .with_user(self.user_officer)
            .search(
                [
                    *literal_eval(action["domain"]),
                    ("activity_user_id", "=", self.user_officer.id),
                ]
            )
        )
        self.assertEqual(waiting, pop)
        self.assertFalse(
            self.env["hr.pop"]
            .with_user(self.user_manager)
            .search([("activity_user_id", "=", self.user_manager.id)])
            .filtered(lambda p: p.state == "to_approve")
        )

    def test_hr_approves_from_the_to_approve_list_by_clicking(self):
        pop = self._plan_waiting_for_approval()
        self.start_tour(
            "/odoo/action-hr_pop.hr_pop_action_to_approve",
            "hr_pop_hr_approve_tour",
            login="pop_officer",
        )
        self.assertEqual(pop.state, "running")
        self.assertEqual(pop.approved_by_id, self.user_officer)

    def test_a_plan_is_named_with_its_employee(self):
        pop = self._create_pop(self.employee_emp)
        self.assertEqual(pop.display_name, f"{pop.name} - Emma Employee")
