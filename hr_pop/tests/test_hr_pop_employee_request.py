# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 13: the employee asks for a development conversation.

Proved over HTTP with a real session per role: the portal employee posts the
form of ``/my/pops/request`` (with its CSRF token), internal users call models
through ``/web/dataset/call_kw`` (the back-office wizard, the decline dialog).
"""

from lxml import html as lxml_html

from odoo import fields, http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import JsonRpcMixin, TestHrPopCommon

REQUEST_ACTIVITY = "hr_pop.mail_activity_pop_request"


@tagged("post_install", "-at_install")
class TestHrPopEmployeeRequest(TestHrPopCommon, JsonRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # An internal employee without manager (no parent, no department).
        cls.user_lonely = cls._new_user(
            env, "pop_lonely", "base.group_user", "Lotte Lonely"
        )
        cls.employee_lonely = env["hr.employee"].create(
            {
                "name": "Lotte Lonely",
                "user_id": cls.user_lonely.id,
                "company_id": cls.company_a.id,
                "private_email": "lotte.lonely@home.example.com",
            }
        )
        cls.company_a.pop_hr_responsible_id = cls.user_officer
        cls.user_lonely = cls.user_lonely.with_env(cls.env)
        cls.employee_lonely = cls.employee_lonely.with_env(cls.env)

    # --- helpers --------------------------------------------------------------------
    def _login(self, login):
        self.authenticate(login, login)
        self._rpc_login = login

    def _post_request(self, data, csrf=True, login="pop_portal1"):
        """POST the portal request form as ``login``; the response, not followed."""
        self._login(login)
        payload = dict(data)
        if csrf:
            payload["csrf_token"] = http.Request.csrf_token(self)
        response = self.url_open(
            "/my/pops/request", data=payload, allow_redirects=False
        )
        self.env.invalidate_all()
        return response

    def _requests(self, employee):
        return self.env["hr.pop.request"].search([("employee_id", "=", employee.id)])

    def _request_activities(self, pop):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.pop"),
                ("res_id", "=", pop.id),
                ("activity_type_id", "=", self.env.ref(REQUEST_ACTIVITY).id),
            ]
        )

    def _snapshot(self):
        """What a refused request must leave as it was, for every employee."""
        self.env.invalidate_all()
        return {
            "pops": self.env["hr.pop"].search_count([]),
            "requests": self.env["hr.pop.request"].search_count([]),
            "goals": self.env["hr.pop.request.goal"].search_count([]),
            "activities": self.env["mail.activity"].search_count(
                [("res_model", "=", "hr.pop")]
            ),
            "messages": self.env["mail.message"].search_count(
                [("model", "=", "hr.pop")]
            ),
        }

    def _portal_request(self, **data):
        data.setdefault("motivation", "I would like to grow into a lead role.")
        response = self._post_request(data)
        self.assertEqual(response.status_code, 303, response.text[:500])
        (request,) = self._requests(self.employee_portal)
        return request

    def _decline_over_rpc(self, pop, reason, login="pop_mgr"):
        wizard_id = self.call_kw(
            login,
            "hr.pop.reason.wizard",
            "create",
            [{"pop_id": pop.id, "action": "decline_request", "reason": reason}],
        )
        return self.call_kw(
            login, "hr.pop.reason.wizard", "action_confirm", [[wizard_id]]
        )

    # --- asking ---------------------------------------------------------------------
    def test_portal_request_creates_draft_plan_todo_and_note_by_the_employee(self):
        self.assertFalse(
            self.env["hr.pop"].search([("employee_id", "=", self.employee_portal.id)])
        )
        response = self._post_request(
            {
                "motivation": "I would like to grow into a lead role.",
                "goal_name_0": "Lead the next release",
                "goal_category_0": "career",
            }
        )
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertIn("/my/pops?message=requested", response.headers["Location"])

        (request,) = self._requests(self.employee_portal)
        pop = request.pop_id
        self.assertEqual(pop.employee_id, self.employee_portal)
        self.assertEqual(pop.state, "draft")
        self.assertEqual(pop.manager_id, self.employee_manager)
        self.assertEqual(pop.date_start, fields.Date.context_today(pop))
        self.assertTrue(pop.requested_by_employee)
        self.assertEqual(pop.request_state, "requested")
        self.assertEqual(request.state, "requested")
        self.assertEqual(request.motivation, "I would like to grow into a lead role.")
        self.assertEqual(request.goal_ids.mapped("name"), ["Lead the next release"])
        self.assertEqual(request.goal_ids.category, "career")
        self.assertFalse(request.goal_ids.shared)

        # The manager's to-do.
        activity = self._request_activities(pop)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertIn("Paul Portal", activity.summary)

        # The note in the chatter, by the employee, notifying the manager.
        note = pop.message_ids.filtered(
            lambda m: "asks for a development conversation" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.user_portal.partner_id)
        self.assertIn("grow into a lead role", note.body)
        self.assertNotIn("Lead the next release", note.body, "an unshared goal leaked")
        self.assertIn(self.user_manager.partner_id, note.partner_ids)
        # Notified by mail (his preference), through the queue: never SMTP here.
        mail = self.env["mail.mail"].search([("mail_message_id", "=", note.id)])
        self.assertTrue(mail)
        self.assertEqual(set(mail.mapped("state")), {"outgoing"})
        self.assertIn(self.user_manager.partner_id, mail.recipient_ids)

        # The confirmation.
        page = self.url_open("/my/pops?message=requested")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_hr_pop_request_message", page.text)
        self.assertIn("Your request has been sent", page.text)
        self.assertIn("o_hr_pop_request_requested", page.text)

    def test_internal_employee_requests_through_the_wizard_over_rpc(self):
        wizard_id = self.call_kw(
            "pop_emp",
            "hr.pop.request.wizard",
            "create",
            [
                {
                    "motivation": "Time for a new step.",
                    "share_goals": True,
                    "line_ids": [
                        [0, 0, {"name": "Learn Python", "category": "job"}],
                    ],
                }
            ],
        )
        result = self.call_kw(
            "pop_emp", "hr.pop.request.wizard", "action_confirm", [[wizard_id]]
        )
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn("Mark Manager", result["params"]["message"])
        (request,) = self._requests(self.employee_emp)
        self.assertEqual(request.pop_id.state, "draft")
        self.assertTrue(request.goal_ids.shared)
        note = request.pop_id.message_ids.filtered(
            lambda m: "asks for a development conversation" in (m.body or "")
        )
        self.assertEqual(note.author_id, self.user_employee.partner_id)
        self.assertIn("Learn Python", note.body, "a shared goal is in the note")
        self.assertEqual(
            self._request_activities(request.pop_id).user_id, self.user_manager
        )
        # The employee reads his request and its status in the back office.
        read = self.call_kw(
            "pop_emp",
            "hr.pop",
            "read",
            [[request.pop_id.id], ["request_state", "requested_by_employee"]],
        )
        self.assertEqual(read[0]["request_state"], "requested")
        self.assertTrue(read[0]["requested_by_employee"])

    def test_request_reuses_the_open_draft_plan(self):
        draft = self._create_pop(self.employee_portal)
        plans = self.env["hr.pop"].search_count([])
        request = self._portal_request(
            goal_name_0="Coach a junior", goal_category_0="job"
        )
        self.assertEqual(request.pop_id, draft)
        self.assertEqual(self.env["hr.pop"].search_count([]), plans)
        self.assertEqual(draft.request_state, "requested")
        self.assertEqual(draft.request_ids.goal_ids.mapped("name"), ["Coach a junior"])

    def test_new_plan_follows_the_last_open_plan(self):
        running = self._create_pop(self.employee_portal)
        self._to_sign(running)
        request = self._portal_request()
        self.assertNotEqual(request.pop_id, running)
        self.assertEqual(
            request.pop_id.date_start, fields.Date.add(running.date_end, days=1)
        )

    @mute_logger("odoo.http")
    def test_second_open_request_is_refused_and_nothing_saved(self):
        self._portal_request()
        before = self._snapshot()
        response = self._post_request(
            {"motivation": "Again please", "goal_name_0": "Another goal"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("already asked for a development conversation", response.text)
        self.assertNotIn("Traceback", response.text)
        self.assertEqual(self._snapshot(), before)
        # The form is shown again with what he typed.
        self.assertIn("Again please", response.text)
        # The back-office wizard refuses it the same way (the internal employee).
        wizard = {"motivation": "First"}
        for expected_ok in (True, False):
            wizard_id = self.call_kw(
                "pop_emp", "hr.pop.request.wizard", "create", [wizard]
            )
            if expected_ok:
                self.call_kw(
                    "pop_emp", "hr.pop.request.wizard", "action_confirm", [[wizard_id]]
                )
                before = self._snapshot()
                continue
            error = self.assertRpcRefused(
                "pop_emp", "hr.pop.request.wizard", "action_confirm", [[wizard_id]]
            )
            self.assertIn("already asked", error.message)
        self.assertEqual(self._snapshot(), before)
        # The portal hides the button while a request is open.
        self._login("pop_portal1")
        self.assertNotIn("o_hr_pop_request_button", self.url_open("/my/pops").text)

    @mute_logger("odoo.http")
    def test_request_cannot_target_another_employee_or_plan(self):
        other_pop = self._create_pop(self.employee_emp)
        before = self._snapshot()
        for forged in (
            {"employee_id": str(self.employee_emp.id)},
            {"pop_id": str(other_pop.id)},
            {"goal_name_7": "Out of range"},
        ):
            response = self._post_request({"motivation": "Let us talk", **forged})
            self.assertEqual(response.status_code, 400, forged)
            self.assertIn("does not belong to it", response.text)
            self.assertEqual(self._snapshot(), before, forged)
        self.assertFalse(other_pop.request_ids)

        # Over JSON-RPC: context defaults do not name the employee or the plan...
        forged_context = {
            "context": {
                "default_employee_id": self.employee_emp.id,
                "default_pop_id": other_pop.id,
                "active_model": "hr.pop",
                "active_id": other_pop.id,
                "active_ids": [other_pop.id],
            }
        }
        wizard_id = self.call_kw(
            "pop_emp2",
            "hr.pop.request.wizard",
            "create",
            [{"motivation": "Mine"}],
            forged_context,
        )
        self.call_kw(
            "pop_emp2",
            "hr.pop.request.wizard",
            "action_confirm",
            [[wizard_id]],
            forged_context,
        )
        self.assertFalse(other_pop.request_ids)
        self.assertFalse(self._requests(self.employee_emp))
        (own,) = self._requests(self.employee_emp2)
        self.assertEqual(own.pop_id.employee_id, self.employee_emp2)
        # ...requests cannot be created or changed directly...
        before = self._snapshot()
        self.assertRpcRefused(
            "pop_emp2",
            "hr.pop.request",
            "create",
            [
                {
                    "pop_id": other_pop.id,
                    "employee_id": self.employee_emp.id,
                    "motivation": "Forged",
                }
            ],
        )
        self.assertRpcRefused(
            "pop_emp2", "hr.pop.request", "write", [[own.id], {"state": "planned"}]
        )
        self.assertRpcRefused(
            "pop_mgr", "hr.pop.request", "write", [[own.id], {"motivation": "Edited"}]
        )
        # ...and the request method is not callable from a client at all.
        self.assertRpcRefused(
            "pop_emp2",
            "hr.pop.request",
            "_request_conversation",
            ["Forged", [], False],
        )
        self.assertEqual(self._snapshot(), before)
        # Another employee cannot share (or read) his first goals.
        self.assertRpcRefused(
            "pop_emp", "hr.pop.request", "action_share_goals", [[own.id]]
        )

    @mute_logger("odoo.http")
    def test_employee_without_manager_gets_a_clear_message_and_nothing_saved(self):
        before = self._snapshot()
        wizard_id = self.call_kw(
            "pop_lonely", "hr.pop.request.wizard", "create", [{"motivation": "Hello"}]
        )
        error = self.assertRpcRefused(
            "pop_lonely",
            "hr.pop.request.wizard",
            "action_confirm",
            [[wizard_id]],
            error="odoo.exceptions.UserError",
        )
        self.assertIn("You have no manager", error.message)
        self.assertIn("contact HR", error.message)
        self.assertIn("Olga Officer", error.message)
        self.assertEqual(self._snapshot(), before)
        self.assertFalse(self._requests(self.employee_lonely))

        # The portal says the same, on the form.
        self.employee_portal.parent_id = False
        self.department_team.manager_id = False
        response = self._post_request({"motivation": "Hello"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("You have no manager", response.text)
        self.assertEqual(self._snapshot(), before)

    @mute_logger("odoo.http")
    def test_missing_motivation_shows_the_form_again_and_saves_nothing(self):
        before = self._snapshot()
        for motivation in (None, "", "   \n  "):
            data = {"goal_name_0": "Kept as typed", "goal_category_0": "job"}
            if motivation is not None:
                data["motivation"] = motivation
            response = self._post_request(data)
            self.assertEqual(response.status_code, 400, motivation)
            page = lxml_html.fromstring(response.text)
            self.assertTrue(page.find_class("o_hr_pop_request_form"))
            (error,) = page.find_class("o_hr_pop_error")
            self.assertIn(
                "why you would like a development conversation", error.text_content()
            )
            self.assertEqual(
                page.xpath("//input[@name='goal_name_0']/@value"), ["Kept as typed"]
            )
            self.assertNotIn("Traceback", response.text)
            self.assertEqual(self._snapshot(), before)

    @mute_logger("odoo.http")
    def test_post_without_csrf_token_is_refused(self):
        before = self._snapshot()
        response = self._post_request({"motivation": "No token"}, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._snapshot(), before)

    # --- answering ------------------------------------------------------------------
    def test_manager_declines_with_reason_and_the_employee_sees_it(self):
        request = self._portal_request()
        pop = request.pop_id
        # Neither the employee nor a stranger declines it.
        self.assertRpcRefused(
            "pop_portal1", "hr.pop", "action_decline_request", [[pop.id], "No"]
        )
        self.assertRpcRefused(
            "pop_emp", "hr.pop", "action_decline_request", [[pop.id], "No"]
        )
        # A reason is required.
        self.assertRpcRefused(
            "pop_mgr", "hr.pop", "action_decline_request", [[pop.id], "  "]
        )
        self.assertEqual(request.state, "requested")

        self._decline_over_rpc(pop, "The round starts next month: we talk then.")
        self.env.invalidate_all()
        self.assertEqual(request.state, "declined")
        self.assertEqual(
            request.decline_reason, "The round starts next month: we talk then."
        )
        self.assertEqual(request.decided_by_id, self.user_manager)
        self.assertEqual(pop.request_state, "declined")
        self.assertEqual(pop.state, "draft")
        self.assertFalse(self._request_activities(pop), "the manager's to-do is closed")
        # The employee gets a mail at his private address, through the queue.
        notification = self.env["hr.pop.notification"].search(
            [("pop_id", "=", pop.id), ("kind", "=", "request_declined")]
        )
        self.assertEqual(notification.channel, "email")
        self.assertIn("paul.portal@home.example.com", notification.mail_id.email_to)
        self.assertEqual(notification.mail_id.state, "outgoing")
        self.assertIn("we talk then", notification.mail_id.body_html)

        # He reads the reason in the portal: the list and the plan's page.
        self._login("pop_portal1")
        for url in ("/my/pops", f"/my/pops/{pop.id}"):
            page = self.url_open(url)
            self.assertEqual(page.status_code, 200, url)
            tree = lxml_html.fromstring(page.text)
            (reason,) = tree.find_class("o_hr_pop_request_decline_reason")
            self.assertEqual(
                reason.text_content(), "The round starts next month: we talk then."
            )
        # He may ask again: the button is back.
        self.assertIn("o_hr_pop_request_button", self.url_open("/my/pops").text)
        # A declined request cannot be declined again.
        self.assertRpcRefused(
            "pop_mgr", "hr.pop", "action_decline_request", [[pop.id], "Twice"]
        )

    def test_internal_employee_reads_the_decline_reason_in_the_back_office(self):
        self._login("pop_emp")
        wizard_id = self.call_kw(
            "pop_emp", "hr.pop.request.wizard", "create", [{"motivation": "Talk?"}]
        )
        self.call_kw(
            "pop_emp", "hr.pop.request.wizard", "action_confirm", [[wizard_id]]
        )
        (request,) = self._requests(self.employee_emp)
        self._decline_over_rpc(request.pop_id, "Not this quarter")
        read = self.call_kw(
            "pop_emp",
            "hr.pop",
            "read",
            [[request.pop_id.id], ["request_state", "request_decline_reason"]],
        )
        self.assertEqual(read[0]["request_state"], "declined")
        self.assertEqual(read[0]["request_decline_reason"], "Not this quarter")

    def test_manager_plans_the_date_and_the_invitation_goes_out(self):
        request = self._portal_request()
        pop = request.pop_id
        self.assertTrue(self._request_activities(pop))
        meeting = fields.Datetime.to_string(self._default_meeting_date())
        self.call_kw(
            "pop_mgr", "hr.pop", "write", [[pop.id], {"meeting_date": meeting}]
        )
        self.call_kw("pop_mgr", "hr.pop", "action_invite", [[pop.id]])
        self.env.invalidate_all()
        self.assertEqual(pop.state, "invited")
        self.assertEqual(request.state, "planned")
        self.assertEqual(pop.request_state, "planned")
        self.assertFalse(self._request_activities(pop), "the manager's to-do is closed")
        invitation = self.env["hr.pop.notification"].search(
            [("pop_id", "=", pop.id), ("kind", "=", "invitation")]
        )
        self.assertEqual(len(invitation), 1)
        self.assertIn("paul.portal@home.example.com", invitation.mail_id.email_to)
        self._login("pop_portal1")
        page = self.url_open("/my/pops")
        self.assertIn("o_hr_pop_request_planned", page.text)

    def test_cancelling_the_plan_closes_the_open_request(self):
        request = self._portal_request()
        request.pop_id.with_user(self.user_manager).action_cancel("Leaves the company")
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(self._request_activities(request.pop_id))

    # --- his own until shared ---------------------------------------------------------
    def test_unshared_goals_are_not_readable_by_the_manager_over_rpc(self):
        request = self._portal_request(
            goal_name_0="Become team lead",
            goal_category_0="career",
            goal_name_1="Learn negotiating",
            goal_category_1="personal",
        )
        goals = request.goal_ids
        self.assertEqual(len(goals), 2)
        for login in ("pop_mgr", "pop_officer"):
            # Not found, not readable, not in the request nor in the chatter.
            found = self.call_kw(
                login, "hr.pop.request.goal", "search_read", [[]], {"fields": ["name"]}
            )
            self.assertFalse({goal["id"] for goal in found} & set(goals.ids), login)
            self.assertRpcRefused(
                login,
                "hr.pop.request.goal",
                "read",
                [goals.ids, ["name"]],
                error="odoo.exceptions.AccessError",
            )
            (read,) = self.call_kw(
                login,
                "hr.pop.request",
                "read",
                [[request.id], ["motivation", "goal_ids"]],
            )
            self.assertEqual(
                read["motivation"], "I would like to grow into a lead role."
            )
            self.assertEqual(read["goal_ids"], [])
            bodies = self.call_kw(
                login,
                "mail.message",
                "search_read",
                [[("model", "=", "hr.pop"), ("res_id", "=", request.pop_id.id)]],
                {"fields": ["body"]},
            )
            self.assertFalse(
                [b for b in bodies if "Become team lead" in (b["body"] or "")], login
            )
        # The employee sees his own goals on his page, marked as his only.
        self._login("pop_portal1")
        page = self.url_open("/my/pops")
        self.assertIn("Become team lead", page.text)
        self.assertIn("o_hr_pop_request_goal_private", page.text)

        # He shares them: now the manager reads them.
        response = self.url_open(
            f"/my/pops/request/{request.id}/share",
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        read = self.call_kw(
            "pop_mgr", "hr.pop.request.goal", "read", [goals.ids, ["name", "shared"]]
        )
        self.assertEqual(
            sorted(goal["name"] for goal in read),
            ["Become team lead", "Learn negotiating"],
        )
        self.assertTrue(all(goal["shared"] for goal in read))

    def test_nobody_else_shares_the_employees_goals(self):
        request = self._portal_request(goal_name_0="Private goal")
        self._login("pop_emp")
        response = self.url_open(
            f"/my/pops/request/{request.id}/share",
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertRpcRefused(
            "pop_mgr", "hr.pop.request", "action_share_goals", [[request.id]]
        )
        self.env.invalidate_all()
        self.assertFalse(request.goal_ids.shared)

    def test_goals_of_a_declined_request_are_no_longer_shared(self):
        request = self._portal_request(goal_name_0="Kept private")
        self._decline_over_rpc(request.pop_id, "Not now")
        self._login("pop_portal1")
        self.assertNotIn("o_hr_pop_request_share", self.url_open("/my/pops").text)
        response = self.url_open(
            f"/my/pops/request/{request.id}/share",
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertNotIn("goals_shared", response.headers["Location"])
        self.env.invalidate_all()
        self.assertFalse(request.goal_ids.shared)

    def test_back_office_filter_requested_by_employee(self):
        request = self._portal_request()
        other = self._create_pop(self.employee_emp)
        found = self.call_kw(
            "pop_mgr",
            "hr.pop",
            "search",
            [[("requested_by_employee", "=", True)]],
        )
        self.assertIn(request.pop_id.id, found)
        self.assertNotIn(other.id, found)

    # --- the browser ------------------------------------------------------------------
    def test_portal_employee_requests_through_the_tour(self):
        self.start_tour("/my/pops", "hr_pop_employee_request_tour", login="pop_portal1")
        (request,) = self._requests(self.employee_portal)
        self.assertEqual(request.motivation, "I want to learn to lead projects.")
        self.assertEqual(request.goal_ids.mapped("name"), ["Project management course"])
        self.assertFalse(request.goal_ids.shared)
        activity = self._request_activities(request.pop_id)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(
            activity.date_deadline,
            fields.Date.add(fields.Date.context_today(activity), days=7),
        )
