# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One open plan per employee and period, also under concurrent transactions; and
no plan, invitation or scheduled creation for an employee who has left."""

import threading
import time
from datetime import date
from functools import partial

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from psycopg2.errors import ExclusionViolation

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import retrying
from odoo.sql_db import Cursor
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.hr_pop.models.hr_pop import POP_OVERLAP_CONSTRAINT

from .cron_common import HrPopCronCommon

CONSTRAINT_NAME = f"hr_pop_{POP_OVERLAP_CONSTRAINT}"
NOTIFICATION_LOGGER = "odoo.addons.hr_pop.models.hr_pop_notification"
# Seconds a contender may take; far more than any of them needs.
TIMEOUT = 60
# Rows the committed fixture adds; the cleanup must leave their counts unchanged.
COUNTED_TABLES = (
    "hr_pop",
    "hr_pop_notification",
    "hr_pop_round_wizard",
    "hr_employee",
    "hr_employee_category",
    "resource_resource",
    "res_partner",
    "mail_activity",
    "mail_followers",
    "mail_message",
)


class Contender(threading.Thread):
    """Runs ``function(env)`` in a transaction of its own connection, as superuser,
    and commits only when allowed to (``may_commit``); a failure rolls back and is
    kept in ``error``."""

    def __init__(self, registry, function):
        super().__init__(daemon=True)
        self.registry = registry
        self.function = function
        self.backend_pid = None
        self.waited = False
        self.result = self.error = None
        self.started_work = threading.Event()
        self.done_work = threading.Event()
        self.may_commit = threading.Event()

    def run(self):
        try:
            with self.registry.cursor() as cr:
                assert isinstance(cr, Cursor), "a real connection, not a TestCursor"
                cr.execute("SELECT pg_backend_pid()")
                self.backend_pid = cr.fetchone()[0]
                self.started_work.set()
                env = api.Environment(cr, SUPERUSER_ID, {})
                try:
                    self.result = self.function(env)
                    env.flush_all()
                finally:
                    self.done_work.set()
                self.may_commit.wait(TIMEOUT)
        except Exception as error:  # noqa: BLE001 - reported by the test
            self.error = error
        finally:
            self.started_work.set()
            self.done_work.set()


@tagged("post_install", "-at_install")
class TestHrPopOverlapRace(TransactionCase):
    """Two transactions on two connections create a plan for the same employee and
    an overlapping period: the database keeps one, the other path skips cleanly.

    The contenders only see committed data, so the employees and the company's
    settings they need are committed here, and removed again afterwards.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert cls.registry.test_cr is None, "test mode would share one connection"

    def setUp(self):
        super().setUp()
        counts = self._table_counts()
        # Registered first, so it runs last: the database is as it was.
        self.addCleanup(self._assert_table_counts, counts)
        self._setup_committed_fixture()
        self.addCleanup(self._cleanup_committed_fixture)

    # --- committed fixture ------------------------------------------------------------
    def _committed(self, function):
        with self.registry.cursor() as cr:
            return function(api.Environment(cr, SUPERUSER_ID, {}))

    def _table_counts(self):
        def count(env):
            return {
                table: env.execute_query(
                    # Table names from the constant above, not from input.
                    SQL("SELECT count(*) FROM %s", SQL.identifier(table))
                )[0][0]
                for table in COUNTED_TABLES
            }

        return self._committed(count)

    def _assert_table_counts(self, counts):
        self.assertEqual(self._table_counts(), counts, "the database is as it was")

    def _setup_committed_fixture(self):
        def setup(env):
            company = env.ref("base.main_company")
            # Only this company creates plans, only for the tagged employee.
            companies = env["res.company"].search([])
            self.saved_company_values = [
                (
                    company.id,
                    {
                        "pop_auto_create": company.pop_auto_create,
                        "pop_cycle_rule": company.pop_cycle_rule,
                        "pop_cycle_month": company.pop_cycle_month,
                        "pop_department_ids": [
                            fields.Command.set(company.pop_department_ids.ids)
                        ],
                        "pop_employee_category_ids": [
                            fields.Command.set(company.pop_employee_category_ids.ids)
                        ],
                    },
                )
                for company in companies
            ]
            companies.pop_auto_create = False
            tag = env["hr.employee.category"].create({"name": "POP race"})
            Employee = env["hr.employee"].with_context(tracking_disable=True)
            # Their manager holds the conversations (a round skips who has none).
            manager = Employee.create({"name": "Roos Race", "company_id": company.id})
            employees = Employee.create(
                [
                    {
                        "name": "Rita Race",
                        "parent_id": manager.id,
                        "company_id": company.id,
                        "category_ids": [fields.Command.set(tag.ids)],
                        "private_email": "rita.race@home.example.com",
                    },
                    {
                        "name": "Ruben Race",
                        "parent_id": manager.id,
                        "company_id": company.id,
                        "private_email": "ruben.race@home.example.com",
                    },
                ]
            )
            # Next month's plan is due now: the scheduled creation makes it today.
            today = fields.Date.context_today(employees)
            company.write(
                {
                    "pop_auto_create": True,
                    "pop_cycle_rule": "month",
                    "pop_cycle_month": str((today + relativedelta(months=1)).month),
                    "pop_department_ids": [fields.Command.clear()],
                    "pop_employee_category_ids": [fields.Command.set(tag.ids)],
                }
            )
            period = employees[0]._get_pop_due_periods(today)[employees[0].id]
            return tag.id, employees.ids, period

        self.tag_id, employee_ids, self.period = self._committed(setup)
        self.rita_id, self.ruben_id = employee_ids

    def _cleanup_committed_fixture(self):
        def cleanup(env):
            employees = (
                env["hr.employee"]
                .with_context(active_test=False)
                .browse([self.rita_id, self.ruben_id])
            )
            wizards = (
                env["hr.pop.round.wizard.line"]
                .search([("employee_id", "in", employees.ids)])
                .wizard_id
            )
            wizards.unlink()
            env["hr.pop"].search([("employee_id", "in", employees.ids)]).unlink()
            managers = employees.parent_id
            partners = (employees | managers).work_contact_id
            employees.unlink()
            managers.unlink()
            partners.unlink()
            env["hr.employee.category"].browse(self.tag_id).unlink()
            for company_id, values in self.saved_company_values:
                env["res.company"].browse(company_id).write(values)

        self._committed(cleanup)

    # --- the race -------------------------------------------------------------------
    def _race(self, first, second):
        """``first`` writes and keeps its transaction open; ``second`` starts and
        runs (and commits) until it waits for ``first``; then ``first`` commits, and
        ``second`` finishes. Returns both contenders."""
        winner = Contender(self.registry, first)
        loser = Contender(self.registry, second)
        loser.may_commit.set()
        try:
            winner.start()
            self.assertTrue(winner.done_work.wait(TIMEOUT), "first contender hangs")
            loser.start()
            self.assertTrue(loser.started_work.wait(TIMEOUT))
            deadline = time.monotonic() + TIMEOUT
            while loser.is_alive():
                if self._waits_for_a_lock(loser.backend_pid):
                    loser.waited = True
                    break
                self.assertLess(time.monotonic(), deadline, "second contender hangs")
                time.sleep(0.05)
        finally:
            winner.may_commit.set()
            winner.join(TIMEOUT)
            loser.may_commit.set()
            loser.join(TIMEOUT)
        self.assertFalse(winner.is_alive() or loser.is_alive(), "a contender hangs")
        self.assertIsNone(winner.error)
        return winner, loser

    def _waits_for_a_lock(self, backend_pid):
        self.env.cr.execute(
            "SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted", [backend_pid]
        )
        return bool(self.env.cr.rowcount)

    def _committed_pops(self, employee_id):
        def read(env):
            pops = env["hr.pop"].search(
                [("employee_id", "=", employee_id), ("state", "!=", "cancelled")]
            )
            return [(pop.id, pop.date_start, pop.date_end) for pop in pops]

        return self._committed(read)

    def _create_pop(self, employee_id, months_later=0):
        start, end = self.period
        shift = relativedelta(months=months_later)

        def create(env):
            return (
                env["hr.pop"]
                .create(
                    {
                        "employee_id": employee_id,
                        "date_start": start + shift,
                        "date_end": end + shift,
                    }
                )
                .id
            )

        return create

    def _start_round(self, employee_ids):
        def start_round(env):
            wizard = env["hr.pop.round.wizard"].create(
                {
                    "date_start": self.period[0],
                    "line_ids": [
                        fields.Command.create({"employee_id": employee_id})
                        for employee_id in employee_ids
                    ],
                }
            )
            return wizard.action_start()

        return start_round

    @staticmethod
    def _create_due_pops(env):
        return env["hr.pop.notification"]._create_due_pops(batch_size=200)

    def _give_rita_a_login(self):
        """Rita's portal user (committed), removed again with her requests."""

        def create(env):
            user = env["res.users"].create(
                {
                    "name": "Rita Race",
                    "login": "rita.race.pop",
                    "groups_id": [fields.Command.set(env.ref("base.group_portal").ids)],
                }
            )
            rita = env["hr.employee"].browse(self.rita_id)
            contact_id = rita.work_contact_id.id
            rita.user_id = user  # which makes the user's partner her work contact
            return user.id, user.partner_id.id, contact_id

        def remove(env):
            env["hr.pop.request"].search([("employee_id", "=", self.rita_id)]).unlink()
            env["hr.employee"].browse(self.rita_id).write(
                {"user_id": False, "work_contact_id": contact_id}
            )
            env["res.users"].browse(user_id).unlink()
            env["res.partner"].browse(partner_id).unlink()

        user_id, partner_id, contact_id = self._committed(create)
        # Before the fixture's own clean-up (clean-ups run last registered first).
        self.addCleanup(self._committed, remove)
        return user_id

    @staticmethod
    def _ask_for_a_conversation(user_id):
        def ask(env):
            return (
                env(user=user_id)["hr.pop.request"]
                ._request_conversation("I would like to talk about my next step")
                .id
            )

        return ask

    # --- tests ----------------------------------------------------------------------
    def test_one_request_sent_twice_at_once_is_kept_once_with_a_clear_message(self):
        user_id = self._give_rita_a_login()
        ask = self._ask_for_a_conversation(user_id)
        winner, loser = self._race(ask, ask)
        self.assertTrue(loser.waited, "the second transaction waits for the first")
        self.assertIsInstance(loser.error, UserError)
        self.assertIn("was sent already", str(loser.error))

        def requests(env):
            return (
                env["hr.pop.request"].search([("employee_id", "=", self.rita_id)]).ids
            )

        self.assertEqual(self._committed(requests), [winner.result])
        self.assertEqual(len(self._committed_pops(self.rita_id)), 1)

    def test_orm_creates_race_and_the_database_keeps_one(self):
        winner, loser = self._race(
            self._create_pop(self.rita_id), self._create_pop(self.rita_id, 3)
        )
        self.assertEqual(
            [pop_id for pop_id, _start, _end in self._committed_pops(self.rita_id)],
            [winner.result],
        )
        self.assertTrue(loser.waited, "the second transaction waits for the first")
        # Refused at the loser's commit, once the winner's plan is committed.
        self.assertIsInstance(loser.error, ExclusionViolation)
        self.assertEqual(loser.error.diag.constraint_name, CONSTRAINT_NAME)

    def test_rpc_create_that_loses_the_race_gets_a_clear_message(self):
        create = self._create_pop(self.rita_id, 3)

        def create_as_rpc(env):
            # What /web/dataset/call_kw runs around a method: flush, then commit.
            return retrying(lambda: create(env), env)

        winner, loser = self._race(self._create_pop(self.rita_id), create_as_rpc)
        self.assertEqual(len(self._committed_pops(self.rita_id)), 1)
        self.assertTrue(loser.waited, "the second transaction waits for the first")
        self.assertIsInstance(loser.error, ValidationError)
        self.assertIn(
            "This employee already has an open development plan for an overlapping "
            "period.",
            loser.error.args[0],
        )

    def test_round_loses_to_scheduled_creation_and_skips_only_that_employee(self):
        winner, loser = self._race(
            self._create_due_pops, self._start_round([self.rita_id, self.ruben_id])
        )
        self.assertIsNone(loser.error, "the round must not fail")
        self.assertEqual(winner.result, (1, 0))
        rita_pops = self._committed_pops(self.rita_id)
        self.assertEqual(len(rita_pops), 1, "exactly one plan for Rita")
        self.assertTrue(loser.waited, "the second transaction waits for the first")
        self.assertEqual(rita_pops[0][1:], self.period)
        self.assertEqual(len(self._committed_pops(self.ruben_id)), 1)
        message = loser.result["params"]["message"]
        self.assertIn("Created the plan of Ruben Race.", message)
        self.assertIn("Skipped, with an open plan", message)
        self.assertIn("Rita Race", message)
        self.assertEqual(loser.result["params"]["type"], "warning")

    def test_scheduled_creation_loses_to_round_and_skips_cleanly(self):
        with self.assertNoLogs(NOTIFICATION_LOGGER, "ERROR"):
            winner, loser = self._race(
                self._start_round([self.rita_id]), self._create_due_pops
            )
        self.assertIsNone(loser.error, "the scheduled creation must not fail")
        self.assertIn("Created the plan of", winner.result["params"]["message"])
        rita_pops = self._committed_pops(self.rita_id)
        self.assertEqual(len(rita_pops), 1, "exactly one plan for Rita")
        self.assertTrue(loser.waited, "the second transaction waits for the first")
        self.assertEqual(
            [rita_pops[0][0]], winner.result["params"]["next"]["domain"][0][2]
        )

    def _draft_pops_with_a_date(self, env):
        """Rita's and Ruben's plans, ready to be invited (manager and date set)."""
        meeting = fields.Datetime.now() + relativedelta(days=10)
        return [
            env["hr.pop"].browse(self._create_pop(employee_id)(env)).id
            for employee_id in (self.rita_id, self.ruben_id)
        ], meeting

    def _remove_invited_pops(self, pop_ids, env):
        pops = env["hr.pop"].browse(pop_ids).exists()
        # The employee's mails are not in the plan's chatter: removed by their log.
        env["hr.pop.notification"].search([("pop_id", "in", pops.ids)]).mail_id.unlink()
        pops.meeting_event_id.unlink()
        pops._pop_workflow().write({"state": "cancelled"})
        pops.unlink()

    def test_invitation_batch_loses_to_a_manager_and_invites_only_the_others(self):
        def setup(env):
            pop_ids, meeting = self._draft_pops_with_a_date(env)
            env["hr.pop"].browse(pop_ids).write({"meeting_date": meeting})
            return pop_ids

        rita_pop, ruben_pop = pop_ids = self._committed(setup)
        self.addCleanup(self._committed, partial(self._remove_invited_pops, pop_ids))

        def manager_invites_rita(env):
            env["hr.pop"].browse(rita_pop).action_invite()

        def cron_batch(env):
            # What the invitation cron runs on a batch of due plans.
            return env["hr.pop.notification"]._process_batch(
                env["hr.pop"].browse(pop_ids), lambda pops: pops.action_invite()
            )

        with self.assertNoLogs(NOTIFICATION_LOGGER, "ERROR"):
            winner, loser = self._race(manager_invites_rita, cron_batch)
        self.assertIsNone(loser.error, "the batch must not fail")
        self.assertTrue(loser.waited, "the second transaction waits for the first")
        self.assertEqual(loser.result, 1, "only Ruben is invited by the batch")

        def read(env):
            pops = env["hr.pop"].browse(pop_ids)
            invitations = env["hr.pop.notification"].search(
                [("pop_id", "in", pop_ids), ("kind", "=", "invitation")]
            )
            return (
                pops.mapped("state"),
                sorted(invitations.pop_id.ids),
                len(invitations),
                len(pops.meeting_event_id),
            )

        states, invited_ids, invitations, events = self._committed(read)
        self.assertEqual(states, ["invited", "invited"])
        self.assertEqual(invited_ids, sorted([rita_pop, ruben_pop]))
        self.assertEqual(invitations, 2, "one invitation each, none twice")
        self.assertEqual(events, 2, "one conversation in the calendar each")


