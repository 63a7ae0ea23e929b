# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import Form

from .common import TestHrPopCommon


class TestHrPopCompute(TestHrPopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.institute = cls.env["res.partner"].create(
            {"name": "POP Training Institute", "is_company": True}
        )
        cls.course = cls.env["hr.pop.course"].create(
            {
                "name": "Effective Communication",
                "institute_id": cls.institute.id,
                "code": "EC-2",
                "activity_type": "coaching",
                "cost": 1195.0,
                "duration_hours": 24,
            }
        )

    # --- reference and defaults ----------------------------------------------------
    def test_reference_is_pop_year_and_four_digit_number(self):
        pop = self._create_pop(self.employee_emp)
        self.assertRegex(pop.name, rf"^POP/{self.today.year}/\d{{4}}$")
        other = self._create_pop(self.employee_emp2)
        self.assertRegex(other.name, rf"^POP/{self.today.year}/\d{{4}}$")
        number = int(re.search(r"(\d{4})$", pop.name).group(1))
        self.assertEqual(other.name, f"POP/{self.today.year}/{number + 1:04d}")

    def test_copy_gets_a_new_reference(self):
        pop = self._create_pop(self.employee_emp, line_vals={"goal_id": False})
        start, end = self._period(pop.date_end + timedelta(days=1))
        copy = pop.copy({"date_start": start, "date_end": end})
        self.assertNotEqual(copy.name, pop.name)
        self.assertRegex(copy.name, r"^POP/\d{4}/\d{4}$")

    def test_copy_is_the_next_plan_with_activities_on_the_copied_goals(self):
        pop = self._create_pop(self.employee_emp)
        pop.line_ids.state = "done"
        copy = pop.copy()
        self.assertEqual(copy.date_start, pop.date_end + timedelta(days=1))
        self.assertEqual(len(copy.goal_ids), 1)
        self.assertEqual(len(copy.line_ids), 1)
        self.assertEqual(copy.line_ids.goal_id, copy.goal_ids)
        self.assertEqual(copy.line_ids.state, "planned")
        self.assertEqual(copy.previous_pop_id, pop)
        self.assertEqual(
            pop.line_ids.goal_id, pop.goal_ids, "the original is untouched"
        )

    def test_previous_plan_follows_a_later_created_or_cancelled_earlier_plan(self):
        current = self._create_pop(self.employee_emp)
        start = current.date_start - relativedelta(years=1)
        earlier = self._create_pop(
            self.employee_emp,
            date_start=start,
            date_end=current.date_start - timedelta(days=1),
        )
        self.assertEqual(current.previous_pop_id, earlier)
        earlier.action_cancel("Entered by mistake")
        self.assertFalse(current.previous_pop_id)

    def test_manager_defaults_to_the_employees_manager(self):
        pop = self._create_pop(self.employee_emp)
        self.assertEqual(pop.manager_id, self.employee_manager)
        self.assertEqual(pop.manager_user_id, self.user_manager)
        self.assertEqual(pop.employee_user_id, self.user_employee)
        other = self._create_pop(self.employee_other)
        self.assertEqual(other.manager_id, self.employee_other_manager)

    def test_manager_can_be_chosen_instead_of_the_employees_manager(self):
        pop = self._create_pop(
            self.employee_emp, manager_id=self.employee_other_manager.id
        )
        self.assertEqual(pop.manager_id, self.employee_other_manager)

    def test_period_defaults_to_one_year_from_today(self):
        pop = self.env["hr.pop"].create({"employee_id": self.employee_emp.id})
        self.assertEqual(pop.date_start, self.today)
        self.assertEqual(pop.date_end, self.today + relativedelta(years=1, days=-1))
        self.assertEqual(pop.state, "draft")
        self.assertEqual(pop.company_id, self.company_a)

    def test_new_plan_form_fills_manager_and_period(self):
        with Form(self.env["hr.pop"]) as form:
            form.employee_id = self.employee_emp
            self.assertEqual(form.manager_id, self.employee_manager)
            self.assertEqual(form.date_start, self.today)
            self.assertEqual(
                form.date_end, self.today + relativedelta(years=1, days=-1)
            )
        pop = form.record
        self.assertEqual(pop.manager_id, self.employee_manager)
        self.assertEqual(pop.department_id, self.department_team)

    def test_plan_takes_the_company_of_its_employee(self):
        self.assertEqual(self.pop_company_b.company_id, self.company_b)
        self.assertEqual(self.pop_company_b.goal_ids.company_id, self.company_b)
        self.assertEqual(self.pop_company_b.line_ids.company_id, self.company_b)
        self.assertEqual(self.pop_company_b.currency_id, self.company_b.currency_id)

    # --- costs --------------------------------------------------------------------
    def test_total_cost_sums_the_activities_that_are_not_cancelled(self):
        pop = self._create_pop(self.employee_emp, line_vals={"cost": 250.0})
        self._create_line(pop, cost=100.0)
        cancelled = self._create_line(pop, cost=1000.0, state="cancelled")
        self.assertEqual(pop.total_cost, 350.0)
        cancelled.state = "planned"
        self.assertEqual(pop.total_cost, 1350.0)
        pop.line_ids[0].cost = 50.0
        self.assertEqual(pop.total_cost, 1150.0)
        self.assertEqual(pop.goal_ids.cost, 50.0)
        pop.line_ids[0].unlink()
        self.assertEqual(pop.total_cost, 1100.0)

    def test_goal_count_counts_the_goals(self):
        pop = self._create_pop(self.employee_emp)
        self._create_goal(pop, category="personal", name="Give clearer feedback")
        self.assertEqual(pop.goal_count, 2)

    # --- catalog courses on activities ---------------------------------------------
    def test_choosing_a_course_fills_the_activity(self):
        pop = self._create_pop(self.employee_emp, line_vals=False)
        line = self.env["hr.pop.line"].create(
            {"pop_id": pop.id, "course_id": self.course.id}
        )
        self.assertEqual(line.name, "Effective Communication")
        self.assertEqual(line.institute_id, self.institute)
        self.assertEqual(line.course_code, "EC-2")
        self.assertEqual(line.cost, 1195.0)
        self.assertEqual(line.activity_type, "coaching")
        self.assertEqual(pop.total_cost, 1195.0)

    def test_course_values_stay_editable_on_the_activity(self):
        pop = self._create_pop(self.employee_emp, line_vals=False)
        line = self.env["hr.pop.line"].create(
            {"pop_id": pop.id, "course_id": self.course.id, "cost": 995.0}
        )
        self.assertEqual(line.cost, 995.0, "a negotiated price given with the course")
        self.assertEqual(line.name, "Effective Communication")
        line.write(
            {
                "name": "Effective Communication (in-company)",
                "course_code": "EC-2-IC",
                "cost": 800.0,
                "activity_type": "internal",
            }
        )
        self.assertEqual(line.name, "Effective Communication (in-company)")
        self.assertEqual(line.course_code, "EC-2-IC")
        self.assertEqual(line.cost, 800.0)
        self.assertEqual(line.activity_type, "internal")
        self.assertEqual(line.institute_id, self.institute)
        # Changing the catalog later does not rewrite agreed activities.
        self.course.cost = 2000.0
        self.assertEqual(line.cost, 800.0)

    def test_choosing_a_course_in_the_form_fills_editable_values(self):
        pop = self._create_pop(self.employee_emp, line_vals=False)
        with Form(self.env["hr.pop.line"]) as form:
            form.pop_id = pop
            form.course_id = self.course
            self.assertEqual(form.name, "Effective Communication")
            self.assertEqual(form.institute_id, self.institute)
            self.assertEqual(form.course_code, "EC-2")
            self.assertEqual(form.cost, 1195.0)
            self.assertEqual(form.activity_type, "coaching")
            form.cost = 1000.0
            form.name = "Communication for team leads"
        line = form.record
        self.assertEqual(line.cost, 1000.0)
        self.assertEqual(line.name, "Communication for team leads")
        self.assertEqual(line.course_id, self.course)

    def test_activity_without_course_keeps_its_own_values(self):
        pop = self._create_pop(self.employee_emp, line_vals=False)
        line = self._create_line(
            pop, name="Shadow the evening shift lead", activity_type="shadowing", cost=0
        )
        self.assertEqual(line.name, "Shadow the evening shift lead")
        self.assertEqual(line.activity_type, "shadowing")
        self.assertFalse(line.institute_id)

    # --- previous plan ------------------------------------------------------------
    def test_previous_plan_is_the_employees_latest_earlier_plan(self):
        start = self.today - relativedelta(years=2)
        oldest = self._create_pop(
            self.employee_emp,
            date_start=start,
            date_end=start + relativedelta(years=1, days=-1),
        )
        start = start + relativedelta(years=1)
        previous = self._create_pop(
            self.employee_emp,
            date_start=start,
            date_end=start + relativedelta(years=1, days=-1),
        )
        self._create_pop(
            self.employee_emp2,
            date_start=start,
            date_end=start + relativedelta(years=1, days=-1),
        )
        current = self._create_pop(self.employee_emp)
        self.assertFalse(oldest.previous_pop_id)
        self.assertEqual(previous.previous_pop_id, oldest)
        self.assertEqual(current.previous_pop_id, previous)
        self.assertEqual(current.previous_goal_ids, previous.goal_ids)

    def test_cancelled_plan_is_not_the_previous_plan(self):
        start = self.today - relativedelta(years=1)
        cancelled = self._create_pop(
            self.employee_emp, date_start=start, date_end=self.today - timedelta(days=1)
        )
        cancelled.action_cancel("Never held")
        current = self._create_pop(self.employee_emp)
        self.assertFalse(current.previous_pop_id)

    # --- employee block -------------------------------------------------------------
    def test_employee_block_shows_department_job_and_personnel_number(self):
        pop = self._create_pop(self.employee_emp)
        self.assertEqual(pop.department_id, self.department_team)
        self.assertEqual(pop.job_id, self.job_developer)
        self.assertEqual(pop.registration_number, "900001")
        self.assertEqual(pop.in_service_since, self.employee_emp.create_date.date())
        other = self._create_pop(self.employee_other)
        self.assertEqual(other.department_id, self.department_other)
        self.assertFalse(other.job_id)

    def test_department_and_job_follow_the_employee(self):
        pop = self._create_pop(self.employee_emp)
        self.employee_emp.write(
            {"department_id": self.department_other.id, "job_id": False}
        )
        self.assertEqual(pop.department_id, self.department_other)
        self.assertFalse(pop.job_id)

    def test_weekly_hours_come_from_the_employees_working_schedule(self):
        pop = self._create_pop(self.employee_emp)
        self.assertEqual(pop.weekly_hours, 40.0)
        attendances = [
            (
                0,
                0,
                {
                    "name": f"Day {day}",
                    "dayofweek": str(day),
                    "hour_from": hour_from,
                    "hour_to": hour_to,
                    "day_period": period,
                },
            )
            for day in range(4)
            for hour_from, hour_to, period in (
                (8, 12, "morning"),
                (13, 17, "afternoon"),
            )
        ]
        calendar_32h = self.env["resource.calendar"].create(
            {"name": "POP 32 hours", "attendance_ids": attendances}
        )
        self.employee_emp2.resource_calendar_id = calendar_32h
        pop_32h = self._create_pop(self.employee_emp2)
        self.assertEqual(pop_32h.weekly_hours, 32.0)

    # --- employee counters -------------------------------------------------------
    def test_employee_counts_plans_and_knows_the_current_one(self):
        self.assertEqual(self.employee_emp.pop_count, 0)
        self.assertFalse(self.employee_emp.current_pop_id)
        start = self.today - relativedelta(years=1)
        old = self._create_pop(
            self.employee_emp, date_start=start, date_end=self.today - timedelta(days=1)
        )
        current = self._create_pop(self.employee_emp)
        next_start = current.date_end + timedelta(days=1)
        self._create_pop(
            self.employee_emp,
            date_start=next_start,
            date_end=next_start + relativedelta(years=1, days=-1),
        )
        self.employee_emp.invalidate_recordset(["pop_count", "current_pop_id"])
        self.assertEqual(self.employee_emp.pop_count, 3)
        self.assertEqual(self.employee_emp.current_pop_id, current)
        self.assertNotEqual(self.employee_emp.current_pop_id, old)

    def test_cancelled_plan_is_not_the_current_plan(self):
        pop = self._create_pop(self.employee_emp)
        pop.action_cancel("Employee left")
        self.employee_emp.invalidate_recordset(["pop_count", "current_pop_id"])
        self.assertEqual(self.employee_emp.pop_count, 1)
        self.assertFalse(self.employee_emp.current_pop_id)

    def test_employee_smart_button_opens_his_plans(self):
        pop = self._create_pop(self.employee_emp)
        action = self.employee_emp.action_open_pops()
        self.assertEqual(action["res_model"], "hr.pop")
        self.assertEqual(self.env["hr.pop"].search(action["domain"]), pop)
        self.assertEqual(action["context"]["default_employee_id"], self.employee_emp.id)

    def test_public_employee_exposes_no_plan_field(self):
        public_fields = self.env["hr.employee.public"]._fields
        for name in ("pop_ids", "pop_count", "current_pop_id"):
            self.assertIn(name, self.env["hr.employee"]._fields)
            self.assertNotIn(name, public_fields)
        self.assertFalse(
            [name for name in public_fields if "pop" in name],
            "no development plan data on the public employee",
        )
