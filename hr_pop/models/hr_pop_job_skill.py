# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrPopJobSkill(models.Model):
    """A competence a job position requires, at the level it requires it (seed 004:
    the job-bound competences). The plan compares them with the employee's skills."""

    _name = "hr.pop.job.skill"
    _description = "Required Competence of a Job Position"
    _order = "job_id, skill_type_id, skill_id, id"
    _rec_name = "skill_id"

    # === FIELDS === #
    job_id = fields.Many2one(
        "hr.job",
        string="Job Position",
        required=True,
        ondelete="cascade",
        index=True,
    )
    skill_type_id = fields.Many2one("hr.skill.type", required=True, ondelete="cascade")
    skill_id = fields.Many2one(
        "hr.skill",
        required=True,
        ondelete="cascade",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Required Level",
        required=True,
        ondelete="cascade",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    level_progress = fields.Integer(
        related="skill_level_id.level_progress", string="Required Progress"
    )
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "job_skill_unique",
            "UNIQUE(job_id, skill_id)",
            "A job position requires each skill once: change the required level of "
            "the existing line instead of adding the skill again.",
        ),
    ]

    # === COMPUTE METHODS === #
    @api.depends("skill_id", "skill_level_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.skill_id.name}: {line.skill_level_id.name}"
                if line.skill_level_id
                else line.skill_id.name or ""
            )

    # === CONSTRAINT METHODS === #
    @api.constrains("skill_type_id", "skill_id", "skill_level_id")
    def _check_skill_and_level_of_type(self):
        for line in self:
            if line.skill_id.skill_type_id != line.skill_type_id:
                raise ValidationError(
                    self.env._(
                        "The skill %(skill)s is not a skill of the type %(type)s.",
                        skill=line.skill_id.name,
                        type=line.skill_type_id.name,
                    )
                )
            if line.skill_level_id.skill_type_id != line.skill_type_id:
                raise ValidationError(
                    self.env._(
                        "The level %(level)s is not a level of the skill type "
                        "%(type)s: choose a level of that type for %(skill)s.",
                        level=line.skill_level_id.name,
                        type=line.skill_type_id.name,
                        skill=line.skill_id.name,
                    )
                )

    # === ONCHANGE METHODS === #
    @api.onchange("skill_type_id")
    def _onchange_skill_type_id(self):
        if self.skill_id.skill_type_id != self.skill_type_id:
            self.skill_id = False
        if self.skill_level_id.skill_type_id != self.skill_type_id:
            levels = self.skill_type_id.skill_level_ids
            self.skill_level_id = levels.filtered("default_level")[:1] or levels[:1]
