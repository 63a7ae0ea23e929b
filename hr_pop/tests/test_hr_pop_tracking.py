# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chatter's tracking of a plan: changes, never "None -> value"."""

from odoo.tests import tagged

from .common import TestHrPopCommon


@tagged("post_install", "-at_install")
class TestHrPopTracking(TestHrPopCommon):
    def _click(self, step):
        """One step of the cycle in its own transaction: its tracking is logged."""
        step()
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _empty_old_values(self, pop):
        """The tracked changes the chatter shows as "None -> ...": yes/no and
        numbers always show a value."""
        return [
            (value["fieldName"], value["newValue"]["value"])
            for value in pop.message_ids.tracking_value_ids._tracking_value_format()
            if value["oldValue"]["value"] in (False, None, "")
            and value["fieldType"] not in ("boolean", "integer", "float", "monetary")
        ]

    def test_a_full_cycle_tracks_no_change_from_nothing(self):
        self.company_a.pop_approval_threshold = 1000.0
        pop = self._create_pop(
            self.employee_emp, meeting_date=False, line_vals={"cost": 1500.0}
        )
        self._click(lambda: None)  # created in a transaction of its own
        employee = pop.with_user(self.user_employee)
        manager = pop.with_user(self.user_manager)
        hr = pop.with_user(self.user_officer)

        def sign_both(decision):
            self._click(
                lambda: employee.sign(
                    "employee", self.png, "Emma", decision=decision, comment="Too few"
                )
            )
            self._click(lambda: manager.sign("manager", self.png, "Mark"))

        for step in (
            lambda: manager.write({"meeting_date": self._default_meeting_date()}),
            manager.action_invite,
            lambda: manager.manager_answer_ids[:1].write({"answer": "Team lead"}),
            manager.action_submit_manager_preparation,
            manager.action_share_manager_preparation,
            manager.action_start_meeting,
            manager.action_submit,
            lambda: sign_both("agree"),
            lambda: hr.action_refuse("Too expensive this year"),
            manager.action_submit,
            lambda: sign_both("seen"),
            hr.action_approve,
            lambda: manager.goal_ids.write(
                {"state": "reached", "lessons_learned": "Planning is team work"}
            ),
            manager.action_close,
        ):
            self._click(step)
        self.assertEqual(pop.state, "done")
        self.assertFalse(self._empty_old_values(pop))
        # What is no longer tracked is told by the chatter's notes.
        notes = " ".join(pop.message_ids.mapped("body"))
        self.assertIn("Too expensive this year", notes)
        self.assertIn("seen, not agreed", notes)

    def test_a_cancelled_plan_tells_its_reason_in_a_note(self):
        pop = self._create_pop(self.employee_emp)
        self._click(lambda: pop.with_user(self.user_manager).action_cancel("Moved"))
        self.assertFalse(self._empty_old_values(pop))
        self.assertIn(
            "Plan cancelled by Mark Manager: Moved",
            " ".join(pop.message_ids.mapped("body")),
        )
