# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


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
        docs = self.env["hr.pop"].browse(docids)
        docs.check_access("read")
        employees, resume_lines, langs = {}, {}, {}
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
        return {
            "doc_ids": docids,
            "doc_model": "hr.pop",
            "docs": docs,
            "report_employees": employees,
            "report_resume_lines": resume_lines,
            "report_langs": langs,
        }

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
