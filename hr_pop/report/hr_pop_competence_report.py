# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class HrPopCompetenceReport(models.Model):
    """Competence gaps (seed 004): per employee, each competence his job position
    requires, the level it requires, his current level and the gap between them,
    for pivot and graph views by department, job position and skill."""

    _name = "hr.pop.competence.report"
    _description = "Competence Gap Analysis"
    _auto = False
    _order = "gap desc, employee_id"
    _rec_name = "skill_id"

    # === FIELDS === #
    employee_id = fields.Many2one("hr.employee", string="Employee", readonly=True)
    department_id = fields.Many2one("hr.department", string="Department", readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    skill_type_id = fields.Many2one("hr.skill.type", string="Skill Type", readonly=True)
    skill_id = fields.Many2one("hr.skill", string="Competence", readonly=True)
    required_level_id = fields.Many2one(
        "hr.skill.level", string="Required Level", readonly=True
    )
    current_level_id = fields.Many2one(
        "hr.skill.level", string="Current Level", readonly=True
    )
    required_progress = fields.Integer(
        string="Required (%)", aggregator="avg", readonly=True
    )
    current_progress = fields.Integer(
        string="Current (%)", aggregator="avg", readonly=True
    )
    gap = fields.Integer(
        string="Gap (points)",
        aggregator="avg",
        readonly=True,
        help="How many points of level progress the current level is below the "
        "required one; 0 when it is not.",
    )
    has_gap = fields.Boolean(string="Below the Required Level", readonly=True)

    # === BUSINESS METHODS === #
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The id combines the profile line and the employee: the same row keeps its
        # id between two reads, so that a pivot cell opens the rows behind it.
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT (profile.id::bigint << 31) + employee.id AS id,
                           employee.id AS employee_id,
                           employee.department_id,
                           employee.job_id,
                           employee.company_id,
                           profile.skill_type_id,
                           profile.skill_id,
                           profile.skill_level_id AS required_level_id,
                           employee_skill.skill_level_id AS current_level_id,
                           required.level_progress AS required_progress,
                           COALESCE(current.level_progress, 0) AS current_progress,
                           GREATEST(
                               required.level_progress
                               - COALESCE(current.level_progress, 0), 0
                           ) AS gap,
                           required.level_progress
                               > COALESCE(current.level_progress, 0) AS has_gap
                      FROM hr_employee employee
                      JOIN hr_pop_job_skill profile ON profile.job_id = employee.job_id
                      JOIN hr_skill_level required
                        ON required.id = profile.skill_level_id
                 LEFT JOIN hr_employee_skill employee_skill
                        ON employee_skill.employee_id = employee.id
                       AND employee_skill.skill_id = profile.skill_id
                 LEFT JOIN hr_skill_level current
                        ON current.id = employee_skill.skill_level_id
                     WHERE employee.active
                )
                """,
                SQL.identifier(self._table),
            )
        )
