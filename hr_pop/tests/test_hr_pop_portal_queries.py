# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The portal's pages cost the same number of queries whatever the number of plans,
goals and activities (issue 10: a portal as fast as Odoo's own)."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from ..models.hr_pop_goal import GOAL_CATEGORIES
from .common import TestHrPopCommon

CATEGORIES = [category for category, _label in GOAL_CATEGORIES]


@tagged("post_install", "-at_install")
class TestHrPopPortalQueries(TestHrPopCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.course = cls.env["hr.pop.course"].create(
            {"name": "Lean Six Sigma Yellow Belt", "duration_hours": 24, "cost": 100}
        )

    def _queries(self, url):
        """Queries of one request of the portal user (a warm-up request first, so
        that caches are filled as in production)."""
        self.url_open(url).raise_for_status()
        self.env.flush_all()
        before = self.cr.sql_log_count
        response = self.url_open(url)
        response.raise_for_status()
        count = self.cr.sql_log_count - before
        self.assertGreater(count, 5, "the request's queries are counted")
        return count

    def _signed_plan(self, years_ahead, goals, lines):
        start = fields.Date.today() + relativedelta(years=years_ahead)
        pop = self._create_pop(
            self.employee_portal,
            goal_vals=False,
            line_vals=False,
            date_start=start,
            date_end=start + relativedelta(years=1, days=-1),
            meeting_date=fields.Datetime.now() + relativedelta(days=30),
        )
        for index in range(goals):
            goal = self._create_goal(
                pop, name=f"Goal {index}", category=CATEGORIES[index % len(CATEGORIES)]
            )
            for line_index in range(lines):
                self._create_line(
                    pop,
                    goal_id=goal.id,
                    name=f"Course {index}.{line_index}",
                    course_id=self.course.id,
                )
        self._to_sign(pop)
        pop.with_user(self.user_portal).sign("employee", self.png, "Paul Portal")
        pop.with_user(self.user_manager).sign("manager", self.png, "Mark Manager")
        return pop

    def test_the_list_of_plans_costs_the_same_for_one_or_many_plans(self):
        self._signed_plan(0, 1, 1)
        self.authenticate("pop_portal1", "pop_portal1")
        one = self._queries("/my/pops")
        for years in (1, 2, 3, 4):
            self._signed_plan(years, 2, 2)
        many = self._queries("/my/pops")
        self.assertEqual(many, one, "queries of /my/pops grow with the plans")

    def test_a_plan_costs_the_same_for_one_or_many_goals_and_activities(self):
        small = self._signed_plan(0, 1, 1)
        large = self._signed_plan(1, 8, 3)
        self.authenticate("pop_portal1", "pop_portal1")
        self.assertEqual(
            self._queries(f"/my/pops/{large.id}"),
            self._queries(f"/my/pops/{small.id}"),
            "queries of a plan's page grow with its goals and activities",
        )

    def test_the_home_page_tile_costs_the_same_for_one_or_many_plans(self):
        self._signed_plan(0, 1, 1)
        self.authenticate("pop_portal1", "pop_portal1")
        one = self._queries("/my/home")
        for years in (1, 2, 3):
            self._signed_plan(years, 1, 1)
        self.assertEqual(self._queries("/my/home"), one)
