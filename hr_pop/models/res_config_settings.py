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
