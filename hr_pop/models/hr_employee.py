# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from dateutil.relativedelta import relativedelta
from psycopg2.errors import ExclusionViolation

from odoo import api, fields, models

# Automatic plans are created this long before their period starts.
POP_CREATE_AHEAD = relativedelta(months=1)


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # Not mirrored on hr.employee.public: plans are private to the employee, the
    # managers and HR, so these fields stay behind the POP groups.
    pop_ids = fields.One2many(
        "hr.pop",
        "employee_id",
        string="Development Plans",
        groups="hr_pop.group_pop_user",
    )
    pop_count = fields.Integer(
        compute="_compute_pop_count",
        string="Development Plan Count",
        groups="hr_pop.group_pop_user",
    )
    current_pop_id = fields.Many2one(
        "hr.pop",
        compute="_compute_pop_count",
        string="Current Development Plan",
        groups="hr_pop.group_pop_user",
    )

    @api.depends("pop_ids.state", "pop_ids.date_start")
    def _compute_pop_count(self):
        pops_by_employee = dict(
            self.env["hr.pop"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["id:recordset"]
            )
        )
        today = fields.Date.context_today(self)
        for employee in self:
            pops = pops_by_employee.get(employee._origin, self.env["hr.pop"])
            employee.pop_count = len(pops)
            current = pops.filtered(
                lambda p: p.state not in ("cancelled", "done")
                and p.date_start <= today <= p.date_end
            ) or pops.filtered(lambda p: p.state not in ("cancelled", "done"))
            employee.current_pop_id = current.sorted("date_start", reverse=True)[:1]

    def action_open_pops(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_pop.hr_pop_action")
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action

    # === POP CYCLE === #
    def _get_pop_hire_date(self):
        self.ensure_one()
        return fields.Date.to_date(self[self._get_new_hire_field()])

    def _get_pop_due_periods(self, today):
        """``{employee id: (date_start, date_end)}`` of the employees whose next plan
        is due: its period, per the company's cycle rule, starts within a month.

        - month: yearly, from the first day of the company's cycle month;
        - anniversary: yearly, from each anniversary of the hire date;
        - after_last: the cycle months after the start of the last open or closed
          plan (or the hire date), and as long; never before today.
        """
        after_last = self.filtered(
            lambda employee: employee.company_id.pop_cycle_rule == "after_last"
        )
        last_periods = {
            employee.id: (start, end)
            for employee, start, end in self.env["hr.pop"]
            .sudo()
            ._read_group(
                [("employee_id", "in", after_last.ids), ("state", "!=", "cancelled")],
                ["employee_id"],
                ["date_start:max", "date_end:max"],
            )
        }
        periods = {}
        for employee in self:
            company = employee.company_id
            length = employee._get_pop_cycle_length()
            if company.pop_cycle_rule == "after_last":
                last = last_periods.get(employee.id)
                hired = employee._get_pop_hire_date()
                if last:
                    start = max(last[0] + length, last[1] + relativedelta(days=1))
                else:
                    start = hired + length if hired else today
                start = max(start, today)
            elif company.pop_cycle_rule == "anniversary":
                hired = employee._get_pop_hire_date()
                if not hired:
                    continue
                years = max(today.year - hired.year, 1)
                start = hired + relativedelta(years=years)
                if start < today:
                    start = hired + relativedelta(years=years + 1)
            else:
                start = date(today.year, int(company.pop_cycle_month or 1), 1)
                if start < today:
                    start += relativedelta(years=1)
            if start - POP_CREATE_AHEAD <= today:
                periods[employee.id] = (start, start + length - relativedelta(days=1))
        return periods

    def _get_pop_cycle_length(self):
        """How long a plan of this employee's company runs."""
        self.ensure_one()
        company = self.company_id
        if company.pop_cycle_rule == "after_last":
            return relativedelta(months=company.pop_cycle_months or 12)
        return relativedelta(years=1)

    def _get_pop_default_manager(self):
        """Who holds the conversation: the employee's manager, else the manager of
        his department (never himself); as ``hr.pop`` computes its manager."""
        self.ensure_one()
        employee = self.sudo()
        department_manager = employee.department_id.manager_id
        return employee.parent_id or (
            department_manager if department_manager != employee else self.browse()
        )

    def _get_pop_request_period(self):
        """``(date_start, date_end)`` of the plan an employee's own request for a
        conversation creates: his next period, from today or else from the day
        after his last open plan ends, as long as his company's cycle."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        length = self._get_pop_cycle_length()
        last_end = (
            self.env["hr.pop"]
            .sudo()
            .search(
                [("employee_id", "=", self.id), ("state", "!=", "cancelled")],
                order="date_end desc",
                limit=1,
            )
            .date_end
        )
        start = max(today, last_end + relativedelta(days=1)) if last_end else today
        return start, start + length - relativedelta(days=1)

    @api.model
    def _get_pop_overlaps(self, periods):
        """The employees of ``periods`` ({employee id: (start, end)}) who already have
        an open (not cancelled) plan overlapping their period."""
        if not periods:
            return self.browse()
        starts, ends = zip(*periods.values(), strict=True)
        pops = (
            self.env["hr.pop"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", list(periods)),
                    ("state", "!=", "cancelled"),
                    ("date_start", "<=", max(ends)),
                    ("date_end", ">=", min(starts)),
                ],
                ["employee_id", "date_start", "date_end"],
            )
        )
        return self.browse(
            {
                pop.employee_id.id
                for pop in pops
                if pop.date_start <= periods[pop.employee_id.id][1]
                and pop.date_end >= periods[pop.employee_id.id][0]
            }
        )

    @api.model
    def _create_pops(self, periods, meeting_dates=None):
        """Create a draft plan per employee of ``periods`` ({employee id: (start,
        end)}), with the conversation date of ``meeting_dates`` when given.

        Employees with an open plan overlapping their period are skipped, also when
        a concurrent transaction creates it meanwhile: returns ``(created plans,
        skipped employees)``.
        """
        meeting_dates = meeting_dates or {}
        skipped = self._get_pop_overlaps(periods)
        vals_list = [
            {
                "employee_id": employee_id,
                "date_start": start,
                "date_end": end,
                "meeting_date": meeting_dates.get(employee_id) or False,
            }
            for employee_id, (start, end) in periods.items()
            if employee_id not in skipped.ids
        ]
        try:
            return self._create_pops_unless_overlapping(vals_list), skipped
        except ExclusionViolation:
            # A concurrent round or scheduled creation committed a plan for one of
            # them after our check: create one by one, and skip who already has one.
            pops = self.env["hr.pop"]
            for vals in vals_list:
                try:
                    pops |= self._create_pops_unless_overlapping([vals])
                except ExclusionViolation:
                    skipped |= self.browse(vals["employee_id"])
            return pops, skipped

    @api.model
    def _create_pops_unless_overlapping(self, vals_list):
        """Create the plans of ``vals_list`` in a savepoint; ``ExclusionViolation``
        (and nothing created) when one overlaps an open plan the database knows,
        after waiting for the transaction that is creating it."""
        with self.env.cr.savepoint():
            # Copies: create() fills in the reference, which a retry must not pass.
            pops = self.env["hr.pop"].create([dict(vals) for vals in vals_list])
            pops._check_overlap_constraint_now()
        return pops
