# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .cron_common import HrPopCronCommon


@tagged("post_install", "-at_install")
class TestHrPopRound(HrPopCronCommon):
    """Start a POP round for a department or a selection of employees."""

    def _round_pops(self, employees):
        return self.env["hr.pop"].search(
            [
                ("employee_id", "in", employees.ids),
                ("date_start", "=", "2027-01-01"),
                ("state", "!=", "cancelled"),
            ]
        )

    def test_round_for_a_department_skips_who_has_an_open_plan(self):
        team = (
            self.employee_manager
            | self.employee_emp
            | self.employee_emp2
            | self.employee_portal
        )
        existing = self._create_pop(
            self.employee_emp2, date_start="2026-12-01", date_end="2027-02-28"
        )
        cancelled = self._create_pop(
            self.employee_portal, date_start="2026-12-01", date_end="2027-02-28"
        )
        cancelled.action_cancel("Left the team for a while")

        Wizard = self.env["hr.pop.round.wizard"].with_user(self.user_officer)
        with Form(Wizard) as form:
            form.department_id = self.department_team
            form.date_start = date(2027, 1, 1)
            self.assertEqual(form.date_end, date(2027, 12, 31))
            with form.line_ids.edit(
                form.line_ids._records.index(
                    next(
                        r
                        for r in form.line_ids._records
                        if r["employee_id"] == self.employee_emp.id
                    )
                )
            ) as line:
                line.meeting_date = "2026-12-10 09:00:00"
        wizard = form.record
        self.assertEqual(wizard.line_ids.employee_id, team)

        action = wizard.action_start()
        pops = self._round_pops(team)
        # The department's manager has nobody to hold his conversation: skipped.
        self.assertEqual(
            pops.employee_id, team - self.employee_emp2 - self.employee_manager
        )
        self.assertEqual(
            pops.filtered(lambda p: p.employee_id == self.employee_emp).meeting_date,
            wizard.line_ids.filtered(
                lambda line: line.employee_id == self.employee_emp
            ).meeting_date,
        )
        self.assertEqual(set(pops.mapped("state")), {"draft"})
        self.assertEqual(set(pops.mapped("date_end")), {date(2027, 12, 31)})
        self.assertNotIn(existing, pops)

        params = action["params"]
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(params["type"], "warning")
        self.assertIn("Created 2 plans", params["message"])
        for employee in team - self.employee_emp2:
            self.assertIn(employee.name, params["message"])
        self.assertIn("Skipped, with an open plan for this period", params["message"])
        self.assertIn("Erik Employee", params["message"])
        self.assertIn(
            "Skipped, without a manager (nor a manager of their department) "
            "to hold the conversation: Mark Manager.",
            params["message"],
        )
        self.assertEqual(sorted(params["next"]["domain"][0][2]), sorted(pops.ids))

        # The same round again creates nothing and says so.
        again = Wizard.create(
            {"department_id": self.department_team.id, "date_start": "2027-01-01"}
        ).action_start()
        self.assertIn("No plan was created", again["params"]["message"])
        self.assertIn("Skipped, with an open plan", again["params"]["message"])
        self.assertEqual(self._round_pops(team), pops)

    def test_round_for_selected_employees_by_their_manager(self):
        selection = self.employee_emp | self.employee_portal
        wizard = (
            self.env["hr.pop.round.wizard"]
            .with_user(self.user_manager)
            .with_context(active_model="hr.employee", active_ids=selection.ids)
            .create({"date_start": "2027-01-01"})
        )
        self.assertEqual(wizard.line_ids.employee_id, selection)
        action = wizard.action_start()
        self.assertEqual(action["params"]["type"], "success")
        pops = self._round_pops(selection)
        self.assertEqual(pops.employee_id, selection)
        self.assertEqual(set(pops.mapped("manager_id")), {self.employee_manager})

    def test_round_fills_the_manager_from_the_department(self):
        self.employee_emp2.parent_id = False
        wizard = (
            self.env["hr.pop.round.wizard"]
            .with_user(self.user_officer)
            .create(
                {"department_id": self.department_team.id, "date_start": "2027-01-01"}
            )
        )
        wizard.action_start()
        pop = self._round_pops(self.employee_emp2)
        self.assertEqual(pop.manager_id, self.employee_manager)

    def test_round_needs_employees(self):
        wizard = self.env["hr.pop.round.wizard"].create({"date_start": "2027-01-01"})
        with self.assertRaises(UserError):
            wizard.action_start()
