# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Training budgets, planned against actual cost and the repayment rules (issue 12).

A budget belongs to one employee or one department (and its sub-departments) and
covers a window of one or more years. An activity counts in the window in which it
starts, else in which its plan starts; cancelled activities and cancelled plans never
count, and only running or done plans commit money. A plan over a budget says so at
submit and always needs HR approval. HR enters the actual cost of an activity, also
after signing and closing; the planned cost stays as signed. A study-cost repayment
clause binds the employee only when he signs "I agree".

Rights and signatures go through the doors people use: JSON-RPC with a session per
role for the back office, the portal's sign route over HTTP for the employee.
"""

import io

from dateutil.relativedelta import relativedelta
from lxml import html as lxml_html
from pypdf import PdfReader

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import format_amount

from .common import JsonRpcMixin, TestHrPopCommon

LOGIN_EMPLOYEE = "pop_emp"
LOGIN_MANAGER = "pop_mgr"
LOGIN_HR = "pop_officer"
LOGIN_ADMIN = "admin"
REPORT = "hr_pop.action_report_hr_pop"


def normalize(text):
    """One space between words: amounts use no-break spaces, cells wrap."""
    return " ".join(text.replace("\N{NO-BREAK SPACE}", " ").split())


class BudgetFixtures:
    """Plans in fixed future years (one employee has one plan per period), budgets
    and the workflow steps the budget tests need. Mixed into a TestHrPopCommon."""

    @classmethod
    def _setup_budget_fixtures(cls):
        # Cheap plans run without HR approval: only a budget forces it.
        cls.company_a.pop_approval_threshold = 1000.0
        cls.department_sub = cls.env["hr.department"].create(
            {
                "name": "POP Team Night Shift",
                "company_id": cls.company_a.id,
                "parent_id": cls.department_team.id,
            }
        )
        cls.employee_sub = cls.env["hr.employee"].create(
            {
                "name": "Nora Night",
                "company_id": cls.company_a.id,
                "department_id": cls.department_sub.id,
                "parent_id": cls.employee_manager.id,
                "private_email": "nora.night@home.example.com",
            }
        )

    @classmethod
    def _budget(cls, owner, date_from, date_to, amount):
        owner_field = "employee_id" if owner._name == "hr.employee" else "department_id"
        return cls.env["hr.pop.budget"].create(
            {
                owner_field: owner.id,
                "date_from": date_from,
                "date_to": date_to,
                "amount": amount,
            }
        )

    @classmethod
    def _plan(cls, employee, start, cost=100.0, lines=(), line_name=None, **vals):
        """A draft plan of a year from ``start`` whose first activity costs ``cost``
        and has no dates of its own; ``lines`` are more activities (vals)."""
        date_start = fields.Date.to_date(start)
        pop = cls._create_pop(
            employee,
            date_start=date_start,
            date_end=date_start + relativedelta(years=1, days=-1),
            meeting_date=f"{date_start + relativedelta(days=10)} 09:00:00",
            line_vals={"cost": cost, "name": line_name or f"Course of {start}"},
            **vals,
        )
        for line_vals in lines:
            cls._create_line(pop, **line_vals)
        return pop

    @classmethod
    def _run(cls, pop):
        """Through the conversation and both signatures (as superuser) to running;
        HR approves when the plan needs it."""
        cls._to_sign(pop)
        pop._sign("employee", cls.png, pop.employee_id.name)
        pop._sign("manager", cls.png, "Mark Manager")
        if pop.state == "to_approve":
            pop.action_approve()
        assert pop.state == "running", pop.state
        return pop

    @classmethod
    def _close(cls, pop):
        pop.goal_ids.write({"state": "reached", "lessons_learned": "Plenty"})
        pop.action_close()
        assert pop.state == "done", pop.state
        return pop

    @staticmethod
    def _line(pop, name):
        line = pop.line_ids.filtered(lambda line: line.name == name)
        assert len(line) == 1, (name, pop.line_ids.mapped("name"))
        return line

    def _money(self, amount):
        return normalize(format_amount(self.env, amount, self.company_a.currency_id))


@tagged("post_install", "-at_install")
class TestHrPopBudgetFigures(BudgetFixtures, TestHrPopCommon):
    """What a budget counts: windows, owners, plan and activity states."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_budget_fixtures()

    # --- windows -------------------------------------------------------------------
    def test_a_year_budget_counts_activities_by_their_own_start_else_the_plans(self):
        budget = self._budget(self.employee_emp, "2031-01-01", "2031-12-31", 1000.0)
        # Plan of 2031-03-01: its undated activity counts (the plan starts in 2031),
        # a dated one in November counts, one starting in 2032 does not, a
        # cancelled one never.
        pop_2031 = self._plan(
            self.employee_emp,
            "2031-03-01",
            cost=100.0,
            line_name="Undated, plan in 2031",
            lines=[
                {"name": "November 2031", "cost": 200.0, "date_start": "2031-11-01"},
                {"name": "January 2032", "cost": 400.0, "date_start": "2032-01-15"},
                {
                    "name": "Cancelled 2031",
                    "cost": 800.0,
                    "date_start": "2031-05-01",
                    "state": "cancelled",
                },
            ],
        )
        # Plan of 2030: undated activity outside, one dated on 1 January 2031 in.
        pop_2030 = self._plan(
            self.employee_emp,
            "2030-01-01",
            cost=1000.0,
            line_name="Undated, plan in 2030",
            lines=[{"name": "New Year 2031", "cost": 50.0, "date_start": "2031-01-01"}],
        )
        # Plan of 2032-03-01: its undated activity outside, one on the last day in.
        pop_2032 = self._plan(
            self.employee_emp,
            "2032-03-01",
            cost=1000.0,
            line_name="Undated, plan in 2032",
            lines=[{"name": "Last day 2031", "cost": 25.0, "date_start": "2031-12-31"}],
        )
        for pop in (pop_2031, pop_2030, pop_2032):
            self._run(pop)
        expected = (
            self._line(pop_2031, "Undated, plan in 2031")
            | self._line(pop_2031, "November 2031")
            | self._line(pop_2030, "New Year 2031")
            | self._line(pop_2032, "Last day 2031")
        )
        self.assertEqual(budget._get_lines(), expected)
        action = budget.action_open_lines()
        self.assertEqual(self.env["hr.pop.line"].search(action["domain"]), expected)
        self.assertRecordValues(
            budget,
            [
                {
                    "name": "Emma Employee 2031",
                    "committed": 375.0,
                    "remaining": 625.0,
                    "spent": 0.0,
                }
            ],
        )

    def test_a_multi_year_budget_counts_only_running_and_done_plans(self):
        budget = self._budget(self.employee_emp2, "2031-01-01", "2035-12-31", 5000.0)
        running = self._run(
            self._plan(
                self.employee_emp2,
                "2031-01-01",
                cost=300.0,
                line_name="Done 2031",
                lines=[{"name": "Started 2031", "cost": 0.0}],
            )
        )
        done = self._run(self._plan(self.employee_emp2, "2032-01-01", cost=700.0))
        to_sign = self._to_sign(
            self._plan(self.employee_emp2, "2033-01-01", cost=900.0)
        )
        to_approve = self._to_sign(
            self._plan(self.employee_emp2, "2034-01-01", cost=1500.0)
        )
        to_approve._sign("employee", self.png, "Erik")
        to_approve._sign("manager", self.png, "Mark")
        self.assertEqual(to_approve.state, "to_approve")
        cancelled = self._run(self._plan(self.employee_emp2, "2035-01-01", cost=400.0))
        after_window = self._run(
            self._plan(self.employee_emp2, "2036-01-01", cost=1000.0)
        )
        draft = self._plan(
            self.employee_emp2,
            "2030-01-01",
            cost=0.0,
            lines=[
                {"name": "Draft in 2035", "cost": 600.0, "date_start": "2035-06-01"}
            ],
        )
        # Execution: done activities with their invoice, one started with a
        # provisional invoice, and one done in the plan cancelled afterwards.
        self._line(running, "Done 2031").write({"state": "done", "actual_cost": 280.0})
        self._line(running, "Started 2031").write(
            {"state": "started", "actual_cost": 99.0}
        )
        done.line_ids.write({"state": "done", "actual_cost": 650.0})
        self._close(done)
        cancelled.line_ids.write({"state": "done", "actual_cost": 111.0})
        cancelled.action_cancel("The course was dropped")
        after_window.line_ids.write({"state": "done", "actual_cost": 1000.0})

        self.assertEqual(budget.name, "Erik Employee 2031-2035")
        self.assertEqual(
            budget._get_lines(),
            running.line_ids
            | done.line_ids
            | to_sign.line_ids
            | to_approve.line_ids
            | self._line(draft, "Draft in 2035"),
            "cancelled plans and the plan after the window are not listed",
        )
        self.assertRecordValues(
            budget,
            [{"committed": 1000.0, "spent": 930.0, "remaining": 4000.0}],
        )
        # The same plan in the window, running: now it commits.
        budget.invalidate_recordset()
        to_approve.action_approve()
        self.assertEqual(budget.committed, 2500.0)

    # --- owners --------------------------------------------------------------------
    def test_a_department_budget_counts_its_sub_departments_and_nobody_else(self):
        team = self._budget(self.department_team, "2031-01-01", "2031-12-31", 2000.0)
        sub = self._budget(self.department_sub, "2031-01-01", "2031-12-31", 1000.0)
        other = self._budget(self.department_other, "2031-01-01", "2031-12-31", 1000.0)
        emma = self._budget(self.employee_emp, "2031-01-01", "2031-12-31", 1000.0)
        pop_emma = self._run(self._plan(self.employee_emp, "2031-02-01", cost=300.0))
        pop_nora = self._run(self._plan(self.employee_sub, "2031-02-01", cost=400.0))
        pop_olivia = self._run(
            self._plan(self.employee_other, "2031-02-01", cost=500.0)
        )
        # Erik's plan is not yet agreed: listed, but not committed.
        pop_erik = self._plan(self.employee_emp2, "2031-02-01", cost=900.0)

        self.assertEqual(team._get_lines(), (pop_emma | pop_nora | pop_erik).line_ids)
        self.assertEqual(sub._get_lines(), pop_nora.line_ids)
        self.assertEqual(other._get_lines(), pop_olivia.line_ids)
        self.assertEqual(emma._get_lines(), pop_emma.line_ids)
        self.assertRecordValues(
            team | sub | other | emma,
            [
                {"name": "POP Team 2031", "committed": 700.0, "remaining": 1300.0},
                {
                    "name": "POP Team Night Shift 2031",
                    "committed": 400.0,
                    "remaining": 600.0,
                },
                {"name": "POP Other Team 2031", "committed": 500.0, "remaining": 500.0},
                {"name": "Emma Employee 2031", "committed": 300.0, "remaining": 700.0},
            ],
        )

    # --- the plan's budget effect --------------------------------------------------
    def _effect_fixture(self):
        """Emma's budget 1,000 and the team's 600 in 2031; 300 already committed by
        Emma's 2030 plan (an activity starting in 2031) and 250 by Erik. Emma's new
        2031 plan costs 500 in 2031 and 400 in 2032 (another window)."""
        self.budget_emma = self._budget(
            self.employee_emp, "2031-01-01", "2031-12-31", 1000.0
        )
        self.budget_team = self._budget(
            self.department_team, "2031-01-01", "2031-12-31", 600.0
        )
        # Budgets the plan does not draw on: another year, another department.
        self._budget(self.employee_emp, "2032-01-01", "2032-12-31", 10.0)
        self._budget(self.department_other, "2031-01-01", "2031-12-31", 10.0)
        self._run(
            self._plan(
                self.employee_emp,
                "2030-01-01",
                cost=0.0,
                lines=[{"name": "Feb 2031", "cost": 300.0, "date_start": "2031-02-01"}],
            )
        )
        self._run(self._plan(self.employee_emp2, "2031-01-01", cost=250.0))
        return self._plan(
            self.employee_emp,
            "2031-03-01",
            cost=500.0,
            lines=[{"name": "May 2032", "cost": 400.0, "date_start": "2032-05-01"}],
        )

    def test_the_plan_shows_each_budget_before_and_after_it(self):
        pop = self._effect_fixture()
        self.assertEqual(
            {budget: rest for budget, *rest in pop._get_budget_effects()},
            {
                self.budget_emma: [700.0, 500.0, 200.0],
                self.budget_team: [50.0, 500.0, -450.0],
            },
        )
        rows = sorted(
            lxml_html.fromstring(pop.budget_html).xpath(
                "//tr[hasclass('o_hr_pop_budget_row')]"
            ),
            key=lambda row: normalize(row[0].text_content()),
        )
        self.assertEqual(
            [[normalize(cell.text_content()) for cell in row] for row in rows],
            [
                [
                    "Emma Employee 2031 Personal budget",
                    self._money(1000.0),
                    self._money(700.0),
                    self._money(500.0),
                    self._money(200.0),
                ],
                [
                    "POP Team 2031 Department budget",
                    self._money(600.0),
                    self._money(50.0),
                    self._money(500.0),
                    self._money(-450.0),
                ],
            ],
        )
        self.assertIn("text-danger", rows[1][4].get("class"))
        self.assertNotIn("text-danger", rows[0][4].get("class"))
        self.assertEqual(
            normalize(pop.budget_warning),
            "This plan exceeds the training budget of POP Team 2031 by "
            f"{self._money(450.0)}: HR approves it.",
        )

    def test_a_sub_departments_plan_draws_on_the_parent_department_budget(self):
        team = self._budget(self.department_team, "2031-01-01", "2031-12-31", 600.0)
        pop = self._plan(self.employee_sub, "2031-06-01", cost=100.0)
        self.assertEqual(pop._get_budget_effects(), [(team, 600.0, 100.0, 500.0)])
        self.assertFalse(pop.budget_warning)

    def test_a_plan_without_budget_says_so(self):
        pop = self._plan(self.employee_emp, "2031-06-01", cost=100.0)
        self.assertEqual(pop._get_budget_effects(), [])
        self.assertIn("No training budget", pop.budget_html)
        self.assertFalse(pop.budget_warning)

    def test_a_plan_within_budget_gives_no_warning(self):
        self._budget(self.employee_emp, "2031-01-01", "2031-12-31", 500.0)
        pop = self._plan(self.employee_emp, "2031-06-01", cost=500.0)
        self.assertFalse(pop.budget_warning, "exactly the budget is not over it")
        self.assertFalse(pop.needs_approval)


