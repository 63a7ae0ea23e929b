# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from .common import TestHrPopCommon


class TestHrPopConstraints(TestHrPopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()

    # --- plan period --------------------------------------------------------------
    def test_period_must_end_after_it_starts(self):
        with self.assertRaises(ValidationError):
            self._create_pop(
                self.employee_emp,
                date_start=self.today,
                date_end=self.today - timedelta(days=1),
            )
        with self.assertRaises(ValidationError):
            self._create_pop(
                self.employee_emp, date_start=self.today, date_end=self.today
            )
        pop = self._create_pop(
            self.employee_emp,
            date_start=self.today,
            date_end=self.today + timedelta(days=1),
        )
        with self.assertRaises(ValidationError):
            pop.date_end = self.today - timedelta(days=10)

    # --- one plan per employee and period -------------------------------------------
    def test_second_plan_for_an_overlapping_period_is_refused(self):
        start, end = self._period()
        self._create_pop(self.employee_emp, date_start=start, date_end=end)
        with self.assertRaises(ValidationError):
            self._create_pop(
                self.employee_emp,
                date_start=start + timedelta(days=100),
                date_end=end + timedelta(days=100),
            )
        # Touching on a single day is an overlap too.
        with self.assertRaises(ValidationError):
            self._create_pop(
                self.employee_emp, date_start=end, date_end=end + timedelta(days=30)
            )

    def test_cancelled_plan_does_not_block_a_new_one_for_the_same_period(self):
        start, end = self._period()
        old = self._create_pop(self.employee_emp, date_start=start, date_end=end)
        old.action_cancel("Wrong period")
        new = self._create_pop(self.employee_emp, date_start=start, date_end=end)
        self.assertEqual(new.state, "draft")
        self.assertEqual(old.state, "cancelled")

    def test_cancelled_plan_cannot_be_restarted_over_a_running_period(self):
        start, end = self._period()
        old = self._create_pop(self.employee_emp, date_start=start, date_end=end)
        old.action_cancel("Wrong period")
        self._create_pop(self.employee_emp, date_start=start, date_end=end)
        with self.assertRaises(ValidationError):
            old.with_user(self.user_officer).action_reset_draft()

    def test_plans_for_consecutive_periods_are_allowed(self):
        start, end = self._period()
        first = self._create_pop(self.employee_emp, date_start=start, date_end=end)
        second = self._create_pop(
            self.employee_emp,
            date_start=end + timedelta(days=1),
            date_end=end + timedelta(days=365),
        )
        self.assertNotEqual(first, second)

    def test_other_employees_may_have_plans_for_the_same_period(self):
        start, end = self._period()
        pops = self._create_pop(self.employee_emp, date_start=start, date_end=end)
        pops |= self._create_pop(self.employee_emp2, date_start=start, date_end=end)
        self.assertEqual(len(pops), 2)

    # --- costs ------------------------------------------------------------------
    @mute_logger("odoo.sql_db")
    def test_activity_cost_cannot_be_negative(self):
        pop = self._create_pop(self.employee_emp, line_vals=False)
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            self._create_line(pop, cost=-1.0)
        line = self._create_line(pop, cost=0.0)
        self.assertEqual(line.cost, 0.0)

    @mute_logger("odoo.sql_db")
    def test_course_cost_cannot_be_negative(self):
        Course = self.env["hr.pop.course"]
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            Course.create({"name": "Negative course", "cost": -50.0})
        course = Course.create({"name": "Free course", "cost": 0.0})
        self.assertEqual(course.cost, 0.0)

    # --- activities ---------------------------------------------------------------
    def test_activity_must_end_after_it_starts(self):
        pop = self._create_pop(self.employee_emp, line_vals=False)
        with self.assertRaises(ValidationError):
            self._create_line(
                pop,
                date_start=self.today + timedelta(days=10),
                date_end=self.today + timedelta(days=9),
            )
        one_day = self._create_line(
            pop,
            date_start=self.today + timedelta(days=10),
            date_end=self.today + timedelta(days=10),
        )
        self.assertEqual(one_day.date_start, one_day.date_end)
        with self.assertRaises(ValidationError):
            one_day.date_end = self.today

    def test_activity_must_belong_to_a_goal_of_its_own_plan(self):
        pop = self._create_pop(self.employee_emp)
        other_pop = self._create_pop(self.employee_emp2)
        with self.assertRaises(ValidationError):
            self._create_line(pop, goal_id=other_pop.goal_ids.id)

    # --- mandatory training (art. 7:611a BW) ---------------------------------------
    def test_mandatory_training_refuses_a_repayment_agreement(self):
        pop = self._create_pop(self.employee_emp, line_vals=False)
        with self.assertRaises(ValidationError):
            self._create_line(
                pop, mandatory=True, repayment_agreement=True, repayment_months=24
            )
        voluntary = self._create_line(
            pop, repayment_agreement=True, repayment_months=24
        )
        self.assertTrue(voluntary.repayment_agreement)
        with self.assertRaises(ValidationError):
            voluntary.mandatory = True

    def test_mandatory_training_is_in_working_time(self):
        pop = self._create_pop(self.employee_emp, line_vals=False)
        line = self._create_line(pop, mandatory=True)
        self.assertTrue(
            line.during_work_hours, "mandatory training defaults to work time"
        )
        with self.assertRaises(ValidationError):
            line.during_work_hours = False
        with self.assertRaises(ValidationError):
            self._create_line(pop, mandatory=True, during_work_hours=False)
        own_time = self._create_line(pop, during_work_hours=False)
        own_time.mandatory = True
        self.assertTrue(own_time.during_work_hours)

    def test_marking_training_mandatory_in_the_form_drops_the_repayment_agreement(self):
        pop = self._create_pop(self.employee_emp, line_vals=False)
        line = self._create_line(
            pop, during_work_hours=False, repayment_agreement=True, repayment_months=12
        )
        with Form(line) as form:
            form.mandatory = True
            self.assertFalse(form.repayment_agreement)
            self.assertTrue(form.during_work_hours)
        self.assertTrue(line.mandatory)
        self.assertFalse(line.repayment_agreement)
        self.assertTrue(line.during_work_hours)

    def test_marking_training_mandatory_in_the_plan_form_drops_the_repayment(self):
        pop = self._create_pop(
            self.employee_emp,
            line_vals={"during_work_hours": False, "repayment_agreement": True},
        )
        with Form(pop) as form, form.line_ids.edit(0) as line_form:
            line_form.mandatory = True
        self.assertTrue(pop.line_ids.mandatory)
        self.assertFalse(pop.line_ids.repayment_agreement)
        self.assertTrue(pop.line_ids.during_work_hours)

    @mute_logger("odoo.sql_db")
    def test_repayment_period_lies_between_0_and_120_months(self):
        pop = self._create_pop(self.employee_emp, line_vals=False)
        with self.assertRaisesRegex(ValidationError, "between 0 and 120"):
            self._create_line(pop, repayment_agreement=True, repayment_months=-1)
        with self.assertRaisesRegex(ValidationError, "between 0 and 120"):
            self._create_line(pop, repayment_agreement=True, repayment_months=121)

    # --- goals ----------------------------------------------------------------------
    @mute_logger("odoo.sql_db")
    def test_goal_progress_stays_between_0_and_100(self):
        pop = self._create_pop(self.employee_emp, goal_vals=False, line_vals=False)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self._create_goal(pop, progress=-1)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self._create_goal(pop, progress=101)
        goal = self._create_goal(pop, progress=0)
        goal.progress = 100
        self.env.flush_all()
        self.assertEqual(goal.progress, 100)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            goal.progress = 150
        # The database keeps the same rule for whatever bypasses the ORM.
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env.cr.execute(
                "UPDATE hr_pop_goal SET progress = 150 WHERE id = %s", [goal.id]
            )
