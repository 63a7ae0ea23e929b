# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TestHrPopCommon

MUTED = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
POP_FIELDS = [
    "name",
    "state",
    "employee_id",
    "manager_id",
    "company_id",
    "department_id",
    "job_id",
    "weekly_hours",
    "date_start",
    "date_end",
    "total_cost",
    "goal_ids",
    "line_ids",
]


@tagged("post_install", "-at_install", "access_rights")
class TestHrPopAccess(TestHrPopCommon):
    """Who sees and changes which plans, goals and activities.

    ``pop_emp``, ``pop_emp2`` and ``pop_portal`` belong to direct reports of the
    manager, ``pop_remote`` to a direct report in another department and
    ``pop_dept_member`` to a member of the manager's department who reports to
    somebody else. ``pop_manager`` is the manager's own plan and ``pop_other``
    belongs to another team.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.employee_dept_member = Employee.create(
            {
                "name": "Dirk Department Member",
                "department_id": cls.department_team.id,
                "parent_id": cls.employee_other_manager.id,
            }
        )
        cls.employee_remote = Employee.create(
            {
                "name": "Rita Remote Report",
                "department_id": cls.department_other.id,
                "parent_id": cls.employee_manager.id,
            }
        )
        cls.pop_emp = cls._create_pop(cls.employee_emp)
        cls.pop_emp2 = cls._create_pop(cls.employee_emp2)
        cls.pop_portal = cls._create_pop(cls.employee_portal)
        cls.pop_dept_member = cls._create_pop(cls.employee_dept_member)
        cls.pop_remote = cls._create_pop(cls.employee_remote)
        cls.pop_manager = cls._create_pop(cls.employee_manager)
        cls.pop_other = cls._create_pop(cls.employee_other)
        cls.team_pops = (
            cls.pop_emp
            | cls.pop_emp2
            | cls.pop_portal
            | cls.pop_dept_member
            | cls.pop_remote
        )
        cls.all_pops_a = cls.team_pops | cls.pop_manager | cls.pop_other

    def _visible(self, user, model="hr.pop"):
        return self.env[model].with_user(user).search([])

    # --- employees ------------------------------------------------------------------
    def test_employee_reads_his_own_plan(self):
        pop = self.pop_emp.with_user(self.user_employee)
        values = pop.read(POP_FIELDS)[0]
        self.assertEqual(values["name"], self.pop_emp.name)
        self.assertEqual(values["manager_id"][0], self.employee_manager.id)
        self.assertEqual(self._visible(self.user_employee), self.pop_emp)

    def test_employee_reads_every_field_of_his_own_plan(self):
        values = self.pop_emp.with_user(self.user_employee).read()[0]
        self.assertEqual(values["id"], self.pop_emp.id)

    @mute_logger(*MUTED)
    def test_employee_cannot_read_another_employees_plan(self):
        for pop in (self.pop_emp2, self.pop_other, self.pop_manager):
            with self.assertRaises(AccessError):
                pop.with_user(self.user_employee).read(["name"])
        self.assertFalse(
            self.env["hr.pop"]
            .with_user(self.user_employee)
            .search([("employee_id", "=", self.employee_emp2.id)])
        )

    @mute_logger(*MUTED)
    def test_employee_cannot_write_another_employees_plan(self):
        with self.assertRaises(AccessError):
            self.pop_emp2.with_user(self.user_employee).write(
                {"current_position": "<p>forged</p>"}
            )

    @mute_logger(*MUTED)
    def test_employee_cannot_change_create_or_delete_his_own_plan(self):
        pop = self.pop_emp.with_user(self.user_employee)
        with self.assertRaises(AccessError):
            pop.write({"date_end": pop.date_end.replace(day=1)})
        with self.assertRaises(AccessError):
            pop.unlink()
        with self.assertRaises(AccessError):
            self.env["hr.pop"].with_user(self.user_employee).create(
                {"employee_id": self.employee_emp.id}
            )

    @mute_logger(*MUTED)
    def test_employee_reads_but_cannot_change_his_own_goals_and_activities(self):
        Goal = self.env["hr.pop.goal"].with_user(self.user_employee)
        Line = self.env["hr.pop.line"].with_user(self.user_employee)
        self.assertEqual(Goal.search([]), self.pop_emp.goal_ids)
        self.assertEqual(Line.search([]), self.pop_emp.line_ids)
        goal = self.pop_emp.goal_ids.with_user(self.user_employee)
        line = self.pop_emp.line_ids.with_user(self.user_employee)
        self.assertTrue(goal.read(["name", "success_measure", "progress"]))
        self.assertTrue(line.read(["name", "cost", "mandatory"]))
        with self.assertRaises(AccessError):
            goal.write({"name": "Own goal"})
        with self.assertRaises(AccessError):
            line.write({"cost": 0.0})
        with self.assertRaises(AccessError):
            Line.create({"pop_id": self.pop_emp.id, "name": "Extra", "cost": 5.0})

    @mute_logger(*MUTED)
    def test_employee_cannot_read_another_employees_goals_and_activities(self):
        with self.assertRaises(AccessError):
            self.pop_emp2.goal_ids.with_user(self.user_employee).read(["name"])
        with self.assertRaises(AccessError):
            self.pop_emp2.line_ids.with_user(self.user_employee).read(["cost"])

    # --- managers -------------------------------------------------------------------
    def test_manager_sees_exactly_his_teams_plans_and_his_own(self):
        visible = self._visible(self.user_manager)
        self.assertEqual(visible, self.team_pops | self.pop_manager)
        self.assertNotIn(self.pop_other, visible)
        self.assertNotIn(self.pop_company_b, visible)

    def test_manager_sees_the_goals_and_activities_of_his_team(self):
        team_and_own = self.team_pops | self.pop_manager
        self.assertEqual(
            self._visible(self.user_manager, "hr.pop.goal"), team_and_own.goal_ids
        )
        self.assertEqual(
            self._visible(self.user_manager, "hr.pop.line"), team_and_own.line_ids
        )

    def test_manager_changes_his_teams_plans(self):
        for pop in self.team_pops:
            pop.with_user(self.user_manager).write({"focus_areas": "<p>Lean</p>"})
            pop.goal_ids.with_user(self.user_manager).write({"name": "Lead a project"})
            pop.line_ids.with_user(self.user_manager).write({"cost": 150.0})
        self.assertEqual(set(self.team_pops.mapped("total_cost")), {150.0})
        self.assertEqual(
            set(self.team_pops.goal_ids.mapped("name")), {"Lead a project"}
        )

    @mute_logger(*MUTED)
    def test_manager_cannot_change_his_own_plan(self):
        pop = self.pop_manager.with_user(self.user_manager)
        self.assertTrue(pop.read(["name"]), "he reads his own plan as an employee")
        with self.assertRaises(AccessError):
            pop.write({"focus_areas": "<p>Promote myself</p>"})
        with self.assertRaises(AccessError):
            pop.goal_ids.write({"name": "Own goal"})
        with self.assertRaises(AccessError):
            pop.line_ids.write({"cost": 0.0})
        with self.assertRaises(AccessError):
            self._create_line(pop, cost=10000.0)

    @mute_logger(*MUTED)
    def test_manager_cannot_read_or_change_other_teams_plans(self):
        pop = self.pop_other.with_user(self.user_manager)
        with self.assertRaises(AccessError):
            pop.read(["name"])
        with self.assertRaises(AccessError):
            pop.write({"focus_areas": "<p>forged</p>"})
        with self.assertRaises(AccessError):
            self.pop_other.goal_ids.with_user(self.user_manager).read(["name"])

    @mute_logger(*MUTED)
    def test_manager_creates_plans_only_for_his_team(self):
        self.pop_emp.action_cancel("Replaced")
        pop = self._create_pop(self.employee_emp, user=self.user_manager)
        self.assertEqual(pop.manager_id, self.employee_manager)
        self.pop_other.action_cancel("Replaced")
        with self.assertRaises(AccessError):
            self._create_pop(self.employee_other, user=self.user_manager)
        self.pop_manager.action_cancel("Replaced")
        with self.assertRaises(AccessError):
            self._create_pop(self.employee_manager, user=self.user_manager)

    @mute_logger(*MUTED)
    def test_manager_cannot_delete_a_plan(self):
        with self.assertRaises(AccessError):
            self.pop_emp.with_user(self.user_manager).unlink()

    def test_manager_sees_a_plan_he_holds_the_conversation_for(self):
        self.pop_other.manager_id = self.employee_manager
        visible = self._visible(self.user_manager)
        self.assertIn(self.pop_other, visible)
        self.pop_other.with_user(self.user_manager).write({"focus_areas": "<p>ok</p>"})

    # --- progress reviews -------------------------------------------------------------
    def _review(self, pop, progress=40):
        """A progress review of ``pop`` (put in 'running' directly, as superuser)."""
        pop._pop_workflow().write({"state": "running"})
        return self.env["hr.pop.review"].create(
            {
                "pop_id": pop.id,
                "notes": "<p>Going well</p>",
                "line_ids": [
                    (0, 0, {"goal_id": goal.id, "progress": progress, "note": "ok"})
                    for goal in pop.goal_ids
                ],
            }
        )

    @mute_logger(*MUTED)
    def test_goal_progress_of_a_review_follows_the_plan_rules(self):
        review_emp = self._review(self.pop_emp)
        review_other = self._review(self.pop_other)
        review_b = self._review(self.pop_company_b)
        self.assertEqual(self._visible(self.user_employee, "hr.pop.review"), review_emp)
        self.assertFalse(self._visible(self.user_employee2, "hr.pop.review"))
        self.assertEqual(self._visible(self.user_manager, "hr.pop.review"), review_emp)
        ReviewLine = "hr.pop.review.line"
        self.assertEqual(
            self._visible(self.user_employee, ReviewLine), review_emp.line_ids
        )
        self.assertFalse(self._visible(self.user_employee2, ReviewLine))
        self.assertFalse(
            self.env[ReviewLine].with_user(self.user_portal).has_access("read")
        )
        self.assertEqual(
            self._visible(self.user_manager, ReviewLine), review_emp.line_ids
        )
        self.assertEqual(
            self._visible(self.user_officer, ReviewLine),
            self.env[ReviewLine]
            .sudo()
            .search([("review_id.company_id", "=", self.company_a.id)]),
        )
        self.assertIn(
            review_other.line_ids, self._visible(self.user_officer, ReviewLine)
        )
        self.assertEqual(
            self._visible(self.user_company_b, ReviewLine), review_b.line_ids
        )
        with self.assertRaises(AccessError):
            review_other.line_ids.with_user(self.user_employee).read(["note"])
        with self.assertRaises(AccessError):
            review_emp.line_ids.with_user(self.user_employee).write({"progress": 100})
        with self.assertRaises(AccessError):
            review_other.line_ids.with_user(self.user_manager).write({"progress": 100})
        review_emp.line_ids.with_user(self.user_manager).write({"progress": 60})
        self.assertEqual(self.pop_emp.goal_ids.progress, 60)

    # --- HR officers ----------------------------------------------------------------
    def test_hr_officer_sees_and_changes_every_plan_of_his_company(self):
        Pop = self.env["hr.pop"]
        company_a_pops = Pop.sudo().search([("company_id", "=", self.company_a.id)])
        self.assertLessEqual(self.all_pops_a, company_a_pops)
        self.assertEqual(self._visible(self.user_officer), company_a_pops)
        self.assertEqual(
            self._visible(self.user_officer, "hr.pop.line"), company_a_pops.line_ids
        )
        self.pop_other.with_user(self.user_officer).write({"focus_areas": "<p>HR</p>"})
        self.pop_other.line_ids.with_user(self.user_officer).write({"cost": 0.0})
        self.pop_other.with_user(self.user_officer).unlink()
        self.assertFalse(self.pop_other.exists())

    # --- companies ------------------------------------------------------------------
    @mute_logger(*MUTED)
    def test_company_b_administrator_sees_nothing_of_company_a(self):
        self.assertEqual(self._visible(self.user_company_b), self.pop_company_b)
        self.assertEqual(
            self._visible(self.user_company_b, "hr.pop.goal"),
            self.pop_company_b.goal_ids,
        )
        self.assertEqual(
            self._visible(self.user_company_b, "hr.pop.line"),
            self.pop_company_b.line_ids,
        )
        with self.assertRaises(AccessError):
            self.pop_emp.with_user(self.user_company_b).read(["name"])
        with self.assertRaises(AccessError):
            self.pop_emp.line_ids.with_user(self.user_company_b).read(["cost"])

    @mute_logger(*MUTED)
    def test_company_a_users_see_nothing_of_company_b(self):
        for user in (self.user_officer, self.user_manager, self.user_employee):
            self.assertNotIn(self.pop_company_b, self._visible(user))
            with self.assertRaises(AccessError):
                self.pop_company_b.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self.pop_company_b.goal_ids.with_user(user).read(["name"])

    @mute_logger(*MUTED)
    def test_company_course_is_offered_only_in_its_company(self):
        Course = self.env["hr.pop.course"]
        shared = Course.create({"name": "Shared course"})
        course_b = Course.create({"name": "Course B", "company_id": self.company_b.id})
        visible_a = Course.with_user(self.user_employee).search([])
        self.assertIn(shared, visible_a)
        self.assertNotIn(course_b, visible_a)
        visible_b = Course.with_user(self.user_company_b).search([])
        self.assertIn(shared, visible_b)
        self.assertIn(course_b, visible_b)

    # --- training catalog -----------------------------------------------------------
    @mute_logger(*MUTED)
    def test_only_administrators_manage_the_training_catalog(self):
        course = self.env["hr.pop.course"].create(
            {"name": "Catalog course", "cost": 10}
        )
        for user in (self.user_employee, self.user_manager, self.user_portal):
            self.assertTrue(course.with_user(user).read(["name", "cost"]))
            with self.assertRaises(AccessError):
                course.with_user(user).write({"cost": 0})
        course.with_user(self.user_officer).write({"cost": 20})
        self.assertEqual(course.cost, 20)

    # --- portal ---------------------------------------------------------------------
    @mute_logger(*MUTED)
    def test_portal_user_reads_only_his_own_plan(self):
        self.assertEqual(self._visible(self.user_portal), self.pop_portal)
        values = self.pop_portal.with_user(self.user_portal).read(POP_FIELDS)[0]
        self.assertEqual(values["employee_id"][0], self.employee_portal.id)
        self.assertEqual(
            self._visible(self.user_portal, "hr.pop.goal"), self.pop_portal.goal_ids
        )
        self.assertEqual(
            self._visible(self.user_portal, "hr.pop.line"), self.pop_portal.line_ids
        )
        with self.assertRaises(AccessError):
            self.pop_emp.with_user(self.user_portal).read(["name"])
        with self.assertRaises(AccessError):
            self.pop_emp.goal_ids.with_user(self.user_portal).read(["name"])

    @mute_logger(*MUTED)
    def test_portal_user_cannot_change_his_own_plan(self):
        pop = self.pop_portal.with_user(self.user_portal)
        with self.assertRaises(AccessError):
            pop.write({"current_position": "<p>forged</p>"})
        with self.assertRaises(AccessError):
            pop.goal_ids.write({"name": "forged"})
        with self.assertRaises(AccessError):
            pop.line_ids.write({"cost": 0.0})

    def test_portal_user_is_not_an_internal_pop_user(self):
        self.assertFalse(self.user_portal.has_group("hr_pop.group_pop_user"))
        self.assertTrue(self.user_employee.has_group("hr_pop.group_pop_user"))
        self.assertTrue(self.user_manager.has_group("hr_pop.group_pop_user"))
        self.assertTrue(self.user_officer.has_group("hr_pop.group_pop_manager"))


@tagged("post_install", "-at_install", "access_rights")
class TestHrPopTokenAccess(TestHrPopCommon):
    """The portal token acts in the employee's name; only the system reads it."""

    @mute_logger(*MUTED)
    def test_nobody_but_the_system_reads_the_portal_token(self):
        pop = self._create_pop(self.employee_emp)
        pop.with_user(self.user_manager).action_invite()
        self.assertTrue(pop.sudo().access_token)
        for user in (self.user_manager, self.user_officer, self.user_employee):
            with self.assertRaises(AccessError):
                pop.with_user(user).read(["access_token"])

    def test_a_manager_gets_the_link_without_the_token(self):
        # The link acts in the employee's name: only our mails to him carry it
        # (see test_hr_pop_token for every other way to ask for it).
        pop = self._create_pop(self.employee_emp)
        url = pop.with_user(self.user_manager).get_portal_url()
        self.assertEqual(url, f"/my/pops/{pop.id}?")
        self.assertFalse(pop.sudo().access_token)
