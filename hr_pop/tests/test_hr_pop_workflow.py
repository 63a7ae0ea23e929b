# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TestHrPopCommon
from .common import make_signature_png as make_png


@tagged("post_install", "-at_install")
class TestHrPopWorkflow(TestHrPopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.pop_approval_threshold = 1000.0

    def _new_pop(self, cost=100.0):
        pop = self.env["hr.pop"].create(
            {
                "employee_id": self.employee_emp.id,
                "date_start": fields.Date.today(),
                "date_end": fields.Date.today() + timedelta(days=364),
                "meeting_date": self._default_meeting_date(),
            }
        )
        goal = self.env["hr.pop.goal"].create(
            {
                "pop_id": pop.id,
                "category": "job",
                "name": "Lead an improvement project",
                "success_measure": "One project finished with less scrap",
                "deadline": fields.Date.today() + timedelta(days=200),
            }
        )
        self.env["hr.pop.line"].create(
            {
                "pop_id": pop.id,
                "goal_id": goal.id,
                "name": "Lean Six Sigma Yellow Belt",
                "activity_type": "course",
                "cost": cost,
            }
        )
        return pop

    # --- transitions --------------------------------------------------------------
    def test_invite_moves_draft_to_invited_and_creates_preparation(self):
        pop = self._new_pop()
        pop.action_invite()
        self.assertEqual(pop.state, "invited")
        self.assertTrue(pop.access_token)
        self.assertTrue(pop.answer_ids.filtered(lambda a: a.author == "employee"))
        self.assertTrue(pop.answer_ids.filtered(lambda a: a.author == "manager"))
        self.assertIn(self.user_manager.partner_id, pop.message_partner_ids)

    def test_invite_refuses_a_plan_that_is_not_draft(self):
        pop = self._new_pop()
        pop.action_invite()
        with self.assertRaisesRegex(UserError, "Draft"):
            pop.action_invite()

    def test_start_meeting_freezes_preparation_answers(self):
        pop = self._new_pop()
        pop.action_invite()
        answer = pop.answer_ids.filtered(lambda a: a.author == "employee")[:1]
        answer.with_user(self.user_employee).answer = "I like planning"
        pop.action_start_meeting()
        self.assertEqual(pop.state, "meeting")
        with self.assertRaisesRegex(UserError, "preparation .* is closed"):
            answer.with_user(self.user_employee).answer = "changed"
        self.assertEqual(answer.answer, "I like planning")

    def test_submit_requires_at_least_one_goal(self):
        pop = self._new_pop()
        pop.goal_ids.unlink()
        pop.action_invite()
        pop.action_start_meeting()
        with self.assertRaisesRegex(UserError, "no goals"):
            pop.action_submit()
        self.assertEqual(pop.state, "meeting")

    def test_submit_lists_per_goal_the_missing_smart_parts(self):
        pop = self._new_pop()
        self.env["hr.pop.goal"].create(
            {"pop_id": pop.id, "category": "career", "name": "Become team lead"}
        )
        self.env["hr.pop.goal"].create(
            {
                "pop_id": pop.id,
                "category": "personal",
                "name": "Give feedback",
                "success_measure": "Confirmed by the team lead",
                "deadline": pop.date_end + timedelta(days=30),
            }
        )
        pop.action_invite()
        pop.action_start_meeting()
        with self.assertRaises(UserError) as error:
            pop.action_submit()
        message = str(error.exception)
        self.assertIn("Become team lead: a success measure, a deadline", message)
        self.assertIn("Give feedback: a deadline inside the plan's period", message)
        self.assertNotIn("Lead an improvement project", message)
        self.assertEqual(pop.state, "meeting")

    def test_submit_moves_meeting_to_to_sign(self):
        pop = self._to_sign(self._new_pop())
        self.assertEqual(pop.state, "to_sign")

    # --- signatures ---------------------------------------------------------------
    def test_sign_stores_image_name_user_date_and_content_hash(self):
        pop = self._to_sign(self._new_pop())
        pop.with_user(self.user_employee).sign("employee", self.png, "Employee Name")
        self.assertTrue(pop.employee_signature)
        self.assertEqual(pop.employee_signed_by, "Employee Name")
        self.assertEqual(pop.employee_signed_user_id, self.user_employee)
        self.assertTrue(pop.employee_signed_on)
        self.assertEqual(pop.employee_signature_hash, pop._get_content_hash())
        self.assertEqual(len(pop.employee_signature_hash), 64)
        self.assertEqual(pop.employee_decision, "agree")
        self.assertEqual(pop.state, "to_sign")

    def test_signatures_can_be_given_in_either_order(self):
        pop = self._to_sign(self._new_pop())
        pop.with_user(self.user_manager).sign("manager", self.png, "Manager Name")
        pop.with_user(self.user_employee).sign("employee", self.png, "Employee Name")
        self.assertTrue(pop.is_fully_signed)
        self.assertEqual(pop.state, "running")

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_another_user_cannot_sign_as_the_employee(self):
        pop = self._to_sign(self._new_pop())
        for user in (self.user_manager, self.user_employee2, self.user_officer):
            with self.assertRaises(AccessError):
                pop.with_user(user).sign("employee", self.png, "Somebody")
        self.assertFalse(pop.employee_signed_on)

    def test_the_employee_cannot_sign_as_manager(self):
        pop = self._to_sign(self._new_pop())
        with self.assertRaises(AccessError):
            pop.with_user(self.user_employee).sign("manager", self.png, "Me")
        self.assertFalse(pop.manager_signed_on)

    def test_an_hr_admin_may_sign_in_the_manager_role(self):
        pop = self._to_sign(self._new_pop())
        pop.with_user(self.user_officer).sign("manager", self.png, "HR Officer")
        self.assertEqual(pop.manager_signed_user_id, self.user_officer)

    def test_sign_refuses_bad_payloads_and_stores_nothing(self):
        pop = self._to_sign(self._new_pop())
        signer = pop.with_user(self.user_employee)
        bad_payloads = {
            "not base64 %%%": "not a valid image",
            base64.b64encode(b"GIF89a not a png"): "must be a PNG",
            base64.b64encode(b"\x89PNG\r\n\x1a\n garbage"): "not a valid image",
            b"": "draw your signature",
        }
        for payload, message in bad_payloads.items():
            with self.assertRaisesRegex(UserError, message):
                signer.sign("employee", payload, "Employee Name")
        with self.assertRaisesRegex(UserError, "name of the signer"):
            signer.sign("employee", self.png, "   ")
        with self.assertRaisesRegex(UserError, "too large"):
            signer.sign("employee", make_png(3000, 3000) + b"A" * 800_000, "Name")
        self.assertFalse(pop.employee_signed_on)
        self.assertFalse(pop.employee_signature)

    def test_signing_twice_in_the_same_role_is_refused(self):
        pop = self._to_sign(self._new_pop())
        pop.with_user(self.user_employee).sign("employee", self.png, "Employee Name")
        with self.assertRaisesRegex(UserError, "already signed"):
            pop.with_user(self.user_employee).sign("employee", self.png, "Again")

    def test_signing_before_the_plan_is_submitted_is_refused(self):
        pop = self._new_pop()
        pop.action_invite()
        with self.assertRaisesRegex(UserError, "not waiting for signatures"):
            pop.with_user(self.user_employee).sign("employee", self.png, "Name")

    def test_seen_not_agreed_keeps_the_objection_and_the_plan_runs(self):
        pop = self._to_sign(self._new_pop())
        self._sign_both(pop, decision="seen", comment="The budget is too small")
        self.assertEqual(pop.state, "running")
        self.assertEqual(pop.employee_decision, "seen")
        self.assertEqual(pop.employee_comment, "The budget is too small")
        self.assertTrue(
            any("seen, not agreed" in body for body in pop.message_ids.mapped("body"))
        )

    def test_there_is_no_rating_field_on_a_plan(self):
        for model in ("hr.pop", "hr.pop.goal", "hr.pop.line", "hr.pop.review"):
            names = " ".join(self.env[model]._fields)
            for word in ("rating", "score", "grade", "appraisal"):
                self.assertNotIn(word, names, f"{model} must not rate the employee")

    # --- approval routing ---------------------------------------------------------
    def test_plan_above_threshold_goes_to_approval(self):
        pop = self._sign_both(self._to_sign(self._new_pop(cost=1500.0)))
        self.assertEqual(pop.state, "to_approve")
        approve = pop.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("hr_pop.mail_activity_pop_approve")
        )
        self.assertTrue(approve)

    def test_plan_at_or_below_threshold_runs_at_once(self):
        pop = self._sign_both(self._to_sign(self._new_pop(cost=1000.0)))
        self.assertEqual(pop.state, "running")

    def test_threshold_zero_means_every_plan_is_approved(self):
        self.env.company.pop_approval_threshold = 0.0
        pop = self._sign_both(self._to_sign(self._new_pop(cost=10.0)))
        self.assertEqual(pop.state, "to_approve")

    def test_hr_admin_approves_and_the_plan_runs(self):
        pop = self._sign_both(self._to_sign(self._new_pop(cost=1500.0)))
        pop.with_user(self.user_officer).action_approve()
        self.assertEqual(pop.state, "running")
        self.assertEqual(pop.approved_by_id, self.user_officer)
        self.assertFalse(
            pop.activity_ids.filtered(
                lambda a: a.activity_type_id
                == self.env.ref("hr_pop.mail_activity_pop_approve")
            )
        )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_a_manager_without_admin_rights_cannot_approve(self):
        pop = self._sign_both(self._to_sign(self._new_pop(cost=1500.0)))
        with self.assertRaises(AccessError):
            pop.with_user(self.user_manager).action_approve()
        self.assertEqual(pop.state, "to_approve")

    def test_the_employee_cannot_approve_his_own_plan_even_as_hr_admin(self):
        self.user_employee.groups_id += self.env.ref("hr_pop.group_pop_admin")
        pop = self._sign_both(self._to_sign(self._new_pop(cost=1500.0)))
        with self.assertRaisesRegex(AccessError, "own development plan"):
            pop.with_user(self.user_employee).action_approve()
        self.assertEqual(pop.state, "to_approve")

    def test_refuse_needs_a_reason_and_returns_to_the_conversation(self):
        pop = self._sign_both(self._to_sign(self._new_pop(cost=1500.0)))
        with self.assertRaisesRegex(UserError, "reason"):
            pop.with_user(self.user_officer).action_refuse("  ")
        pop.with_user(self.user_officer).action_refuse("Too expensive this year")
        self.assertEqual(pop.state, "meeting")
        self.assertEqual(pop.refuse_reason, "Too expensive this year")
        self.assertFalse(pop.employee_signed_on or pop.manager_signed_on)
        self.assertFalse(pop.employee_signature_hash or pop.manager_signature_hash)

    # --- signed content -----------------------------------------------------------
    def test_signed_content_cannot_change(self):
        pop = self._to_sign(self._new_pop())
        pop.with_user(self.user_employee).sign("employee", self.png, "Employee Name")
        line, goal = pop.line_ids, pop.goal_ids
        attempts = [
            lambda: line.write({"cost": 1.0}),
            lambda: goal.write({"deadline": pop.date_start}),
            lambda: pop.write({"date_end": pop.date_end + timedelta(days=10)}),
            lambda: self.env["hr.pop.line"].create(
                {"pop_id": pop.id, "name": "Extra", "activity_type": "other"}
            ),
            lambda: goal.unlink(),
        ]
        for attempt in attempts:
            with self.assertRaisesRegex(UserError, "is signed"):
                attempt()
        self.assertEqual(line.cost, 100.0)
        self.assertTrue(pop.signature_valid)

    def test_execution_of_a_running_plan_can_be_recorded(self):
        pop = self._sign_both(self._to_sign(self._new_pop()))
        pop.line_ids.state = "started"
        pop.goal_ids.progress = 40
        self.assertEqual(pop.line_ids.state, "started")
        self.assertTrue(pop.signature_valid)

    def test_hash_detects_content_changed_behind_the_orm(self):
        pop = self._sign_both(self._to_sign(self._new_pop()))
        self.assertTrue(pop.signature_valid)
        self.env.cr.execute(
            "UPDATE hr_pop_line SET cost = 99999 WHERE pop_id = %s", [pop.id]
        )
        pop.invalidate_recordset()
        pop.line_ids.invalidate_recordset()
        self.assertFalse(pop.signature_valid)

    def test_every_signed_demo_or_test_plan_matches_its_hash(self):
        self._sign_both(self._to_sign(self._new_pop()))
        signed = self.env["hr.pop"].search(
            [
                "|",
                ("employee_signature_hash", "!=", False),
                ("manager_signature_hash", "!=", False),
            ]
        )
        self.assertTrue(signed)
        for pop in signed:
            self.assertTrue(pop.signature_valid, pop.name)

    def test_reopen_keeps_the_signed_pdf_clears_signatures_and_returns_to_meeting(self):
        pop = self._sign_both(self._to_sign(self._new_pop()))
        attachments_before = self.env["ir.attachment"].search_count(
            [("res_model", "=", "hr.pop"), ("res_id", "=", pop.id)]
        )
        self.assertGreaterEqual(attachments_before, 1, "the signed PDF is attached")
        pop.with_user(self.user_manager).action_reopen()
        self.assertEqual(pop.state, "meeting")
        self.assertFalse(pop.is_signed)
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "hr.pop"), ("res_id", "=", pop.id)]
            ),
            attachments_before,
        )
        pop.line_ids.cost = 250.0
        self.assertEqual(pop.total_cost, 250.0)

    def test_reopen_of_a_partly_signed_plan_attaches_that_version(self):
        pop = self._to_sign(self._new_pop())
        pop.with_user(self.user_employee).sign("employee", self.png, "Employee Name")
        pop.with_user(self.user_manager).action_reopen()
        names = (
            self.env["ir.attachment"]
            .search([("res_model", "=", "hr.pop"), ("res_id", "=", pop.id)])
            .mapped("name")
        )
        self.assertTrue(any("Partly signed" in name for name in names), names)

    def test_the_signed_pdf_is_named_in_the_language_of_its_content(self):
        # The PDF is in the employee's language: so is its name, whoever signs
        # last; the chatter note is in the signer's.
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_pop"], ["nl_NL"], overwrite=True
        )
        self.employee_emp.lang = "nl_NL"
        self.user_manager.lang = "en_US"
        pop = self._sign_both(self._to_sign(self._new_pop()))
        self.assertRegex(pop.signed_attachment_id.name, r" - Ondertekend\.(pdf|html)$")
        note = pop.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertIn("Signed version of the plan attached.", note.body)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_the_employee_cannot_reopen_his_plan(self):
        pop = self._sign_both(self._to_sign(self._new_pop()))
        with self.assertRaises(AccessError):
            pop.with_user(self.user_employee).action_reopen()
        self.assertEqual(pop.state, "running")

    # --- close, cancel, reset -----------------------------------------------------
    def test_close_requires_an_evaluation_per_goal(self):
        pop = self._sign_both(self._to_sign(self._new_pop()))
        with self.assertRaisesRegex(UserError, "Lead an improvement project"):
            pop.action_close()
        pop.goal_ids.write(
            {
                "state": "partly",
                "lessons_learned": "Measuring before changing",
                "application": "Weekly scrap meeting",
            }
        )
        pop.action_close()
        self.assertEqual(pop.state, "done")

    def test_cancel_needs_a_reason_and_is_refused_for_a_closed_plan(self):
        pop = self._new_pop()
        with self.assertRaisesRegex(UserError, "reason"):
            pop.action_cancel("")
        pop.action_cancel("Employee left")
        self.assertEqual(pop.state, "cancelled")
        self.assertEqual(pop.cancel_reason, "Employee left")
        with self.assertRaises(UserError):
            pop.action_cancel("again")

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_only_an_admin_resets_a_cancelled_plan_to_draft(self):
        pop = self._new_pop()
        pop.action_cancel("Wrong period")
        with self.assertRaises(AccessError):
            pop.with_user(self.user_manager).action_reset_draft()
        pop.with_user(self.user_officer).action_reset_draft()
        self.assertEqual(pop.state, "draft")
        self.assertFalse(pop.cancel_reason)

    def test_cancel_removes_open_activities(self):
        pop = self._new_pop()
        pop.action_invite()
        self.assertTrue(pop.activity_ids)
        pop.action_cancel("Not needed")
        self.assertFalse(pop.activity_ids)

    # --- activities ---------------------------------------------------------------
    def test_activities_follow_whoever_must_act_next(self):
        prepare = self.env.ref("hr_pop.mail_activity_pop_prepare")
        sign = self.env.ref("hr_pop.mail_activity_pop_sign")
        pop = self._new_pop()
        pop.meeting_date = fields.Datetime.now() + timedelta(days=14)
        pop.action_invite()

        def users_for(activity_type):
            return pop.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ).user_id

        self.assertEqual(users_for(prepare), self.user_employee | self.user_manager)
        pop.with_user(self.user_employee).action_submit_preparation("employee")
        self.assertEqual(users_for(prepare), self.user_manager)
        pop.action_start_meeting()
        self.assertFalse(users_for(prepare))
        pop.action_submit()
        self.assertEqual(users_for(sign), self.user_employee | self.user_manager)
        pop.with_user(self.user_employee).sign("employee", self.png, "Employee Name")
        self.assertEqual(users_for(sign), self.user_manager)
        pop.with_user(self.user_manager).sign("manager", self.png, "Manager Name")
        self.assertFalse(users_for(sign))

    # --- preparation --------------------------------------------------------------
    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_answers_stay_hidden_from_the_other_side_until_shared(self):
        pop = self._new_pop()
        pop.action_invite()
        Answer = self.env["hr.pop.answer"]
        employee_answers = Answer.with_user(self.user_employee).search(
            [("pop_id", "=", pop.id)]
        )
        manager_answers = Answer.with_user(self.user_manager).search(
            [("pop_id", "=", pop.id)]
        )
        self.assertEqual(set(employee_answers.mapped("author")), {"employee"})
        self.assertEqual(set(manager_answers.mapped("author")), {"manager"})
        officer_view = Answer.with_user(self.user_officer).search(
            [("pop_id", "=", pop.id), ("author", "=", "employee")]
        )
        self.assertFalse(officer_view, "unshared employee answers are private")

        # A blank answer is never shared: one with text is.
        pop.answer_ids.filtered(lambda a: a.author == "employee")[:1].answer = "SQL"
        pop.with_user(self.user_employee).action_share_preparation("employee")
        manager_answers = Answer.with_user(self.user_manager).search(
            [("pop_id", "=", pop.id)]
        )
        self.assertEqual(set(manager_answers.mapped("author")), {"employee", "manager"})
        employee_answers = Answer.with_user(self.user_employee).search(
            [("pop_id", "=", pop.id)]
        )
        self.assertEqual(set(employee_answers.mapped("author")), {"employee"})

    def test_a_side_cannot_write_the_other_sides_answers(self):
        pop = self._new_pop()
        pop.action_invite()
        employee_answer = pop.answer_ids.filtered(lambda a: a.author == "employee")[:1]
        employee_answer.answer = "Mine"
        pop.with_user(self.user_employee).action_share_preparation("employee")
        with self.assertRaises(AccessError):
            employee_answer.with_user(self.user_manager).answer = "forged"
        manager_answer = pop.answer_ids.filtered(lambda a: a.author == "manager")[:1]
        with self.assertRaises(AccessError):
            pop.with_user(self.user_employee)._save_preparation_answers(
                "employee", {manager_answer.id: "forged"}
            )
        self.assertEqual(employee_answer.answer, "Mine")
        self.assertFalse(manager_answer.answer)

    def test_submitted_answers_are_read_only_for_their_author(self):
        pop = self._new_pop()
        pop.action_invite()
        answer = pop.answer_ids.filtered(lambda a: a.author == "employee")[:1]
        pop.with_user(self.user_employee)._save_preparation_answers(
            "employee", {answer.id: "My strengths"}
        )
        pop.with_user(self.user_employee).action_submit_preparation("employee")
        with self.assertRaisesRegex(UserError, "submitted"):
            pop.with_user(self.user_employee)._save_preparation_answers(
                "employee", {answer.id: "changed"}
            )
        self.assertEqual(answer.answer, "My strengths")

    def test_default_question_set_has_the_seed_questions_for_both_sides(self):
        question_set = self.env.ref("hr_pop.question_set_default")
        employee_questions = question_set.question_ids.filtered(
            lambda q: q.audience == "employee"
        )
        manager_questions = question_set.question_ids.filtered(
            lambda q: q.audience == "manager"
        )
        self.assertEqual(len(employee_questions), 21)
        self.assertEqual(len(manager_questions), 7)
        self.assertIn("What am I good at?", employee_questions.mapped("name"))

    def test_new_plan_shows_the_previous_plans_goals_and_outcome(self):
        old = self._new_pop()
        old.write(
            {
                "date_start": fields.Date.today() - timedelta(days=400),
                "date_end": fields.Date.today() - timedelta(days=36),
            }
        )
        old.goal_ids.write({"deadline": old.date_end - timedelta(days=10)})
        self._sign_both(self._to_sign(old))
        old.goal_ids.write({"state": "reached", "lessons_learned": "A lot"})
        old.action_close()
        new = self._new_pop()
        self.assertEqual(new.previous_pop_id, old)
        self.assertEqual(new.previous_goal_ids, old.goal_ids)
        self.assertEqual(new.previous_goal_ids.state, "reached")

    # --- reviews ------------------------------------------------------------------
    def test_a_review_updates_the_latest_progress_of_its_goals(self):
        pop = self._sign_both(self._to_sign(self._new_pop()))
        goal = pop.goal_ids
        Review = self.env["hr.pop.review"].with_user(self.user_manager)
        Review.create(
            {
                "pop_id": pop.id,
                "date": fields.Date.today(),
                "line_ids": [(0, 0, {"goal_id": goal.id, "progress": 30})],
            }
        )
        Review.create(
            {
                "pop_id": pop.id,
                "date": fields.Date.today() + timedelta(days=90),
                "line_ids": [(0, 0, {"goal_id": goal.id, "progress": 70})],
            }
        )
        self.assertEqual(goal.progress, 70)
        self.assertEqual(len(pop.review_ids), 2)

    def test_reviews_are_only_for_running_plans(self):
        pop = self._new_pop()
        with self.assertRaisesRegex(UserError, "running"):
            self.env["hr.pop.review"].create({"pop_id": pop.id})
