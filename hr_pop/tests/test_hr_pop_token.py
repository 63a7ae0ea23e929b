# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The employee's link (its access token) reaches nobody but the employee.

Every attack goes through the door an attacker uses: JSON-RPC ``/web/dataset/call_kw``
(and plain HTTP) with a real session of his own.
"""

import json
import re
from urllib.parse import parse_qs, urlsplit

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import TestHrPopCommon

MUTED = (
    "odoo.http",
    "odoo.addons.base.models.ir_model",
    "odoo.addons.base.models.ir_rule",
)


@tagged("post_install", "-at_install")
class TestHrPopToken(TestHrPopCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # A manager of another team, and a portal user of company B.
        cls.user_other_manager = cls._new_user(
            env,
            "pop_mgr_other",
            "base.group_user,hr_pop.group_pop_manager",
            "Otto Other Manager",
        ).with_env(cls.env)
        cls.employee_other_manager.user_id = cls.user_other_manager
        cls.user_portal_b = cls._new_user(
            env,
            "pop_portal_b",
            "base.group_portal",
            "Petra Portal B",
            company=cls.company_b,
        ).with_env(cls.env)
        cls.attackers = {
            "manager": cls.user_manager,
            "pop admin": cls.user_officer,
            "manager of another team": cls.user_other_manager,
            "portal user of company B": cls.user_portal_b,
        }

    # --- helpers -------------------------------------------------------------------
    def _call(self, model, method, *args, **kwargs):
        """``method`` through JSON-RPC as the authenticated user."""
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _try_call(self, model, method, *args, **kwargs):
        """The result, or None when the server refuses the call."""
        try:
            return self._call(model, method, *args, **kwargs)
        except JsonRpcException:
            return None

    def _invited_pop(self):
        """Emma's plan, invited by her manager: the invitation mail is queued."""
        pop = self._create_pop(self.employee_emp)
        pop.with_user(self.user_manager).action_invite()
        self.assertTrue(pop.sudo().access_token)
        return pop

    def assertNoToken(self, result, pop, what):
        text = json.dumps(result, default=str)
        self.assertNotIn("access_token=", text, what)
        if pop.sudo().access_token:
            self.assertNotIn(pop.sudo().access_token, text, what)

    def assertLinkRefused(self, url, pop):
        """An anonymous visitor following ``url`` neither opens nor signs ``pop``."""
        self.authenticate(None, None)
        parts = urlsplit(url)
        token = parse_qs(parts.query).get("access_token", [None])[0]
        response = self.url_open(
            f"/my/pops/{pop.id}?{parts.query}", allow_redirects=False
        )
        # Refused with the page that says why (test_hr_pop_portal_links).
        self.assertEqual(response.status_code, 403, url)
        self.assertIn("o_hr_pop_link_error", response.text, url)
        self.assertNotIn(pop.employee_id.name, response.text, url)
        params = {
            "name": "Emma Employee",
            "signature": self.png.decode(),
            "decision": "agree",
            "content_hash": pop.sudo()._get_content_hash(),
        }
        if token:
            params["access_token"] = token
        result = self.make_jsonrpc_request(f"/my/pops/{pop.id}/sign", params)
        self.assertIn("error", result, url)
        pop.invalidate_recordset()
        self.assertFalse(pop.employee_signed_on, url)

    # --- tests ---------------------------------------------------------------------
    def test_get_portal_url_gives_others_no_token_and_creates_none(self):
        draft = self._create_pop(self.employee_emp2)
        invited = self._invited_pop()
        for role, user in self.attackers.items():
            self.authenticate(user.login, user.login)
            url = self._try_call("hr.pop", "get_portal_url", [draft.id])
            self.assertNoToken(url, draft, role)
            self.assertFalse(draft.sudo().access_token, f"{role} created a token")
            for kwargs in ({}, {"suffix": "/sign"}, {"report_type": "pdf"}):
                url = self._try_call("hr.pop", "get_portal_url", [invited.id], **kwargs)
                self.assertNoToken(url, invited, role)
        # Nobody searches the token out either.
        self.authenticate(self.user_manager.login, self.user_manager.login)
        with mute_logger(*MUTED), self.assertRaises(JsonRpcException):
            self._call("hr.pop", "search_count", [("access_token", "=like", "%")])

    @mute_logger(*MUTED)
    def test_no_readable_mail_or_message_holds_the_token(self):
        pop = self._invited_pop()
        token = pop.sudo().access_token
        invitation = self.env["hr.pop.notification"].search(
            [("pop_id", "=", pop.id), ("kind", "=", "invitation")]
        )
        message = invitation.mail_id.mail_message_id
        self.assertTrue(message)
        for role, user in self.attackers.items():
            self.authenticate(user.login, user.login)
            on_plan = self._try_call(
                "mail.message",
                "search_read",
                [("model", "=", "hr.pop"), ("res_id", "=", pop.id)],
            )
            self.assertNoToken(on_plan, pop, role)
            self.assertFalse(
                self._try_call(
                    "mail.message", "search_read", [("body", "ilike", token)]
                ),
                role,
            )
            # The message by its id: the manager triggered the invitation, but he
            # neither wrote nor created it.
            self.assertIsNone(
                self._try_call("mail.message", "read", [message.id], ["body"]), role
            )
            self.assertIsNone(
                self._try_call("mail.mail", "read", [invitation.mail_id.id]), role
            )

    @mute_logger(*MUTED)
    def test_share_wizard_composer_and_templates_give_no_token(self):
        pop = self._invited_pop()
        template = self.env.ref("hr_pop.mail_template_pop_invitation")
        share_context = {"active_model": "hr.pop", "active_id": pop.id}
        # Most internal users may create contacts, and so use the share wizard.
        partner_manager = self.env.ref("base.group_partner_manager")
        for user in self.attackers.values():
            if not user.share:
                user.groups_id |= partner_manager
        urls = []
        for role, user in self.attackers.items():
            self.authenticate(user.login, user.login)
            defaults = self._try_call(
                "portal.share", "default_get", ["share_link"], context=share_context
            )
            self.assertNoToken(defaults, pop, role)
            wizard_id = self._try_call(
                "portal.share",
                "create",
                {
                    "res_model": "hr.pop",
                    "res_id": pop.id,
                    "partner_ids": [(6, 0, [user.partner_id.id])],
                },
            )
            if wizard_id:
                shared = self._try_call(
                    "portal.share", "read", [wizard_id], ["share_link"]
                )
                self.assertNoToken(shared, pop, role)
                urls += [wizard["share_link"] for wizard in shared or []]
                self._try_call("portal.share", "action_send_mail", [wizard_id])
            composer_id = self._try_call(
                "mail.compose.message",
                "create",
                {
                    "composition_mode": "comment",
                    "model": "hr.pop",
                    "res_ids": [pop.id],
                    "template_id": template.id,
                },
            )
            if composer_id:
                composed = self._try_call(
                    "mail.compose.message", "read", [composer_id], ["body"]
                )
                self.assertNoToken(composed, pop, role)
                self._try_call(
                    "mail.compose.message", "action_send_mail", [composer_id]
                )
            self._try_call(
                "mail.template",
                "send_mail",
                [template.id],
                pop.id,
                email_values={"email_to": user.email},
            )
            self._try_call(
                "hr.pop",
                "message_post_with_source",
                [pop.id],
                "hr_pop.mail_template_pop_invitation",
            )
            # Whatever was posted on the plan on the way holds no token.
            self.assertNoToken(
                self._try_call(
                    "mail.message",
                    "search_read",
                    [("model", "=", "hr.pop"), ("res_id", "=", pop.id)],
                ),
                pop,
                role,
            )
            # /mail/view does not redirect to a link with the token either.
            response = self.url_open(
                f"/mail/view?model=hr.pop&res_id={pop.id}", allow_redirects=False
            )
            self.assertNotIn(
                pop.sudo().access_token, response.headers.get("Location", "")
            )
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "hr.pop"), ("res_id", "=", pop.id)])
        )
        self.assertNoToken(mails.mapped("body_html"), pop, "mails to others")
        for url in urls:
            self.assertLinkRefused(url, pop)

    @mute_logger(*MUTED)
    def test_links_obtained_by_others_neither_open_nor_sign(self):
        pop = self._invited_pop()
        pop.action_start_meeting()
        pop.action_submit()
        self.assertEqual(pop.state, "to_sign")
        urls = []
        for user in self.attackers.values():
            self.authenticate(user.login, user.login)
            url = self._try_call("hr.pop", "get_portal_url", [pop.id])
            if url:
                urls.append(url)
        self.assertTrue(urls)
        for url in urls:
            self.assertLinkRefused(url, pop)

    def test_employee_still_gets_his_link_and_his_mail_works(self):
        pop = self._invited_pop()
        token = pop.sudo().access_token
        self.authenticate(self.user_employee.login, self.user_employee.login)
        url = self._call("hr.pop", "get_portal_url", [pop.id])
        self.assertEqual(url, f"/my/pops/{pop.id}?access_token={token}")

        # His invitation: a working link, and no copy of it on the plan.
        invitation = self.env["hr.pop.notification"].search(
            [("pop_id", "=", pop.id), ("kind", "=", "invitation")]
        )
        mail = invitation.mail_id
        self.assertIn("emma.employee@home.example.com", mail.email_to)
        links = re.findall(rf'href="([^"]*/my/pops/{pop.id}\?[^"]*)"', mail.body_html)
        self.assertEqual(len(links), 1)
        self.assertEqual(parse_qs(urlsplit(links[0]).query)["access_token"], [token])
        self.assertFalse(mail.mail_message_id.model)
        self.assertFalse(mail.mail_message_id.author_id)
        self.authenticate(None, None)
        response = self.url_open(
            f"/my/pops/{pop.id}?access_token={token}", allow_redirects=False
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/pops/{pop.id}/export?access_token={token}", response.text)

    @mute_logger(*MUTED)
    def test_manager_reads_the_log_without_the_private_address(self):
        pop = self._invited_pop()
        self.authenticate(self.user_manager.login, self.user_manager.login)
        logs = self._call(
            "hr.pop.notification", "search_read", [("pop_id", "=", pop.id)]
        )
        self.assertEqual(len(logs), 1)
        self.assertNotIn("email", logs[0])
        self.assertNotIn(
            "emma.employee@home.example.com", json.dumps(logs, default=str)
        )
        with self.assertRaises(JsonRpcException):
            self._call(
                "hr.pop.notification",
                "search_read",
                [("pop_id", "=", pop.id)],
                ["email"],
            )
        # The log's views still load for him.
        views = self._call(
            "hr.pop.notification",
            "get_views",
            [[False, "list"], [False, "search"]],
        )
        self.assertNotIn("email", views["models"]["hr.pop.notification"]["fields"])
        # HR still reads it.
        self.authenticate(self.user_officer.login, self.user_officer.login)
        logs = self._call(
            "hr.pop.notification", "search_read", [("pop_id", "=", pop.id)], ["email"]
        )
        self.assertIn("emma.employee@home.example.com", logs[0]["email"])
