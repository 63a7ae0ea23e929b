# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""GDPR retention (issue 12): plans past their company's retention periods keep only
their cost statistics. The scheduled action is its own door; the dry run and the
settings are opened by HR over JSON-RPC."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import JsonRpcMixin, TestHrPopCommon


@tagged("post_install", "-at_install")
class TestHrPopRetention(JsonRpcMixin, TestHrPopCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.write(
            {"pop_retention_left_years": 2, "pop_retention_done_years": 7}
        )
        cls.today = fields.Date.today()

    # --- helpers ------------------------------------------------------------------
    def _signed_pop(self, employee, start, state="running"):
        """A signed plan of ``employee`` from ``start`` for a year, running or done,
        with its preparation, a review, its signed PDF and chatter."""
        pop = self._create_pop(
            employee,
            date_start=start,
            date_end=start + relativedelta(years=1, days=-1),
            meeting_date=fields.Datetime.now(),
            current_position="<p>Sanne knows the line inside out.</p>",
            line_vals={"remarks": "Partly in own time", "cost": 250.0},
        )
        self._to_sign(pop)
        pop.with_user(employee.user_id).sign("employee", self.png, employee.name)
        pop.with_user(self.user_manager).sign("manager", self.png, "Mark Manager")
        self.assertEqual(pop.state, "running")
        pop.line_ids.with_user(self.user_officer).write({"actual_cost": 240.0})
        self.env["hr.pop.review"].with_user(self.user_manager).create(
            {"pop_id": pop.id, "notes": "<p>Going well</p>"}
        )
        if state == "done":
            pop.goal_ids.write(
                {"state": "reached", "lessons_learned": "Planning is team work"}
            )
            pop.action_close()
        return pop

    def _age(self, pop, years):
        """Move ``pop``'s period ``years`` back in time (SQL: the period of a signed
        plan is locked, rightly)."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE hr_pop SET date_start = date_start - make_interval(years => %s),"
            " date_end = date_end - make_interval(years => %s) WHERE id = %s",
            [years, years, pop.id],
        )
        self.env.invalidate_all()

    def _leave(self, employee, years_ago):
        employee.write(
            {
                "active": False,
                "departure_date": self.today - relativedelta(years=years_ago),
            }
        )

    def _due(self):
        return (
            self.env["hr.pop"]
            .with_context(active_test=False)
            .search(self.env["hr.pop.retention.log"]._get_due_domain(self.company_a))
        )

    def _run(self):
        return self.env["hr.pop.retention.log"]._cron_anonymise()

    def _personal_traces(self, pop):
        """What could still name the employee, per kind (expected all empty)."""
        ids = [pop.id]
        env = self.env
        return {
            "employee": pop.employee_id,
            "manager": pop.manager_id,
            "conversation": pop.current_position,
            "signature": pop.employee_signature or pop.manager_signature,
            "signer": pop.employee_signed_by or pop.manager_signed_by,
            "hash": pop.employee_signature_hash or pop.manager_signature_hash,
            "answers": pop.answer_ids,
            "reviews": pop.review_ids,
            "feedback": pop.feedback_request_ids,
            "goal texts": pop.goal_ids.filtered(
                lambda goal: goal.success_measure or goal.lessons_learned
            ),
            "remarks": pop.line_ids.filtered("remarks"),
            "notifications": env["hr.pop.notification"].search([("pop_id", "in", ids)]),
            "attachments": env["ir.attachment"].search(
                [("res_model", "=", "hr.pop"), ("res_id", "in", ids)]
            ),
            "messages": env["mail.message"].search(
                [("model", "=", "hr.pop"), ("res_id", "in", ids)]
            ),
            "followers": env["mail.followers"].search(
                [("res_model", "=", "hr.pop"), ("res_id", "in", ids)]
            ),
            "activities": env["mail.activity"].search(
                [("res_model", "=", "hr.pop"), ("res_id", "in", ids)]
            ),
        }

    # --- what is due ----------------------------------------------------------------
    def test_plans_of_an_employee_who_left_are_due_after_the_years_to_keep(self):
        pop = self._signed_pop(self.employee_emp, self.today - relativedelta(years=3))
        self._leave(self.employee_emp, years_ago=1)
        self.assertFalse(self._due(), "left one year ago: kept for two")
        self._leave(self.employee_emp, years_ago=2)
        self.assertEqual(self._due(), pop, "left two years ago today: due")

    def test_a_closed_plan_of_a_current_employee_is_due_after_its_years(self):
        old = self._signed_pop(
            self.employee_emp, self.today - relativedelta(months=6), state="done"
        )
        self._age(old, 8)
        recent = self._signed_pop(
            self.employee_emp2, self.today - relativedelta(months=6), state="done"
        )
        self._age(recent, 5)
        self.assertEqual(self._due(), old, "ended 7.5 years ago: due; 4.5: not yet")

    def test_a_running_plan_of_a_current_employee_is_never_due(self):
        pop = self._signed_pop(self.employee_emp, self.today - relativedelta(months=6))
        self._age(pop, 10)
        self.assertEqual(pop.state, "running")
        self.assertFalse(self._due())

    def test_zero_years_keeps_the_plans(self):
        left = self._signed_pop(self.employee_emp, self.today - relativedelta(years=9))
        self._leave(self.employee_emp, years_ago=8)
        closed = self._signed_pop(
            self.employee_emp2, self.today - relativedelta(months=6), state="done"
        )
        self._age(closed, 9)
        self.assertEqual(self._due(), left | closed)
        self.company_a.pop_retention_left_years = 0
        self.assertEqual(self._due(), closed)
        self.company_a.pop_retention_done_years = 0
        self.assertFalse(
            self.env["hr.pop.retention.log"]._get_due_domain(self.company_a)
        )
        self.assertEqual(self._run(), (0, 0))
        self.assertFalse((left | closed).filtered("is_anonymised"))

    # --- what anonymising does -------------------------------------------------------
    def test_anonymising_keeps_the_cost_statistics_and_nothing_personal(self):
        pop = self._signed_pop(
            self.employee_emp, self.today - relativedelta(years=4), state="done"
        )
        self._leave(self.employee_emp, years_ago=3)
        kept = {
            "company": pop.company_id,
            "department": pop.department_id,
            "job": pop.job_id,
            "period": (pop.date_start, pop.date_end),
            "state": pop.state,
            "lines": [
                (line.activity_type, line.cost, line.actual_cost)
                for line in pop.line_ids
            ],
            "total": (pop.total_cost, pop.total_actual_cost),
        }
        self.assertTrue(any(self._personal_traces(pop).values()))
        self.assertEqual(self._run(), (1, 0))
        pop.invalidate_recordset()
        self.assertTrue(pop.is_anonymised)
        self.assertIn("Anonymised", pop.display_name)
        self.assertNotIn("Emma", pop.display_name)
        left = {
            kind: found for kind, found in self._personal_traces(pop).items() if found
        }
        self.assertFalse(left, f"personal data left: {left}")
        self.assertEqual(
            {
                "company": pop.company_id,
                "department": pop.department_id,
                "job": pop.job_id,
                "period": (pop.date_start, pop.date_end),
                "state": pop.state,
                "lines": [
                    (line.activity_type, line.cost, line.actual_cost)
                    for line in pop.line_ids
                ],
                "total": (pop.total_cost, pop.total_actual_cost),
            },
            kept,
        )

    def test_nothing_younger_is_touched(self):
        due = self._signed_pop(
            self.employee_emp, self.today - relativedelta(months=6), state="done"
        )
        self._age(due, 8)
        young = self._signed_pop(
            self.employee_emp2, self.today - relativedelta(months=6), state="done"
        )
        messages = young.message_ids
        self._run()
        young.invalidate_recordset()
        self.assertTrue(due.is_anonymised)
        self.assertFalse(young.is_anonymised)
        self.assertEqual(young.employee_id, self.employee_emp2)
        self.assertEqual(young.message_ids, messages)
        self.assertTrue(young.current_position)
        self.assertTrue(young.employee_signature)

    def test_a_rerun_changes_nothing_and_logs_nothing(self):
        pop = self._signed_pop(self.employee_emp, self.today - relativedelta(years=4))
        self._leave(self.employee_emp, years_ago=3)
        self.assertEqual(self._run(), (1, 0))
        logs = self.env["hr.pop.retention.log"].search([])
        self.assertEqual(len(logs), 1)
        self.assertEqual(logs.pop_count, 1)
        self.assertEqual(logs.pop_names, pop.name)
        self.assertEqual(self._run(), (0, 0))
        self.assertEqual(self.env["hr.pop.retention.log"].search([]), logs)

    def test_a_run_does_one_batch_and_reports_what_remains(self):
        pops = self.env["hr.pop"]
        for employee in (self.employee_emp, self.employee_emp2):
            pops |= self._signed_pop(
                employee, self.today - relativedelta(months=6), state="done"
            )
        for pop in pops:
            self._age(pop, 8)
        self.assertEqual(
            self.env["hr.pop.retention.log"]._cron_anonymise(batch_size=1), (1, 1)
        )
        self.assertEqual(len(pops.filtered("is_anonymised")), 1)
        self.assertEqual(self._run(), (1, 0))
        self.assertTrue(all(pops.mapped("is_anonymised")))

    def test_an_anonymised_plan_is_no_longer_on_the_former_employees_list(self):
        pop = self._signed_pop(self.employee_emp, self.today - relativedelta(years=4))
        self._leave(self.employee_emp, years_ago=3)
        self._run()
        self.assertNotIn(pop, self.employee_emp.with_context(active_test=False).pop_ids)

    # --- through the doors of HR ---------------------------------------------------
    def test_hr_opens_the_dry_run_and_sees_exactly_what_is_due(self):
        due = self._signed_pop(self.employee_emp, self.today - relativedelta(years=4))
        self._leave(self.employee_emp, years_ago=3)
        kept = self._signed_pop(
            self.employee_emp2, self.today - relativedelta(months=6)
        )
        action = self.call_kw(
            "pop_officer", "hr.pop.retention.log", "action_open_due", []
        )
        self.assertEqual(action["res_model"], "hr.pop")
        found = self.call_kw(
            "pop_officer",
            "hr.pop",
            "search",
            [action["domain"]],
            {"context": action["context"]},
        )
        self.assertEqual(found, due.ids)
        self.assertNotIn(kept.id, found)
        self.assertFalse(due.is_anonymised, "the dry run changes nothing")

    def test_hr_opens_the_dry_run_from_its_menu(self):
        due = self._signed_pop(self.employee_emp, self.today - relativedelta(years=4))
        self._leave(self.employee_emp, years_ago=3)
        self.authenticate("pop_officer", "pop_officer")
        self._rpc_login = "pop_officer"
        action = self.make_jsonrpc_request(
            "/web/action/run",
            {"action_id": self.env.ref("hr_pop.hr_pop_retention_due_action").id},
        )
        self.assertEqual(action["res_model"], "hr.pop")
        found = self.call_kw(
            "pop_officer",
            "hr.pop",
            "search",
            [action["domain"]],
            {"context": action["context"]},
        )
        self.assertEqual(found, due.ids)

    def test_a_manager_cannot_read_the_log_nor_change_the_retention(self):
        self.assertRpcRefused(
            "pop_mgr", "hr.pop.retention.log", "search_read", [[], ["pop_names"]]
        )
        self.assertRpcRefused(
            "pop_mgr",
            "res.company",
            "write",
            [[self.company_a.id], {"pop_retention_done_years": 1}],
        )
        self.assertEqual(self.company_a.pop_retention_done_years, 7)

    def test_hr_sets_the_retention_years_and_a_negative_one_is_refused(self):
        self.call_kw(
            "pop_officer",
            "res.company",
            "write",
            [[self.company_a.id], {"pop_retention_left_years": 3}],
        )
        self.assertEqual(self.company_a.pop_retention_left_years, 3)
        self.assertRpcRefused(
            "pop_officer",
            "res.company",
            "write",
            [[self.company_a.id], {"pop_retention_left_years": -1}],
        )
        self.assertEqual(self.company_a.pop_retention_left_years, 3)

    def test_nobody_marks_a_plan_anonymised_by_hand(self):
        pop = self._signed_pop(self.employee_emp, self.today)
        self.assertRpcRefused(
            "pop_officer", "hr.pop", "write", [[pop.id], {"is_anonymised": True}]
        )
        self.assertRpcRefused(
            "pop_officer", "hr.pop", "write", [[pop.id], {"employee_id": False}]
        )
        self.assertEqual(pop.employee_id, self.employee_emp)
