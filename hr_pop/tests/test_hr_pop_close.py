# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Evaluating and closing a running plan (issue 9): the Close Plan dialog, the
execution columns of the Goals tab, and the rule that status and progress agree.

Status and progress of a goal agree: "reached" is 100%, 100% is "reached", and a
goal with progress is no longer "open". Marking a goal reached sets its progress to
100%; a progress (typed or from a review) moves the status along; a status that
contradicts the progress given with it is refused.
"""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import JsonRpcMixin, TestHrPopCommon


@tagged("post_install", "-at_install")
class TestHrPopClose(JsonRpcMixin, TestHrPopCommon, HttpCase):
    def _running_pop(self):
        """A signed, running plan of Emma with two goals."""
        pop = self._create_pop(self.employee_emp)
        self._create_goal(pop, name="Coach a new colleague")
        self._to_sign(pop)
        self._sign_both(pop)
        self.assertEqual(pop.state, "running")
        return pop

    def _goals(self, pop):
        lead = pop.goal_ids.filtered(lambda g: g.name == "Lead an improvement project")
        return lead, pop.goal_ids - lead

    def _open_dialog(self, login, pop):
        """The Close Plan dialog as the browser opens it: a new wizard for ``pop``,
        prefilled with its goals; its id and its lines {goal id: line id}."""
        wizard_id = self.call_kw(
            login,
            "hr.pop.close.wizard",
            "create",
            [{}],
            {"context": {"active_model": "hr.pop", "active_id": pop.id}},
        )
        lines = self.call_kw(
            login,
            "hr.pop.close.wizard.line",
            "search_read",
            [[("wizard_id", "=", wizard_id)], ["goal_id"]],
        )
        return wizard_id, {line["goal_id"][0]: line["id"] for line in lines}

    def _fill(self, login, wizard_id, line_values):
        self.call_kw(
            login,
            "hr.pop.close.wizard",
            "write",
            [[wizard_id], {"line_ids": [[1, i, v] for i, v in line_values.items()]}],
        )

    # --- the Close Plan dialog --------------------------------------------------------
    def test_the_manager_closes_a_running_plan_with_the_dialog(self):
        pop = self._running_pop()
        lead, coach = self._goals(pop)
        lead.with_user(self.user_manager).write({"progress": 40})
        wizard_id, lines = self._open_dialog("pop_mgr", pop)
        self.assertEqual(set(lines), set(pop.goal_ids.ids), "every goal is listed")
        wizard = self.env["hr.pop.close.wizard"].browse(wizard_id)
        self.assertEqual(
            wizard.line_ids.filtered(lambda line: line.goal_id == lead).progress,
            40,
            "the dialog starts from the goal's progress",
        )
        self._fill(
            "pop_mgr",
            wizard_id,
            {
                lines[lead.id]: {
                    "state": "reached",
                    "progress": 100,
                    "lessons_learned": "Planning is team work",
                    "application": "Leads the weekly planning",
                },
                lines[coach.id]: {
                    "state": "partly",
                    "progress": 60,
                    "lessons_learned": "Coaching takes patience",
                },
            },
        )
        result = self.call_kw(
            "pop_mgr", "hr.pop.close.wizard", "action_confirm", [[wizard_id]]
        )
        self.assertEqual(result["type"], "ir.actions.act_window_close")
        self.assertEqual(pop.state, "done")
        self.assertRecordValues(
            lead | coach,
            [
                {
                    "state": "reached",
                    "progress": 100,
                    "lessons_learned": "Planning is team work",
                    "application": "Leads the weekly planning",
                },
                {
                    "state": "partly",
                    "progress": 60,
                    "lessons_learned": "Coaching takes patience",
                    "application": False,
                },
            ],
        )
        message = pop.message_ids.filtered(
            lambda m: "closed by Mark Manager" in (m.body or "")
        )
        self.assertEqual(len(message), 1, "the chatter says who closed the plan")
        self.assertEqual(message.author_id, self.user_manager.partner_id)
        self.assertIn("Lead an improvement project: Reached", message.body)
        self.assertIn("Coach a new colleague: Partly Reached", message.body)

    def test_an_incomplete_evaluation_is_refused_and_nothing_is_saved(self):
        pop = self._running_pop()
        lead, coach = self._goals(pop)
        wizard_id, lines = self._open_dialog("pop_mgr", pop)
        self._fill(
            "pop_mgr",
            wizard_id,
            {
                lines[lead.id]: {
                    "state": "reached",
                    "progress": 100,
                    "lessons_learned": "A lot",
                },
                lines[coach.id]: {"state": "partly", "lessons_learned": "  "},
            },
        )
        error = self.assertRpcRefused(
            "pop_mgr",
            "hr.pop.close.wizard",
            "action_confirm",
            [[wizard_id]],
            error="odoo.exceptions.UserError",
        )
        self.assertIn("Coach a new colleague", error.message)
        self.assertNotIn("Lead an improvement project", error.message)
        # A refusal after the first goal was written undoes that write too.
        self._fill(
            "pop_mgr",
            wizard_id,
            {lines[coach.id]: {"progress": 100, "lessons_learned": "Some"}},
        )
        error = self.assertRpcRefused(
            "pop_mgr",
            "hr.pop.close.wizard",
            "action_confirm",
            [[wizard_id]],
            error="odoo.exceptions.ValidationError",
        )
        self.assertIn("Coach a new colleague", error.message)
        self.env.invalidate_all()
        self.assertEqual(pop.state, "running")
        self.assertRecordValues(
            lead | coach,
            [
                {"state": "open", "progress": 0, "lessons_learned": False},
                {"state": "open", "progress": 0, "lessons_learned": False},
            ],
        )
        self.assertFalse(
            pop.message_ids.filtered(lambda m: "closed by" in (m.body or ""))
        )

    def test_a_plan_that_is_not_running_cannot_be_closed(self):
        pop = self._to_sign(self._create_pop(self.employee_emp))
        wizard = (
            self.env["hr.pop.close.wizard"]
            .with_user(self.user_manager)
            .create({"pop_id": pop.id})
        )
        wizard.line_ids.write({"state": "reached", "lessons_learned": "Early"})
        with self.assertRaisesRegex(UserError, "Running"):
            wizard.action_confirm()
        self.assertEqual(pop.state, "to_sign")
        self.assertFalse(pop.goal_ids.lessons_learned, "nothing was written")
        pop.action_cancel("Another plan for the same period")
        # A closed plan cannot be closed again.
        done = self._running_pop()
        again = (
            self.env["hr.pop.close.wizard"]
            .with_user(self.user_manager)
            .create({"pop_id": done.id})
        )
        again.line_ids.write({"state": "not_reached", "lessons_learned": "Little"})
        again.action_confirm()
        self.assertEqual(done.state, "done")
        with self.assertRaisesRegex(UserError, "Running"):
            again.action_confirm()

    def test_only_managers_and_administrators_use_the_dialog(self):
        pop = self._running_pop()
        self.assertRpcRefused(
            "pop_emp",
            "hr.pop.close.wizard",
            "create",
            [{"pop_id": pop.id}],
            error="odoo.exceptions.AccessError",
        )
        wizard_id, _lines = self._open_dialog("pop_officer", pop)
        self.assertTrue(wizard_id, "a POP administrator closes plans too")

    # --- the Goals tab while running --------------------------------------------------
    def test_the_goals_tab_takes_the_evaluation_but_not_the_agreement(self):
        pop = self._running_pop()
        lead, _coach = self._goals(pop)
        self.call_kw(
            "pop_mgr",
            "hr.pop",
            "web_save",
            [
                pop.ids,
                {
                    "goal_ids": [
                        [1, lead.id, {"progress": 70, "lessons_learned": "So far"}]
                    ]
                },
            ],
            {"specification": {"state": {}}},
        )
        self.assertRecordValues(
            lead,
            [{"progress": 70, "state": "in_progress", "lessons_learned": "So far"}],
        )
        self.assertRpcRefused(
            "pop_mgr",
            "hr.pop",
            "web_save",
            [pop.ids, {"goal_ids": [[1, lead.id, {"name": "Something else"}]]}],
            {"specification": {}},
            error="odoo.exceptions.UserError",
        )
        self.assertEqual(lead.name, "Lead an improvement project")

    # --- status and progress agree ----------------------------------------------------
    def test_reached_means_100_percent(self):
        pop = self._running_pop()
        lead, coach = self._goals(pop)
        lead = lead.with_user(self.user_manager)
        lead.state = "reached"
        self.assertEqual(lead.progress, 100, "marking a goal reached makes it 100%")
        lead.progress = 80
        self.assertEqual(lead.state, "in_progress", "below 100% it is not reached")
        lead.progress = 100
        self.assertEqual(lead.state, "reached", "at 100% it is reached")
        with self.assertRaisesRegex(ValidationError, "at 100%"):
            lead.write({"state": "partly"})
        with self.assertRaisesRegex(ValidationError, "reached goal is 100%"):
            lead.write({"state": "reached", "progress": 0})
        lead.write({"state": "partly", "progress": 60})
        self.assertEqual((lead.state, lead.progress), ("partly", 60))
        with self.assertRaisesRegex(ValidationError, "no longer open"):
            lead.write({"state": "open"})
        coach.with_user(self.user_manager).progress = 30
        self.assertEqual(coach.state, "in_progress", "progress starts the goal")

    def test_reached_with_0_percent_is_refused_over_json_rpc(self):
        pop = self._running_pop()
        lead, _coach = self._goals(pop)
        error = self.assertRpcRefused(
            "pop_mgr",
            "hr.pop.goal",
            "write",
            [lead.ids, {"state": "reached", "progress": 0}],
            error="odoo.exceptions.ValidationError",
        )
        self.assertIn("Lead an improvement project", error.message)
        self.assertEqual((lead.state, lead.progress), ("open", 0))

    def test_a_review_moves_the_status_with_the_progress(self):
        pop = self._running_pop()
        lead, _coach = self._goals(pop)
        Review = self.env["hr.pop.review"].with_user(self.user_manager)
        Review.create(
            {
                "pop_id": pop.id,
                "date": "2020-01-01",
                "line_ids": [(0, 0, {"goal_id": lead.id, "progress": 100})],
            }
        )
        self.assertEqual((lead.progress, lead.state), (100, "reached"))
        Review.create(
            {
                "pop_id": pop.id,
                "date": "2020-02-01",
                "line_ids": [(0, 0, {"goal_id": lead.id, "progress": 50})],
            }
        )
        self.assertEqual((lead.progress, lead.state), (50, "in_progress"))

    def test_a_new_goal_gets_a_status_that_matches_its_progress(self):
        pop = self._create_pop(self.employee_emp, goal_vals=False, line_vals=False)
        self.assertEqual(self._create_goal(pop, progress=30).state, "in_progress")
        self.assertEqual(self._create_goal(pop, state="reached").progress, 100)
        self.assertEqual(self._create_goal(pop).state, "open")
        with self.assertRaises(ValidationError):
            self._create_goal(pop, state="reached", progress=10)

    # --- in the browser ---------------------------------------------------------------
    def test_manager_records_a_progress_review_in_the_back_office(self):
        pop = self._running_pop()
        self.start_tour(
            f"/odoo/action-hr_pop.hr_pop_action/{pop.id}",
            "hr_pop_manager_review_tour",
            login="pop_mgr",
        )
        review = pop.review_ids
        self.assertEqual(len(review), 1)
        self.assertEqual(review.author_id, self.user_manager)
        self.assertEqual(review.line_ids.goal_id, pop.goal_ids)
        self.assertIn(60, review.line_ids.mapped("progress"))
        # It is in the plan's chatter, by the manager, and on the employee's page.
        note = pop.message_ids.filtered(lambda m: "Progress review of" in m.body)
        self.assertEqual(note.author_id, self.user_manager.partner_id)
        self.assertIn("The first course went well", note.body)
        self.assertIn("60%", note.body)
        page = self.url_open(pop._pop_portal_grant().get_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("Progress Reviews", page.text)
        self.assertIn("The first course went well", page.text)

    def test_manager_evaluates_and_closes_the_plan_in_the_back_office(self):
        pop = self._running_pop()
        lead, coach = self._goals(pop)
        self.start_tour(
            f"/odoo/action-hr_pop.hr_pop_action/{pop.id}",
            "hr_pop_manager_close_tour",
            login="pop_mgr",
        )
        self.assertEqual(pop.state, "done")
        self.assertRecordValues(
            lead | coach,
            [
                {
                    "state": "reached",
                    "progress": 100,
                    "lessons_learned": "Planning a project is team work",
                },
                {
                    "state": "partly",
                    "progress": 60,
                    "lessons_learned": "Coaching takes patience",
                },
            ],
        )
