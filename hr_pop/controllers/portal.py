# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import re
from functools import partial

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import content_disposition, request
from odoo.tools import consteq, format_amount, format_date, html2plaintext
from odoo.tools.safe_eval import safe_eval, time

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.hr_pop import POP_STATES
from ..models.hr_pop_answer import ANSWER_MAX_LENGTH
from ..models.hr_pop_goal import GOAL_CATEGORIES
from ..models.hr_pop_request import (
    REQUEST_GOAL_MAX_LENGTH,
    REQUEST_MOTIVATION_MAX_LENGTH,
)
from ..report.hr_pop_report import get_pop_timezone, get_pop_timezones

REPORT_XMLID = "hr_pop.action_report_hr_pop"
# A preparation form only carries answers, named after the answer's id.
ANSWER_FIELD_RE = re.compile(r"answer_([1-9][0-9]{0,9})")
# The employee's remark next to his signature; longer is refused, not cut.
SIGN_COMMENT_MAX_LENGTH = 4000
# What a portal action may fail with; shown as a message, never as a traceback.
PORTAL_ERRORS = (AccessError, MissingError, UserError, ValidationError)
PREPARATION_MESSAGES = {"save": "saved", "submit": "submitted", "share": "shared"}
# The request form (issue 13): a motivation, a few first goals and whether to share
# them; nothing else, and never a plan or an employee (the user's own is taken).
REQUEST_FORM_GOALS = 3
REQUEST_GOAL_FIELD_RE = re.compile(r"goal_(name|category)_([0-9])")
REQUEST_FORM_FIELDS = {"csrf_token", "motivation", "share_goals"}
REQUEST_MESSAGES = ("requested", "goals_shared")
# The largest id PostgreSQL's integer holds: a larger one in a link is no plan.
MAX_RECORD_ID = 2**31 - 1
# Why a link does not open a plan (see PopLinkError), with the page's HTTP status.
LINK_PROBLEM_STATUS = {
    "missing": 404,  # no such plan (deleted, or a mistyped link)
    "invalid": 403,  # a token that is not this plan's (wrong, old, another plan's)
    "login": 403,  # a visitor without token: only the employee may open the page
    "not_yours": 403,  # logged in, but not the plan's employee
    "cancelled": 410,  # the employee's link to a plan that has been cancelled
}


def _error_message(error):
    return error.args[0] if error.args else str(error)


class PopLinkError(Exception):
    """The visitor's link does not open the plan: ``problem`` says why (a key of
    LINK_PROBLEM_STATUS); ``pop_sudo`` is the plan when the visitor proved it is
    his (its company tells whom to ask)."""

    def __init__(self, problem, pop_sudo=None):
        super().__init__(problem)
        self.problem = problem
        self.pop_sudo = pop_sudo


