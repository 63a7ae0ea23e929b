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
