# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrJob(models.Model):
    _inherit = "hr.job"

    pop_skill_ids = fields.One2many(
        "hr.pop.job.skill",
        "job_id",
        string="Competence Profile",
        copy=True,
        groups="hr_pop.group_pop_manager",
        help="The competences this job position requires, at the level it requires "
        "them. Development plans compare them with the employee's skills.",
    )
