# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo data that `make demo` shows and the README documents.

The test database is always installed with demo data (tools/test.sh); a
database without demo data is covered by tests/test_install.py.
"""

from odoo.exceptions import AccessDenied
from odoo.tests import TransactionCase

# login/password pairs printed by tools/demo.sh and listed in README.md.
DEMO_LOGINS = {
    "admin": "base.user_admin",
    "pop_hr": "hr_pop.user_hr",
    "pop_manager": "hr_pop.user_manager",
    "pop_employee": "hr_pop.user_employee",
    "pop_portal": "hr_pop.user_portal",
}


class TestHrPopDemo(TransactionCase):
    def _check_password(self, user, password):
        self.env["res.users"].with_user(user)._check_credentials(
            {"type": "password", "password": password}, {"interactive": True}
        )

    def test_demo_logins_work_with_their_login_as_password(self):
        for login, xmlid in DEMO_LOGINS.items():
            user = self.env.ref(xmlid)
            self.assertEqual(user.login, login)
            self.assertTrue(user.active)
            self._check_password(user, login)
            with self.assertRaises(AccessDenied):
                self._check_password(user, login + "-wrong")

    def test_demo_users_have_their_roles(self):
        hr = self.env.ref("hr_pop.user_hr")
        manager = self.env.ref("hr_pop.user_manager")
        employee = self.env.ref("hr_pop.user_employee")
        portal = self.env.ref("hr_pop.user_portal")
        self.assertTrue(hr.has_group("hr_pop.group_pop_admin"))
        self.assertTrue(hr.has_group("hr.group_hr_user"))
        self.assertTrue(manager.has_group("hr_pop.group_pop_manager"))
        self.assertFalse(manager.has_group("hr_pop.group_pop_admin"))
        self.assertTrue(employee.has_group("hr_pop.group_pop_user"))
        self.assertFalse(employee.has_group("hr_pop.group_pop_manager"))
        self.assertTrue(portal.share)
        self.assertTrue(portal.has_group("base.group_portal"))
        self.assertEqual(self.env.ref("hr_pop.emp_sanne").user_id, employee)
        self.assertEqual(self.env.ref("hr_pop.emp_pieter").user_id, portal)
        self.assertEqual(self.env.ref("hr_pop.emp_jan").user_id, manager)
        self.assertEqual(self.env.ref("hr_pop.emp_marieke").user_id, hr)
        self.assertEqual(
            self.env.ref("hr_pop.dep_production").manager_id,
            self.env.ref("hr_pop.emp_jan"),
        )

    def test_demo_plans_show_every_stage_of_the_cycle(self):
        expected = {
            "hr_pop.pop_kees": "draft",
            "hr_pop.pop_pieter": "invited",
            "hr_pop.pop_fatima": "meeting",
            "hr_pop.pop_sanne": "to_sign",
            "hr_pop.pop_lotte": "running",
            "hr_pop.pop_sanne_previous": "done",
        }
        for xmlid, state in expected.items():
            pop = self.env.ref(xmlid)
            self.assertEqual(pop.state, state, xmlid)
            self.assertRegex(pop.name, r"^POP/\d{4}/\d{4}$", xmlid)

    def test_demo_plan_of_sanne_reviews_her_previous_plan(self):
        sanne = self.env.ref("hr_pop.pop_sanne")
        previous = self.env.ref("hr_pop.pop_sanne_previous")
        self.assertEqual(sanne.employee_id, self.env.ref("hr_pop.emp_sanne"))
        self.assertEqual(sanne.manager_id, self.env.ref("hr_pop.emp_jan"))
        self.assertEqual(sanne.previous_pop_id, previous)
        self.assertEqual(len(sanne.goal_ids), 3)
        self.assertEqual(len(sanne.line_ids), 4)
        self.assertEqual(sanne.total_cost, 1350 + 1195 + 0 + 295)
        vca = self.env.ref("hr_pop.pop_sanne_line_vca")
        self.assertTrue(vca.mandatory)
        self.assertTrue(vca.during_work_hours)
        self.assertFalse(vca.repayment_agreement)
        self.assertEqual(vca.course_code, "VCA-B")
        self.assertTrue(previous.goal_ids.is_evaluated)

    def test_demo_plans_are_signed_where_the_cycle_says_so(self):
        lotte = self.env.ref("hr_pop.pop_lotte")
        self.assertTrue(lotte.is_fully_signed)
        self.assertTrue(lotte.signature_valid)
        sanne = self.env.ref("hr_pop.pop_sanne")
        self.assertFalse(sanne.is_signed)
        fatima_line = self.env.ref("hr_pop.pop_fatima_line_leadership")
        self.assertTrue(fatima_line.repayment_agreement)
        self.assertEqual(fatima_line.repayment_months, 24)

    def test_demo_training_catalog_is_filled(self):
        courses = self.env["hr.pop.course"].search([])
        self.assertGreaterEqual(len(courses), 11)
        self.assertEqual(self.env.ref("hr_pop.course_vca").cost, 295)
        self.assertEqual(
            self.env.ref("hr_pop.course_vca").institute_id,
            self.env.ref("hr_pop.inst_sbb"),
        )
