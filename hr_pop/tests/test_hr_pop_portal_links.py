# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A link that does not open a plan explains why and whom to ask at HR.

Wrong, old or foreign tokens, deleted and cancelled plans, a visitor without token
and a logged-in user who is not the employee each get their own page, with its HTTP
status; never a redirect to the login page, never a traceback.
"""

from lxml import html as lxml_html

from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_hr_pop_portal import HrPopPortalCommon


@tagged("post_install", "-at_install")
class TestHrPopPortalLinks(HrPopPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.pop_hr_responsible_id = cls.user_officer

    def _open(self, url):
        response = self.url_open(url, allow_redirects=False)
        self.assertNotEqual(response.status_code, 303, "a silent redirect")
        self.assertNotIn("Traceback", response.text)
        return response

    def _text(self, response):
        page = lxml_html.fromstring(response.text)
        return " ".join(
            page.find_class("o_hr_pop_link_error")[0].text_content().split()
        )

    def assertExplains(self, response, status, title, *texts):
        self.assertEqual(response.status_code, status, response.text[:300])
        text = self._text(response)
        self.assertIn(title, text)
        for expected in texts:
            self.assertIn(expected, text)
        return text

    def assertNamesHr(self, text):
        self.assertIn("Questions? Ask HR", text)
        self.assertIn("Olga Officer", text)
        self.assertIn("pop_officer@work.example.com", text)

    # --- a visitor with a link ---------------------------------------------------
    def test_wrong_token_says_the_link_is_not_valid_and_names_hr(self):
        self.authenticate(None, None)
        response = self._open(self._pop_url(self.pop_sanne, token="not-the-token"))
        text = self.assertExplains(
            response,
            403,
            "This link is not valid",
            "most recent e-mail about your development plan",
        )
        self.assertNamesHr(text)
        self.assertIn('href="mailto:pop_officer@work.example.com"', response.text)
        self.assertIn(
            f"/web/login?redirect=/my/pops/{self.pop_sanne.id}", response.text
        )
        self.assertNotIn("Sanne", text)
        self.assertNotIn("What do I want to learn?", response.text)

    def test_token_of_another_plan_does_not_open_this_plan(self):
        self.authenticate(None, None)
        response = self._open(
            self._pop_url(self.pop_paul, token=self.pop_sanne.access_token)
        )
        text = self.assertExplains(response, 403, "This link is not valid")
        self.assertNamesHr(text)
        self.assertNotIn("Paul Portal", response.text)

    def test_link_of_a_deleted_plan_says_the_plan_does_not_exist(self):
        pop = self._create_next_year_pop(self.employee_sanne)
        url = pop._pop_portal_grant().get_portal_url()
        pop.unlink()
        self.authenticate(None, None)
        text = self.assertExplains(
            self._open(url), 404, "This development plan does not exist"
        )
        self.assertNamesHr(text)

    def test_plan_id_beyond_the_database_range_is_a_missing_plan(self):
        self.authenticate(None, None)
        with mute_logger("odoo.sql_db", "odoo.http"):
            response = self._open("/my/pops/99999999999?access_token=x")
        self.assertExplains(response, 404, "This development plan does not exist")

    def test_link_of_a_cancelled_plan_says_it_was_cancelled(self):
        url = self.pop_sanne._pop_portal_grant().get_portal_url()
        self.pop_sanne.action_cancel("Reorganisation of the team")
        self.authenticate(None, None)
        text = self.assertExplains(
            self._open(url),
            410,
            "This development plan has been cancelled",
            "no longer opens it",
        )
        self.assertNamesHr(text)
        self.assertNotIn("What do I want to learn?", text)

    def test_employee_still_reads_his_own_cancelled_plan_when_logged_in(self):
        self.pop_paul.action_cancel("Reorganisation of the team")
        self.authenticate(self.user_portal.login, self.user_portal.login)
        response = self._open(self._pop_url(self.pop_paul))
        self.assertEqual(response.status_code, 200)
        self.assertIn("This development plan has been cancelled.", response.text)
        self.assertIn("Development Plan of Paul Portal", response.text)

    def test_visitor_without_token_is_asked_to_log_in_not_redirected(self):
        self.authenticate(None, None)
        response = self._open(self._pop_url(self.pop_paul))
        text = self.assertExplains(
            response,
            403,
            "Log in to see this development plan",
            "open the link in the e-mail",
        )
        self.assertNamesHr(text)
        self.assertIn(
            f'href="/web/login?redirect=/my/pops/{self.pop_paul.id}"', response.text
        )

    def test_pdf_and_data_links_with_a_wrong_token_explain_it_too(self):
        self.authenticate(None, None)
        for suffix, params in (
            ("", {"report_type": "pdf", "download": "true"}),
            ("", {"report_type": "html"}),
            ("/export", {}),
        ):
            with self.subTest(suffix=suffix, params=params):
                response = self._open(
                    self._pop_url(self.pop_sanne, suffix, token="wrong", **params)
                )
                self.assertExplains(response, 403, "This link is not valid")
                self.assertNotIn("application/pdf", response.headers["Content-Type"])

    def test_preparation_sent_with_a_wrong_token_is_refused_with_the_explanation(self):
        pop = self.pop_sanne
        own = self._employee_answers(pop)[0]
        before = self._snapshot(pop)
        self.authenticate(None, None)
        response = self._post_preparation(
            pop, {"action": "save", f"answer_{own.id}": "forged"}, token="wrong"
        )
        self.assertExplains(response, 403, "This link is not valid")
        self.assertNothingStored(pop, before)

    # --- logged in, but not the employee ------------------------------------------
    def test_other_employee_is_told_the_plan_is_not_his(self):
        self.authenticate(self.user_eva.login, self.user_eva.login)
        response = self._open(self._pop_url(self.pop_paul))
        text = self.assertExplains(response, 403, "This development plan is not yours")
        self.assertNamesHr(text)
        self.assertIn('href="/my/pops"', response.text)
        self.assertNotIn("/web/login", response.text)
        self.assertNotIn("o_hr_pop_back_office", response.text)
        self.assertNotIn("Paul Portal", response.text)

    def test_manager_is_sent_to_the_back_office_for_his_employees_plan(self):
        self.authenticate(self.user_manager.login, self.user_manager.login)
        response = self._open(self._pop_url(self.pop_sanne))
        self.assertExplains(
            response,
            403,
            "This development plan is not yours",
            "You can read the plan in the back office.",
        )
        self.assertIn(f'href="/odoo/hr.pop/{self.pop_sanne.id}"', response.text)

    # --- whom to ask -------------------------------------------------------------
    def test_without_hr_responsible_the_company_address_is_given(self):
        self.company_a.pop_hr_responsible_id = False
        self.company_a.partner_id.write(
            {"email": "hr@company-a.example.com", "phone": "+31 30 123 45 67"}
        )
        self.authenticate(None, None)
        text = self.assertExplains(
            self._open(self._pop_url(self.pop_sanne, token="wrong")),
            403,
            "This link is not valid",
            "hr@company-a.example.com",
            "+31 30 123 45 67",
            self.company_a.name,
        )
        self.assertNotIn("Olga Officer", text)

    def test_without_any_hr_contact_the_page_says_to_ask_the_manager(self):
        self.company_a.pop_hr_responsible_id = False
        self.company_a.partner_id.write({"email": False, "phone": False})
        self.authenticate(None, None)
        self.assertExplains(
            self._open(self._pop_url(self.pop_sanne, token="wrong")),
            403,
            "This link is not valid",
            "Ask your manager how to reach HR.",
        )