class HrPopPortal(CustomerPortal):
    # === HOME AND LIST === #
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "pop_count" in counters:
            values["pop_count"] = self._pop_count()
        elif not counters:
            # /my itself: the tile shows the number at once (Odoo's own counter
            # only decides whether a tile is shown).
            values["pop_home_count"] = self._pop_count()
            # An employee without plans yet still finds the tile: he can ask for
            # a conversation there (issue 13).
            values["pop_is_employee"] = bool(self._get_portal_employees())
        return values

    def _pop_count(self):
        Pop = request.env["hr.pop"]
        if not Pop.has_access("read"):
            return 0
        return Pop.search_count(self._prepare_pops_domain())

    def _get_portal_employees(self):
        """The employees linked to the current user (former ones included)."""
        return (
            request.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search([("user_id", "=", request.env.user.id)])
        )

    def _pop_prefetch_people(self, pops_sudo):
        """Read the plans' employees and managers with only what the pages show: a
        full read of hr.employee checks the access of each of its ~140 columns."""
        (pops_sudo.employee_id | pops_sudo.manager_id).fetch(
            ["name", "user_id", "work_contact_id"]
        )

    def _prepare_pops_domain(self, include_drafts=False):
        """The user's own plans; drafts are the manager's until the invitation."""
        domain = [("employee_id", "in", self._get_portal_employees().ids)]
        if not include_drafts:
            domain.append(("state", "!=", "draft"))
        return domain

    def _get_pop_searchbar_sortings(self):
        return {
            "date": {
                "label": request.env._("Newest"),
                "order": "date_start desc, id desc",
            },
            "state": {"label": request.env._("Status"), "order": "state"},
        }

    def _search_portal_pops(self, domain, sortby, offset, limit):
        Pop = request.env["hr.pop"]
        if sortby == "state":
            # In workflow order, not alphabetically; an employee has few plans.
            rank = {state: index for index, (state, _label) in enumerate(POP_STATES)}
            pops = Pop.search(domain, order="date_start desc, id desc").sorted(
                lambda pop: rank.get(pop.state, len(rank))
            )
            return pops[offset : offset + limit]
        order = self._get_pop_searchbar_sortings()[sortby]["order"]
        return Pop.search(domain, order=order, limit=limit, offset=offset)

    def _prepare_pops_portal_rendering_values(self, page=1, sortby=None, **kwargs):
        Pop = request.env["hr.pop"]
        searchbar_sortings = self._get_pop_searchbar_sortings()
        if sortby not in searchbar_sortings:
            sortby = "date"
        domain = self._prepare_pops_domain()
        pager_values = portal_pager(
            url="/my/pops",
            total=Pop.search_count(domain),
            page=page,
            step=self._items_per_page,
            url_args={"sortby": sortby},
        )
        pops = self._search_portal_pops(
            domain, sortby, pager_values["offset"], self._items_per_page
        )
        self._pop_prefetch_people(pops.sudo())
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "pops": pops.sudo(),
                "page_name": "pop",
                "pager": pager_values,
                "default_url": "/my/pops",
                "searchbar_sortings": searchbar_sortings,
                "sortby": sortby,
                "pop_has_report": self._pop_has_report(),
                "pop_timezones": get_pop_timezones(pops.sudo().employee_id),
                **self._prepare_pop_requests_values(),
            }
        )
        return values

    # === THE EMPLOYEE ASKS FOR A CONVERSATION (issue 13) === #
    def _prepare_pop_requests_values(self, message=None):
        """The user's requests for a conversation (his own, as superuser: the goals
        he has not shared are his) and whether he may ask now."""
        requests_sudo = (
            request.env["hr.pop.request"]
            .sudo()
            .search([("employee_id", "in", self._get_portal_employees().ids)], limit=20)
        )
        requests_sudo.goal_ids.fetch(["name", "category", "shared"])
        requests_sudo.pop_id.fetch(["name", "state", "meeting_date", "manager_id"])
        if message is None:
            message = request.params.get("message")
        return {
            "pop_requests": requests_sudo,
            "pop_can_request": not any(
                state == "requested" for state in requests_sudo.mapped("state")
            ),
            "pop_request_message": message if message in REQUEST_MESSAGES else None,
        }

    def _pop_parse_request_form(self, post):
        """``(motivation, [(goal, category)], share_goals)`` of the form; any other
        field (a plan, an employee) is refused: the request is the user's own."""
        goals = {}
        for key, value in post.items():
            if key in REQUEST_FORM_FIELDS:
                continue
            match = REQUEST_GOAL_FIELD_RE.fullmatch(key)
            if not match or int(match.group(2)) >= REQUEST_FORM_GOALS:
                raise UserError(
                    request.env._(
                        "The form contains a field that does not belong to it. "
                        "Nothing was saved."
                    )
                )
            goals.setdefault(int(match.group(2)), {})[match.group(1)] = value
        return (
            post.get("motivation"),
            [
                (goals[index].get("name"), goals[index].get("category"))
                for index in sorted(goals)
            ],
            post.get("share_goals") in ("on", "1", "true"),
        )

    def _pop_render_request_form(self, error=None, post=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "pop_request",
                "pop_error": error,
                "pop_post": post or {},
                # The categories in the visitor's language.
                "pop_goal_categories": request.env["hr.pop.request.goal"]
                ._fields["category"]
                ._description_selection(request.env),
                "pop_request_goals": range(REQUEST_FORM_GOALS),
                "pop_motivation_max_length": REQUEST_MOTIVATION_MAX_LENGTH,
                "pop_goal_max_length": REQUEST_GOAL_MAX_LENGTH,
            }
        )
        return request.render(
            "hr_pop.portal_pop_request_form", values, status=400 if error else 200
        )

    @http.route(
        ["/my/pops/request"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_pop_request(self, **post):
        """The form to ask for a development conversation, and its POST: always
        for the user's own employee; bad input shows the form again with the
        message, and nothing is saved."""
        if request.httprequest.method != "POST":
            return self._pop_render_request_form()
        typed = {
            key: value
            for key, value in post.items()
            if isinstance(value, str) and key != "csrf_token"
        }
        try:
            motivation, goals, share_goals = self._pop_parse_request_form(post)
            with request.env.cr.savepoint():
                request.env["hr.pop.request"]._request_conversation(
                    motivation, goals, share_goals
                )
        except PORTAL_ERRORS as error:
            return self._pop_render_request_form(_error_message(error), typed)
        return request.redirect("/my/pops?message=requested#pop_requests")

    @http.route(
        ["/my/pops/request/<int:request_id>/share"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_pop_request_share(self, request_id, **post):
        """The employee shares the first goals of his own request."""
        if not 0 < request_id <= MAX_RECORD_ID:
            return request.not_found()
        request_sudo = request.env["hr.pop.request"].sudo().browse(request_id).exists()
        if not request_sudo or request_sudo.employee_id.user_id != request.env.user:
            return request.not_found()
        try:
            with request.env.cr.savepoint():
                request_sudo.action_share_goals()
        except PORTAL_ERRORS:
            return request.redirect("/my/pops#pop_requests")
        return request.redirect("/my/pops?message=goals_shared#pop_requests")

    @http.route(
        ["/my/pops", "/my/pops/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_pops(self, **kwargs):
        values = self._prepare_pops_portal_rendering_values(**kwargs)
        request.session["my_pops_history"] = values["pops"].ids[:100]
        return request.render("hr_pop.portal_my_pops", values)

    # === ONE PLAN === #
    def _pop_has_report(self):
        return bool(request.env.ref(REPORT_XMLID, raise_if_not_found=False))

    def _get_http_headers(self, model, report_type, report, download):
        """The plan's PDF is named as in the back office (the report's
        ``print_report_name``), not with Odoo's underscores."""
        headers = super()._get_http_headers(model, report_type, report, download)
        if model._name == "hr.pop" and report_type == "pdf" and download:
            filename = f"{self._pop_report_name(model)}.pdf"
            headers["Content-Disposition"] = content_disposition(filename)
        return headers

    def _pop_report_name(self, pop_sudo):
        """The name the back office gives the PDF (web's /report/download)."""
        report = request.env.ref(REPORT_XMLID).sudo()
        if report.print_report_name and len(pop_sudo) == 1:
            return safe_eval(
                report.print_report_name, {"object": pop_sudo, "time": time}
            )
        return report.name

    def _pop_check_access(self, pop_id, access_token=None):
        """The plan as superuser acting for the visitor, or PopLinkError.

        Reading rights are not enough: managers and HR read the plan in the back
        office, but this page is the employee's (his unshared answers, his
        signature). Only the employee himself or the holder of the plan's link
        (its access token) gets it; the link of a cancelled plan no longer opens it.
        """
        if not isinstance(access_token, str):
            access_token = None
        if not 0 < pop_id <= MAX_RECORD_ID:
            raise PopLinkError("missing")  # no such id; PostgreSQL would refuse it
        user = request.env.user
        Pop = request.env["hr.pop"]
        pop_sudo = Pop.sudo().browse(pop_id).exists()
        if not pop_sudo:
            raise PopLinkError("missing")
        has_token = bool(
            access_token
            and pop_sudo.access_token
            and consteq(pop_sudo.access_token, access_token)
        )
        self._pop_prefetch_people(pop_sudo)
        # His own plan, which the record rules let him read: checked in one query
        # (checking them on the record reads all of it and of his employee record).
        is_employee = bool(
            not user._is_public()
            and pop_sudo.employee_id.user_id == user
            and Pop.has_access("read")
            and Pop.search_count([("id", "=", pop_id)], limit=1)
        )
        if not has_token and not is_employee:
            if access_token:
                raise PopLinkError("invalid")
            raise PopLinkError("login" if user._is_public() else "not_yours")
        if not is_employee and pop_sudo.state == "cancelled":
            raise PopLinkError("cancelled", pop_sudo.sudo())
        self._pop_apply_portal_lang(pop_sudo)
        # sudo keeps the visitor as env.user: he is who signs and posts.
        pop_sudo = request.env["hr.pop"].sudo().browse(pop_sudo.id)
        # He proved the token: the page's own links may carry it.
        return pop_sudo._pop_portal_grant() if has_token else pop_sudo

    def _pop_hr_contact(self, company):
        """Whom the employee asks about his plan: the company's POP HR responsible,
        else the company's own address."""
        company = company.sudo()
        # Only what is shown (users and contacts are wide records).
        company.pop_hr_responsible_id.fetch(["active", "partner_id"])
        company.pop_hr_responsible_id.partner_id.fetch(["name", "email"])
        responsible = company.pop_hr_responsible_id.filtered("active")
        return {
            "company": company,
            "name": responsible.name or False,
            "email": responsible.email or company.email or False,
            "phone": company.phone or False,
        }

    def _pop_link_error_company(self, error):
        """The company whose HR the visitor should ask: the plan's when the link
        proved to be his, else his own employer's, else the website's."""
        if error.pop_sudo:
            return error.pop_sudo.company_id
        user = request.env.user
        if not user._is_public():
            employees = self._get_portal_employees()
            return employees[:1].company_id or user.company_id
        return request.env.company

    def _pop_render_link_error(self, pop_id, error):
        """A page that says why the link does not open the plan and whom to ask;
        never a silent redirect to the login page."""
        user = request.env.user
        back_office_url = False
        if error.problem == "not_yours" and not user.share:
            pop = request.env["hr.pop"].browse(pop_id)
            if pop.has_access("read"):
                back_office_url = f"/odoo/hr.pop/{pop.id}"
        values = {
            "pop_problem": error.problem,
            "pop_hr_contact": self._pop_hr_contact(self._pop_link_error_company(error)),
            "pop_login_url": f"/web/login?redirect=/my/pops/{int(pop_id)}",
            "pop_back_office_url": back_office_url,
            "pop_is_public": user._is_public(),
        }
        return request.render(
            "hr_pop.portal_pop_link_error",
            values,
            status=LINK_PROBLEM_STATUS[error.problem],
        )

    def _pop_apply_portal_lang(self, pop_sudo):
        """A visitor with the e-mail link reads the plan in the employee's language."""
        if not request.env.user._is_public():
            return
        code = pop_sudo.employee_id.work_contact_id.lang
        lang = request.env["res.lang"]._get_data(code=code) if code else None
        if lang and lang.code:
            request.update_context(lang=lang.code)
            request.lang = lang
            if request.cookies.get("frontend_lang") != lang.code:
                request.future_response.set_cookie("frontend_lang", lang.code)

    def _get_pop_goal_groups(self, pop_sudo):
        """Goals with their activities by category, then activities without goal."""
        labels = dict(
            pop_sudo.goal_ids._fields["category"]._description_selection(pop_sudo.env)
        )
        # Computed once for all goals and read for all courses: the groups below
        # and the page then find them in the cache (no queries per goal or group).
        pop_sudo.goal_ids.mapped("cost")
        pop_sudo.line_ids.course_id.mapped("duration_hours")
        groups = []
        for category, _label in GOAL_CATEGORIES:
            goals = pop_sudo.goal_ids.filtered(lambda g, c=category: g.category == c)
            if goals:
                groups.append(
                    {
                        "label": labels.get(category, category),
                        "goals": goals,
                        "lines": pop_sudo.line_ids.browse(),
                        "cost": sum(goals.mapped("cost")),
                    }
                )
        loose_lines = pop_sudo.line_ids.filtered(lambda line: not line.goal_id)
        if loose_lines:
            groups.append(
                {
                    "label": request.env._("Other activities"),
                    "goals": pop_sudo.goal_ids.browse(),
                    "lines": loose_lines,
                    "cost": sum(
                        loose_lines.filtered(
                            lambda line: line.state != "cancelled"
                        ).mapped("cost")
                    ),
                }
            )
        return groups

    def _pop_line_labels(self):
        """``{field: {value: label}}`` of the activities' selection fields."""
        Line = request.env["hr.pop.line"]
        return {
            name: dict(Line._fields[name]._description_selection(request.env))
            for name in ("activity_type", "state")
        }

    def _prepare_pop_page_values(
        self, pop_sudo, access_token, message=None, error=None, posted_answers=None
    ):
        employee_answers = pop_sudo.answer_ids.filtered(
            lambda a: a.author == "employee"
        )
        is_public = request.env.user._is_public()
        to_sign = pop_sudo._has_to_be_signed("employee")
        values = {
            "pop": pop_sudo,
            "page_name": "pop",
            "message": message,
            "pop_error": error,
            "pop_answers": employee_answers,
            "pop_posted_answers": posted_answers or {},
            "pop_manager_agenda": pop_sudo.answer_ids.filtered(
                lambda a: a.author == "manager" and a.shared
            ),
            "pop_preparation_open": pop_sudo.state == "invited"
            and pop_sudo.employee_preparation_state == "draft",
            # Only answers with text are shared: a blank one tells the manager nothing.
            "pop_can_share": pop_sudo.state in ("invited", "meeting")
            and pop_sudo.employee_preparation_state == "submitted"
            and not pop_sudo.employee_answers_shared
            and any(employee_answers.mapped("answer")),
            "pop_goal_groups": self._get_pop_goal_groups(pop_sudo),
            "pop_competences": pop_sudo._get_competence_rows(),
            **self._prepare_pop_feedback_values(pop_sudo),
            "pop_budget_effects": pop_sudo._get_budget_effects(),
            "pop_budget_format": pop_sudo._get_budget_formatter(),
            "pop_to_sign": to_sign,
            # What the employee reads and signs: only the signing dialog needs it.
            "pop_content_hash": to_sign and pop_sudo._get_content_hash(),
            "pop_has_report": self._pop_has_report(),
            "answer_max_length": ANSWER_MAX_LENGTH,
            "sign_comment_max_length": SIGN_COMMENT_MAX_LENGTH,
            "res_company": pop_sudo.company_id,
            # Dates and times as the employee reads them, wherever the visitor is.
            "pop_tz": get_pop_timezone(pop_sudo.employee_id),
            "pop_format_duration": request.env[
                "report.hr_pop.report_hr_pop"
            ]._format_line_duration,
            # The activities' values formatted as t-field would, without a field
            # converter per cell (the costliest part of a plan with many activities).
            "pop_format_date": partial(format_date, request.env),
            "pop_format_amount": partial(
                format_amount, request.env, currency=pop_sudo.currency_id
            ),
            "pop_line_labels": self._pop_line_labels(),
            "pop_hr_contact": self._pop_hr_contact(pop_sudo.company_id),
            "pop_requests": pop_sudo.request_ids,
        }
        # The employee always gets the plan's token: it lets him post in the chatter.
        token = access_token or pop_sudo._portal_ensure_token()
        values = self._get_page_view_values(
            pop_sudo, token, values, "my_pops_history", is_public
        )
        partner = pop_sudo.employee_id.work_contact_id
        if is_public and partner:
            # The link is the employee's: his messages are posted in his name.
            values.update({"pid": partner.id, "hash": pop_sudo._sign_token(partner.id)})
        return values

    def _prepare_pop_feedback_values(self, pop_sudo):
        """The 360° feedback as the employee may see it (colleagues aggregated) and
        the link of his self-assessment while it waits."""
        if not pop_sudo.feedback_request_ids:
            return {"pop_feedback": [], "pop_feedback_self_url": False}
        pending_self = pop_sudo._get_pending_self_assessment()
        return {
            "pop_feedback": request.env["hr.pop.feedback.answer"]._get_results_by_pop(
                pop_sudo
            )[pop_sudo.id],
            # The page is the employee's (or his link's): his own link.
            "pop_feedback_self_url": pending_self and pending_self._get_url(),
        }

    def _pop_render_page(self, pop_sudo, access_token, status=200, **kwargs):
        values = self._prepare_pop_page_values(pop_sudo, access_token, **kwargs)
        return request.render("hr_pop.portal_pop_page", values, status=status)

    @http.route(["/my/pops/<int:pop_id>"], type="http", auth="public", website=True)
    def portal_my_pop(
        self,
        pop_id,
        access_token=None,
        report_type=None,
        download=False,
        message=None,
        **kwargs,
    ):
        try:
            pop_sudo = self._pop_check_access(pop_id, access_token)
        except PopLinkError as error:
            return self._pop_render_link_error(pop_id, error)
        if report_type in ("html", "pdf"):
            if not self._pop_has_report():
                return request.not_found()
            return self._show_report(
                model=pop_sudo,
                report_type=report_type,
                report_ref=REPORT_XMLID,
                download=download in (True, "true", "1"),
            )
        return self._pop_render_page(pop_sudo, access_token, message=message)

    # === 360° FEEDBACK === #
    @http.route(
        ["/pop/feedback/<int:request_id>/<string:token>"],
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
    )
    def pop_feedback(self, request_id, token, action=None, **post):
        """A respondent's feedback form: no account needed, the link's token is the
        key. One answer per link; a used, declined, withdrawn, expired or forged
        link shows why and saves nothing."""
        feedback = request.env["hr.pop.feedback.request"]._get_by_token(
            request_id, token
        )
        if not feedback:
            return self._pop_feedback_message("invalid", status=404)
        if feedback.lang:
            request.update_context(lang=feedback.lang)
        problem = feedback._get_link_problem()
        if problem:
            return self._pop_feedback_message(problem, feedback, status=410)
        if request.httprequest.method != "POST":
            return self._pop_feedback_form(feedback)
        values = self._pop_feedback_typed_values(feedback, post)
        try:
            # Everything or nothing: a refused answer leaves no other saved.
            with request.env.cr.savepoint():
                if action == "decline":
                    feedback._decline((post.get("decline_reason") or "").strip())
                    return self._pop_feedback_message("declined_now", feedback)
                feedback._submit_answers(self._pop_parse_feedback(feedback, values))
        except PORTAL_ERRORS as error:
            feedback.invalidate_recordset()
            problem = feedback._get_link_problem()
            if problem:
                return self._pop_feedback_message(problem, feedback, status=410)
            return self._pop_feedback_form(
                feedback, error=_error_message(error), values=values
            )
        return self._pop_feedback_message("thanks", feedback)

    def _pop_feedback_typed_values(self, feedback, post):
        """``{answer id: {"level": ..., "comment": ...}}`` as typed in the form."""
        return {
            answer.id: {
                "level": post.get(f"level_{answer.id}") or "",
                "comment": (post.get(f"comment_{answer.id}") or "").strip(),
            }
            for answer in feedback.answer_ids
        }

    def _pop_parse_feedback(self, feedback, values):
        """``{answer: (level, cannot_judge, comment)}`` of the typed ``values``; a
        level of another skill type is refused by the request."""
        choices = {}
        Level = request.env["hr.skill.level"].sudo()
        for answer in feedback.answer_ids:
            chosen, comment = values[answer.id]["level"], values[answer.id]["comment"]
            level = Level
            if chosen.isdigit() and 0 < int(chosen) <= MAX_RECORD_ID:
                level = Level.browse(int(chosen)).exists()
            if chosen and chosen != "none" and not level:
                raise ValidationError(
                    request.env._('Choose one of the levels shown, or "can\'t judge".')
                )
            choices[answer] = (level, chosen == "none", comment)
        return choices

    def _pop_feedback_form(self, feedback, error=None, values=None, status=200):
        return request.render(
            "hr_pop.pop_feedback_form",
            {
                "feedback": feedback,
                "feedback_url": f"/pop/feedback/{feedback.id}/{feedback.access_token}",
                "feedback_error": error,
                "feedback_values": values or {},
            },
            status=400 if error else status,
        )

    def _pop_feedback_message(self, outcome, feedback=None, status=200):
        company = feedback.company_id if feedback else request.env.company
        return request.render(
            "hr_pop.pop_feedback_message",
            {
                "feedback_outcome": outcome,
                "feedback_hr_contact": outcome not in ("thanks", "declined_now")
                and self._pop_hr_contact(company),
            },
            status=status,
        )

    # === PREPARATION === #
    def _pop_parse_answers(self, pop_sudo, post):
        """``{answer_id: text}`` from the form, all validated before saving any."""
        own_ids = set(
            pop_sudo.answer_ids.filtered(lambda a: a.author == "employee").ids
        )
        answers = {}
        for key, value in post.items():
            match = ANSWER_FIELD_RE.fullmatch(key)
            if not match:
                raise UserError(
                    request.env._(
                        "The form contains a field that does not belong to it. "
                        "Nothing was saved."
                    )
                )
            answer_id = int(match.group(1))
            if answer_id not in own_ids:
                raise UserError(
                    request.env._(
                        "You can only answer your own preparation questions. "
                        "Nothing was saved."
                    )
                )
            if not isinstance(value, str):
                raise UserError(
                    request.env._("An answer must be text. Nothing was saved.")
                )
            text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
            text = text.strip()
            if len(text) > ANSWER_MAX_LENGTH:
                raise UserError(
                    request.env._(
                        "An answer can be at most %(max)s characters long. "
                        "Nothing was saved.",
                        max=ANSWER_MAX_LENGTH,
                    )
                )
            answers[answer_id] = text or False
        return answers

    @http.route(
        ["/my/pops/<int:pop_id>/preparation"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_pop_preparation(self, pop_id, access_token=None, action=None, **post):
        """Save, submit or share the employee's preparation answers."""
        try:
            pop_sudo = self._pop_check_access(pop_id, access_token)
        except PopLinkError as error:
            return self._pop_render_link_error(pop_id, error)
        try:
            if action not in PREPARATION_MESSAGES:
                raise UserError(request.env._("Unknown action. Nothing was saved."))
            answers = self._pop_parse_answers(pop_sudo, post)
            if action == "share" and answers:
                raise UserError(
                    request.env._(
                        "Save your answers before sharing them. Nothing was saved."
                    )
                )
            with request.env.cr.savepoint():
                if action in ("save", "submit"):
                    pop_sudo._save_preparation_answers("employee", answers)
                if action == "submit":
                    pop_sudo.action_submit_preparation("employee")
                if action == "share":
                    # Only answers with text are shared (the model's rule).
                    pop_sudo.action_share_preparation("employee")
        except PORTAL_ERRORS as error:
            posted = {
                int(match.group(1)): value
                for key, value in post.items()
                if (match := ANSWER_FIELD_RE.fullmatch(key)) and isinstance(value, str)
            }
            return self._pop_render_page(
                pop_sudo,
                access_token,
                status=400,
                error=_error_message(error),
                posted_answers=posted,
            )
        return request.redirect(
            pop_sudo.get_portal_url(
                query_string=f"&message={PREPARATION_MESSAGES[action]}",
                anchor="pop_preparation",
            )
        )

    # === SIGNATURE === #
    @http.route(
        ["/my/pops/<int:pop_id>/sign"], type="json", auth="public", website=True
    )
    def portal_pop_sign(
        self,
        pop_id,
        access_token=None,
        name=None,
        signature=None,
        decision=None,
        comment=None,
        content_hash=None,
        **kwargs,
    ):
        """Sign as the employee: ``portal.signature_form`` posts name and signature,
        the page adds the decision (agree or "voor gezien") and a comment."""
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            pop_sudo = self._pop_check_access(pop_id, access_token)
        except PopLinkError:
            return {"error": request.env._("This development plan is not available.")}
        if not pop_sudo._has_to_be_signed("employee"):
            return {
                "error": request.env._(
                    "This development plan is not waiting for your signature."
                )
            }
        if not isinstance(name, str) or not isinstance(signature, str):
            return {"error": request.env._("Please enter your name and signature.")}
        if decision not in ("agree", "seen"):
            return {
                "error": request.env._(
                    "Choose whether you agree with the plan or sign it as seen."
                )
            }
        if not isinstance(content_hash, str):
            return {
                "error": request.env._(
                    "Reload the page, read the plan again and then sign."
                )
            }
        if comment is not None and not isinstance(comment, str):
            return {"error": request.env._("The comment must be text.")}
        if comment and len(comment) > SIGN_COMMENT_MAX_LENGTH:
            return {
                "error": request.env._(
                    "The comment can be at most %(max)s characters long.",
                    max=SIGN_COMMENT_MAX_LENGTH,
                )
            }
        try:
            with request.env.cr.savepoint():
                pop_sudo._sign(
                    "employee", signature, name, decision, comment, content_hash
                )
        except PORTAL_ERRORS as error:
            return {"error": _error_message(error)}
        return {
            "force_refresh": True,
            "redirect_url": pop_sudo.get_portal_url(query_string="&message=signed"),
        }

    @http.route(
        ["/my/pops/<int:pop_id>/paper_scan/<string:role>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_pop_paper_scan(self, pop_id, role, access_token=None, **kwargs):
        """The scan of the plan as ``role`` signed it on paper, for the employee."""
        try:
            pop_sudo = self._pop_check_access(pop_id, access_token)
        except PopLinkError as error:
            return self._pop_render_link_error(pop_id, error)
        if role not in ("employee", "manager"):
            return request.not_found()
        scan = pop_sudo[f"{role}_signature_attachment_id"]
        if not pop_sudo[f"{role}_signed_on_paper"] or not scan:
            return request.not_found()
        return (
            request.env["ir.binary"]
            ._get_stream_from(scan.sudo())
            .get_response(as_attachment=True)
        )

    # === THE EMPLOYEE'S OWN DATA (GDPR RIGHT OF ACCESS) === #
    def _pop_export_selection(self, record, field_name):
        selection = dict(record._fields[field_name]._description_selection(record.env))
        return selection.get(record[field_name]) or None

    def _prepare_pop_export_signature(self, pop, role):
        signature = pop[f"{role}_signature"]
        return {
            "signed_by": pop[f"{role}_signed_by"] or None,
            "signed_on": pop[f"{role}_signed_on"] or None,
            "content_hash": pop[f"{role}_signature_hash"] or None,
            "image_png_base64": signature.decode() if signature else None,
            "signed_on_paper": pop[f"{role}_signed_on_paper"],
            "paper_scan": pop[f"{role}_signature_attachment_id"].name or None,
            "recorded_by": pop[f"{role}_signature_recorded_by_id"].name or None,
        }

    def _prepare_pop_export_plan(self, pop):
        """Everything about one plan that is the employee's to see."""
        answers = pop.answer_ids.filtered(lambda a: a.author == "employee" or a.shared)
        employee_signature = self._prepare_pop_export_signature(pop, "employee")
        employee_signature.update(
            {
                "decision": self._pop_export_selection(pop, "employee_decision"),
                "comment": pop.employee_comment or None,
            }
        )
        return {
            "reference": pop.name,
            "status": self._pop_export_selection(pop, "state"),
            "period_start": pop.date_start,
            "period_end": pop.date_end,
            "conversation_date": pop.meeting_date or None,
            "employee": pop.employee_id.name,
            "manager": pop.manager_id.name or None,
            "company": pop.company_id.name,
            "department": pop.department_id.name or None,
            "job_position": pop.job_id.name or None,
            "conversation": {
                field_name: html2plaintext(pop[field_name] or "")
                for field_name in (
                    "current_position",
                    "desired_development",
                    "focus_areas",
                    "support_needed",
                    "progress_follow_up",
                )
            },
            "preparation": {
                "submitted": pop.employee_preparation_state == "submitted",
                "shared": pop.employee_answers_shared,
                "answers": [
                    {
                        "author": self._pop_export_selection(answer, "author"),
                        "question": answer.question,
                        "answer": answer.answer or "",
                        "shared": answer.shared,
                    }
                    for answer in answers
                ],
            },
            "goals": [
                {
                    "category": self._pop_export_selection(goal, "category"),
                    "goal": goal.name,
                    "success_measure": goal.success_measure or "",
                    "deadline": goal.deadline or None,
                    "skill": goal.skill_id.name or None,
                    "target_level": goal.skill_level_id.name or None,
                    "progress": goal.progress,
                    "status": self._pop_export_selection(goal, "state"),
                    "lessons_learned": goal.lessons_learned or "",
                    "applied_in_practice": goal.application or "",
                }
                for goal in pop.goal_ids
            ],
            "activities": [
                {
                    "activity": line.name,
                    "goal": line.goal_id.name or None,
                    "type": self._pop_export_selection(line, "activity_type"),
                    "institute": line.institute_id.name or None,
                    "course_number": line.course_code or None,
                    "cost": line.cost,
                    "currency": pop.currency_id.name,
                    "desired_start": line.date_start or None,
                    "desired_end": line.date_end or None,
                    "in_working_time": line.during_work_hours,
                    "who_acts": self._pop_export_selection(line, "responsible"),
                    "status": self._pop_export_selection(line, "state"),
                    "mandatory_training": line.mandatory,
                    "repayment_agreement": line.repayment_agreement,
                    "repayment_months": line.repayment_months,
                    "repayment_terms": line.repayment_terms or "",
                    "remarks": line.remarks or "",
                }
                for line in pop.line_ids
            ],
            "total_cost": pop.total_cost,
            "currency": pop.currency_id.name,
            "reviews": [
                {
                    "date": review.date,
                    "author": review.author_id.name,
                    "notes": html2plaintext(review.notes or ""),
                    "goals": [
                        {
                            "goal": line.goal_id.name,
                            "progress": line.progress,
                            "note": line.note or "",
                        }
                        for line in review.line_ids
                    ],
                }
                for review in pop.review_ids
            ],
            "signatures": {
                "employee": employee_signature,
                "manager": self._prepare_pop_export_signature(pop, "manager"),
            },
            "approved_by": pop.approved_by_id.name or None,
            "approved_on": pop.approved_on or None,
            "refuse_reason": pop.refuse_reason or None,
            "cancel_reason": pop.cancel_reason or None,
            "conversation_requests": [
                {
                    "requested_on": pop_request.request_date,
                    "status": self._pop_export_selection(pop_request, "state"),
                    "motivation": pop_request.motivation,
                    "decline_reason": pop_request.decline_reason or None,
                    "first_goals": [
                        {
                            "goal": goal.name,
                            "category": self._pop_export_selection(goal, "category"),
                            "shared": goal.shared,
                        }
                        for goal in pop_request.goal_ids
                    ],
                }
                for pop_request in pop.request_ids
            ],
        }

    def _pop_export_response(self, pops_sudo, filename):
        data = {
            "exported_on": fields.Datetime.now(),
            "development_plans": [
                self._prepare_pop_export_plan(pop) for pop in pops_sudo
            ],
        }
        body = json.dumps(data, indent=2, ensure_ascii=False, default=str)
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    @http.route(["/my/pops/export"], type="http", auth="user", website=True)
    def portal_my_pops_export(self, **kwargs):
        """A copy of all the user's own plan data, in one JSON file."""
        Pop = request.env["hr.pop"]
        pops = Pop.search(self._prepare_pops_domain(include_drafts=True))
        return self._pop_export_response(pops.sudo(), "development_plans.json")

    @http.route(
        ["/my/pops/<int:pop_id>/export"], type="http", auth="public", website=True
    )
    def portal_my_pop_export(self, pop_id, access_token=None, **kwargs):
        """The same copy for one plan, for employees who only have the e-mail link."""
        try:
            pop_sudo = self._pop_check_access(pop_id, access_token)
        except PopLinkError as error:
            return self._pop_render_link_error(pop_id, error)
        filename = f"{pop_sudo._get_report_base_filename()}.json"
        return self._pop_export_response(pop_sudo, filename)
