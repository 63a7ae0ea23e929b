# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo data that `make demo` shows and the README documents.

The test database is always installed with demo data (tools/test.sh); a
database without demo data is covered by tests/test_install.py.
"""

from dateutil.relativedelta import relativedelta

from odoo import fields
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
DEMO_EMPLOYEES = [
    f"hr_pop.emp_{name}"
    for name in (
        "jan",
        "marieke",
        "sanne",
        "pieter",
        "fatima",
        "kees",
        "lotte",
        "thomas",
    )
]
DEMO_PLANS = {
    "hr_pop.pop_kees": "hr_pop.emp_kees",
    "hr_pop.pop_pieter": "hr_pop.emp_pieter",
    "hr_pop.pop_fatima": "hr_pop.emp_fatima",
    "hr_pop.pop_sanne_previous": "hr_pop.emp_sanne",
    "hr_pop.pop_sanne": "hr_pop.emp_sanne",
    "hr_pop.pop_lotte": "hr_pop.emp_lotte",
}
# "3821 AL", and "+31 33 750 20 00" (international, as Odoo dials it).
DUTCH_ZIP = r"^[1-9][0-9]{3} [A-Z]{2}$"
DUTCH_PHONE = r"^\+31 [1-9][0-9 ]{8,}$"


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
            self.assertTrue(pop.job_id, xmlid)
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

    # --- a Dutch company ----------------------------------------------------------
    def test_demo_company_counts_in_euro_and_has_a_dutch_address(self):
        company = self.env.ref("base.main_company")
        euro = self.env.ref("base.EUR")
        self.assertEqual(company.currency_id, euro)
        self.assertEqual(company.country_id, self.env.ref("base.nl"))
        self.assertRegex(company.zip, DUTCH_ZIP)
        self.assertRegex(company.phone, DUTCH_PHONE)
        self.assertFalse(company.state_id)
        self.assertEqual(self.env.ref("hr_pop.course_vca").currency_id, euro)
        self.assertEqual(self.env.ref("hr_pop.pop_sanne").currency_id, euro)
        for xmlid in ("inst_ncoi", "inst_sn", "inst_loi", "inst_sbb", "inst_internal"):
            institute = self.env.ref(f"hr_pop.{xmlid}")
            self.assertEqual(institute.country_id, self.env.ref("base.nl"), xmlid)

    def test_demo_employees_have_dutch_addresses_phones_jobs_and_hire_dates(self):
        today = fields.Date.today()
        for xmlid in DEMO_EMPLOYEES:
            employee = self.env.ref(xmlid)
            with self.subTest(employee=employee.name):
                self.assertEqual(employee.private_country_id, self.env.ref("base.nl"))
                self.assertTrue(employee.private_street)
                self.assertRegex(employee.private_zip, DUTCH_ZIP)
                self.assertTrue(employee.private_city)
                self.assertRegex(employee.work_phone, DUTCH_PHONE)
                self.assertRegex(employee.mobile_phone, r"^\+31 6 ")
                self.assertEqual(employee.tz, "Europe/Amsterdam")
                # A real job position, not only a free-text title.
                self.assertTrue(employee.job_id)
                self.assertEqual(employee.job_title, employee.job_id.name)
                # Hired before the demo was installed.
                hired = employee.create_date.date()
                self.assertLess(hired, today - relativedelta(months=6))
        # Sanne's previous plan started when she was new.
        sanne = self.env.ref("hr_pop.emp_sanne")
        previous = self.env.ref("hr_pop.pop_sanne_previous")
        self.assertLessEqual(sanne.create_date.date(), previous.date_start)
        self.assertEqual(previous.in_service_since, sanne.create_date.date())

    def test_demo_plans_carry_the_job_of_their_employee(self):
        for xmlid, employee_xmlid in DEMO_PLANS.items():
            pop = self.env.ref(xmlid)
            self.assertTrue(pop.job_id, xmlid)
            self.assertEqual(pop.job_id, self.env.ref(employee_xmlid).job_id, xmlid)

    def test_demo_users_keep_their_work_email(self):
        """Their employees' work mobile must not wipe the address (hr writes both
        to the work contact, which is the user's partner)."""
        for login, xmlid in DEMO_LOGINS.items():
            if xmlid.startswith("hr_pop."):
                user = self.env.ref(xmlid)
                self.assertEqual(user.email, f"{login}@work.example.nl", login)
                self.assertEqual(user.employee_id.work_email, user.email, login)

    def test_demo_users_read_times_in_the_dutch_timezone(self):
        for xmlid in DEMO_LOGINS.values():
            if xmlid.startswith("hr_pop."):
                self.assertEqual(self.env.ref(xmlid).tz, "Europe/Amsterdam", xmlid)

    def test_demo_hr_officer_is_the_companys_pop_hr_responsible(self):
        self.assertEqual(
            self.env.ref("base.main_company").pop_hr_responsible_id,
            self.env.ref("hr_pop.user_hr"),
        )

    # --- what the first `make demo` mails -----------------------------------------
    def test_demo_install_queues_no_mail_for_plans_past_their_invitation(self):
        """The demo runs each plan through the cycle at install: what a plan past its
        invitation was sent belongs to the past and is not mailed on the first start
        (tools/demo.sh installs, then serves with the mail queue running)."""
        Notification = self.env["hr.pop.notification"]
        for xmlid in ("pop_fatima", "pop_sanne_previous", "pop_sanne", "pop_lotte"):
            pop = self.env.ref(f"hr_pop.{xmlid}")
            with self.subTest(plan=xmlid):
                logs = Notification.search([("pop_id", "=", pop.id)])
                self.assertTrue(logs.filtered(lambda n: n.kind == "invitation"))
                self.assertFalse(logs.mail_id, "a mail of the past is queued")
                mails = self.env["mail.mail"].search([("subject", "ilike", pop.name)])
                self.assertFalse(mails, mails.mapped("subject"))
        # Pieter is invited today: his invitation is what a real cycle sends now.
        pieter = self.env.ref("hr_pop.pop_pieter")
        invitation = Notification.search(
            [("pop_id", "=", pieter.id), ("kind", "=", "invitation")]
        )
        self.assertEqual(len(invitation), 1)
        self.assertEqual(invitation.channel, "email")
        # Nothing else of the demo plans is waiting in the queue.
        demo_pops = self.env["hr.pop"].search(
            [("employee_id", "in", [self.env.ref(x).id for x in DEMO_EMPLOYEES])]
        )
        queued = self.env["mail.mail"].search(
            [("state", "in", ("outgoing", "exception"))]
        )
        for mail in queued:
            for pop in demo_pops - pieter:
                self.assertNotIn(pop.name, mail.subject or "", mail.subject)