class TestHrPopOverlapConstraint(HrPopCronCommon):
    """The exclusion constraint itself, inside one transaction."""

    def test_constraint_exists_in_the_database(self):
        self.env.cr.execute(
            """SELECT contype, pg_get_constraintdef(c.oid)
                 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE t.relname = 'hr_pop' AND c.conname = %s""",
            [CONSTRAINT_NAME],
        )
        rows = self.env.cr.fetchall()
        self.assertEqual(len(rows), 1, "the constraint is installed")
        contype, definition = rows[0]
        self.assertEqual(contype, "x", "an exclusion constraint")
        self.assertIn("DEFERRABLE INITIALLY DEFERRED", definition)
        self.assertIn("EXCLUDE USING gist", definition)
        self.assertIn("state", definition)
        constraint = self.env["ir.model.constraint"].search(
            [("name", "=", CONSTRAINT_NAME), ("module.name", "=", "hr_pop")]
        )
        self.assertIn("already has an open development plan", constraint.message)

    def test_constraint_refuses_what_the_python_check_would(self):
        start, end = self._period(date(2031, 1, 1))
        first = self._create_pop(self.employee_emp, date_start=start, date_end=end)
        later = end + relativedelta(days=1)
        second = self._create_pop(
            self.employee_emp, date_start=later, date_end=later + relativedelta(days=9)
        )
        other = self._create_pop(self.employee_emp2, date_start=start, date_end=end)
        self.env.flush_all()

        def move(pop, date_start):
            # Past the ORM and its Python check, straight to the database.
            self.env.cr.execute(
                "UPDATE hr_pop SET date_start = %s WHERE id = %s", [date_start, pop.id]
            )
            self.env["hr.pop"]._check_overlap_constraint_now()

        # Sharing a single day is an overlap.
        with self.assertRaises(ExclusionViolation), self.env.cr.savepoint():
            move(second, end)
        # A cancelled plan does not count.
        self.env.cr.execute(
            "UPDATE hr_pop SET state = 'cancelled' WHERE id = %s", [first.id]
        )
        move(second, end)
        # Another employee's plan for the same period is no overlap.
        self.assertTrue(other.exists())


