# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import json
from unittest.mock import patch

import pytz
from dateutil.relativedelta import relativedelta
from lxml import html as lxml_html
from PIL import Image

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import content_disposition
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.hr_pop.models.hr_pop import SIGNATURE_MAX_BYTES
from odoo.addons.hr_pop.models.hr_pop_answer import ANSWER_MAX_LENGTH
from odoo.addons.hr_pop.report.hr_pop_report import get_pop_timezone

from .common import JsonRpcMixin, TestHrPopCommon

REPORT_XMLID = "hr_pop.action_report_hr_pop"


def make_png(width=200, height=60):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


class HrPopPortalCommon(TestHrPopCommon, HttpCase):
    """Three employees of Mark Manager with an invited plan each: Sanne has no Odoo
    account (only the e-mail link), Paul and Eva are portal users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.png = make_png()
        cls.user_eva = cls._new_user(
            env, "pop_portal_eva", "base.group_portal", "Eva Smit"
        )
        cls.user_customer = cls._new_user(
            env, "pop_portal_customer", "base.group_portal", "A Customer"
        )
        Employee = env["hr.employee"]
        cls.employee_sanne = Employee.create(
            {
                "name": "Sanne Jansen",
                "parent_id": cls.employee_manager.id,
                "department_id": cls.department_team.id,
                "private_email": "sanne.jansen@home.example.com",
            }
        )
        cls.employee_eva = Employee.create(
            {
                "name": "Eva Smit",
                "parent_id": cls.employee_manager.id,
                "department_id": cls.department_team.id,
                "user_id": cls.user_eva.id,
                "private_email": "eva.smit@home.example.com",
            }
        )
        cls.question_set = env["hr.pop.question.set"].create(
            {"name": "Portal test questions"}
        )
        env["hr.pop.question"].create(
            [
                {
                    "question_set_id": cls.question_set.id,
                    "audience": "employee",
                    "sequence": 10,
                    "name": "What do I want to learn?",
                },
                {
                    "question_set_id": cls.question_set.id,
                    "audience": "employee",
                    "sequence": 20,
                    "name": "Which training would help me?",
                },
                {
                    "question_set_id": cls.question_set.id,
                    "audience": "manager",
                    "sequence": 10,
                    "name": "What does the employee do well?",
                },
            ]
        )
        cls.pop_sanne = cls._create_portal_pop(
            cls.employee_sanne,
            meeting_date=fields.Datetime.now() + relativedelta(days=14),
        )
        cls.pop_paul = cls._create_portal_pop(cls.employee_portal)
        cls.pop_eva = cls._create_portal_pop(cls.employee_eva)
        (cls.pop_sanne | cls.pop_paul | cls.pop_eva).action_invite()

    @classmethod
    def _create_portal_pop(cls, employee, **vals):
        """A draft plan with the test questions, one SMART goal and a 450.00 course."""
        return cls._create_pop(
            employee,
            line_vals={"cost": 450.0},
            question_set_id=cls.question_set.id,
            **vals,
        )

    def _create_next_year_pop(self, employee):
        date_start, date_end = self._period(
            fields.Date.today() + relativedelta(years=1)
        )
        return self._create_portal_pop(
            employee, date_start=date_start, date_end=date_end
        )

    # --- helpers --------------------------------------------------------------------
    def _employee_answers(self, pop):
        return pop.answer_ids.filtered(lambda a: a.author == "employee")

    def _manager_answers(self, pop):
        return pop.answer_ids.filtered(lambda a: a.author == "manager")

    def _to_sign(self, pop):
        pop.with_user(self.user_manager).action_start_meeting()
        pop.with_user(self.user_manager).action_submit()
        self.assertEqual(pop.state, "to_sign")
        return pop

    def _pop_url(self, pop, suffix="", token=None, **params):
        url = f"/my/pops/{pop.id}{suffix}"
        if token:
            params["access_token"] = token
        if params:
            url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
        return url

    def _post_preparation(self, pop, data, token=None, csrf=True):
        payload = dict(data)
        if token is not None:
            payload["access_token"] = token
        if csrf:
            payload["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(
            f"/my/pops/{pop.id}/preparation", data=payload, allow_redirects=False
        )

    def _sign(self, pop, token=None, **params):
        params.setdefault("name", "Sanne Jansen")
        params.setdefault("signature", self.png)
        params.setdefault("decision", "agree")
        params.setdefault("content_hash", pop.sudo()._get_content_hash())
        if token is not None:
            params["access_token"] = token
        return self.make_jsonrpc_request(f"/my/pops/{pop.id}/sign", params)

    def _snapshot(self, pop):
        """What a refused request must leave untouched."""
        pop.invalidate_recordset()
        pop.answer_ids.invalidate_recordset()
        return {
            "answers": {answer.id: answer.answer for answer in pop.answer_ids},
            "employee_preparation_state": pop.employee_preparation_state,
            "employee_answers_shared": pop.employee_answers_shared,
            "employee_signed_on": pop.employee_signed_on,
            "employee_signed_by": pop.employee_signed_by,
            "employee_signature": pop.employee_signature,
            "employee_decision": pop.employee_decision,
            "employee_comment": pop.employee_comment,
            "state": pop.state,
            "messages": len(pop.message_ids),
        }

    def assertPopReport(self, response, pop):
        """The download is the plan's PDF report.

        Under test, Odoo renders reports as HTML (wkhtmltopdf would call back into
        the test server, which the request holds: a deadlock), so the body is the
        report's HTML; the headers are those of the real PDF download.
        """
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        disposition = response.headers.get("Content-Disposition", "")
        self.assertIn("attachment", disposition)
        self.assertIn(".pdf", disposition)
        self.assertIn(pop.name, response.text)
        self.assertIn(pop.employee_id.name, response.text)

    def assertNothingStored(self, pop, before):
        self.assertEqual(self._snapshot(pop), before, "a refused request stored data")

    def assertLinkError(self, response, problem):
        """The page that explains why the link does not open the plan (see
        test_hr_pop_portal_links): its HTTP status and reason, never a redirect."""
        status = {
            "missing": 404,
            "invalid": 403,
            "login": 403,
            "not_yours": 403,
            "cancelled": 410,
        }[problem]
        self.assertEqual(response.status_code, status, response.text[:300])
        self.assertIn(f'data-problem="{problem}"', response.text)
        self.assertNotIn("Traceback", response.text)


@tagged("post_install", "-at_install")
class TestHrPopPortalTours(HrPopPortalCommon):
    def test_employee_without_account_prepares_and_signs_via_email_link(self):
        pop = self.pop_sanne
        self.assertFalse(self.employee_sanne.user_id)
        # The link of her invitation mail (built with the grant).
        url = pop._pop_portal_grant().get_portal_url()
        self.assertIn(f"access_token={pop.access_token}", url)
        message_start = max(pop.message_ids.ids)

        self.start_tour(url, "hr_pop_portal_prepare_tour", login=None)

        # What she did through the link is hers in the chatter, tracking too.
        link_messages = pop.message_ids.filtered(lambda m: m.id > message_start)
        self.assertTrue(link_messages.tracking_value_ids, "submitted and shared")
        self.assertEqual(link_messages.author_id, self.employee_sanne.work_contact_id)

        answers = self._employee_answers(pop)
        answers.invalidate_recordset()
        self.assertEqual(
            answers.mapped("answer"),
            ["I want to learn to plan projects", "A course in project planning"],
        )
        self.assertEqual(pop.employee_preparation_state, "submitted")
        self.assertTrue(pop.employee_answers_shared)
        self.assertTrue(all(answers.mapped("shared")))
        # The manager now reads the shared answers as agenda points.
        self.assertEqual(
            self._employee_answers(pop.with_user(self.user_manager)).mapped("answer"),
            answers.mapped("answer"),
        )
        message = pop.message_ids.filtered(lambda m: "working hours" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.employee_sanne.work_contact_id)

        manager_pop = pop.with_user(self.user_manager)
        manager_pop._save_preparation_answers(
            "manager", {self._manager_answers(pop).id: "Sanne plans well"}
        )
        manager_pop.action_share_preparation("manager")
        self._to_sign(pop)

        self.start_tour(url, "hr_pop_portal_sign_tour", login=None)

        pop.invalidate_recordset()
        self.assertTrue(pop.employee_signature)
        self.assertEqual(pop.employee_decision, "seen")
        self.assertEqual(pop.employee_comment, "The training budget is too small")
        self.assertEqual(pop.employee_signature_hash, pop._get_content_hash())
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_hr_pop_employee_signature", page.text)
        self.assertIn('src="data:image/png;base64,', page.text)
        # The manager sees the signature in the back office.
        manager_pop = self.env["hr.pop"].with_user(self.user_manager).browse(pop.id)
        self.assertEqual(manager_pop.employee_signed_by, "Sanne Jansen")
        self.assertTrue(manager_pop.employee_signed_on)
        self.assertEqual(manager_pop.state, "to_sign")
        self.assertTrue(
            manager_pop.message_ids.filtered(
                lambda m: "Sanne Jansen" in (m.body or "") and "seen" in (m.body or "")
            )
        )

    def test_portal_employee_finds_his_plan_under_my_and_downloads_the_pdf(self):
        self.assertTrue(
            self.env.ref(REPORT_XMLID, raise_if_not_found=False),
            "the POP report (hr_pop.action_report_hr_pop) is not installed",
        )
        self.start_tour("/my", "hr_pop_portal_home_tour", login=self.user_portal.login)

        self.authenticate(self.user_portal.login, self.user_portal.login)
        response = self.url_open(
            self._pop_url(self.pop_paul, report_type="pdf", download="true")
        )
        self.assertPopReport(response, self.pop_paul)

    def test_second_employee_is_told_the_first_employees_plan_is_not_his(self):
        self.start_tour(
            self._pop_url(self.pop_paul, token="wrong-token"),
            "hr_pop_portal_denied_tour",
            login=self.user_eva.login,
        )
        self.start_tour(
            self._pop_url(self.pop_paul),
            "hr_pop_portal_denied_tour",
            login=self.user_eva.login,
        )


@tagged("post_install", "-at_install")
class TestHrPopPortalAccess(HrPopPortalCommon):
    # --- /my and /my/pops -------------------------------------------------------------
    def test_home_counter_counts_own_plans_of_linked_employee_only(self):
        self.authenticate(self.user_portal.login, self.user_portal.login)
        result = self.make_jsonrpc_request("/my/counters", {"counters": ["pop_count"]})
        self.assertEqual(result["pop_count"], 1)
        self.authenticate(self.user_customer.login, self.user_customer.login)
        result = self.make_jsonrpc_request("/my/counters", {"counters": ["pop_count"]})
        self.assertEqual(result["pop_count"], 0)
        home = self.url_open("/my")
        self.assertIn('data-placeholder_count="pop_count"', home.text)

    def test_draft_plans_are_not_counted_or_listed(self):
        draft = self._create_next_year_pop(self.employee_portal)
        self.authenticate(self.user_portal.login, self.user_portal.login)
        result = self.make_jsonrpc_request("/my/counters", {"counters": ["pop_count"]})
        self.assertEqual(result["pop_count"], 1)
        page = self.url_open("/my/pops")
        self.assertIn(self.pop_paul.name, page.text)
        self.assertNotIn(draft.name, page.text)

    def test_list_shows_only_own_plans_with_sorting_and_pager(self):
        self.authenticate(self.user_portal.login, self.user_portal.login)
        for url in (
            "/my/pops",
            "/my/pops?sortby=state",
            "/my/pops?sortby=date",
            "/my/pops?sortby=forged",
            "/my/pops/page/2",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertIn(self.pop_paul.name, response.text, url)
            self.assertNotIn(self.pop_eva.name, response.text, url)
            self.assertNotIn(self.pop_sanne.name, response.text, url)
        self.assertIn("/my/pops/export", response.text)

    def test_list_sorts_by_status_in_workflow_order(self):
        date_start, date_end = self._period(
            fields.Date.today() - relativedelta(years=1)
        )
        older = self._create_portal_pop(
            self.employee_portal, date_start=date_start, date_end=date_end
        )
        older.action_invite()
        self._to_sign(older)
        self.authenticate(self.user_portal.login, self.user_portal.login)
        by_date = self.url_open("/my/pops?sortby=date").text
        self.assertLess(by_date.index(self.pop_paul.name), by_date.index(older.name))
        by_state = self.url_open("/my/pops?sortby=state").text
        # invited comes before to_sign in the workflow, though it is newer.
        self.assertLess(by_state.index(self.pop_paul.name), by_state.index(older.name))

    def test_list_needs_a_login(self):
        self.authenticate(None, None)
        response = self.url_open("/my/pops", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    # --- /my/pops/<id> ----------------------------------------------------------------
    def test_plan_page_opens_with_its_token_without_login(self):
        self.authenticate(None, None)
        response = self.url_open(
            self._pop_url(self.pop_sanne, token=self.pop_sanne.access_token)
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Development Plan of Sanne Jansen", response.text)
        self.assertIn("What do I want to learn?", response.text)
        self.assertIn("Lean Six Sigma Yellow Belt", response.text)
        self.assertIn("Mark Manager", response.text)
        self.assertIn("Conversation:", response.text)
        self.assertIn('name="csrf_token"', response.text)

    def test_plan_page_refuses_public_visitor_without_or_with_wrong_token(self):
        self.authenticate(None, None)
        for token, problem in (
            (None, "login"),
            ("", "login"),
            ("wrong-token", "invalid"),
            (self.pop_paul.access_token, "invalid"),
        ):
            with self.subTest(token=token):
                response = self.url_open(
                    self._pop_url(self.pop_sanne, token=token), allow_redirects=False
                )
                self.assertLinkError(response, problem)
                self.assertNotIn("Sanne", response.text)

    def test_token_of_one_plan_does_not_open_another_plan_id(self):
        self.authenticate(None, None)
        token = self.pop_sanne.access_token
        for pop_id, problem in (
            (self.pop_paul.id, "invalid"),
            (self.pop_eva.id, "invalid"),
            (self.pop_sanne.id + 100000, "missing"),
        ):
            with self.subTest(pop_id=pop_id):
                response = self.url_open(
                    f"/my/pops/{pop_id}?access_token={token}", allow_redirects=False
                )
                self.assertLinkError(response, problem)

    def test_owner_opens_his_plan_without_token(self):
        self.authenticate(self.user_portal.login, self.user_portal.login)
        response = self.url_open(self._pop_url(self.pop_paul))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Development Plan of Paul Portal", response.text)
        # His page carries the plan's token so that he can post in the chatter.
        self.assertIn(f'data-token="{self.pop_paul.access_token}"', response.text)

    def test_other_employee_gets_nothing_without_token_or_with_wrong_token(self):
        self.authenticate(self.user_eva.login, self.user_eva.login)
        for token, problem in (
            (None, "not_yours"),
            ("wrong-token", "invalid"),
            (self.pop_eva.access_token, "invalid"),
        ):
            for suffix, params in (
                ("", {}),
                ("", {"report_type": "pdf"}),
                ("", {"report_type": "html"}),
                ("/export", {}),
            ):
                with self.subTest(token=token, suffix=suffix, params=params):
                    response = self.url_open(
                        self._pop_url(self.pop_paul, suffix, token=token, **params),
                        allow_redirects=False,
                    )
                    self.assertLinkError(response, problem)
                    self.assertNotIn("Paul", response.text)

    def test_cancelled_plan_of_someone_else_is_refused(self):
        self.pop_paul.action_cancel("Left the company")
        self.authenticate(self.user_eva.login, self.user_eva.login)
        response = self.url_open(self._pop_url(self.pop_paul), allow_redirects=False)
        self.assertLinkError(response, "not_yours")
        self.authenticate(None, None)
        response = self.url_open(
            self._pop_url(self.pop_paul, token="wrong"), allow_redirects=False
        )
        self.assertLinkError(response, "invalid")

    def test_manager_cannot_open_the_employee_page_without_token(self):
        """He reads the plan in the back office; the portal page is the employee's."""
        self.assertTrue(self.pop_sanne.with_user(self.user_manager).has_access("read"))
        self.authenticate(self.user_manager.login, self.user_manager.login)
        response = self.url_open(self._pop_url(self.pop_sanne), allow_redirects=False)
        self.assertLinkError(response, "not_yours")
        self.assertNotIn("What do I want to learn?", response.text)

    def test_missing_plan_says_it_does_not_exist(self):
        self.authenticate(self.user_portal.login, self.user_portal.login)
        response = self.url_open("/my/pops/999999", allow_redirects=False)
        self.assertLinkError(response, "missing")

    def test_pdf_download_with_token_returns_a_pdf(self):
        self.assertTrue(
            self.env.ref(REPORT_XMLID, raise_if_not_found=False),
            "the POP report (hr_pop.action_report_hr_pop) is not installed",
        )
        self.authenticate(None, None)
        response = self.url_open(
            self._pop_url(
                self.pop_sanne,
                token=self.pop_sanne.access_token,
                report_type="pdf",
                download="true",
            )
        )
        self.assertPopReport(response, self.pop_sanne)

    def test_page_follows_the_employee_language_for_the_email_link(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_pop"], ["nl_NL"], overwrite=True
        )
        self.employee_sanne.work_contact_id.lang = "nl_NL"
        self.authenticate(None, None)
        response = self.url_open(
            self._pop_url(self.pop_sanne, token=self.pop_sanne.access_token)
        )
        self.assertEqual(response.status_code, 200)
        # Odoo formats dates and numbers in her language too.
        self.assertIn(fields.Date.today().strftime("%d-%m-%Y"), response.text)
        self.assertIn("Ontwikkelingsplan van Sanne Jansen", response.text)
        self.assertIn("Concept opslaan", response.text)
        # Messages from the controller and the model follow her language too.
        answer = self._employee_answers(self.pop_sanne)[0]
        with mute_logger("odoo.http"):
            response = self._post_preparation(
                self.pop_sanne,
                {
                    "action": "save",
                    f"answer_{answer.id}": "x" * (ANSWER_MAX_LENGTH + 1),
                },
                token=self.pop_sanne.access_token,
            )
        self.assertIn("Er is niets opgeslagen.", response.text)
        result = self._sign(self.pop_sanne, token=self.pop_sanne.access_token)
        self.assertEqual(
            result["error"], "Dit ontwikkelingsplan wacht niet op je handtekening."
        )

    # --- the employee's own data ----------------------------------------------
    def test_export_contains_all_own_plan_data_and_nothing_of_others(self):
        pop = self.pop_paul
        employee_answer, other_answer = self._employee_answers(pop)
        manager_answer = self._manager_answers(pop)
        pop.with_user(self.user_portal)._save_preparation_answers(
            "employee", {employee_answer.id: "My own answer"}
        )
        pop.with_user(self.user_manager)._save_preparation_answers(
            "manager", {manager_answer.id: "Private manager note"}
        )
        self._to_sign(pop)
        pop.with_user(self.user_portal).sign(
            "employee", self.png, "Paul Portal", decision="seen", comment="Too much"
        )
        draft = self._create_next_year_pop(self.employee_portal)

        self.authenticate(self.user_portal.login, self.user_portal.login)
        response = self.url_open("/my/pops/export")
        self.assertEqual(response.status_code, 200)
        self.assertIn("application/json", response.headers["Content-Type"])
        self.assertIn("attachment", response.headers["Content-Disposition"])
        data = json.loads(response.content)
        plans = {plan["reference"]: plan for plan in data["development_plans"]}
        self.assertEqual(set(plans), {pop.name, draft.name})
        plan = plans[pop.name]
        self.assertEqual(plan["employee"], "Paul Portal")
        self.assertEqual(plan["manager"], "Mark Manager")
        answers = {a["question"]: a["answer"] for a in plan["preparation"]["answers"]}
        self.assertEqual(answers[employee_answer.question], "My own answer")
        self.assertIn(other_answer.question, answers)
        # The manager's answers are not shared: they are not the employee's to see.
        self.assertNotIn(manager_answer.question, answers)
        self.assertNotIn("Private manager note", response.text)
        self.assertEqual(plan["goals"][0]["goal"], "Lead an improvement project")
        self.assertEqual(
            plan["activities"][0]["activity"], "Lean Six Sigma Yellow Belt"
        )
        self.assertEqual(plan["activities"][0]["cost"], 450.0)
        signature = plan["signatures"]["employee"]
        self.assertEqual(signature["signed_by"], "Paul Portal")
        self.assertEqual(signature["comment"], "Too much")
        self.assertEqual(signature["content_hash"], pop.employee_signature_hash)
        self.assertEqual(signature["image_png_base64"], self.png)
        self.assertIsNone(plan["signatures"]["manager"]["signed_by"])
        self.assertIn("reviews", plan)
        for other in (self.pop_eva, self.pop_sanne):
            self.assertNotIn(other.name, response.text)

    def test_export_of_one_plan_with_its_token(self):
        self.authenticate(None, None)
        response = self.url_open(
            self._pop_url(self.pop_sanne, "/export", token=self.pop_sanne.access_token)
        )
        self.assertEqual(response.status_code, 200)
        data = json.loads(response.content)
        self.assertEqual(
            [plan["reference"] for plan in data["development_plans"]],
            [self.pop_sanne.name],
        )

    def test_export_needs_a_login(self):
        self.authenticate(None, None)
        response = self.url_open("/my/pops/export", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])