@tagged("post_install", "-at_install")
class TestHrPopBudgetRpc(BudgetFixtures, JsonRpcMixin, TestHrPopCommon, HttpCase):
    """Budgets, the over-budget warning, actual cost and the repayment rules through
    JSON-RPC and the portal, one session per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_budget_fixtures()
        cls.env.ref("base.user_admin").write(
            {
                "password": LOGIN_ADMIN,
                "company_ids": [fields.Command.link(cls.company_a.id)],
            }
        )

    def _create_budget(self, login, vals):
        return self.call_kw(login, "hr.pop.budget", "create", [vals])

    def _budget_vals(self, owner, date_from, date_to, amount=1000.0):
        owner_field = "employee_id" if owner._name == "hr.employee" else "department_id"
        return {
            owner_field: owner.id,
            "date_from": date_from,
            "date_to": date_to,
            "amount": amount,
        }

    # --- overlaps and owners ---------------------------------------------------------
    def test_an_overlapping_budget_of_the_same_employee_is_refused_clearly(self):
        self._create_budget(
            LOGIN_HR, self._budget_vals(self.employee_emp, "2031-01-01", "2031-12-31")
        )
        error = self.assertRpcRefused(
            LOGIN_HR,
            "hr.pop.budget",
            "create",
            [self._budget_vals(self.employee_emp, "2031-12-31", "2033-12-31")],
            error="odoo.exceptions.ValidationError",
        )
        self.assertIn(
            "Emma Employee 2031-2033 overlaps Emma Employee 2031 "
            "(2031-01-01 to 2031-12-31)",
            error.message,
        )
        self.assertIn("one budget per employee or department at a time", error.message)
        self.assertEqual(
            self.env["hr.pop.budget"].search_count(
                [("employee_id", "=", self.employee_emp.id)]
            ),
            1,
        )

    def test_an_overlapping_budget_of_the_same_department_is_refused_clearly(self):
        self._create_budget(
            LOGIN_HR,
            self._budget_vals(self.department_team, "2031-01-01", "2035-12-31"),
        )
        error = self.assertRpcRefused(
            LOGIN_HR,
            "hr.pop.budget",
            "create",
            [self._budget_vals(self.department_team, "2033-01-01", "2033-12-31")],
            error="odoo.exceptions.ValidationError",
        )
        self.assertIn(
            "POP Team 2033 overlaps POP Team 2031-2035 (2031-01-01 to 2035-12-31)",
            error.message,
        )

    def test_other_owners_and_adjacent_windows_do_not_overlap(self):
        first = self._create_budget(
            LOGIN_HR, self._budget_vals(self.employee_emp, "2031-01-01", "2031-12-31")
        )
        for vals in (
            # Another employee, a department, a sub-department: the same window.
            self._budget_vals(self.employee_emp2, "2031-01-01", "2031-12-31"),
            self._budget_vals(self.department_team, "2031-01-01", "2031-12-31"),
            self._budget_vals(self.department_sub, "2031-01-01", "2031-12-31"),
            # The same employee, the day after.
            self._budget_vals(self.employee_emp, "2032-01-01", "2036-12-31"),
        ):
            with self.subTest(vals=vals):
                self.assertTrue(self._create_budget(LOGIN_HR, vals))
        # Moving a budget onto its neighbour's window is refused as well.
        self.assertRpcRefused(
            LOGIN_HR,
            "hr.pop.budget",
            "write",
            [[first], {"date_to": "2032-01-01"}],
            error="odoo.exceptions.ValidationError",
        )

    def test_a_budget_is_for_an_employee_or_a_department_not_both_nor_none(self):
        both = {
            **self._budget_vals(self.employee_emp, "2031-01-01", "2031-12-31"),
            "department_id": self.department_team.id,
        }
        none = self._budget_vals(self.employee_emp, "2031-01-01", "2031-12-31")
        none["employee_id"] = False
        for vals in (both, none):
            with self.subTest(vals=vals):
                error = self.assertRpcRefused(
                    LOGIN_HR,
                    "hr.pop.budget",
                    "create",
                    [vals],
                    error="odoo.exceptions.ValidationError",
                )
                self.assertIn("one employee or one department", error.message)
        self.assertFalse(
            self.env["hr.pop.budget"].search(
                [("date_from", "=", "2031-01-01"), ("amount", "=", 1000.0)]
            )
        )

    def test_a_manager_reads_budgets_but_does_not_set_them(self):
        budget = self._budget(self.employee_emp, "2031-01-01", "2031-12-31", 1000.0)
        self.assertRpcRefused(
            LOGIN_MANAGER,
            "hr.pop.budget",
            "create",
            [self._budget_vals(self.employee_emp2, "2031-01-01", "2031-12-31")],
            error="odoo.exceptions.AccessError",
        )
        self.assertRpcRefused(
            LOGIN_MANAGER,
            "hr.pop.budget",
            "write",
            [budget.ids, {"amount": 99999.0}],
            error="odoo.exceptions.AccessError",
        )
        [read] = self.call_kw(
            LOGIN_MANAGER, "hr.pop.budget", "read", [budget.ids, ["amount"]]
        )
        self.assertEqual(read["amount"], 1000.0)

    # --- the warning at submit and HR's approval ------------------------------------
    def _meeting(self, pop):
        pop.action_invite()
        pop.action_start_meeting()
        return pop

    def test_submitting_a_plan_over_budget_warns_the_manager_and_notes_it(self):
        budget = self._budget(self.employee_emp, "2031-01-01", "2031-12-31", 60.0)
        pop = self._meeting(self._plan(self.employee_emp, "2031-06-01", cost=100.0))
        result = self.call_kw(LOGIN_MANAGER, "hr.pop", "action_submit", [pop.ids])
        self.assertEqual(pop.state, "to_sign")
        self.assertEqual(result["type"], "ir.actions.client")
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(result["params"]["type"], "warning")
        message = normalize(result["params"]["message"])
        self.assertIn(budget.name, message)
        self.assertIn(f"{budget.name} by {self._money(40.0)}", message)
        self.assertIn("HR approves it", message)
        notes = pop.message_ids.filtered(
            lambda m: "exceeds the training budget" in (m.body or "")
        )
        self.assertEqual(len(notes), 1, "the chatter keeps the warning")
        self.assertEqual(notes.subtype_id, self.env.ref("mail.mt_note"))
        self.assertIn(f"{budget.name} by", notes.body)

    def test_submitting_a_plan_within_budget_gives_no_warning(self):
        self._budget(self.employee_emp, "2031-01-01", "2031-12-31", 500.0)
        pop = self._meeting(self._plan(self.employee_emp, "2031-06-01", cost=100.0))
        result = self.call_kw(LOGIN_MANAGER, "hr.pop", "action_submit", [pop.ids])
        self.assertIs(result, True)
        self.assertEqual(pop.state, "to_sign")
        self.assertFalse(
            pop.message_ids.filtered(
                lambda m: "exceeds the training budget" in (m.body or "")
            )
        )

    def _sign_over_rpc(self, pop):
        self.call_kw(
            LOGIN_EMPLOYEE,
            "hr.pop",
            "sign",
            [pop.ids, "employee", self.png.decode(), "Emma Employee"],
        )
        self.call_kw(
            LOGIN_MANAGER,
            "hr.pop",
            "sign",
            [pop.ids, "manager", self.png.decode(), "Mark Manager"],
        )
        pop.invalidate_recordset()

    def test_a_cheap_plan_over_budget_needs_hr_approval_whatever_the_threshold(self):
        self.company_a.pop_approval_threshold = 100000.0
        self._budget(self.employee_emp, "2031-01-01", "2031-12-31", 60.0)
        pop = self._to_sign(self._plan(self.employee_emp, "2031-06-01", cost=100.0))
        self._sign_over_rpc(pop)
        self.assertEqual(pop.state, "to_approve")
        self.assertTrue(pop.needs_approval)
        self.assertRpcRefused(LOGIN_MANAGER, "hr.pop", "action_approve", [pop.ids])
        self.call_kw(LOGIN_HR, "hr.pop", "action_approve", [pop.ids])
        self.assertEqual(pop.state, "running")

    def test_a_cheap_plan_within_budget_runs_after_both_signatures(self):
        self.company_a.pop_approval_threshold = 1000.0
        self._budget(self.employee_emp, "2031-01-01", "2031-12-31", 100.0)
        pop = self._to_sign(self._plan(self.employee_emp, "2031-06-01", cost=100.0))
        self._sign_over_rpc(pop)
        self.assertEqual(pop.state, "running")

    def test_a_department_budget_exceeded_also_forces_hr_approval(self):
        self._budget(self.department_team, "2031-01-01", "2031-12-31", 150.0)
        self._run(self._plan(self.employee_emp2, "2031-01-01", cost=100.0))
        pop = self._to_sign(self._plan(self.employee_emp, "2031-06-01", cost=100.0))
        self._sign_over_rpc(pop)
        self.assertEqual(pop.state, "to_approve")

    def test_everyone_reads_the_budget_table_of_a_plan_they_may_read(self):
        self._budget(self.employee_emp, "2031-01-01", "2031-12-31", 1000.0)
        pop = self._plan(self.employee_emp, "2031-06-01", cost=100.0)
        for login in (LOGIN_EMPLOYEE, LOGIN_MANAGER, LOGIN_HR):
            with self.subTest(login=login):
                [read] = self.call_kw(
                    login, "hr.pop", "read", [pop.ids, ["budget_html"]]
                )
                self.assertIn("o_hr_pop_budget_table", read["budget_html"])
                self.assertIn("Emma Employee 2031", read["budget_html"])

    def test_the_portal_plan_page_shows_the_budget_before_and_after(self):
        self._budget(self.employee_emp, "2031-01-01", "2031-12-31", 1000.0)
        pop = self._to_sign(self._plan(self.employee_emp, "2031-06-01", cost=300.0))
        self.authenticate(LOGIN_EMPLOYEE, LOGIN_EMPLOYEE)
        response = self.url_open(f"/my/pops/{pop.id}")
        self.assertEqual(response.status_code, 200)
        page = lxml_html.fromstring(response.text)
        [table] = page.xpath("//table[hasclass('o_hr_pop_budget_table')]")
        [row] = table.xpath(".//tr[hasclass('o_hr_pop_budget_row')]")
        self.assertEqual(
            [normalize(cell.text_content()) for cell in row],
            [
                "Emma Employee 2031 Personal budget",
                self._money(1000.0),
                self._money(1000.0),
                self._money(300.0),
                self._money(700.0),
            ],
        )

    # --- actual cost -------------------------------------------------------------
    def test_hr_enters_the_actual_cost_on_running_and_done_plans(self):
        running = self._run(self._plan(self.employee_emp, "2031-01-01", cost=100.0))
        done = self._close(
            self._run(self._plan(self.employee_emp2, "2031-01-01", cost=200.0))
        )
        for pop, actual in ((running, 95.5), (done, 210.0)):
            with self.subTest(state=pop.state):
                self.call_kw(
                    LOGIN_HR,
                    "hr.pop.line",
                    "write",
                    [pop.line_ids.ids, {"actual_cost": actual}],
                )
                [totals] = self.call_kw(
                    LOGIN_MANAGER,
                    "hr.pop",
                    "read",
                    [pop.ids, ["total_cost", "total_actual_cost"]],
                )
                self.assertEqual(
                    (totals["total_cost"], totals["total_actual_cost"]),
                    (pop.line_ids.cost, actual),
                    "the totals show the planned and the actual cost",
                )

    def test_the_manager_and_the_employee_do_not_enter_the_actual_cost(self):
        running = self._run(self._plan(self.employee_emp, "2031-01-01", cost=100.0))
        draft = self._plan(self.employee_emp, "2032-01-01", cost=100.0)
        for pop in (draft, running):
            for login in (LOGIN_MANAGER, LOGIN_EMPLOYEE):
                with self.subTest(state=pop.state, login=login):
                    error = self.assertRpcRefused(
                        login,
                        "hr.pop.line",
                        "write",
                        [pop.line_ids.ids, {"actual_cost": 80.0}],
                    )
                    if login == LOGIN_MANAGER:
                        self.assertIn("HR enters the actual cost", error.message)
        self.assertEqual((draft | running).line_ids.mapped("actual_cost"), [0.0, 0.0])

    def test_the_planned_cost_stays_as_signed_for_everyone(self):
        pop = self._run(self._plan(self.employee_emp, "2031-01-01", cost=100.0))
        for login in (LOGIN_MANAGER, LOGIN_HR, LOGIN_ADMIN):
            for vals in ({"cost": 50.0}, {"cost": 50.0, "actual_cost": 50.0}):
                with self.subTest(login=login, vals=vals):
                    error = self.assertRpcRefused(
                        login, "hr.pop.line", "write", [pop.line_ids.ids, vals]
                    )
                    if login != LOGIN_MANAGER or "actual_cost" not in vals:
                        self.assertIn("is signed", error.message)
        pop.line_ids.invalidate_recordset()
        self.assertRecordValues(pop.line_ids, [{"cost": 100.0, "actual_cost": 0.0}])
        self.assertEqual(pop.total_cost, 100.0)

    def test_the_actual_cost_of_a_cancelled_activity_stays_out_of_the_total(self):
        pop = self._plan(
            self.employee_emp,
            "2031-01-01",
            cost=100.0,
            lines=[{"name": "Dropped", "cost": 70.0}],
        )
        self._run(pop)
        dropped = self._line(pop, "Dropped")
        self.call_kw(
            LOGIN_MANAGER, "hr.pop.line", "write", [dropped.ids, {"state": "cancelled"}]
        )
        self.call_kw(
            LOGIN_HR, "hr.pop.line", "write", [pop.line_ids.ids, {"actual_cost": 40.0}]
        )
        pop.invalidate_recordset()
        self.assertEqual((pop.total_cost, pop.total_actual_cost), (100.0, 40.0))

    # --- the repayment rules ------------------------------------------------------
    def _repayment_plan(self):
        """Emma's plan to sign with a course under a 24-month repayment clause."""
        pop = self._plan(
            self.employee_emp,
            "2031-01-01",
            cost=100.0,
            lines=[
                {
                    "name": "Project Management Diploma",
                    "cost": 2400.0,
                    "repayment_agreement": True,
                    "repayment_months": 24,
                    "repayment_terms": "1/24 of the cost per month still to serve",
                }
            ],
        )
        return self._to_sign(pop)

    def _portal_sign(self, pop, decision):
        return self.make_jsonrpc_request(
            f"/my/pops/{pop.id}/sign",
            {
                "name": "Emma Employee",
                "signature": self.png.decode(),
                "decision": decision,
                "content_hash": pop.sudo()._get_content_hash(),
            },
        )

    def test_seen_not_agreed_cannot_accept_a_repayment_clause_in_the_portal(self):
        pop = self._repayment_plan()
        self.authenticate(LOGIN_EMPLOYEE, LOGIN_EMPLOYEE)
        result = self._portal_sign(pop, "seen")
        self.assertIn("Project Management Diploma", result.get("error", ""), result)
        self.assertIn('signing "I agree"', result["error"])
        pop.invalidate_recordset()
        self.assertFalse(pop.employee_signed_on, "nothing was signed")
        self.assertFalse(pop.employee_decision)
        result = self._portal_sign(pop, "agree")
        self.assertTrue(result.get("force_refresh"), result)
        pop.invalidate_recordset()
        self.assertEqual(pop.employee_decision, "agree")
        self.assertTrue(pop.employee_signed_on)

    def test_seen_not_agreed_cannot_accept_a_repayment_clause_in_the_back_office(self):
        pop = self._repayment_plan()
        error = self.assertRpcRefused(
            LOGIN_EMPLOYEE,
            "hr.pop",
            "sign",
            [pop.ids, "employee", self.png.decode(), "Emma Employee"],
            {"decision": "seen"},
            error="odoo.exceptions.UserError",
        )
        self.assertIn('signing "I agree"', error.message)
        self.assertFalse(pop.employee_signed_on)

    def test_seen_not_agreed_is_possible_once_the_repayment_activity_is_cancelled(self):
        pop = self._plan(
            self.employee_emp,
            "2031-01-01",
            lines=[
                {
                    "name": "Dropped diploma",
                    "repayment_agreement": True,
                    "repayment_months": 12,
                    "state": "cancelled",
                }
            ],
        )
        self._to_sign(pop)
        self.authenticate(LOGIN_EMPLOYEE, LOGIN_EMPLOYEE)
        result = self._portal_sign(pop, "seen")
        self.assertTrue(result.get("force_refresh"), result)
        pop.invalidate_recordset()
        self.assertEqual(pop.employee_decision, "seen")

    def test_the_signing_page_names_the_repayment_clause_and_disables_seen(self):
        pop = self._repayment_plan()
        self.authenticate(LOGIN_EMPLOYEE, LOGIN_EMPLOYEE)
        page = lxml_html.fromstring(self.url_open(f"/my/pops/{pop.id}").text)
        [notice] = page.xpath("//div[hasclass('o_hr_pop_sign_repayment')]")
        text = normalize(notice.text_content())
        self.assertIn("study-cost repayment agreement", text)
        self.assertIn(
            f"Project Management Diploma ({self._money(2400.0)}, 24 months): "
            "1/24 of the cost per month still to serve",
            text,
        )
        self.assertIn('You accept it only by signing "I agree"', text)
        [seen] = page.xpath("//input[@name='decision'][@value='seen']")
        [agree] = page.xpath("//input[@name='decision'][@value='agree']")
        self.assertIsNotNone(seen.get("disabled"))
        self.assertIsNone(agree.get("disabled"))

    def test_the_signing_page_of_a_plan_without_clause_offers_seen(self):
        pop = self._to_sign(self._plan(self.employee_emp, "2031-01-01"))
        self.authenticate(LOGIN_EMPLOYEE, LOGIN_EMPLOYEE)
        page = lxml_html.fromstring(self.url_open(f"/my/pops/{pop.id}").text)
        self.assertFalse(page.xpath("//div[hasclass('o_hr_pop_sign_repayment')]"))
        [seen] = page.xpath("//input[@name='decision'][@value='seen']")
        self.assertIsNone(seen.get("disabled"))

    def test_the_back_office_sign_dialog_names_the_repayment_clause(self):
        pop = self._repayment_plan()
        wizard_id = self.call_kw(
            LOGIN_MANAGER,
            "hr.pop.sign.wizard",
            "create",
            [{"pop_id": pop.id, "role": "manager"}],
        )
        [read] = self.call_kw(
            LOGIN_MANAGER,
            "hr.pop.sign.wizard",
            "read",
            [[wizard_id], ["repayment_note"]],
        )
        self.assertEqual(
            read["repayment_note"],
            "Project Management Diploma: 24 months. "
            "1/24 of the cost per month still to serve",
        )

    def test_the_reimbursement_promise_date_is_stored_until_signing(self):
        pop = self._plan(self.employee_emp, "2031-01-01")
        self.call_kw(
            LOGIN_MANAGER,
            "hr.pop.line",
            "write",
            [pop.line_ids.ids, {"reimbursement_promise_date": "2030-12-15"}],
        )
        [read] = self.call_kw(
            LOGIN_EMPLOYEE,
            "hr.pop.line",
            "read",
            [pop.line_ids.ids, ["reimbursement_promise_date"]],
        )
        self.assertEqual(read["reimbursement_promise_date"], "2030-12-15")
        self._run(pop)
        self.assertRpcRefused(
            LOGIN_MANAGER,
            "hr.pop.line",
            "write",
            [pop.line_ids.ids, {"reimbursement_promise_date": "2031-01-15"}],
            error="odoo.exceptions.UserError",
        )
        self.assertEqual(
            pop.line_ids.reimbursement_promise_date, fields.Date.to_date("2030-12-15")
        )


