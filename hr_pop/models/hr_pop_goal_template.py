# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .hr_pop_goal import GOAL_CATEGORIES


class HrPopGoalTemplate(models.Model):
    """A ready-made development goal with its suggested activities, for the jobs
    and departments it suits. Added to a plan, it becomes an ordinary goal: editable,
    never linked back to the template."""

    _name = "hr.pop.goal.template"
    _description = "Development Goal Template"
    _order = "sequence, name, id"

    # === FIELDS === #
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Development Goal", required=True, translate=True)
    category = fields.Selection(GOAL_CATEGORIES, required=True, default="job")
    success_measure = fields.Text(
        translate=True, help="How we will know that the goal is reached (SMART)."
    )
    skill_id = fields.Many2one("hr.skill", help="The skill the goal develops.")
    skill_type_id = fields.Many2one(related="skill_id.skill_type_id")
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Target Level",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    job_ids = fields.Many2many(
        "hr.job",
        string="Job Positions",
        help="The job positions it suits; empty: every job.",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        help="The departments it suits (and their sub-departments); empty: every "
        "department.",
    )
    line_ids = fields.One2many(
        "hr.pop.goal.template.line",
        "template_id",
        string="Suggested Activities",
        copy=True,
    )
    company_id = fields.Many2one("res.company", index=True)

    # === CONSTRAINT METHODS === #
    @api.constrains("skill_id", "skill_level_id")
    def _check_skill_level(self):
        for template in self:
            if template.skill_level_id and (
                template.skill_level_id.skill_type_id != template.skill_id.skill_type_id
            ):
                raise ValidationError(
                    self.env._(
                        "The target level of %(template)s must be a level of its "
                        "skill.",
                        template=template.name,
                    )
                )

    # === BUSINESS METHODS === #
    def _fits(self, pop):
        """Whether the template suits the plan's job and department."""
        self.ensure_one()
        # Job positions and departments are HR's records: compared as superuser.
        template, pop = self.sudo(), pop.sudo()
        if template.job_ids and pop.job_id not in template.job_ids:
            return False
        if template.department_ids:
            department = pop.department_id
            ancestors = department
            while department.parent_id:
                department = department.parent_id
                ancestors |= department
            if not ancestors & template.department_ids:
                return False
        return True

    def _get_goal_values(self, pop):
        """The goal this template becomes on ``pop``, with its activities."""
        self.ensure_one()
        return {
            "pop_id": pop.id,
            "template_id": self.id,
            "category": self.category,
            "name": self.name,
            "success_measure": self.success_measure,
            "deadline": pop.date_end,
            "skill_id": self.skill_id.id,
            "skill_level_id": self.skill_level_id.id,
        }
