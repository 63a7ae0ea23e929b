# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# The company's POP settings: what a POP administrator may change on his companies
# without being allowed to change companies (base.group_erp_manager).
POP_SETTINGS_FIELDS = frozenset(
    {
        "pop_approval_threshold",
        "pop_hr_responsible_id",
        "pop_cycle_rule",
        "pop_cycle_month",
        "pop_cycle_months",
        "pop_auto_create",
        "pop_department_ids",
        "pop_employee_category_ids",
        "pop_invitation_days",
        "pop_agenda_days",
        "pop_signature_reminder_days",
        "pop_approval_reminder_days",
        "pop_review_months",
        "pop_feedback_days",
        "pop_retention_left_years",
        "pop_retention_done_years",
    }
)


class ResCompany(models.Model):
    _inherit = "res.company"

    pop_approval_threshold = fields.Monetary(
        string="POP Approval Threshold",
        currency_field="currency_id",
        default=1000.0,
        help="Signed plans costing more than this need HR approval; 0 means every "
        "plan needs approval.",
    )
    pop_hr_responsible_id = fields.Many2one(
        "res.users",
        string="POP HR Responsible",
        domain=[("share", "=", False)],
        help="Approves plans and receives the HR to-dos; empty: the first POP "
        "administrator of the company.",
    )
    # Cycle and automatic creation (see hr.employee._get_pop_due_periods).
    pop_cycle_rule = fields.Selection(
        [
            ("month", "Yearly, in a Chosen Month"),
            ("anniversary", "Yearly, on the Hire-Date Anniversary"),
            ("after_last", "Months after the Last Plan"),
        ],
        string="POP Cycle",
        default="month",
        required=True,
        help="When an employee's next development plan period starts.",
    )
    pop_cycle_month = fields.Selection(
        [
            ("1", "January"),
            ("2", "February"),
            ("3", "March"),
            ("4", "April"),
            ("5", "May"),
            ("6", "June"),
            ("7", "July"),
            ("8", "August"),
            ("9", "September"),
            ("10", "October"),
            ("11", "November"),
            ("12", "December"),
        ],
        string="POP Cycle Month",
        default="1",
        required=True,
        help="Yearly cycle: the plan periods start on the first day of this month.",
    )
    pop_cycle_months = fields.Integer(
        string="POP Cycle Months",
        default=12,
        help="Cycle after the last plan: the next period starts this many months "
        "after the start of the last plan, and lasts as long.",
    )
    pop_auto_create = fields.Boolean(
        string="Create POPs Automatically",
        help="Every day, create a draft plan for each employee in scope whose next "
        "period starts within a month.",
    )
    pop_department_ids = fields.Many2many(
        "hr.department",
        "res_company_hr_pop_department_rel",
        "company_id",
        "department_id",
        string="POP Departments",
        help="Automatic plans only for these departments and their sub-departments; "
        "empty: every department.",
    )
    pop_employee_category_ids = fields.Many2many(
        "hr.employee.category",
        "res_company_hr_pop_employee_category_rel",
        "company_id",
        "category_id",
        string="POP Employee Tags",
        help="Automatic plans only for employees with one of these tags; empty: "
        "every employee.",
    )
    pop_invitation_days = fields.Integer(
        string="POP Invitation Lead Time",
        default=14,
        help="Days before the conversation the invitation is sent.",
    )
    pop_agenda_days = fields.Integer(
        string="POP Agenda Exchange",
        default=7,
        help="Days before the conversation both sides receive each other's shared "
        "agenda points.",
    )
    pop_signature_reminder_days = fields.Integer(
        string="POP Signature Reminder",
        default=7,
        help="Days a plan waits for signatures before whoever has not signed is "
        "reminded; 0: no reminder.",
    )
    pop_approval_reminder_days = fields.Integer(
        string="POP Approval Reminder",
        default=7,
        help="Days a plan waits for approval before HR is reminded; 0: no reminder.",
    )
    pop_review_months = fields.Integer(
        string="POP Progress Review Interval",
        default=3,
        help="A progress review is due every this many months while a plan runs; "
        "0: no reviews are planned.",
    )
    pop_feedback_days = fields.Integer(
        string="POP Feedback Deadline",
        default=14,
        help="Days a respondent has to give 360° feedback through his link.",
    )
    # GDPR retention: hr.pop.retention.log anonymises plans past these periods.
    pop_retention_left_years = fields.Integer(
        string="POP Retention after Leaving",
        default=2,
        help="Years the plans of an employee who left are kept, counted from his "
        "departure date; then they are anonymised. 0: kept.",
    )
    pop_retention_done_years = fields.Integer(
        string="POP Retention after Closing",
        default=7,
        help="Years a closed plan of an employee still employed is kept, counted "
        "from the end of its period; then it is anonymised. 0: kept.",
    )

    _sql_constraints = [
        (
            "pop_days_positive",
            "CHECK(pop_invitation_days >= 0 AND pop_agenda_days >= 0 "
            "AND pop_signature_reminder_days >= 0 AND pop_approval_reminder_days >= 0 "
            "AND pop_review_months >= 0 AND pop_cycle_months > 0 "
            "AND pop_feedback_days > 0 AND pop_retention_left_years >= 0 "
            "AND pop_retention_done_years >= 0)",
            "POP lead times, reminder delays and intervals cannot be negative, and "
            "the cycle needs at least one month and feedback at least one day.",
        ),
    ]

    # === CRUD METHODS === #
    def write(self, vals):
        if self._pop_settings_by_pop_admin(vals):
            # Only the POP settings of his own companies, checked above.
            return super(ResCompany, self.sudo()).write(vals)
        return super().write(vals)

    # === ACTION METHODS === #
    @api.model
    def action_open_pop_settings(self):
        """The POP settings of the current company, in a form of their own: POP
        administrators are not Settings administrators (res.config.settings)."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Development Plan Settings"),
            "res_model": "res.company",
            "res_id": self.env.company.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("hr_pop.res_company_view_form_pop_settings").id, "form")
            ],
            "target": "current",
        }

    # === BUSINESS METHODS === #
    def _pop_settings_by_pop_admin(self, vals):
        """Whether ``vals`` is a change of POP settings that a POP administrator,
        who may not change companies, makes on his own companies: then it is
        written with the system's rights. Anything else takes the normal access
        check (False); a POP administrator's change of another company, or one
        that would create or change departments or tags, is refused."""
        if (
            self.env.su
            or not vals
            or not set(vals) <= POP_SETTINGS_FIELDS
            or self.env["res.company"].has_access("write")
            or not self.env.user.has_group("hr_pop.group_pop_admin")
        ):
            return False
        others = self - self.env.user.company_ids
        if others:
            raise AccessError(
                self.env._(
                    "You can only change the development plan settings of your own "
                    "companies, not of %(companies)s.",
                    companies=", ".join(others.mapped("name")),
                )
            )
        for name in ("pop_department_ids", "pop_employee_category_ids"):
            if name in vals:
                self._pop_check_settings_links(name, vals[name])
        responsible_id = vals.get("pop_hr_responsible_id")
        if responsible_id:
            responsible = self.env["res.users"].browse(responsible_id).exists()
            if not responsible or responsible.share:
                raise ValidationError(
                    self.env._("The POP HR responsible must be an internal user.")
                )
        return True

    def _pop_check_settings_links(self, name, commands):
        """The records a POP administrator chooses in the settings: only links to
        records he may read, never new or changed ones."""
        comodel = self.env[self._fields[name].comodel_name]
        ids = []
        for command in commands:
            if isinstance(command, int):
                ids.append(command)
            elif command[0] == Command.SET:
                ids.extend(command[2])
            elif command[0] in (Command.LINK, Command.UNLINK):
                ids.append(command[1])
            elif command[0] != Command.CLEAR:
                raise AccessError(
                    self.env._(
                        "The development plan settings only choose among existing "
                        "%(records)s; they do not create or change them.",
                        records=comodel._description,
                    )
                )
        comodel.browse(ids).check_access("read")
