# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The HR dashboard (issue 12, part B): every figure is the size (or sum) of a
domain, and its button opens exactly those records.

The data set lives in its own company, so that nothing else (demo data, other
tests' fixtures) is in scope: two departments (Sales, Operations with a Night Shift
below it), a manager each, plans in every state in the dashboard's period and
around it, employees with and without a signed plan, activities not started or
not evaluated, plans waiting longer than the reminder interval, and budgets.

Each record carries the filters under which it is in scope; the expected records
of a figure under a filter are those of the whole company in that scope. The
figures and the records their buttons open are read as HR does it: over JSON-RPC
with the officer's session.
"""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.hr_pop.models.hr_pop import POP_STATES

from .common import JsonRpcMixin, TestHrPopCommon

LOGIN_HR = "pop_officer"
LOGIN_MANAGER = "pop_mgr"
LOGIN_EMPLOYEE = "pop_emp"

ALL = "all"
SALES = "sales"  # department filter: Sales
OPS = "ops"  # department filter: Operations (and its Night Shift)
NIGHT = "night"  # department filter: Night Shift only
MGR_SALES = "mgr_sales"  # manager filter: the sales manager
MGR_OPS = "mgr_ops"  # manager filter: the operations manager
SCOPES = (ALL, SALES, OPS, NIGHT, MGR_SALES, MGR_OPS)
# In which scopes a record of each side is: employees' plans, activities and own
# budgets follow the employee; the managers themselves are nobody's direct report.
SIDES = {
    "sales": {ALL, SALES, MGR_SALES},
    "ops": {ALL, OPS, MGR_OPS},
    "night": {ALL, OPS, NIGHT, MGR_OPS},
    "sales_manager": {ALL, SALES},
    "ops_manager": {ALL, OPS},
    "night_department": {ALL, OPS, NIGHT},
}
FIGURES = (
    "employees",
    "covered",
    "uncovered",
    "planned_cost",
    "actual_cost",
    "budget",
    "not_started",
    "not_evaluated",
    "waiting",
)
SUMMED = {"planned_cost": "cost", "actual_cost": "actual_cost", "budget": "amount"}


@tagged("post_install", "-at_install")
class TestHrPopDashboard(JsonRpcMixin, TestHrPopCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = today = fields.Date.today()
        cls.period = (today - timedelta(days=180), today + timedelta(days=180))
        cls.company = cls.env["res.company"].create(
            {
                "name": "POP Dashboard Company",
                "pop_approval_threshold": 1000.0,
                "pop_signature_reminder_days": 7,
                "pop_approval_reminder_days": 5,
            }
        )
        cls.user_officer.write({"company_ids": [fields.Command.link(cls.company.id)]})
        cls.scopes = {}  # record -> the scopes it is in
        Department = cls.env["hr.department"].with_company(cls.company)
        cls.sales = Department.create({"name": "Sales", "company_id": cls.company.id})
        cls.ops = Department.create(
            {"name": "Operations", "company_id": cls.company.id}
        )
        cls.night = Department.create(
            {
                "name": "Night Shift",
                "company_id": cls.company.id,
                "parent_id": cls.ops.id,
            }
        )
        cls.m_sales = cls._employee(
            "Sam Sales Manager", cls.sales, None, "sales_manager"
        )
        cls.m_ops = cls._employee("Olaf Ops Manager", cls.ops, None, "ops_manager")
        cls.sales.manager_id = cls.m_sales
        cls.ops.manager_id = cls.m_ops
        s1, s2, s3, s4, s5 = (
            cls._employee(f"Sales {n}", cls.sales, cls.m_sales, "sales")
            for n in range(1, 6)
        )
        o1, o2, o4 = (
            cls._employee(f"Ops {n}", cls.ops, cls.m_ops, "ops") for n in (1, 2, 4)
        )
        o3 = cls._employee("Night 3", cls.night, cls.m_ops, "night")
        # Who left is in no figure.
        cls._employee("Sales Left", cls.sales, cls.m_sales, "sales").action_archive()
        cls.employees = s1 | s2 | s3 | s4 | s5 | o1 | o2 | o3 | o4
        cls.employees |= cls.m_sales | cls.m_ops
        cls.scopes = {
            record: scopes for record, scopes in cls.scopes.items() if record.active
        }

        day = lambda days: today + timedelta(days=days)  # noqa: E731
        current, previous, following = day(-90), day(-800), day(400)

        # Sales 1: running this period, its activities in every execution state.
        cls.pop_s1 = cls._plan(
            s1,
            current,
            [
                ("late", 300.0, "planned", day(-10), day(20)),
                ("future", 200.0, "planned", day(10), day(40)),
                ("started", 100.0, "started", day(-30), day(30)),
                ("overdue", 150.0, "started", day(-60), day(-5)),
                ("done", 50.0, "done", day(-60), day(-5)),
                ("cancelled", 80.0, "cancelled", day(-60), day(-5)),
            ],
            "running",
        )
        cls._plan(s1, following, [("next", 999.0, "planned", None, None)], "draft")
        # Sales 2: done this period, one activity never done (the plan is closed).
        cls.pop_s2 = cls._plan(
            s2,
            current,
            [
                ("closed done", 400.0, "done", day(-80), day(-40)),
                ("closed open", 100.0, "planned", day(-100), day(-50)),
            ],
            "done",
        )
        # Sales 3: a draft now, a plan signed and done long ago (another period).
        cls.pop_s3 = cls._plan(
            s3, current, [("draft", 999.0, "planned", day(-10), day(-5))], "draft"
        )
        cls._plan(s3, previous, [("old", 100.0, "done", None, None)], "done")
        cls.pop_s4 = cls._plan(s4, current, [("invited", 10.0, "planned")], "invited")
        # Sales 5: signed, running, then cancelled.
        cls.pop_s5 = cls._plan(
            s5, current, [("dropped", 100.0, "planned", day(-10), day(-5))], "cancelled"
        )
        # Ops 1: waiting for HR's approval longer than 5 days; next period's plan
        # waits for it too, but since 2 days only.
        cls.pop_o1 = cls._plan(
            o1,
            current,
            [("expensive", 1500.0, "planned", day(-10), day(-5))],
            "to_approve",
            waiting_days=6,
        )
        cls._plan(
            o1, following, [("next", 1500.0, "planned")], "to_approve", waiting_days=2
        )
        # Ops 2: waiting for signatures longer than 7 days; a plan of a former
        # period still running with an activity never started nor evaluated.
        cls.pop_o2 = cls._plan(
            o2,
            current,
            [("unsigned", 100.0, "planned", day(-10), day(-5))],
            "to_sign",
            waiting_days=8,
        )
        cls.pop_o2_previous = cls._plan(
            o2,
            previous,
            [("forgotten", 70.0, "planned", day(-700), day(-650))],
            "running",
        )
        cls.pop_o3 = cls._plan(
            o3,
            current,
            [("night course", 250.0, "planned", day(5), day(9))],
            "running",
        )
        cls.pop_o4 = cls._plan(o4, current, [("talk", 10.0, "planned")], "meeting")
        cls._plan(o4, following, [("next", 10.0, "planned")], "to_sign", waiting_days=1)
        # Actual cost entered by HR (as superuser: env.su passes the HR check).
        cls._line(cls.pop_s1, "done").actual_cost = 55.0
        cls._line(cls.pop_s1, "started").actual_cost = 20.0
        cls._line(cls.pop_s1, "cancelled").actual_cost = 15.0
        cls._line(cls.pop_s2, "closed done").actual_cost = 380.0
        cls._line(cls.pop_o2_previous, "forgotten").actual_cost = 60.0

        # Budgets: per department and per employee, one of an earlier window, and
        # one of another company.
        cls.budgets = {}
        for name, owner, side, start, end, amount in (
            ("sales", cls.sales, "sales_manager", -90, 275, 5000.0),
            ("ops", cls.ops, "ops_manager", -90, 275, 4000.0),
            ("night", cls.night, "night_department", -90, 275, 1000.0),
            ("s1", s1, "sales", -400, 400, 700.0),
            ("o3", o3, "night", 100, 1000, 300.0),
            ("s2 old", s2, None, -900, -500, 900.0),
        ):
            budget = cls.env["hr.pop.budget"].create(
                {
                    "employee_id"
                    if owner._name == "hr.employee"
                    else "department_id": (owner.id),
                    "company_id": cls.company.id,
                    "date_from": day(start),
                    "date_to": day(end),
                    "amount": amount,
                }
            )
            cls.budgets[name] = budget
            if side:
                cls.scopes[budget] = SIDES[side]
        cls.env["hr.pop.budget"].create(
            {
                "employee_id": cls.employee_emp.id,
                "date_from": cls.period[0],
                "date_to": cls.period[1],
                "amount": 123.0,
            }
        )

        # What each figure holds for the whole company.
        line = cls._line
        s1_lines = cls.pop_s1.line_ids
        signed_lines = s1_lines | cls.pop_s2.line_ids | cls.pop_o1.line_ids
        signed_lines |= cls.pop_o3.line_ids
        cls.expected = {
            "states": {
                "draft": cls.pop_s3,
                "invited": cls.pop_s4,
                "meeting": cls.pop_o4,
                "to_sign": cls.pop_o2,
                "to_approve": cls.pop_o1,
                "running": cls.pop_s1 | cls.pop_o3,
                "done": cls.pop_s2,
                "cancelled": cls.pop_s5,
            },
            "employees": cls.employees,
            "covered": s1 | s2 | o1 | o3,
            "uncovered": cls.employees - (s1 | s2 | o1 | o3),
            "planned_cost": signed_lines - line(cls.pop_s1, "cancelled"),
            # The invoice of a cancelled activity (a cancellation fee) is cost too.
            "actual_cost": signed_lines,
            "budget": cls.env["hr.pop.budget"].concat(
                *(cls.budgets[name] for name in ("sales", "ops", "night", "s1", "o3"))
            ),
            "not_started": line(cls.pop_s1, "late")
            | line(cls.pop_o2_previous, "forgotten"),
            "not_evaluated": line(cls.pop_s1, "overdue")
            | line(cls.pop_o2_previous, "forgotten"),
            "waiting": cls.pop_o1 | cls.pop_o2,
        }

    # --- the data set ----------------------------------------------------------------
    @classmethod
    def _employee(cls, name, department, manager, side):
        employee = (
            cls.env["hr.employee"]
            .with_company(cls.company)
            .create(
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "department_id": department.id,
                    "parent_id": manager.id if manager else False,
                    "private_email": f"{name.lower().replace(' ', '.')}@home.example",
                }
            )
        )
        cls.scopes[employee] = SIDES[side]
        return employee

    @classmethod
    def _plan(cls, employee, start, lines, state, waiting_days=None):
        """A plan of a year from ``start`` with ``lines`` (name, cost, status,
        start, end), brought to ``state`` by the workflow; ``waiting_days``: since
        how long it waits in that state."""
        pop = cls._create_pop(
            employee,
            date_start=start,
            date_end=start + timedelta(days=364),
            meeting_date=fields.Datetime.to_datetime(start) + timedelta(hours=9),
            line_vals=False,
        )
        for name, cost, status, *dates in lines:
            date_start, date_end = dates or (None, None)
            cls._create_line(
                pop,
                name=name,
                cost=cost,
                date_start=date_start,
                date_end=date_end,
                # Cancelled before signing; the rest follows the execution.
                state="cancelled" if status == "cancelled" else "planned",
            )
        if state != "draft":
            pop.action_invite()
        if state not in ("draft", "invited"):
            pop.action_start_meeting()
        if state not in ("draft", "invited", "meeting"):
            pop.action_submit()
        if state in ("to_approve", "running", "done", "cancelled"):
            pop._sign("employee", cls.png, employee.name)
            pop._sign("manager", cls.png, employee.parent_id.name)
            if state != "to_approve" and pop.state == "to_approve":
                pop.action_approve()
        for line in pop.line_ids:
            status = next(item[2] for item in lines if item[0] == line.name)
            if status not in ("planned", "cancelled"):
                line.state = status
        if state == "done":
            pop.goal_ids.write({"state": "reached", "lessons_learned": "Plenty"})
            pop.action_close()
        if state == "cancelled":
            pop.action_cancel("The employee moves abroad")
        assert pop.state == state, (pop.name, pop.state, state)
        if waiting_days:
            cls.env.cr.execute(
                "UPDATE hr_pop SET state_date = %s WHERE id = %s",
                (fields.Datetime.now() - timedelta(days=waiting_days), pop.id),
            )
            pop.invalidate_recordset(["state_date"])
        # A plan and its activities are in the scopes of its employee.
        for record in [pop, *pop.line_ids]:
            cls.scopes[record] = cls.scopes[employee]
        return pop

    @staticmethod
    def _line(pop, name):
        line = pop.line_ids.filtered(lambda line: line.name == name)
        assert len(line) == 1, (name, pop.line_ids.mapped("name"))
        return line

    def _in_scope(self, records, scope):
        return records.filtered(lambda record: scope in self.scopes.get(record, ()))

    # --- the dashboard as HR uses it ------------------------------------------------
    def _context(self, **values):
        return {"allowed_company_ids": [self.company.id], **values}

    def _filters(self, scope):
        return {
            ALL: {},
            SALES: {"department_id": self.sales.id},
            OPS: {"department_id": self.ops.id},
            NIGHT: {"department_id": self.night.id},
            MGR_SALES: {"manager_id": self.m_sales.id},
            MGR_OPS: {"manager_id": self.m_ops.id},
        }[scope]

    def _open_dashboard(self, scope, login=LOGIN_HR):
        """The dashboard's id and its figures, as HR's browser gets them."""
        dashboard_id = self.call_kw(
            login,
            "hr.pop.dashboard",
            "create",
            [
                {
                    "company_id": self.company.id,
                    "date_from": fields.Date.to_string(self.period[0]),
                    "date_to": fields.Date.to_string(self.period[1]),
                    **self._filters(scope),
                }
            ],
            {"context": self._context()},
        )
        names = [f"count_{state}" for state, _label in POP_STATES] + list(FIGURES)
        [figures] = self.call_kw(
            login,
            "hr.pop.dashboard",
            "read",
            [[dashboard_id], names],
            {"context": self._context()},
        )
        return dashboard_id, figures

    def _click(self, dashboard_id, method, **context):
        """The action of a button and the records its domain holds (read by HR)."""
        action = self.call_kw(
            LOGIN_HR,
            "hr.pop.dashboard",
            method,
            [[dashboard_id]],
            {"context": self._context(**context)},
        )
        self.assertEqual(action["type"], "ir.actions.act_window")
        ids = self.call_kw(
            LOGIN_HR,
            action["res_model"],
            "search",
            [action["domain"]],
            {"context": self._context()},
        )
        return action, self.env[action["res_model"]].browse(ids)

    # --- tests ----------------------------------------------------------------------
    def test_the_data_set_is_what_the_tests_assume(self):
        self.assertEqual(
            self.env["hr.pop"]
            .search([("company_id", "=", self.company.id)])
            .mapped("state")
            .count("running"),
            3,
            "two running plans in the period, one of a former period",
        )
        self.assertEqual(self.pop_s1.total_cost, 800.0)

    def test_each_state_button_opens_exactly_the_plans_it_counts(self):
        for scope in SCOPES:
            dashboard_id, figures = self._open_dashboard(scope)
            for state, _label in POP_STATES:
                with self.subTest(scope=scope, state=state):
                    action, records = self._click(
                        dashboard_id, "action_open_state", pop_state=state
                    )
                    expected = self._in_scope(self.expected["states"][state], scope)
                    self.assertEqual(action["res_model"], "hr.pop")
                    self.assertEqual(records, expected)
                    self.assertEqual(figures[f"count_{state}"], len(records))

    def test_each_figure_button_opens_exactly_the_records_it_counts(self):
        for scope in SCOPES:
            dashboard_id, figures = self._open_dashboard(scope)
            for figure in FIGURES:
                with self.subTest(scope=scope, figure=figure):
                    action, records = self._click(
                        dashboard_id, "action_open_figure", figure=figure
                    )
                    expected = self._in_scope(self.expected[figure], scope)
                    self.assertEqual(records, expected)
                    if figure in SUMMED:
                        self.assertAlmostEqual(
                            figures[figure], sum(records.mapped(SUMMED[figure]))
                        )
                    else:
                        self.assertEqual(figures[figure], len(records))

    def test_the_figures_of_the_whole_company(self):
        _dashboard_id, figures = self._open_dashboard(ALL)
        self.assertEqual(
            {name: figures[name] for name in FIGURES},
            {
                "employees": 11,
                "covered": 4,
                "uncovered": 7,
                # Sales 1 without its cancelled activity, Sales 2, Ops 1, Night 3.
                "planned_cost": 800.0 + 500.0 + 1500.0 + 250.0,
                "actual_cost": 55.0 + 20.0 + 15.0 + 380.0,
                "budget": 5000.0 + 4000.0 + 1000.0 + 700.0 + 300.0,
                "not_started": 2,
                "not_evaluated": 2,
                "waiting": 2,
            },
        )
        [dashboard] = self.call_kw(
            LOGIN_HR,
            "hr.pop.dashboard",
            "read",
            [[_dashboard_id], ["coverage"]],
            {"context": self._context()},
        )
        self.assertAlmostEqual(dashboard["coverage"], 100.0 * 4 / 11)

    def test_the_filters_narrow_the_figures(self):
        expected = {
            SALES: {"employees": 6, "covered": 2, "budget": 5700.0, "waiting": 0},
            OPS: {"employees": 5, "covered": 2, "budget": 5300.0, "waiting": 2},
            NIGHT: {"employees": 1, "covered": 1, "budget": 1300.0, "waiting": 0},
            MGR_SALES: {"employees": 5, "covered": 2, "budget": 700.0, "waiting": 0},
            MGR_OPS: {"employees": 4, "covered": 2, "budget": 300.0, "waiting": 2},
        }
        for scope, values in expected.items():
            with self.subTest(scope=scope):
                _dashboard_id, figures = self._open_dashboard(scope)
                self.assertEqual({name: figures[name] for name in values}, values)

    def test_cost_figures_open_a_pivot_per_department_category_and_type(self):
        dashboard_id, _figures = self._open_dashboard(ALL)
        for figure in ("planned_cost", "actual_cost"):
            with self.subTest(figure=figure):
                action, _records = self._click(
                    dashboard_id, "action_open_figure", figure=figure
                )
                self.assertEqual(action["view_mode"], "pivot,list,form")
                self.assertEqual(
                    action["context"]["pivot_measures"], ["cost", "actual_cost"]
                )

    def test_a_manager_or_an_employee_cannot_open_the_dashboard(self):
        for login in (LOGIN_MANAGER, LOGIN_EMPLOYEE):
            with self.subTest(login=login):
                self.assertRpcRefused(
                    login,
                    "hr.pop.dashboard",
                    "create",
                    [{"company_id": self.company_a.id}],
                    error="odoo.exceptions.AccessError",
                )
        # Nor HR's dashboard, nor its buttons.
        dashboard_id, _figures = self._open_dashboard(ALL)
        for method in ("read", "action_open_figure"):
            with self.subTest(method=method):
                self.assertRpcRefused(
                    LOGIN_MANAGER,
                    "hr.pop.dashboard",
                    method,
                    [[dashboard_id]],
                    {"context": {"figure": "employees"}},
                    error="odoo.exceptions.AccessError",
                )