@tagged("post_install", "-at_install")
class TestHrPopPortalPreparation(HrPopPortalCommon):
    def test_owner_saves_submits_and_shares_through_the_portal(self):
        pop = self.pop_paul
        first, second = self._employee_answers(pop)
        self.authenticate(self.user_portal.login, self.user_portal.login)
        response = self._post_preparation(
            pop, {"action": "save", f"answer_{first.id}": "Draft\r\nanswer"}
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("message=saved", response.headers["Location"])
        first.invalidate_recordset()
        self.assertEqual(first.answer, "Draft\nanswer")
        self.assertEqual(pop.employee_preparation_state, "draft")

        response = self._post_preparation(
            pop, {"action": "submit", f"answer_{second.id}": "Second"}
        )
        self.assertEqual(response.status_code, 303)
        pop.invalidate_recordset()
        self.assertEqual(pop.employee_preparation_state, "submitted")
        self.assertEqual(second.answer, "Second")
        self.assertFalse(pop.employee_answers_shared)

        response = self._post_preparation(pop, {"action": "share"})
        self.assertEqual(response.status_code, 303)
        pop.invalidate_recordset()
        self.assertTrue(pop.employee_answers_shared)

    def test_answer_with_script_tag_is_stored_as_text_and_rendered_escaped(self):
        pop = self.pop_sanne
        answer = self._employee_answers(pop)[0]
        script = "<script>alert('pop')</script> & <b>bold</b>"
        self.authenticate(None, None)
        response = self._post_preparation(
            pop,
            {"action": "save", f"answer_{answer.id}": script},
            token=pop.access_token,
        )
        self.assertEqual(response.status_code, 303)
        answer.invalidate_recordset()
        self.assertEqual(answer.answer, script)
        page = self.url_open(self._pop_url(pop, token=pop.access_token)).text
        self.assertNotIn("<script>alert('pop')</script>", page)
        self.assertNotIn("<b>bold</b>", page)
        self.assertIn("&lt;script&gt;alert(&#39;pop&#39;)&lt;/script&gt;", page)
        # Also escaped once submitted (read-only display).
        pop.action_submit_preparation("employee")
        page = self.url_open(self._pop_url(pop, token=pop.access_token)).text
        self.assertNotIn("<script>alert('pop')</script>", page)
        self.assertIn("&lt;script&gt;", page)

    def test_answer_of_maximum_length_is_accepted(self):
        pop = self.pop_sanne
        answer = self._employee_answers(pop)[0]
        self.authenticate(None, None)
        response = self._post_preparation(
            pop,
            {"action": "save", f"answer_{answer.id}": "x" * ANSWER_MAX_LENGTH},
            token=pop.access_token,
        )
        self.assertEqual(response.status_code, 303)
        answer.invalidate_recordset()
        self.assertEqual(len(answer.answer), ANSWER_MAX_LENGTH)


@tagged("post_install", "-at_install")
class TestHrPopPortalForgedRequests(HrPopPortalCommon):
    """Forged or invalid requests are refused with a clear message, storing nothing."""

    def _assert_refused_preparation(self, pop, data, message, token=None, **kwargs):
        before = self._snapshot(pop)
        with mute_logger("odoo.http"):
            response = self._post_preparation(pop, data, token=token, **kwargs)
        self.assertEqual(response.status_code, 400, response.text[:500])
        if message:
            self.assertIn(message, response.text)
            self.assertIn("o_hr_pop_error", response.text)
        self.assertNothingStored(pop, before)
        return response

    # --- preparation ----------------------------------------------------------------
    def test_oversized_answer_is_refused_and_nothing_saved(self):
        pop = self.pop_sanne
        first, second = self._employee_answers(pop)
        self.authenticate(None, None)
        response = self._assert_refused_preparation(
            pop,
            {
                "action": "save",
                f"answer_{first.id}": "valid answer",
                f"answer_{second.id}": "x" * (ANSWER_MAX_LENGTH + 1),
            },
            f"at most {ANSWER_MAX_LENGTH} characters",
            token=pop.access_token,
        )
        # The refused text is given back to the employee, not lost.
        self.assertIn("valid answer", response.text)

    def test_answer_id_of_another_plan_is_refused_and_nothing_saved(self):
        pop = self.pop_sanne
        own = self._employee_answers(pop)[0]
        foreign = self._employee_answers(self.pop_paul)[0]
        before_foreign = self._snapshot(self.pop_paul)
        self.authenticate(None, None)
        self._assert_refused_preparation(
            pop,
            {
                "action": "save",
                f"answer_{own.id}": "mine",
                f"answer_{foreign.id}": "overwritten",
            },
            "You can only answer your own preparation questions",
            token=pop.access_token,
        )
        self.assertNothingStored(self.pop_paul, before_foreign)

    def test_manager_answer_id_of_the_same_plan_is_refused(self):
        pop = self.pop_sanne
        manager_answer = self._manager_answers(pop)
        self.authenticate(None, None)
        self._assert_refused_preparation(
            pop,
            {"action": "save", f"answer_{manager_answer.id}": "forged"},
            "You can only answer your own preparation questions",
            token=pop.access_token,
        )

    def test_forged_field_names_are_refused_and_nothing_saved(self):
        pop = self.pop_sanne
        own = self._employee_answers(pop)[0]
        self.authenticate(None, None)
        for field_name in (
            "answer_abc",
            "answer_-1",
            "answer_0",
            "answer_1.5",
            f"answer_{own.id}_x",
            "employee_preparation_state",
            "state",
        ):
            with self.subTest(field_name=field_name):
                self._assert_refused_preparation(
                    pop,
                    {"action": "save", f"answer_{own.id}": "mine", field_name: "x"},
                    "does not belong to it",
                    token=pop.access_token,
                )

    def test_unknown_action_is_refused(self):
        pop = self.pop_sanne
        own = self._employee_answers(pop)[0]
        self.authenticate(None, None)
        for action in (None, "approve", "submit_manager"):
            data = {f"answer_{own.id}": "mine"}
            if action:
                data["action"] = action
            with self.subTest(action=action):
                self._assert_refused_preparation(
                    pop, data, "Unknown action", token=pop.access_token
                )

    def test_share_with_unsaved_answers_is_refused(self):
        pop = self.pop_sanne
        own = self._employee_answers(pop)[0]
        pop.action_submit_preparation("employee")
        self.authenticate(None, None)
        self._assert_refused_preparation(
            pop,
            {"action": "share", f"answer_{own.id}": "late change"},
            "Nothing was saved",
            token=pop.access_token,
        )

    def test_saving_after_submit_is_refused(self):
        pop = self.pop_sanne
        own = self._employee_answers(pop)[0]
        pop._save_preparation_answers("employee", {own.id: "submitted text"})
        pop.action_submit_preparation("employee")
        self.authenticate(None, None)
        for action in ("save", "submit"):
            with self.subTest(action=action):
                self._assert_refused_preparation(
                    pop,
                    {"action": action, f"answer_{own.id}": "changed"},
                    "can no longer change",
                    token=pop.access_token,
                )
        own.invalidate_recordset()
        self.assertEqual(own.answer, "submitted text")

    def test_saving_after_the_conversation_started_is_refused(self):
        pop = self.pop_sanne
        own = self._employee_answers(pop)[0]
        pop.with_user(self.user_manager).action_start_meeting()
        self.authenticate(None, None)
        self._assert_refused_preparation(
            pop,
            {"action": "save", f"answer_{own.id}": "too late"},
            "conversation has started",
            token=pop.access_token,
        )

    def test_preparation_post_without_or_with_wrong_token_is_refused(self):
        pop = self.pop_sanne
        own = self._employee_answers(pop)[0]
        before = self._snapshot(pop)
        self.authenticate(None, None)
        for token, problem in (
            (None, "login"),
            ("wrong", "invalid"),
            (self.pop_paul.access_token, "invalid"),
        ):
            with self.subTest(token=token):
                response = self._post_preparation(
                    pop, {"action": "submit", f"answer_{own.id}": "forged"}, token=token
                )
                self.assertLinkError(response, problem)
        self.assertNothingStored(pop, before)

    def test_other_portal_employee_cannot_post_preparation(self):
        pop = self.pop_paul
        own = self._employee_answers(pop)[0]
        before = self._snapshot(pop)
        self.authenticate(self.user_eva.login, self.user_eva.login)
        response = self._post_preparation(
            pop, {"action": "save", f"answer_{own.id}": "forged"}
        )
        self.assertLinkError(response, "not_yours")
        self.assertNothingStored(pop, before)

    def test_manager_cannot_prepare_as_the_employee_through_the_portal(self):
        pop = self.pop_sanne
        own = self._employee_answers(pop)[0]
        before = self._snapshot(pop)
        self.authenticate(self.user_manager.login, self.user_manager.login)
        response = self._post_preparation(
            pop, {"action": "submit", f"answer_{own.id}": "written by the manager"}
        )
        self.assertLinkError(response, "not_yours")
        self.assertNothingStored(pop, before)

    def test_preparation_post_without_csrf_token_is_refused(self):
        pop = self.pop_sanne
        own = self._employee_answers(pop)[0]
        self.authenticate(None, None)
        self._assert_refused_preparation(
            pop,
            {"action": "save", f"answer_{own.id}": "no csrf"},
            None,
            token=pop.access_token,
            csrf=False,
        )

    def test_nul_characters_are_dropped_not_crashing(self):
        pop = self.pop_sanne
        own = self._employee_answers(pop)[0]
        self.authenticate(None, None)
        response = self._post_preparation(
            pop,
            {"action": "save", f"answer_{own.id}": "a\x00b"},
            token=pop.access_token,
        )
        self.assertEqual(response.status_code, 303)
        own.invalidate_recordset()
        self.assertEqual(own.answer, "ab")

    # --- signature ------------------------------------------------------------------
    def test_employee_signs_with_token_and_decision_agree(self):
        pop = self._to_sign(self.pop_sanne)
        self.authenticate(None, None)
        result = self._sign(pop, token=pop.access_token)
        self.assertTrue(result.get("force_refresh"), result)
        self.assertIn("message=signed", result["redirect_url"])
        self.assertIn(f"access_token={pop.access_token}", result["redirect_url"])
        pop.invalidate_recordset()
        self.assertEqual(pop.employee_signed_by, "Sanne Jansen")
        self.assertEqual(pop.employee_decision, "agree")
        self.assertFalse(pop.employee_comment)
        self.assertTrue(
            pop.message_ids.filtered(
                lambda m: "Signed by Sanne Jansen" in (m.body or "")
            )
        )

    def test_bad_signature_payloads_are_refused_and_nothing_stored(self):
        pop = self._to_sign(self.pop_sanne)
        jpeg = io.BytesIO()
        Image.new("RGB", (20, 20), "white").save(jpeg, "JPEG")
        too_large = base64.b64encode(
            b"\x89PNG\r\n\x1a\n" + b"0" * (SIGNATURE_MAX_BYTES + 10)
        ).decode()
        cases = {
            "not base64": ({"signature": "this is not base64!"}, "not a valid image"),
            "not a png": (
                {"signature": base64.b64encode(jpeg.getvalue()).decode()},
                "must be a PNG image",
            ),
            "png header only": (
                {"signature": base64.b64encode(b"\x89PNG\r\n\x1a\nrubbish").decode()},
                "not a valid image",
            ),
            "too large": ({"signature": too_large}, "too large"),
            "empty signature": ({"signature": ""}, "draw your signature"),
            "missing signature": ({"signature": None}, "enter your name and signature"),
            "empty name": ({"name": "   "}, "name of the signer"),
            "missing name": ({"name": None}, "enter your name and signature"),
            "name not text": ({"name": 42}, "enter your name and signature"),
            "name too long": ({"name": "x" * 200}, "name is too long"),
            "unknown decision": ({"decision": "maybe"}, "Choose whether you agree"),
            "missing decision": ({"decision": None}, "Choose whether you agree"),
            "comment not text": ({"comment": ["x"]}, "comment must be text"),
            "comment too long": ({"comment": "x" * 4001}, "at most 4000 characters"),
            "plan changed since read": (
                {"content_hash": "0" * 64},
                "changed while you were reading it",
            ),
            "missing content hash": ({"content_hash": None}, "Reload the page"),
        }
        self.authenticate(None, None)
        before = self._snapshot(pop)
        for case, (params, message) in cases.items():
            with self.subTest(case=case):
                result = self._sign(pop, token=pop.access_token, **params)
                self.assertIn(message, result.get("error", ""), result)
                self.assertNotIn("force_refresh", result)
                self.assertNothingStored(pop, before)

    def test_a_signature_after_the_manager_changed_the_plan_is_refused(self):
        pop = self._to_sign(self.pop_sanne)
        read_hash = pop._get_content_hash()
        pop.goal_ids.with_user(self.user_manager).name = "Changed while she reads"
        self.authenticate(None, None)
        before = self._snapshot(pop)
        result = self._sign(pop, token=pop.access_token, content_hash=read_hash)
        self.assertIn("Reload the page", result.get("error", ""), result)
        self.assertNothingStored(pop, before)

    def test_signing_with_wrong_or_missing_token_is_refused(self):
        pop = self._to_sign(self.pop_sanne)
        before = self._snapshot(pop)
        self.authenticate(None, None)
        for token in (None, "wrong", 12345, self.pop_paul.access_token):
            with self.subTest(token=token):
                result = self._sign(pop, token=token)
                self.assertIn("not available", result.get("error", ""), result)
                self.assertNothingStored(pop, before)

    def test_signing_through_the_query_string_token_works(self):
        pop = self._to_sign(self.pop_sanne)
        self.authenticate(None, None)
        result = self.make_jsonrpc_request(
            f"/my/pops/{pop.id}/sign?access_token={pop.access_token}",
            {
                "name": "Sanne Jansen",
                "signature": self.png,
                "decision": "seen",
                "content_hash": pop._get_content_hash(),
            },
        )
        self.assertTrue(result.get("force_refresh"), result)
        pop.invalidate_recordset()
        self.assertEqual(pop.employee_decision, "seen")

    def test_other_employee_cannot_sign_someone_elses_plan(self):
        pop = self._to_sign(self.pop_paul)
        before = self._snapshot(pop)
        self.authenticate(self.user_eva.login, self.user_eva.login)
        result = self._sign(pop, name="Eva Smit")
        self.assertIn("error", result)
        self.assertNothingStored(pop, before)

    def test_signing_twice_is_refused_and_first_signature_kept(self):
        pop = self._to_sign(self.pop_sanne)
        self.authenticate(None, None)
        self.assertTrue(self._sign(pop, token=pop.access_token).get("force_refresh"))
        before = self._snapshot(pop)
        result = self._sign(
            pop, token=pop.access_token, name="Someone Else", decision="seen"
        )
        self.assertIn("not waiting for your signature", result.get("error", ""))
        self.assertNothingStored(pop, before)
        self.assertEqual(pop.employee_signed_by, "Sanne Jansen")

    def test_signing_when_not_to_sign_is_refused(self):
        pop = self.pop_sanne
        self.assertEqual(pop.state, "invited")
        before = self._snapshot(pop)
        self.authenticate(None, None)
        result = self._sign(pop, token=pop.access_token)
        self.assertIn("not waiting for your signature", result.get("error", ""))
        self.assertNothingStored(pop, before)

    def test_failure_after_signature_write_rolls_back_everything(self):
        pop = self._to_sign(self.pop_sanne)
        before = self._snapshot(pop)
        self.authenticate(None, None)
        with patch.object(
            type(self.env["hr.pop"]),
            "_close_activities",
            side_effect=UserError("Simulated failure after the signature was written"),
        ):
            result = self._sign(pop, token=pop.access_token)
        self.assertIn("Simulated failure", result.get("error", ""))
        self.assertNothingStored(pop, before)

    def test_the_sign_page_shows_everything_the_employee_signs(self):
        pop = self.pop_sanne
        pop.with_user(self.user_manager).action_start_meeting()
        pop.with_user(self.user_manager).write(
            {
                "current_position": "<p>Sanne plans the line on her own.</p>",
                "focus_areas": "<p>Leading the weekly planning meeting.</p>",
            }
        )
        pop.line_ids.with_user(self.user_manager).write(
            {
                "course_code": "PLN-101",
                "during_work_hours": False,
                "repayment_agreement": True,
                "repayment_months": 24,
                "repayment_terms": "1/24 of the cost per month still to serve",
                "remarks": "Evening classes on Tuesday",
            }
        )
        pop.with_user(self.user_manager).action_submit()
        self.authenticate(None, None)
        page = self.url_open(self._pop_url(pop, token=pop.access_token)).text
        for shown in (
            "Conversation Summary",
            "Sanne plans the line on her own.",
            "Leading the weekly planning meeting.",
            "PLN-101",
            "Outside working time",
            "Study-cost repayment agreement",
            "24",
            "1/24 of the cost per month still to serve",
            "Evening classes on Tuesday",
        ):
            self.assertIn(shown, page)

    def test_sign_page_offers_decision_comment_and_signature_form(self):
        pop = self._to_sign(self.pop_sanne)
        self.authenticate(None, None)
        page = self.url_open(self._pop_url(pop, token=pop.access_token)).text
        self.assertIn('owl-component name="portal.signature_form"', page)
        self.assertIn(f"/my/pops/{pop.id}/sign?access_token={pop.access_token}", page)
        self.assertIn('name="decision" value="seen"', page)
        self.assertIn('name="comment"', page)


@tagged("post_install", "-at_install")
class TestHrPopPortalPreparationAnswers(JsonRpcMixin, HrPopPortalCommon):
    """What the employee shares, and how his answers read once submitted."""

    def test_blank_answer_is_never_shared_with_the_manager(self):
        pop = self.pop_paul
        answered, blank = self._employee_answers(pop)
        self.authenticate(self.user_portal.login, self.user_portal.login)
        response = self._post_preparation(
            pop,
            {
                "action": "submit",
                f"answer_{answered.id}": "I want to lead projects",
                f"answer_{blank.id}": "   ",
            },
        )
        self.assertEqual(response.status_code, 303)
        response = self._post_preparation(pop, {"action": "share"})
        self.assertEqual(response.status_code, 303, response.text[:300])
        pop.invalidate_recordset()
        (answered | blank).invalidate_recordset()
        self.assertTrue(pop.employee_answers_shared)
        self.assertTrue(answered.shared)
        self.assertFalse(blank.answer)
        self.assertFalse(blank.shared, "a blank answer was shared")
        # The manager reads the answered question only, over his own session.
        shared = self.call_kw(
            self.user_manager.login,
            "hr.pop.answer",
            "search_read",
            [[("pop_id", "=", pop.id), ("author", "=", "employee")]],
            {"fields": ["question", "answer"]},
        )
        self.assertEqual(
            [(a["question"], a["answer"]) for a in shared],
            [(answered.question, "I want to lead projects")],
        )

    def test_nothing_to_share_when_every_answer_is_blank(self):
        pop = self.pop_paul
        first, second = self._employee_answers(pop)
        self.authenticate(self.user_portal.login, self.user_portal.login)
        self._post_preparation(
            pop,
            {"action": "submit", f"answer_{first.id}": "", f"answer_{second.id}": ""},
        )
        self.assertEqual(pop.employee_preparation_state, "submitted")
        page = self.url_open(self._pop_url(pop)).text
        self.assertNotIn("o_hr_pop_share", page, "a share button for nothing")
        with mute_logger("odoo.http"):
            response = self._post_preparation(pop, {"action": "share"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("There is nothing to share", response.text)
        pop.invalidate_recordset()
        self.assertFalse(pop.employee_answers_shared)
        self.assertFalse(any(self._employee_answers(pop).mapped("shared")))

    def test_submitted_answers_are_shown_without_stray_indentation(self):
        pop = self.pop_paul
        first, second = self._employee_answers(pop)
        manager_answer = self._manager_answers(pop)
        manager_pop = pop.with_user(self.user_manager)
        manager_pop._save_preparation_answers(
            "manager", {manager_answer.id: "Paul plans well.\nAsk about the course."}
        )
        manager_pop.action_share_preparation("manager")
        self.authenticate(self.user_portal.login, self.user_portal.login)
        self._post_preparation(
            pop,
            {
                "action": "submit",
                f"answer_{first.id}": "Plan projects.\n  - indented on purpose",
                f"answer_{second.id}": "",
            },
        )
        page = lxml_html.fromstring(self.url_open(self._pop_url(pop)).text)
        answers = [dd.text_content() for dd in page.find_class("o_hr_pop_answer")]
        # Exactly the text as typed (pre-wrap shows every space), "No answer" else.
        self.assertEqual(
            answers, ["Plan projects.\n  - indented on purpose", "No answer"]
        )
        agenda = [dd.text_content() for dd in page.find_class("o_hr_pop_agenda_answer")]
        self.assertEqual(agenda, ["Paul plans well.\nAsk about the course."])

    def test_submit_button_asks_for_confirmation_before_submitting(self):
        self.authenticate(self.user_portal.login, self.user_portal.login)
        page = lxml_html.fromstring(self.url_open(self._pop_url(self.pop_paul)).text)
        (form,) = page.find_class("o_hr_pop_preparation_form")
        (button,) = form.find_class("o_hr_pop_submit")
        # The visible button only opens the dialog; the dialog's button submits.
        self.assertEqual(button.get("type"), "button")
        self.assertEqual(button.get("data-bs-target"), "#modal_pop_submit")
        submits = form.xpath(".//button[@type='submit' and @value='submit']")
        self.assertEqual(len(submits), 1)
        self.assertTrue(submits[0].xpath("ancestor::*[@id='modal_pop_submit']"))


@tagged("post_install", "-at_install")
class TestHrPopPortalHome(HrPopPortalCommon):
    """/my, the list and the plan page explain themselves."""

    def _tile(self, page):
        (link,) = page.xpath("//a[@href='/my/pops']")
        return link.xpath("ancestor::div[contains(@class, 'o_portal_index_card')]")[0]

    def test_home_tile_shows_an_icon_and_the_number_of_plans(self):
        self.authenticate(self.user_portal.login, self.user_portal.login)
        page = lxml_html.fromstring(self.url_open("/my").text)
        tile = self._tile(page)
        self.assertNotIn("d-none", tile.get("class").split())
        (icon,) = tile.xpath(".//img")
        self.assertEqual(icon.get("src"), "/hr_pop/static/src/img/portal_pop.svg")
        (count,) = tile.find_class("o_hr_pop_home_count")
        self.assertEqual(count.text_content().strip(), "1")
        response = self.url_open(icon.get("src"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("svg", response.headers["Content-Type"])

    def test_home_tile_stays_hidden_without_plans(self):
        self.authenticate(self.user_customer.login, self.user_customer.login)
        page = lxml_html.fromstring(self.url_open("/my").text)
        tile = self._tile(page)
        self.assertIn("d-none", tile.get("class").split())
        self.assertFalse(tile.find_class("o_hr_pop_home_count"))

    def test_to_approve_is_explained_to_the_employee(self):
        self.company_a.pop_approval_threshold = 100.0
        pop = self._to_sign(self.pop_paul)
        pop.with_user(self.user_portal).sign("employee", self.png, "Paul Portal")
        pop.with_user(self.user_manager).sign("manager", self.png, "Mark Manager")
        self.assertEqual(pop.state, "to_approve")
        self.authenticate(self.user_portal.login, self.user_portal.login)
        text = " ".join(self.url_open(self._pop_url(pop)).text.split())
        self.assertIn("Waiting for HR's approval.", text)
        self.assertIn("HR approves it before it starts", text)
        listing = self.url_open("/my/pops").text
        self.assertIn("o_hr_pop_to_approve_help", listing)
        self.assertIn("it now waits for HR's approval", listing)
        self.assertIn(
            'title="You and your manager have signed; the plan waits for HR', listing
        )

    def test_to_approve_help_only_where_a_plan_waits_for_approval(self):
        self.authenticate(self.user_portal.login, self.user_portal.login)
        self.assertNotIn("o_hr_pop_to_approve_help", self.url_open("/my/pops").text)
        page = self.url_open(self._pop_url(self.pop_paul)).text
        self.assertNotIn("o_hr_pop_to_approve_help", page)

    def test_data_download_is_explained(self):
        self.authenticate(self.user_portal.login, self.user_portal.login)
        for url in ("/my/pops", self._pop_url(self.pop_paul)):
            with self.subTest(url=url):
                page = lxml_html.fromstring(self.url_open(url).text)
                (help_text,) = page.find_class("o_hr_pop_export_help")
                text = " ".join(help_text.text_content().split())
                self.assertIn("gives you a copy of everything", text)
                self.assertIn("(JSON)", text)
                self.assertIn("right of access to your personal data", text)

    def test_course_duration_reads_as_a_duration(self):
        course = self.env["hr.pop.course"].create(
            {"name": "Project Planning", "duration_hours": 24, "cost": 450.0}
        )
        self.pop_sanne.line_ids.course_id = course
        self.authenticate(None, None)
        page = lxml_html.fromstring(
            self.url_open(
                self._pop_url(self.pop_sanne, token=self.pop_sanne.access_token)
            ).text
        )
        (duration,) = page.find_class("o_hr_pop_line_duration")
        self.assertEqual(
            " ".join(duration.text_content().split()), "Duration: 24 hours"
        )


@tagged("post_install", "-at_install")
class TestHrPopPortalTimes(HrPopPortalCommon):
    """Times in the employee's timezone (his user's, else his contact's, else his
    own), without seconds, whoever opens the page."""

    def _meeting_at(self, pop):
        meeting = (fields.Datetime.now() + relativedelta(days=3)).replace(
            hour=8, minute=0, second=37, microsecond=0
        )
        pop.meeting_date = meeting
        return meeting

    @staticmethod
    def _local(utc, tz):
        local = pytz.utc.localize(utc).astimezone(pytz.timezone(tz))
        return f"{local:%m/%d/%Y %H:%M}"

    def _shown(self, page, css_class):
        return [
            " ".join(el.text_content().split()) for el in page.find_class(css_class)
        ]

    def test_conversation_time_in_the_employees_user_timezone_without_seconds(self):
        pop = self.pop_paul
        meeting = self._meeting_at(pop)
        self.assertEqual(self.user_portal.tz, "Europe/Amsterdam")
        self.employee_portal.tz = "UTC"
        expected = self._local(meeting, "Europe/Amsterdam")
        self.assertNotEqual(expected, f"{meeting:%m/%d/%Y %H:%M}")
        self.authenticate(self.user_portal.login, self.user_portal.login)
        page = lxml_html.fromstring(self.url_open(self._pop_url(pop)).text)
        self.assertEqual(self._shown(page, "o_hr_pop_meeting_date"), [expected])
        listing = self.url_open("/my/pops").text
        self.assertIn(expected, listing)
        self.assertNotIn(":37", listing)

    def test_link_visitor_reads_the_times_of_the_employees_contact_timezone(self):
        pop = self.pop_sanne
        meeting = self._meeting_at(pop)
        self.assertFalse(self.employee_sanne.user_id)
        self.employee_sanne.work_contact_id.tz = "Asia/Tokyo"
        self.employee_sanne.tz = "UTC"
        self._to_sign(pop)
        self.authenticate(None, None)
        result = self._sign(pop, token=pop.access_token)
        self.assertTrue(result.get("force_refresh"), result)
        pop.invalidate_recordset()
        page = lxml_html.fromstring(
            self.url_open(self._pop_url(pop, token=pop.access_token)).text
        )
        self.assertEqual(
            self._shown(page, "o_hr_pop_meeting_date"),
            [self._local(meeting, "Asia/Tokyo")],
        )
        signed_on = pop.employee_signed_on.replace(microsecond=0)
        self.assertEqual(
            self._shown(page, "o_hr_pop_signed_on"),
            [self._local(signed_on, "Asia/Tokyo")],
        )

    def test_timezone_falls_back_to_the_employees_own_and_calendar_timezone(self):
        employee = self.employee_sanne
        employee.work_contact_id.tz = False
        employee.tz = "America/New_York"
        self.assertEqual(get_pop_timezone(employee), "America/New_York")
        # A zone the installed tz database does not know (renamed or removed).
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE resource_resource SET tz = 'Not/AZone' WHERE id = %s",
            [employee.resource_id.id],
        )
        employee.resource_id.invalidate_recordset(["tz"])
        employee.invalidate_recordset(["tz"])
        employee.resource_calendar_id.tz = "Europe/Amsterdam"
        self.assertEqual(get_pop_timezone(employee), "Europe/Amsterdam")


@tagged("post_install", "-at_install")
class TestHrPopPortalPdfName(HrPopPortalCommon):
    def test_pdf_has_the_same_name_in_the_portal_and_the_back_office(self):
        pop = self.pop_paul
        expected = content_disposition(f"POP - {pop.name.replace('/', '-')}.pdf")

        self.authenticate(self.user_manager.login, self.user_manager.login)
        back_office = self.url_open(
            "/report/download",
            data={
                "data": json.dumps(
                    [f"/report/pdf/hr_pop.report_hr_pop/{pop.id}", "qweb-pdf"]
                ),
                "context": "{}",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(back_office.status_code, 200, back_office.text[:300])
        self.assertEqual(back_office.headers["Content-Disposition"], expected)

        self.authenticate(self.user_portal.login, self.user_portal.login)
        portal = self.url_open(self._pop_url(pop, report_type="pdf", download="true"))
        self.assertPopReport(portal, pop)
        self.assertEqual(portal.headers["Content-Disposition"], expected)
