# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Signatures and approvals nobody can forge or bypass through JSON-RPC.

Every attack goes through the door an attacker with an ordinary login uses:
``/web/dataset/call_kw`` with his own session, as the browser calls it.
"""

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import JsonRpcMixin, TestHrPopCommon

LOGIN_EMPLOYEE = "pop_emp"
LOGIN_MANAGER = "pop_mgr"
LOGIN_HR = "pop_officer"
LOGIN_ADMIN = "admin"


@tagged("post_install", "-at_install")
class TestHrPopTrust(JsonRpcMixin, TestHrPopCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.pop_approval_threshold = 1000.0
        cls.env.ref("base.user_admin").write(
            {
                "password": LOGIN_ADMIN,
                "company_ids": [fields.Command.link(cls.company_a.id)],
            }
        )

    def _running_pop(self, employee=None, cost=100.0, **vals):
        employee = employee or self.employee_emp
        pop = self._to_sign(
            self._create_pop(employee, line_vals={"cost": cost}, **vals)
        )
        pop.with_user(employee.user_id).sign("employee", self.png, employee.name)
        pop.with_user(self.user_manager).sign("manager", self.png, "Mark Manager")
        if pop.state == "to_approve":
            pop.with_user(self.user_officer).action_approve()
        self.assertEqual(pop.state, "running")
        return pop

    def _write(self, login, record, vals):
        return self.call_kw(login, record._name, "write", [record.ids, vals])

    def _refuse_write(self, login, record, vals):
        before = record.sudo().read(list(vals))[0]
        self.assertRpcRefused(login, record._name, "write", [record.ids, vals])
        record.invalidate_recordset()
        self.assertEqual(record.sudo().read(list(vals))[0], before)

    # --- state, signatures and approval -------------------------------------------
    def test_nobody_moves_a_plan_to_running_by_writing_its_state(self):
        pop = self._to_sign(self._create_pop(self.employee_emp))
        for login in (LOGIN_MANAGER, LOGIN_HR, LOGIN_ADMIN):
            self._refuse_write(login, pop, {"state": "running"})
        self.assertEqual(pop.state, "to_sign")

    def test_manager_cannot_forge_the_employees_signature(self):
        pop = self._to_sign(self._create_pop(self.employee_emp))
        forged = {
            "employee_signed_on": fields.Datetime.to_string(fields.Datetime.now()),
            "employee_signed_by": "Emma Employee",
            "employee_decision": "agree",
            "employee_signature": self.png.decode(),
            "employee_signed_user_id": self.user_employee.id,
            "employee_signature_hash": pop._get_content_hash(),
        }
        for name, value in forged.items():
            self._refuse_write(LOGIN_MANAGER, pop, {name: value})
        self._refuse_write(LOGIN_MANAGER, pop, forged)
        self.assertFalse(pop.is_signed)

    def test_a_seen_not_agreed_signature_cannot_be_turned_into_agreed(self):
        pop = self._create_pop(self.employee_emp)
        self._sign_both(self._to_sign(pop), decision="seen", comment="Too little")
        for login in (LOGIN_MANAGER, LOGIN_HR, LOGIN_ADMIN):
            self._refuse_write(login, pop, {"employee_decision": "agree"})
            self._refuse_write(login, pop, {"employee_comment": False})
        self.assertEqual(pop.employee_decision, "seen")

    def test_nobody_forges_an_approval(self):
        pop = self._create_pop(self.employee_emp, line_vals={"cost": 1500.0})
        self._sign_both(self._to_sign(pop))
        self.assertEqual(pop.state, "to_approve")
        forged = {
            "approved_by_id": self.user_officer.id,
            "approved_on": fields.Datetime.to_string(fields.Datetime.now()),
        }
        for login in (LOGIN_MANAGER, LOGIN_HR, LOGIN_ADMIN):
            self._refuse_write(login, pop, forged)
        self.assertFalse(pop.approved_by_id)
        self.assertEqual(pop.state, "to_approve")

    def test_a_plan_cannot_be_created_signed_or_running(self):
        vals = {
            "employee_id": self.employee_emp.id,
            "state": "running",
            "employee_signed_on": "2026-01-01 10:00:00",
            "employee_signed_by": "Emma Employee",
        }
        for login in (LOGIN_MANAGER, LOGIN_HR, LOGIN_ADMIN):
            self.assertRpcRefused(login, "hr.pop", "create", [vals])
        self.assertFalse(
            self.env["hr.pop"].search([("employee_id", "=", self.employee_emp.id)])
        )

    def test_a_default_in_the_context_does_not_create_a_running_plan(self):
        self.assertRpcRefused(
            LOGIN_MANAGER,
            "hr.pop",
            "create",
            [{"employee_id": self.employee_emp.id}],
            {
                "context": {
                    "default_state": "running",
                    "default_approved_on": "2026-01-01",
                }
            },
        )
        self.assertFalse(
            self.env["hr.pop"].search([("employee_id", "=", self.employee_emp.id)])
        )

    def test_an_import_cannot_create_a_signed_plan(self):
        result = self.call_kw(
            LOGIN_HR,
            "hr.pop",
            "load",
            [
                ["employee_id/.id", "state", "employee_signed_by", "approved_on"],
                [[str(self.employee_emp.id), "running", "Emma", "2026-01-01 10:00:00"]],
            ],
        )
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])
        self.assertFalse(
            self.env["hr.pop"].search([("employee_id", "=", self.employee_emp.id)])
        )

    def test_a_copy_cannot_start_signed(self):
        pop = self._create_pop(self.employee_emp, goal_vals=False, line_vals=False)
        self.assertRpcRefused(
            LOGIN_MANAGER,
            "hr.pop",
            "copy",
            [pop.ids],
            {"default": {"state": "running", "employee_decision": "agree"}},
        )
        self.assertEqual(
            self.env["hr.pop"].search_count(
                [("employee_id", "=", self.employee_emp.id)]
            ),
            1,
        )

    def test_manager_cannot_reopen_the_employees_submitted_preparation(self):
        pop = self._create_pop(self.employee_emp)
        pop.action_invite()
        pop.with_user(self.user_employee).action_submit_preparation("employee")
        self._refuse_write(LOGIN_MANAGER, pop, {"employee_preparation_state": "draft"})
        self._refuse_write(LOGIN_MANAGER, pop, {"employee_answers_shared": True})
        self.assertEqual(pop.employee_preparation_state, "submitted")

    def test_the_computed_total_cannot_be_written_to_skip_approval(self):
        pop = self._to_sign(
            self._create_pop(self.employee_emp, line_vals={"cost": 1500.0})
        )
        self._refuse_write(LOGIN_MANAGER, pop, {"total_cost": 0.0})
        self._sign_both(pop)
        self.assertEqual(pop.state, "to_approve")

    def test_the_workflow_buttons_still_work_over_json_rpc(self):
        pop = self._create_pop(self.employee_emp, meeting_date="2030-01-10 09:00:00")
        for method in ("action_invite", "action_start_meeting", "action_submit"):
            self.call_kw(LOGIN_MANAGER, "hr.pop", method, [pop.ids])
        self.assertEqual(pop.state, "to_sign")
        content_hash = pop._get_content_hash()
        self.call_kw(
            LOGIN_EMPLOYEE,
            "hr.pop",
            "sign",
            [pop.ids, "employee", self.png.decode(), "Emma Employee"],
            {"content_hash": content_hash},
        )
        self.call_kw(
            LOGIN_MANAGER,
            "hr.pop",
            "sign",
            [pop.ids, "manager", self.png.decode(), "Mark Manager"],
            {"content_hash": content_hash},
        )
        self.assertEqual(pop.state, "running")
        self.assertTrue(pop.signature_valid)

    # --- approval cannot be bypassed through the activities --------------------------
    def test_a_cancelled_activity_cannot_bring_back_unapproved_cost(self):
        pop = self._create_pop(self.employee_emp, line_vals={"cost": 1500.0})
        expensive = pop.line_ids
        self._create_line(pop, name="Reading", cost=50.0)
        pop.action_invite()
        pop.action_start_meeting()
        self._write(LOGIN_MANAGER, expensive, {"state": "cancelled"})
        pop.action_submit()
        self._sign_both(pop)
        self.assertEqual(pop.state, "running")
        self.assertFalse(pop.approved_by_id)
        self._refuse_write(LOGIN_MANAGER, expensive, {"state": "planned"})
        self._refuse_write(LOGIN_HR, expensive, {"state": "registered"})
        self.assertEqual(pop.total_cost, 50.0)

    def test_activity_status_is_frozen_while_the_plan_is_being_signed(self):
        pop = self._to_sign(
            self._create_pop(self.employee_emp, line_vals={"cost": 1500.0})
        )
        pop.with_user(self.user_employee).sign("employee", self.png, "Emma")
        self._refuse_write(LOGIN_MANAGER, pop.line_ids, {"state": "cancelled"})
        self.assertEqual(pop.total_cost, 1500.0)

    def test_a_running_plan_follows_its_activities(self):
        pop = self._running_pop()
        self._write(LOGIN_MANAGER, pop.line_ids, {"state": "started"})
        self._write(LOGIN_MANAGER, pop.line_ids, {"state": "cancelled"})
        self.assertEqual(pop.total_cost, 0.0)

    # --- preparation answers keep their author ---------------------------------------
    def _invited_pop(self):
        pop = self._create_pop(self.employee_emp)
        pop.action_invite()
        employee_answer = pop.answer_ids.filtered(lambda a: a.author == "employee")[0]
        manager_answer = pop.answer_ids.filtered(lambda a: a.author == "manager")[0]
        return pop, employee_answer, manager_answer

    def test_an_answer_cannot_move_to_a_question_of_the_other_side(self):
        pop, employee_answer, manager_answer = self._invited_pop()
        # Questions of the other side this plan has no answer to yet.
        new_questions = self.env["hr.pop.question"].create(
            [
                {
                    "name": f"Extra question for the {audience}",
                    "audience": audience,
                    "question_set_id": pop.question_set_id.id,
                }
                for audience in ("employee", "manager")
            ]
        )
        manager_answer.with_user(self.user_manager).answer = "Manager's own view"
        self._refuse_write(
            LOGIN_MANAGER, manager_answer, {"question_id": new_questions[0].id}
        )
        employee_answer.with_user(self.user_employee).answer = "My view"
        self._refuse_write(
            LOGIN_EMPLOYEE, employee_answer, {"question_id": new_questions[1].id}
        )
        self.assertEqual(manager_answer.author, "manager")
        self.assertEqual(employee_answer.author, "employee")

    def test_only_the_share_action_changes_whether_an_answer_is_shared(self):
        pop, employee_answer, _manager_answer = self._invited_pop()
        self._refuse_write(LOGIN_EMPLOYEE, employee_answer, {"shared": True})
        pop.with_user(self.user_employee).action_submit_preparation("employee")
        employee_answer.answer = "I want to learn SQL."  # a blank one is never shared
        pop.with_user(self.user_employee).action_share_preparation("employee")
        self.assertTrue(employee_answer.shared)
        self._refuse_write(LOGIN_EMPLOYEE, employee_answer, {"shared": False})
        self._refuse_write(LOGIN_MANAGER, employee_answer, {"shared": False})
        self.assertTrue(employee_answer.shared)

    def test_an_answer_is_not_changed_once_the_preparation_is_closed(self):
        pop, employee_answer, manager_answer = self._invited_pop()
        pop.with_user(self.user_employee).action_submit_preparation("employee")
        self._refuse_write(LOGIN_EMPLOYEE, employee_answer, {"answer": "Changed later"})
        pop.action_start_meeting()
        self._refuse_write(LOGIN_MANAGER, manager_answer, {"answer": "Changed later"})

    def test_an_answer_cannot_move_to_another_plan(self):
        pop, _employee_answer, manager_answer = self._invited_pop()
        # A plan without preparation questions: nothing there to collide with.
        other = self._create_pop(self.employee_emp2, question_set_id=False)
        other.action_invite()
        self._refuse_write(LOGIN_MANAGER, manager_answer, {"pop_id": other.id})

    # --- nothing moves into (or out of) a signed plan --------------------------------
    def test_goals_and_activities_cannot_be_moved_into_a_signed_plan(self):
        signed = self._running_pop()
        signed_hash = signed.employee_signature_hash
        draft = self._create_pop(self.employee_emp2)
        for login in (LOGIN_MANAGER, LOGIN_HR):
            self._refuse_write(login, draft.goal_ids, {"pop_id": signed.id})
            self._refuse_write(login, draft.line_ids, {"pop_id": signed.id})
            self._refuse_write(login, signed.goal_ids, {"pop_id": draft.id})
            self._refuse_write(login, signed.line_ids, {"pop_id": draft.id})
        self.assertEqual(signed._get_content_hash(), signed_hash)
        self.assertTrue(signed.signature_valid)
        self.assertEqual(signed.total_cost, 100.0)

    def test_goals_and_activities_cannot_be_created_in_a_signed_plan(self):
        signed = self._running_pop()
        self.assertRpcRefused(
            LOGIN_MANAGER,
            "hr.pop.goal",
            "create",
            [{"pop_id": signed.id, "name": "Smuggled", "category": "job"}],
        )
        self.assertRpcRefused(
            LOGIN_MANAGER,
            "hr.pop.line",
            "create",
            [{"pop_id": signed.id, "name": "Smuggled", "cost": 5000.0}],
        )
        self.assertTrue(signed.signature_valid)

    def test_a_review_cannot_move_to_another_plan_or_change_author(self):
        signed = self._running_pop()
        review = (
            self.env["hr.pop.review"]
            .with_user(self.user_manager)
            .create({"pop_id": signed.id, "notes": "<p>Going well</p>"})
        )
        other = self._running_pop(employee=self.employee_emp2)
        self._refuse_write(LOGIN_MANAGER, review, {"pop_id": other.id})
        self._refuse_write(LOGIN_MANAGER, review, {"author_id": self.user_officer.id})
        self.assertRpcRefused(
            LOGIN_MANAGER,
            "hr.pop.review",
            "create",
            [{"pop_id": signed.id, "author_id": self.user_officer.id}],
        )

    # --- signed plans are records ---------------------------------------------------
    def test_a_signed_plan_is_cancelled_but_never_deleted(self):
        pop = self._running_pop()
        self.call_kw(LOGIN_MANAGER, "hr.pop", "action_cancel", [pop.ids, "Left"])
        self.assertEqual(pop.state, "cancelled")
        for login in (LOGIN_HR, LOGIN_ADMIN):
            self.assertRpcRefused(login, "hr.pop", "unlink", [pop.ids])
        self.assertTrue(pop.exists())
        self.assertTrue(pop.employee_signature)

    def test_a_plan_signed_once_stays_undeletable_after_reset(self):
        pop = self._create_pop(self.employee_emp)
        self._to_sign(pop)
        pop.with_user(self.user_employee).sign("employee", self.png, "Emma")
        pop.action_cancel("Wrong plan")
        pop.with_user(self.user_officer).action_reset_draft()
        self.assertFalse(pop.is_signed)
        pop.action_cancel("Still wrong")
        self.assertRpcRefused(LOGIN_HR, "hr.pop", "unlink", [pop.ids])
        self.assertTrue(pop.exists())

    def test_a_plan_nobody_signed_can_still_be_deleted(self):
        pop = self._create_pop(self.employee_emp)
        pop.action_cancel("Not needed")
        self.call_kw(LOGIN_HR, "hr.pop", "unlink", [pop.ids])
        self.assertFalse(pop.exists())

    # --- what the signer saw is what he signs -----------------------------------------
    def test_a_signature_over_changed_content_is_refused(self):
        pop = self._to_sign(self._create_pop(self.employee_emp))
        seen_hash = pop._get_content_hash()
        pop.goal_ids.with_user(self.user_manager).success_measure = "Changed meanwhile"
        self.assertRpcRefused(
            LOGIN_EMPLOYEE,
            "hr.pop",
            "sign",
            [pop.ids, "employee", self.png.decode(), "Emma Employee"],
            {"content_hash": seen_hash},
            error="odoo.exceptions.UserError",
        )
        self.assertFalse(pop.employee_signed_on)

    def test_the_sign_dialog_keeps_the_content_the_manager_read(self):
        pop = self._to_sign(self._create_pop(self.employee_emp))
        action = pop.with_user(self.user_manager).action_open_sign_wizard()
        wizard = (
            self.env["hr.pop.sign.wizard"]
            .with_user(self.user_manager)
            .with_context(**action["context"])
            .create({"signature": self.png, "signer_name": "Mark"})
        )
        pop.line_ids.with_user(self.user_manager).cost = 999.0
        with self.assertRaisesRegex(Exception, "changed while you were reading"):
            wizard.action_sign()
        self.assertFalse(pop.manager_signed_on)

    # --- absurd values ---------------------------------------------------------------
    def test_nan_and_huge_costs_get_a_clear_message(self):
        pop = self._create_pop(self.employee_emp)
        line = pop.line_ids
        for cost in (float("nan"), float("inf"), 1e300, -1e300):
            self.assertRpcRefused(
                LOGIN_MANAGER,
                "hr.pop.line",
                "write",
                [line.ids, {"cost": cost}],
                error="odoo.exceptions.ValidationError",
            )
        line.invalidate_recordset()
        self.assertEqual(line.cost, 100.0)

    def test_a_megabyte_name_gets_a_clear_message(self):
        pop = self._create_pop(self.employee_emp)
        self.assertRpcRefused(
            LOGIN_MANAGER,
            "hr.pop.goal",
            "write",
            [pop.goal_ids.ids, {"name": "x" * 1_000_000}],
            error="odoo.exceptions.ValidationError",
        )
        self.assertRpcRefused(
            LOGIN_MANAGER,
            "hr.pop.line",
            "create",
            [{"pop_id": pop.id, "name": "Course\x00", "cost": 10.0}],
            error="odoo.exceptions.ValidationError",
        )
        self.assertEqual(len(pop.line_ids), 1)
