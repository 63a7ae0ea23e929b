# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pop_approval_threshold = fields.Monetary(
        related="company_id.pop_approval_threshold",
        readonly=False,
        currency_field="pop_currency_id",
    )
    pop_currency_id = fields.Many2one(related="company_id.currency_id")
    pop_hr_responsible_id = fields.Many2one(
        related="company_id.pop_hr_responsible_id", readonly=False
    )
    pop_cycle_rule = fields.Selection(
        related="company_id.pop_cycle_rule", readonly=False
    )
    pop_cycle_month = fields.Selection(
        related="company_id.pop_cycle_month", readonly=False
    )
    pop_cycle_months = fields.Integer(
        related="company_id.pop_cycle_months", readonly=False
    )
    pop_auto_create = fields.Boolean(
        related="company_id.pop_auto_create", readonly=False
    )
    pop_department_ids = fields.Many2many(
        related="company_id.pop_department_ids", readonly=False
    )
    pop_employee_category_ids = fields.Many2many(
        related="company_id.pop_employee_category_ids", readonly=False
    )
    pop_invitation_days = fields.Integer(
        related="company_id.pop_invitation_days", readonly=False
    )
    pop_agenda_days = fields.Integer(
        related="company_id.pop_agenda_days", readonly=False
    )
    pop_signature_reminder_days = fields.Integer(
        related="company_id.pop_signature_reminder_days", readonly=False
    )
    pop_approval_reminder_days = fields.Integer(
        related="company_id.pop_approval_reminder_days", readonly=False
    )
    pop_review_months = fields.Integer(
        related="company_id.pop_review_months", readonly=False
    )
    pop_feedback_days = fields.Integer(
        related="company_id.pop_feedback_days", readonly=False
    )
    pop_retention_left_years = fields.Integer(
        related="company_id.pop_retention_left_years", readonly=False
    )
    pop_retention_done_years = fields.Integer(
        related="company_id.pop_retention_done_years", readonly=False
    )