class TestHrPopArchivedEmployee(HrPopCronCommon):
    """Who has left (archived) gets no new plan, no invitation and no mail."""

    def _archive(self, employee):
        employee.with_context(no_wizard=True).active = False

    def test_no_plan_for_an_archived_employee(self):
        self._archive(self.employee_emp2)
        with self.assertRaises(ValidationError) as caught:
            self._create_pop(self.employee_emp2, user=self.user_officer)
        self.assertIn("Erik Employee is archived", str(caught.exception))
        pop = self._create_pop(self.employee_emp)
        with self.assertRaises(ValidationError):
            pop.employee_id = self.employee_emp2

    def test_plan_of_who_left_stays_and_can_be_cancelled(self):
        pop = self._create_pop(self.employee_emp2)
        self._archive(self.employee_emp2)
        pop.action_cancel("Left the company")
        self.assertEqual(pop.state, "cancelled")

    def test_archived_employee_is_not_invited(self):
        pop = self._pop_with_meeting(self.employee_emp2)
        self._archive(self.employee_emp2)
        with self.assertRaises(UserError) as caught:
            pop.with_user(self.user_manager).action_invite()
        self.assertIn("Erik Employee is archived", str(caught.exception))
        self.assertEqual(pop.state, "draft")
        self.assertFalse(pop.meeting_event_id)
        self.assertFalse(self._logs(pop))
        self.assertFalse(self._new_mails())

    def test_invitation_cron_skips_archived_employees(self):
        staying = self._pop_with_meeting(self.employee_emp)
        leaving = self._pop_with_meeting(self.employee_emp2)
        self._archive(self.employee_emp2)
        with self.assertNoLogs(NOTIFICATION_LOGGER, "ERROR"):
            self.Notification._cron_send_invitations()
        self.assertEqual(staying.state, "invited")
        self.assertEqual(leaving.state, "draft")
        self.assertFalse(leaving.meeting_event_id)
        self.assertFalse(self._logs(leaving))
        self.assertNotIn(
            "erik.employee@home.example.com",
            " ".join(self._new_mails().mapped("email_to")),
        )

    def test_scheduled_creation_skips_archived_employees(self):
        self.company_a.write(
            {
                "pop_auto_create": True,
                "pop_cycle_rule": "month",
                "pop_cycle_month": "3",
                "pop_department_ids": [fields.Command.set(self.department_team.ids)],
            }
        )
        self._archive(self.employee_emp2)
        with freeze_time("2027-02-10"):
            self.Notification._cron_send_invitations()
        pops = self.env["hr.pop"].search(
            [("employee_id", "in", (self.employee_emp | self.employee_emp2).ids)]
        )
        self.assertEqual(pops.employee_id, self.employee_emp)

    def test_round_wizard_leaves_out_archived_employees(self):
        self._archive(self.employee_emp2)
        Wizard = self.env["hr.pop.round.wizard"].with_user(self.user_officer)
        by_department = Wizard.create(
            {"department_id": self.department_team.id, "date_start": "2027-01-01"}
        )
        self.assertNotIn(self.employee_emp2, by_department.line_ids.employee_id)
        selection = self.employee_emp | self.employee_emp2
        selected = Wizard.with_context(
            active_model="hr.employee", active_ids=selection.ids
        ).create({"date_start": "2027-01-01"})
        self.assertEqual(selected.line_ids.employee_id, self.employee_emp)

        # Archived after the wizard was filled in: skipped and reported.
        wizard = Wizard.with_context(
            active_model="hr.employee", active_ids=self.employee_portal.ids
        ).create({"date_start": "2027-01-01"})
        wizard.line_ids = [
            fields.Command.create({"employee_id": self.employee_emp.id}),
        ]
        self._archive(self.employee_portal)
        action = wizard.action_start()
        pops = self.env["hr.pop"].search(
            [("employee_id", "in", (self.employee_emp | self.employee_portal).ids)]
        )
        self.assertEqual(pops.employee_id, self.employee_emp)
        message = action["params"]["message"]
        self.assertIn("Skipped, archived: Paul Portal.", message)
        self.assertEqual(action["params"]["type"], "warning")