@tagged("post_install", "-at_install")
class TestHrPopBudgetReport(BudgetFixtures, TestHrPopCommon):
    """The signed PDF prints the repayment terms beside their activity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_budget_fixtures()
        # As in test_hr_pop_report: without the web assets wkhtmltopdf keeps text.
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )

    def test_the_pdf_prints_the_repayment_terms_beside_the_activity(self):
        pop = self._plan(
            self.employee_emp,
            "2031-01-01",
            cost=100.0,
            line_name="Forklift refresher",
            lines=[
                {
                    "name": "Project Management Diploma",
                    "cost": 2400.0,
                    "repayment_agreement": True,
                    "repayment_months": 24,
                    "repayment_terms": "Sliding scale: 1/24 per month still to serve",
                }
            ],
        )
        self._run(pop)
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, report_type = report._render_qweb_pdf(REPORT, pop.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        reader = PdfReader(io.BytesIO(pdf))
        text = normalize("\n".join(page.extract_text() for page in reader.pages))
        # A label and its colon sit in separate spans: pypdf puts a space between.
        text = text.replace(" :", ":")
        terms = "Study-cost repayment agreement: 24 months"
        self.assertEqual(text.count(terms), 1, "only beside the diploma")
        # In the diploma's row: after its name and cost, before the total.
        diploma = text.index("Project Management Diploma")
        cost = text.index(self._money(2400.0), diploma)
        clause = text.index(terms)
        sliding = text.index("Sliding scale: 1/24 per month still to serve")
        total = text.index("TOTAL")
        self.assertLess(text.index("Forklift refresher"), diploma)
        self.assertTrue(diploma < cost < clause < sliding < total, text)

    def test_the_pdf_prints_the_promise_date_and_the_actual_cost_once_invoiced(self):
        pop = self._plan(
            self.employee_emp,
            "2031-01-01",
            cost=1200.0,
            line_name="Project Management Diploma",
        )
        pop.line_ids.reimbursement_promise_date = "2030-12-15"
        self._run(pop)
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)

        def text():
            pdf, _report_type = report._render_qweb_pdf(REPORT, pop.ids)
            reader = PdfReader(io.BytesIO(pdf))
            return normalize("\n".join(page.extract_text() for page in reader.pages))

        before = text()
        self.assertIn("Reimbursement promised on", before)
        self.assertIn("12/15/2030", before)
        self.assertNotIn("Actual cost (invoiced)", before, "nothing invoiced yet")
        pop.line_ids.with_user(self.user_officer).actual_cost = 1150.0
        after = text()
        self.assertIn("Actual cost (invoiced)", after)
        self.assertLess(after.index("TOTAL"), after.index("Actual cost (invoiced)"))
        self.assertIn(self._money(1150.0), after)
