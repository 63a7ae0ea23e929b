# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""360° feedback (issue 11, seed 004) through the doors its people use: the manager
asks over JSON-RPC and in the back office, respondents answer through their link
without an account (HTTP), the employee reads the results over JSON-RPC and in the
portal, the follow-up scheduled action reminds."""

from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, tagged

from .common import JsonRpcMixin, RpcError, TestHrPopCommon

NOT_ENOUGH = "Not enough responses yet"


@tagged("post_install", "-at_install")
class TestHrPop360(JsonRpcMixin, TestHrPopCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.pop_approval_threshold = 100_000.0
        skill_type = cls._create_skill_type(
            "POP Competences",
            ["POP Lean", "POP Communication"],
            [("Basic", 20), ("Intermediate", 40), ("Advanced", 60), ("Expert", 80)],
        )
        cls.skills = {skill.name: skill for skill in skill_type.skill_ids}
        cls.levels = {level.name: level for level in skill_type.skill_level_ids}
        cls.other_level = cls._create_skill_type(
            "POP Languages", ["POP Dutch"], [("A2", 30)]
        ).skill_level_ids
        cls.job_developer.pop_skill_ids = [
            fields.Command.create(
                {
                    "skill_type_id": skill_type.id,
                    "skill_id": cls.skills["POP Lean"].id,
                    "skill_level_id": cls.levels["Expert"].id,
                }
            )
        ]
        Employee = cls.env["hr.employee"]
        cls.colleagues = Employee.create(
            [
                {
                    "name": f"POP Colleague {number}",
                    "work_email": f"colleague{index}@work.example.com",
                    "department_id": cls.department_team.id,
                }
                for index, number in enumerate(("One", "Two", "Three", "Four"))
            ]
        )
        cls.pop = cls._create_pop(
            cls.employee_emp,
            goal_vals={
                "skill_id": cls.skills["POP Communication"].id,
                "skill_level_id": cls.levels["Advanced"].id,
            },
        )
        cls._to_sign(cls.pop)

    # --- helpers -------------------------------------------------------------------
    def _ask(self, login="pop_mgr", pop=None, **values):
        """The manager's Ask for Feedback dialog: filled in and sent over JSON-RPC."""
        pop = pop or self.pop
        wizard_id = self.call_kw(
            login,
            "hr.pop.feedback.wizard",
            "create",
            [values],
            {"context": {"default_pop_id": pop.id}},
        )
        return self.call_kw(
            login, "hr.pop.feedback.wizard", "action_send", [[wizard_id]]
        )

    def _requests(self, pop=None):
        return (pop or self.pop).sudo().feedback_request_ids

    def _ask_colleagues(self, count=3):
        self._ask(
            ask_employee=True,
            ask_manager=True,
            colleague_ids=[fields.Command.set(self.colleagues[:count].ids)],
        )
        return self._requests().filtered(lambda r: r.respondent_kind == "colleague")

    def _url(self, request, token=None):
        return f"/pop/feedback/{request.id}/{token or request.sudo().access_token}"

    def _post(self, request, data, token=None):
        self.authenticate(None, None)
        self._rpc_login = None
        self.url_open(self._url(request, token))  # the visitor's session and form
        payload = {"csrf_token": http.Request.csrf_token(self), **data}
        return self.url_open(self._url(request, token), data=payload)

    def _answers(self, request, levels, comment=None):
        """The form's fields: ``{skill name: level name or 'none'}``."""
        data = {"action": "submit"}
        for answer in request.sudo().answer_ids:
            level = levels.get(answer.skill_id.name)
            if level:
                data[f"level_{answer.id}"] = (
                    "none" if level == "none" else str(self.levels[level].id)
                )
            if comment:
                data[f"comment_{answer.id}"] = comment
        return data

    def _snapshot(self, requests):
        requests = requests.sudo()
        requests.invalidate_recordset()
        requests.answer_ids.invalidate_recordset()
        return [
            (
                r.state,
                [
                    (a.skill_level_id.id, a.cannot_judge, a.comment)
                    for a in r.answer_ids
                ],
            )
            for r in requests
        ]

    # --- asking ----------------------------------------------------------------------
    def test_the_manager_asks_the_employee_the_manager_and_colleagues_each_by_link(
        self,
    ):
        self._ask(
            colleague_ids=[fields.Command.set(self.colleagues[:2].ids)],
            user_ids=[fields.Command.set(self.user_employee2.ids)],
            other_emails="Jane Outside <jane@example.org>\n\nbob@example.net",
        )
        requests = self._requests()
        self.assertEqual(
            sorted(requests.mapped("respondent_kind")),
            ["colleague"] * 5 + ["manager", "self"],
        )
        self.assertIn("Jane Outside", requests.mapped("respondent_name"))
        skills = self.skills["POP Lean"] | self.skills["POP Communication"]
        for request in requests:
            self.assertEqual(request.answer_ids.skill_id, skills, "goals and profile")
        logs = self.env["hr.pop.notification"].search(
            [("pop_id", "=", self.pop.id), ("kind", "=", "feedback_request")]
        )
        self.assertEqual(len(logs), 7)
        self_log = logs.filtered(
            lambda log: log.key
            == str(requests.filtered(lambda r: r.respondent_kind == "self").id)
        )
        self.assertIn("emma.employee@home.example.com", self_log.mail_id.email_to)
        for log in logs:
            request = requests.filtered(lambda r, key=log.key: str(r.id) == key)
            mail = log.mail_id
            self.assertFalse(mail.model, "a mail with a link is on no record")
            self.assertIn(self._url(request), mail.body_html)
            others = requests - request
            for other in others:
                self.assertNotIn(other.sudo().access_token, mail.body_html)

    def test_nobody_is_asked_twice_and_the_dialog_says_who(self):
        self._ask_colleagues(2)
        result = self._ask(colleague_ids=[fields.Command.set(self.colleagues[:3].ids)])
        self.assertIn("POP Colleague One", result["params"]["message"])
        self.assertEqual(len(self._requests()), 5)
        wizard_id = self.call_kw(
            "pop_mgr",
            "hr.pop.feedback.wizard",
            "create",
            [{"colleague_ids": [fields.Command.set(self.colleagues[:1].ids)]}],
            {"context": {"default_pop_id": self.pop.id}},
        )
        refused = self.assertRpcRefused(
            "pop_mgr", "hr.pop.feedback.wizard", "action_send", [[wizard_id]]
        )
        self.assertIn("asked already", refused.message)
        self.assertIn("POP Colleague One", refused.message)
        self.assertEqual(len(self._requests()), 5)

    def test_a_line_that_is_not_an_address_is_refused_and_nobody_is_asked(self):
        with self.assertRaises(RpcError):
            self._ask(other_emails="jane@example.org\nnot an address")
        self.assertFalse(self._requests())

    def test_only_the_manager_or_hr_asks_and_only_on_an_agreed_plan(self):
        draft = self._create_pop(self.employee_emp2)
        with self.assertRaises(RpcError):
            self._ask(pop=draft)
        self.assertFalse(self._requests(draft))
        with self.assertRaises(RpcError):
            self._ask(login="pop_emp")
        self.assertFalse(self._requests())
        self._ask(login="pop_officer", ask_manager=False)
        self.assertEqual(self._requests().mapped("respondent_kind"), ["self"])

    def test_nobody_writes_a_request_or_an_answer_over_json_rpc(self):
        requests = self._ask_colleagues(1)
        answer = requests.sudo().answer_ids[:1]
        before = self._snapshot(self._requests())
        for login in ("pop_mgr", "pop_officer"):
            self.assertRpcRefused(
                login,
                "hr.pop.feedback.request",
                "create",
                [
                    {
                        "pop_id": self.pop.id,
                        "respondent_kind": "colleague",
                        "respondent_name": "Forged",
                        "deadline": "2099-01-01",
                    }
                ],
            )
            self.assertRpcRefused(
                login,
                "hr.pop.feedback.request",
                "write",
                [requests.ids, {"state": "answered"}],
            )
            self.assertRpcRefused(
                login,
                "hr.pop.feedback.answer",
                "write",
                [answer.ids, {"skill_level_id": self.levels["Expert"].id}],
            )
            self.assertRpcRefused(
                login,
                "hr.pop.feedback.answer",
                "create",
                [{"request_id": requests.id, "skill_id": self.skills["POP Lean"].id}],
            )
            self.assertRpcRefused(
                login, "hr.pop.feedback.answer", "unlink", [answer.ids]
            )
        self.assertEqual(self._snapshot(self._requests()), before)

    # --- the respondent's link -----------------------------------------------------
    def test_a_respondent_answers_once_through_his_link(self):
        request = self._ask_colleagues(1)
        self.authenticate(None, None)
        page = self.url_open(self._url(request))
        self.assertEqual(page.status_code, 200)
        for text in ("POP Lean", "POP Communication", "Advanced", "Can't judge"):
            self.assertIn(text, page.text)
        self.assertNotIn("A2", page.text, "only the levels of the skill's type")
        before = self._snapshot(request)
        missing = self._post(request, self._answers(request, {"POP Lean": "Advanced"}))
        self.assertEqual(missing.status_code, 400)
        self.assertIn("POP Communication", missing.text)
        self.assertEqual(self._snapshot(request), before, "nothing saved")
        done = self._post(
            request,
            self._answers(
                request, {"POP Lean": "Advanced", "POP Communication": "none"}, "Kind"
            ),
        )
        self.assertEqual(done.status_code, 200)
        self.assertIn('data-outcome="thanks"', done.text)
        request.invalidate_recordset()
        self.assertEqual(request.state, "answered")
        lean = request.answer_ids.filtered(lambda a: a.skill_id.name == "POP Lean")
        self.assertEqual(lean.skill_level_id, self.levels["Advanced"])
        communication = request.answer_ids - lean
        self.assertTrue(communication.cannot_judge)
        self.assertFalse(communication.skill_level_id)
        after = self._snapshot(request)
        again = self._post(
            request,
            self._answers(request, {"POP Lean": "Basic", "POP Communication": "Basic"}),
        )
        self.assertEqual(again.status_code, 410)
        self.assertIn('data-outcome="answered"', again.text)
        self.assertEqual(self._snapshot(request), after, "a used link saves nothing")

    def test_a_level_of_another_skill_type_is_refused(self):
        request = self._ask_colleagues(1)
        data = self._answers(
            request, {"POP Lean": "Advanced", "POP Communication": "Basic"}
        )
        lean = request.sudo().answer_ids.filtered(
            lambda a: a.skill_id.name == "POP Lean"
        )
        data[f"level_{lean.id}"] = str(self.other_level.id)
        before = self._snapshot(request)
        response = self._post(request, data)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._snapshot(request), before)

    def test_forged_and_foreign_links_open_nothing(self):
        first, second = self._ask_colleagues(2)
        for url in (
            self._url(first, token="x" * 43),
            f"/pop/feedback/{second.id}/{first.sudo().access_token}",
            f"/pop/feedback/{2**31 - 1}/{first.sudo().access_token}",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertIn('data-outcome="invalid"', response.text)
                self.assertNotIn("POP Lean", response.text)
        before = self._snapshot(first | second)
        forged = self._post(
            second,
            self._answers(
                second, {"POP Lean": "Expert", "POP Communication": "Expert"}
            ),
            token=first.sudo().access_token,
        )
        self.assertEqual(forged.status_code, 404)
        self.assertEqual(self._snapshot(first | second), before)

    def test_an_answer_of_another_request_in_the_form_is_ignored(self):
        first, second = self._ask_colleagues(2)
        data = self._answers(
            first, {"POP Lean": "Advanced", "POP Communication": "Basic"}
        )
        for answer in second.sudo().answer_ids:
            data[f"level_{answer.id}"] = str(self.levels["Expert"].id)
        before = self._snapshot(second)
        self._post(first, data)
        self.assertEqual(first.state, "answered")
        self.assertEqual(self._snapshot(second), before)

    def test_declined_withdrawn_and_expired_links_save_nothing(self):
        declined, withdrawn, expired = self._ask_colleagues(3)
        response = self._post(
            declined, {"action": "decline", "decline_reason": "Too new here"}
        )
        self.assertIn('data-outcome="declined_now"', response.text)
        declined.invalidate_recordset()
        self.assertEqual(declined.state, "declined")
        self.assertEqual(declined.decline_reason, "Too new here")
        self.call_kw(
            "pop_mgr", "hr.pop.feedback.request", "action_cancel", [withdrawn.ids]
        )
        expired.sudo().deadline = fields.Date.today() - timedelta(days=1)
        for request, outcome in (
            (declined, "declined"),
            (withdrawn, "cancelled"),
            (expired, "expired"),
        ):
            with self.subTest(outcome=outcome):
                before = self._snapshot(request)
                page = self.url_open(self._url(request))
                self.assertEqual(page.status_code, 410)
                self.assertIn(f'data-outcome="{outcome}"', page.text)
                posted = self._post(
                    request,
                    self._answers(
                        request, {"POP Lean": "Basic", "POP Communication": "Basic"}
                    ),
                )
                self.assertEqual(posted.status_code, 410)
                self.assertEqual(self._snapshot(request), before)

    # --- who sees what -------------------------------------------------------------
    def _give(self, requests, level="Advanced", comment=None):
        for request in requests:
            response = self._post(
                request,
                self._answers(
                    request, {"POP Lean": level, "POP Communication": level}, comment
                ),
            )
            self.assertIn('data-outcome="thanks"', response.text)

    def _feedback_html(self, login):
        [values] = self.call_kw(
            login, "hr.pop", "read", [self.pop.ids, ["feedback_html"]]
        )
        return values["feedback_html"]

    def test_the_employee_sees_colleagues_only_aggregated_from_three_answers(self):
        colleagues = self._ask_colleagues(3)
        self._give(colleagues[:2], comment="Only for the manager")
        self.assertIn(NOT_ENOUGH, self._feedback_html("pop_emp"))
        manager_view = self._feedback_html("pop_mgr")
        self.assertNotIn(NOT_ENOUGH, manager_view)
        self.assertIn("2 answers", manager_view)
        self.authenticate("pop_emp", "pop_emp")
        self._rpc_login = "pop_emp"
        portal = self.url_open(f"/my/pops/{self.pop.id}")
        self.assertIn(NOT_ENOUGH, portal.text)
        self.assertNotIn("Only for the manager", portal.text)
        self._give(colleagues[2:])
        employee_view = self._feedback_html("pop_emp")
        self.assertNotIn(NOT_ENOUGH, employee_view)
        self.assertIn("average 60", employee_view)
        self.assertIn("3 answers", employee_view)
        self.assertNotIn("Only for the manager", employee_view)
        self.authenticate("pop_emp", "pop_emp")
        portal = self.url_open(f"/my/pops/{self.pop.id}")
        self.assertIn("average 60", portal.text)

    def test_the_employee_reads_his_own_and_his_managers_requests_never_a_colleagues(
        self,
    ):
        colleagues = self._ask_colleagues(3)
        self._give(colleagues)
        found = self.call_kw(
            "pop_emp",
            "hr.pop.feedback.request",
            "search_read",
            [[("pop_id", "=", self.pop.id)], ["respondent_kind"]],
        )
        self.assertEqual(
            sorted(r["respondent_kind"] for r in found), ["manager", "self"]
        )
        answers = self.call_kw(
            "pop_emp",
            "hr.pop.feedback.answer",
            "search",
            [[("pop_id", "=", self.pop.id)]],
        )
        self.assertFalse(set(answers) & set(colleagues.sudo().answer_ids.ids))
        self.assertRpcRefused(
            "pop_emp",
            "hr.pop.feedback.answer",
            "read",
            [colleagues.sudo().answer_ids[:1].ids, ["skill_level_id", "comment"]],
        )
        # The manager and HR read each answer.
        for login in ("pop_mgr", "pop_officer"):
            found = self.call_kw(
                login,
                "hr.pop.feedback.answer",
                "search",
                [[("pop_id", "=", self.pop.id)]],
            )
            self.assertTrue(set(colleagues.sudo().answer_ids.ids) <= set(found), login)

    def test_the_averages_per_competence_leave_out_cant_judge(self):
        colleagues = self._ask_colleagues(3)
        self._give(colleagues[:1], level="Expert")
        self._post(
            colleagues[1],
            self._answers(
                colleagues[1], {"POP Lean": "none", "POP Communication": "Basic"}
            ),
        )
        groups = self.call_kw(
            "pop_mgr",
            "hr.pop.feedback.answer",
            "read_group",
            [
                [
                    ("pop_id", "=", self.pop.id),
                    ("state", "=", "answered"),
                    ("skill_level_id", "!=", False),
                ],
                ["level_progress:avg"],
                ["skill_id"],
            ],
        )
        averages = {g["skill_id"][1]: g["level_progress"] for g in groups}
        self.assertEqual(averages["POP Lean"], 80)
        self.assertEqual(averages["POP Communication"], 50)

    # --- the reminder ---------------------------------------------------------------
    def test_the_reminder_goes_once_a_few_days_before_the_deadline(self):
        waiting, fresh, answered = self._ask_colleagues(3)
        self._give(answered)
        soon = fields.Date.today() + timedelta(days=2)
        (waiting | fresh | answered).sudo().write({"deadline": soon})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE hr_pop_feedback_request SET date_sent = now() - interval '3 days'"
            " WHERE id IN %s",
            [tuple((waiting | answered).ids)],
        )
        self.env.invalidate_all()
        Notification = self.env["hr.pop.notification"]
        for _run in range(2):
            Notification._cron_follow_up()
        reminders = Notification.search(
            [("pop_id", "=", self.pop.id), ("kind", "=", "feedback_reminder")]
        )
        self.assertEqual(reminders.mapped("key"), [str(waiting.id)])
        self.assertIn(self._url(waiting), reminders.mail_id.body_html)

    # --- the whole loop in the browser ----------------------------------------------
    def test_the_whole_loop_in_the_browser(self):
        """The manager asks three colleagues in the back office, each answers through
        his link without an account, and the employee sees their average."""
        self.start_tour(
            f"/odoo/action-hr_pop.hr_pop_action/{self.pop.id}",
            "hr_pop_manager_asks_feedback_tour",
            login="pop_mgr",
        )
        colleagues = self._requests().filtered(
            lambda r: r.respondent_kind == "colleague"
        )
        self.assertEqual(len(colleagues), 3)
        for number, request in enumerate(colleagues, start=1):
            self.start_tour(
                self._url(request), "hr_pop_colleague_gives_feedback_tour", login=None
            )
            self.authenticate("pop_emp", "pop_emp")
            portal = self.url_open(f"/my/pops/{self.pop.id}").text
            if number < 3:
                self.assertIn(NOT_ENOUGH, portal)
            else:
                self.assertNotIn(NOT_ENOUGH, portal)
                self.assertIn("average 60", portal)
                self.assertIn("average 80", portal)
            self.authenticate(None, None)
        self.assertEqual(set(colleagues.mapped("state")), {"answered"})
