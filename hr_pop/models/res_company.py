# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


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

    _sql_constraints = [
        (
            "pop_days_positive",
            "CHECK(pop_invitation_days >= 0 AND pop_agenda_days >= 0 "
            "AND pop_signature_reminder_days >= 0 AND pop_approval_reminder_days >= 0 "
            "AND pop_review_months >= 0 AND pop_cycle_months > 0)",
            "POP lead times, reminder delays and intervals cannot be negative, and "
            "the cycle needs at least one month.",
        ),
    ]
