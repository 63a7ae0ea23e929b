# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared fixture for the hr_pop tests: one user per role, a team, two companies.

Company A (``company_a``, the env company)::

    department_team  (manager: employee_manager)
        employee_manager  <- user_manager   (hr_pop.group_pop_manager)
        employee_emp      <- user_employee  (internal), parent: employee_manager
        employee_emp2     <- user_employee2 (internal), parent: employee_manager
        employee_portal   <- user_portal    (portal),   parent: employee_manager
    department_other (manager: employee_other_manager, no user)
        employee_other_manager
        employee_other    (no user),                    parent: employee_other_manager
    user_officer: HR officer and POP administrator (no employee)

Company B (``company_b``)::

    user_company_b: POP administrator of company B only (no access to company A)
    employee_company_b (no user) with ``pop_company_b``

No plan exists in company A: each test creates the plans it needs with
``_create_pop`` (one employee has at most one plan per period). Every employee
works the ``calendar_40h`` calendar and has a private e-mail address.
"""

import base64
import io
import json
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from PIL import Image, ImageDraw

from odoo import fields
from odoo.tests import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user


def make_signature_png(width=240, height=60):
    """A small but real signature image (base64 PNG): a zigzag on white."""
    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).line(
        [(10, 45), (60, 15), (110, 45), (160, 15), (230, 40)], fill="navy", width=3
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue())


class RpcError(Exception):
    """An error the server answered a JSON-RPC call with: its class and message."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class JsonRpcMixin:
    """Calls models as the browser does: ``/web/dataset/call_kw`` with a session.

    For an ``HttpCase``; users log in with their login as password.
    """

    _rpc_login = None

    def call_kw(self, login, model, method, args, kwargs=None):
        """The result of ``model.method(*args, **kwargs)`` called by ``login``
        over HTTP, or ``RpcError``. Values JSON cannot hold (NaN) are sent as
        Python's json writes them, as a client could."""
        if login != self._rpc_login:
            self.authenticate(login, login)
            self._rpc_login = login
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            data = body["error"].get("data", {})
            raise RpcError(data.get("name", ""), data.get("message", ""))
        return body["result"]

    def assertRpcRefused(self, login, model, method, args, kwargs=None, error=None):
        """``login`` calling ``model.method`` gets a clear error (``error``: the
        exception class name, UserError/ValidationError/AccessError by default),
        never a server error."""
        with self.assertRaises(RpcError) as caught:
            self.call_kw(login, model, method, args, kwargs)
        expected = error or (
            "odoo.exceptions.UserError",
            "odoo.exceptions.ValidationError",
            "odoo.exceptions.AccessError",
        )
        expected = (expected,) if isinstance(expected, str) else expected
        self.assertIn(caught.exception.name, expected, caught.exception.message)
        return caught.exception


class TestHrPopCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Records are created without tracking, then bound to the plain test env.
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company_a = cls.env.company
        cls.png = make_signature_png()
        cls.company_b = env["res.company"].create({"name": "POP Company B"})

        # --- users -------------------------------------------------------------
        cls.user_employee = cls._new_user(
            env, "pop_emp", "base.group_user", "Emma Employee"
        )
        cls.user_employee2 = cls._new_user(
            env, "pop_emp2", "base.group_user", "Erik Employee"
        )
        cls.user_manager = cls._new_user(
            env,
            "pop_mgr",
            "base.group_user,hr_pop.group_pop_manager",
            "Mark Manager",
        )
        cls.user_officer = cls._new_user(
            env,
            "pop_officer",
            "base.group_user,hr.group_hr_user,hr_pop.group_pop_admin",
            "Olga Officer",
        )
        cls.user_portal = cls._new_user(
            env, "pop_portal1", "base.group_portal", "Paul Portal"
        )
        cls.user_company_b = cls._new_user(
            env,
            "pop_b",
            "base.group_user,hr.group_hr_user,hr_pop.group_pop_admin",
            "Bea Company B",
            company=cls.company_b,
        )

        # --- organisation in company A -------------------------------------------
        cls.calendar_40h = cls.company_a.resource_calendar_id
        Department = env["hr.department"]
        Employee = env["hr.employee"]
        cls.department_team = Department.create(
            {"name": "POP Team", "company_id": cls.company_a.id}
        )
        cls.department_other = Department.create(
            {"name": "POP Other Team", "company_id": cls.company_a.id}
        )
        employee_vals = {
            "company_id": cls.company_a.id,
            "resource_calendar_id": cls.calendar_40h.id,
        }
        cls.employee_manager = Employee.create(
            dict(
                employee_vals,
                name="Mark Manager",
                user_id=cls.user_manager.id,
                department_id=cls.department_team.id,
                private_email="mark.manager@home.example.com",
            )
        )
        cls.employee_other_manager = Employee.create(
            dict(
                employee_vals,
                name="Otto Other Manager",
                department_id=cls.department_other.id,
                private_email="otto.manager@home.example.com",
            )
        )
        cls.department_team.manager_id = cls.employee_manager
        cls.department_other.manager_id = cls.employee_other_manager
        cls.job_developer = env["hr.job"].create(
            {"name": "POP Developer", "company_id": cls.company_a.id}
        )
        cls.employee_emp = Employee.create(
            dict(
                employee_vals,
                name="Emma Employee",
                user_id=cls.user_employee.id,
                department_id=cls.department_team.id,
                parent_id=cls.employee_manager.id,
                job_id=cls.job_developer.id,
                private_email="emma.employee@home.example.com",
                barcode="900001",
            )
        )
        cls.employee_emp2 = Employee.create(
            dict(
                employee_vals,
                name="Erik Employee",
                user_id=cls.user_employee2.id,
                department_id=cls.department_team.id,
                parent_id=cls.employee_manager.id,
                private_email="erik.employee@home.example.com",
            )
        )
        cls.employee_portal = Employee.create(
            dict(
                employee_vals,
                name="Paul Portal",
                user_id=cls.user_portal.id,
                department_id=cls.department_team.id,
                parent_id=cls.employee_manager.id,
                private_email="paul.portal@home.example.com",
            )
        )
        cls.employee_other = Employee.create(
            dict(
                employee_vals,
                name="Olivia Other",
                department_id=cls.department_other.id,
                parent_id=cls.employee_other_manager.id,
                private_email="olivia.other@home.example.com",
            )
        )

        # --- company B -----------------------------------------------------------
        cls.employee_company_b = Employee.with_company(cls.company_b).create(
            {
                "name": "Bram Company B",
                "company_id": cls.company_b.id,
                "private_email": "bram.b@home.example.com",
            }
        )
        cls.pop_company_b = cls._create_pop(cls.employee_company_b)

        # Bind everything to the plain test environment (no tracking_disable).
        for name in (
            "company_b",
            "user_employee",
            "user_employee2",
            "user_manager",
            "user_officer",
            "user_portal",
            "user_company_b",
            "department_team",
            "department_other",
            "job_developer",
            "employee_manager",
            "employee_other_manager",
            "employee_emp",
            "employee_emp2",
            "employee_portal",
            "employee_other",
            "employee_company_b",
            "pop_company_b",
        ):
            setattr(cls, name, getattr(cls, name).with_env(cls.env))

    # --- helpers -----------------------------------------------------------------
    @classmethod
    def _new_user(cls, env, login, groups, name, company=None):
        """A user whose password equals its login (for HttpCase.authenticate)."""
        company = company or cls.company_a
        return mail_new_test_user(
            env,
            login=login,
            password=login,
            groups=groups,
            name=name,
            email=f"{login}@work.example.com",
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
            tz="Europe/Amsterdam",
        )

    @classmethod
    def _create_pop(cls, employee, goal_vals=None, line_vals=None, user=None, **vals):
        """A draft plan for ``employee`` with one SMART goal and one activity.

        ``vals`` go to the plan, ``goal_vals``/``line_vals`` to its goal and activity
        (``line_vals=False`` or ``goal_vals=False`` leaves them out). The plan runs
        from today for one year unless ``date_start``/``date_end`` are given; its
        conversation is in 30 days (before the invitation is due) unless
        ``meeting_date`` is given. With ``user``, the plan is created as that user.
        """
        Pop = cls.env["hr.pop"].with_user(user) if user else cls.env["hr.pop"]
        vals.setdefault("meeting_date", cls._default_meeting_date())
        pop = Pop.create({"employee_id": employee.id, **vals})
        if goal_vals is not False:
            goal = cls._create_goal(pop, **(goal_vals or {}))
        else:
            goal = cls.env["hr.pop.goal"]
        if line_vals is not False:
            cls._create_line(pop, **{"goal_id": goal.id, **(line_vals or {})})
        return pop

    @staticmethod
    def _default_meeting_date():
        """In 30 days: an invitation is possible, but the cron does not send it yet."""
        return fields.Datetime.now().replace(
            hour=9, minute=0, second=0, microsecond=0
        ) + timedelta(days=30)

    @classmethod
    def _create_goal(cls, pop, **vals):
        """A SMART goal of ``pop``: success measure and a deadline inside its period."""
        middle = pop.date_start + (pop.date_end - pop.date_start) / 2
        return (
            cls.env["hr.pop.goal"]
            .with_env(pop.env)
            .create(
                {
                    "pop_id": pop.id,
                    "category": "job",
                    "name": "Lead an improvement project",
                    "success_measure": "One finished project with less scrap",
                    "deadline": middle,
                    **vals,
                }
            )
        )

    @classmethod
    def _create_line(cls, pop, **vals):
        """A voluntary external course of 100.00 in ``pop``."""
        return (
            cls.env["hr.pop.line"]
            .with_env(pop.env)
            .create(
                {
                    "pop_id": pop.id,
                    "name": "Lean Six Sigma Yellow Belt",
                    "activity_type": "course",
                    "cost": 100.0,
                    **vals,
                }
            )
        )

    @classmethod
    def _to_sign(cls, pop):
        """Run ``pop`` from draft through the conversation to 'to_sign'."""
        pop.action_invite()
        pop.action_start_meeting()
        pop.action_submit()
        return pop

    def _sign_both(
        self,
        pop,
        decision="agree",
        comment=None,
        employee_name="Employee Name",
        manager_name="Manager Name",
    ):
        """The employee, then the manager, sign ``pop`` as themselves."""
        pop.with_user(self.user_employee).sign(
            "employee", self.png, employee_name, decision=decision, comment=comment
        )
        pop.with_user(self.user_manager).sign("manager", self.png, manager_name)
        return pop

    @staticmethod
    def _period(start=None, months=12):
        """``(date_start, date_end)`` of a plan of ``months`` from ``start`` (today)."""
        start = start or fields.Date.today()
        return start, start + relativedelta(months=months, days=-1)

    @classmethod
    def _create_skill_type(cls, name, skill_names, levels):
        """An ``hr.skill.type`` with ``skill_names`` and ``levels``, a list of
        ``(name, level_progress)``; its skills and levels follow the given order."""
        return cls.env["hr.skill.type"].create(
            {
                "name": name,
                "skill_ids": [
                    fields.Command.create({"name": skill, "sequence": index})
                    for index, skill in enumerate(skill_names)
                ],
                "skill_level_ids": [
                    fields.Command.create({"name": level, "level_progress": progress})
                    for level, progress in levels
                ],
            }
        )
