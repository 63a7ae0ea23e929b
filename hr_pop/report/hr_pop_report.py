# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.misc import formatLang

# The most activities in one goal table of the printed plan (see _get_goal_blocks).
GOAL_BLOCK_LINES = 3


def get_pop_timezones(employees):
    """``{employee id: timezone}``: the zone each employee reads his plan in: his
    user's, else his contact's, else his own (resource) zone, else his working
    calendar's, else his company's calendar's; UTC when none is a known zone.

    One query for all of them: reading the records would load every column of five
    models (and hr.employee checks its access per column).
    """
    env = employees.env
    ids = tuple(employees._origin.ids)
    if not ids:
        return {}
    for model, names in (
        ("hr.employee", ["user_id", "work_contact_id", "resource_id"]),
        ("hr.employee", ["resource_calendar_id", "company_id"]),
        ("res.users", ["partner_id"]),
        ("res.partner", ["tz"]),
        ("resource.resource", ["tz"]),
        ("resource.calendar", ["tz"]),
        ("res.company", ["resource_calendar_id"]),
    ):
        env[model].flush_model(names)
    env.cr.execute(
        SQL(
            """
            SELECT employee.id, user_partner.tz, contact.tz, resource.tz,
                   calendar.tz, company_calendar.tz
              FROM hr_employee employee
              LEFT JOIN res_users users ON users.id = employee.user_id
              LEFT JOIN res_partner user_partner ON user_partner.id = users.partner_id
              LEFT JOIN res_partner contact ON contact.id = employee.work_contact_id
              LEFT JOIN resource_resource resource ON resource.id = employee.resource_id
              LEFT JOIN resource_calendar calendar
                     ON calendar.id = employee.resource_calendar_id
              LEFT JOIN res_company company ON company.id = employee.company_id
              LEFT JOIN resource_calendar company_calendar
                     ON company_calendar.id = company.resource_calendar_id
             WHERE employee.id IN %s
            """,
            ids,
        )
    )
    timezones = dict.fromkeys(ids, "UTC")
    for employee_id, *candidates in env.cr.fetchall():
        timezones[employee_id] = next(
            (tz for tz in candidates if tz and tz in pytz.all_timezones_set), "UTC"
        )
    return timezones


def get_pop_timezone(employee):
    """The zone ``employee`` reads his plan in (see ``get_pop_timezones``)."""
    return get_pop_timezones(employee).get(employee._origin.id, "UTC")


class ReportHrPop(models.AbstractModel):
    """Values for the printed plan that the reader may not read directly.

    The employee block and the résumé (seed 002: "Gevolgde opleidingen") come from
    hr.employee and hr.resume.line, which employees and portal users cannot read; the
    plan itself is checked with the reader's rights first.
    """

    _name = "report.hr_pop.report_hr_pop"
    _description = "Personal Development Plan Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        # models/hr_pop.py imports this module: its states are read when printing.
        from ..models.hr_pop import SIGNED_STATES

        docs = self.env["hr.pop"].browse(docids)
        docs.check_access("read")
        employees, resume_lines, langs, timezones = {}, {}, {}, {}
        competences_today = {}
        employee_zones = get_pop_timezones(docs.sudo().employee_id)
        for pop in docs:
            employee = pop.sudo().employee_id
            employees[pop.id] = employee
            resume_lines[pop.id] = employee.resume_line_ids.sorted(
                lambda line: (
                    line.line_type_id.sequence,
                    line.line_type_id.id,
                    -line.date_start.toordinal(),
                    line.id,
                )
            )
            langs[pop.id] = self._get_report_lang(employee)
            timezones[pop.id] = employee_zones.get(employee.id, "UTC")
            # The competences are read live, they are not what was signed: on a
            # signed plan the section says so, with the day it was printed.
            signed = pop.is_signed or pop.state in SIGNED_STATES
            competences_today[pop.id] = signed and fields.Date.context_today(
                self.with_context(tz=timezones[pop.id])
            )
        return {
            "doc_ids": docids,
            "doc_model": "hr.pop",
            "docs": docs,
            "report_employees": employees,
            "report_resume_lines": resume_lines,
            "report_langs": langs,
            "report_timezones": timezones,
            "report_competences": docs._get_competence_rows_by_pop(),
            "report_competences_today": competences_today,
            "report_format_duration": self._format_line_duration,
            "report_goal_blocks": self._get_goal_blocks,
        }

    @api.model
    def _get_goal_blocks(self, pop):
        """The goal tables of the printed plan, ``[(goal, activities, continued)]``:
        the goals in the order of their categories' first goal, then the activities
        without goal (``goal`` an empty recordset).

        Each is printed as a table with its own header, kept on one page: the
        wkhtmltopdf of an unpatched Qt neither repeats a header on the next page nor
        keeps a table row together, but keeps a block together. A goal with more
        than GOAL_BLOCK_LINES activities continues in a next table (``continued``),
        so that a table seldom outgrows a page and leaves little of one empty.
        """
        categories = list(dict.fromkeys(pop.goal_ids.mapped("category")))
        goals = pop.goal_ids.sorted(lambda goal: categories.index(goal.category))
        groups = [(goal, goal.line_ids) for goal in goals]
        other_lines = pop.line_ids.filtered(lambda line: not line.goal_id)
        if other_lines:
            groups.append((pop.goal_ids.browse(), other_lines))
        return [
            (goal, lines[start : start + GOAL_BLOCK_LINES], bool(start))
            for goal, lines in groups
            for start in range(0, len(lines) or 1, GOAL_BLOCK_LINES)
        ]

    @api.model
    def _get_report_lang(self, employee):
        """The employee's language: his own setting, else his contact's or user's."""
        employee = employee.sudo()
        return (
            employee.lang
            or employee.work_contact_id.lang
            or employee.user_id.lang
            or self.env.lang
        )

    @api.model
    def _format_line_duration(self, line, lang=None):
        """The duration of the activity's course as a duration, e.g. "24 hours" or
        "1 hour 30 minutes" (never a clock time such as "24:00"); "" without one."""
        hours = line.sudo().course_id.duration_hours
        return self._format_duration(hours, lang=lang)

    @api.model
    def _format_duration(self, hours, lang=None):
        if not hours or hours <= 0:
            return ""
        env = self.with_context(lang=lang).env if lang else self.env
        whole, minutes = divmod(round(hours * 60), 60)
        parts = []
        if whole == 1:
            parts.append(env._("1 hour"))
        elif whole:
            parts.append(
                env._("%(count)s hours", count=formatLang(env, whole, digits=0))
            )
        if minutes:
            parts.append(env._("%(count)s minutes", count=minutes))
        return " ".join(parts)
