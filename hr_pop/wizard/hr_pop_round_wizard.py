# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class HrPopRoundWizard(models.TransientModel):
    _name = "hr.pop.round.wizard"
    _description = "Start a POP Round"

    # === FIELDS === #
    department_id = fields.Many2one(
        "hr.department",
        domain="[('id', 'in', allowed_department_ids)]",
        help="Everybody of this department and its sub-departments takes part.",
    )
    # A manager starts rounds for the departments he manages; POP admins for all.
    allowed_department_ids = fields.Many2many(
        "hr.department", compute="_compute_allowed_department_ids"
    )
    date_start = fields.Date(
        string="Period Start", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(
        string="Period End",
        compute="_compute_date_end",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    line_ids = fields.One2many(
        "hr.pop.round.wizard.line",
        "wizard_id",
        string="Employees",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )

    # === DEFAULT / COMPUTE METHODS === #
    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "line_ids" in fields_list
            and "line_ids" not in values
            and context.get("active_model") == "hr.employee"
            and context.get("active_ids")
        ):
            # Who has left (archived) takes no part, even when selected; nor anyone
            # the user may not plan for.
            employees = self._filter_plannable(
                self.env["hr.employee"]
                .browse(context["active_ids"])
                .filtered(lambda employee: employee.active)
            )
            values["line_ids"] = [
                fields.Command.create({"employee_id": employee.id})
                for employee in employees
            ]
        return values

    @api.depends("date_start")
    def _compute_date_end(self):
        for wizard in self:
            wizard.date_end = wizard.date_start and (
                wizard.date_start + relativedelta(years=1, days=-1)
            )

    # date_start has a default: depending on it makes the form's first onchange
    # compute the choice (a compute with only a context dependency is not sent).
    @api.depends("date_start")
    @api.depends_context("uid")
    def _compute_allowed_department_ids(self):
        Department = self.env["hr.department"]
        if self._is_pop_admin():
            departments = Department.search([])
        else:
            managed = Department.sudo().search(
                [("manager_id.user_id", "=", self.env.uid)]
            )
            departments = Department.search([("id", "child_of", managed.ids)])
        for wizard in self:
            wizard.allowed_department_ids = departments

    @api.depends("department_id")
    def _compute_line_ids(self):
        for wizard in self:
            if not wizard.department_id:
                wizard.line_ids = wizard.line_ids
                continue
            employees = self._filter_plannable(
                self.env["hr.employee"].search(
                    [("department_id", "child_of", wizard.department_id.id)],
                    order="name",
                )
            )
            meeting_dates = {
                line.employee_id.id: line.meeting_date for line in wizard.line_ids
            }
            wizard.line_ids = [fields.Command.clear()] + [
                fields.Command.create(
                    {
                        "employee_id": employee.id,
                        "meeting_date": meeting_dates.get(employee.id, False),
                    }
                )
                for employee in employees
            ]

    # === ACTION METHODS === #
    def action_start(self):
        """Create the plans of the round, skip who already has one, and say so."""
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("Choose a department or some employees."))
        if self.date_end <= self.date_start:
            raise UserError(self.env._("The period must end after it starts."))
        period = (self.date_start, self.date_end)
        # Archived since the wizard opened: skipped, as hr.pop refuses them.
        lines = self.line_ids.filtered(lambda line: line.employee_id.active)
        archived = (self.line_ids - lines).employee_id
        # Never try (and fail on, burning a reference) whom the user may not plan for.
        not_yours = lines.employee_id - self._filter_plannable(lines.employee_id)
        if not_yours:
            raise UserError(
                self.env._(
                    "You cannot start a development plan for %(employees)s: only "
                    "their manager, the manager of their department or a development "
                    "plan administrator can. Remove them from the list.",
                    employees=", ".join(not_yours.sudo().mapped("name")),
                )
            )
        # Nobody to hold the conversation (no manager, none for the department):
        # no plan, and the summary says whom to give a manager first.
        without_manager = lines.employee_id.filtered(
            lambda employee: not employee._get_pop_default_manager()
        )
        lines = lines.filtered(lambda line: line.employee_id not in without_manager)
        periods = {line.employee_id.id: period for line in lines}
        meeting_dates = {
            line.employee_id.id: line.meeting_date
            for line in lines
            if line.meeting_date
        }
        pops, skipped = self.env["hr.employee"]._create_pops(periods, meeting_dates)
        not_planned = skipped or archived or without_manager
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("POP round started"),
                "message": self._get_summary(pops, skipped, archived, without_manager),
                "type": "success" if pops and not not_planned else "warning",
                "sticky": bool(not_planned),
                "next": self._get_next_action(pops),
            },
        }

    # === BUSINESS METHODS === #
    def _is_pop_admin(self):
        return self.env.user.has_group("hr_pop.group_pop_admin")

    def _get_plannable_domain(self):
        """Whom the user may create plans for (see the record rules of hr.pop): as
        POP admin anyone; as manager his team and his departments, never himself."""
        if self._is_pop_admin():
            return []
        uid = self.env.uid
        return [
            ("user_id", "!=", uid),
            "|",
            ("parent_id.user_id", "=", uid),
            ("department_id.manager_id.user_id", "=", uid),
        ]

    def _filter_plannable(self, employees):
        plannable = employees.sudo().filtered_domain(self._get_plannable_domain())
        return employees.browse(plannable.ids)

    def _get_summary(self, pops, skipped, archived=None, without_manager=None):
        parts = []
        if len(pops) == 1:
            parts.append(
                self.env._(
                    "Created the plan of %(employee)s.", employee=pops.employee_id.name
                )
            )
        elif pops:
            parts.append(
                self.env._(
                    "Created %(count)s plans: %(employees)s.",
                    count=len(pops),
                    employees=", ".join(pops.employee_id.mapped("name")),
                )
            )
        else:
            parts.append(self.env._("No plan was created."))
        if skipped:
            parts.append(
                self.env._(
                    "Skipped, with an open plan for this period already: "
                    "%(employees)s.",
                    employees=", ".join(skipped.sudo().mapped("name")),
                )
            )
        if archived:
            parts.append(
                self.env._(
                    "Skipped, archived: %(employees)s.",
                    employees=", ".join(archived.sudo().mapped("name")),
                )
            )
        if without_manager:
            parts.append(
                self.env._(
                    "Skipped, without a manager (nor a manager of their department) "
                    "to hold the conversation: %(employees)s. Set their manager, then "
                    "start the round for them again.",
                    employees=", ".join(without_manager.sudo().mapped("name")),
                )
            )
        return " ".join(parts)

    def _get_next_action(self, pops):
        if not pops:
            return {"type": "ir.actions.act_window_close"}
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_pop.hr_pop_action")
        action["domain"] = [("id", "in", pops.ids)]
        action["context"] = {}
        return action
