# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # Not mirrored on hr.employee.public: plans are private to the employee, the
    # managers and HR, so these fields stay behind the POP groups.
    pop_ids = fields.One2many(
        "hr.pop", "employee_id", string="Development Plans", groups="hr_pop.group_pop_user"
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
