# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models

# The employee sees his colleagues' feedback only as an aggregate of at least this
# many answers per competence, so that no single colleague can be recognised.
MIN_COLLEAGUE_ANSWERS = 3


class HrPopFeedbackAnswer(models.Model):
    """One respondent's view of one competence: a level of the skill type's scale,
    or "can't judge", and an optional comment. Read-only for every user: only the
    respondent's link fills it in (see hr.pop.feedback.request)."""

    _name = "hr.pop.feedback.answer"
    _description = "360° Feedback Answer"
    _order = "request_id, skill_type_id, skill_id, id"
    _rec_name = "skill_id"

    # === FIELDS === #
    request_id = fields.Many2one(
        "hr.pop.feedback.request",
        string="Feedback Request",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    pop_id = fields.Many2one(
        related="request_id.pop_id", store=True, index=True, string="Development Plan"
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    respondent_kind = fields.Selection(
        related="request_id.respondent_kind", store=True, string="Respondent"
    )
    state = fields.Selection(related="request_id.state", store=True)
    date_answered = fields.Datetime(
        related="request_id.date_answered", store=True, string="Answered On"
    )
    employee_id = fields.Many2one(
        related="pop_id.employee_id", store=True, string="Employee"
    )
    department_id = fields.Many2one(
        related="pop_id.department_id", store=True, string="Department"
    )
    job_id = fields.Many2one(related="pop_id.job_id", store=True, string="Job Position")
    skill_id = fields.Many2one(
        "hr.skill", string="Competence", required=True, readonly=True, index=True
    )
    skill_type_id = fields.Many2one(
        related="skill_id.skill_type_id", store=True, string="Skill Type"
    )
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Level",
        readonly=True,
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    level_progress = fields.Integer(
        related="skill_level_id.level_progress",
        store=True,
        aggregator="avg",
        string="Level (%)",
    )
    cannot_judge = fields.Boolean(string="Can't Judge", readonly=True)
    comment = fields.Text(readonly=True)

    # === BUSINESS METHODS === #
    @api.model
    def _get_results_by_pop(self, pops):
        """``{plan id: rows}``: per competence asked on the plan, the answered
        feedback of the respondent kinds, read as superuser. Each row has
        ``skill``, ``skill_type``, ``self`` and ``manager`` (the level, or an empty
        recordset), ``colleague_levels`` (every colleague's level), and
        ``colleagues``: ``count``, ``average`` (level progress, rounded),
        ``lowest`` and ``highest`` (levels), ``cannot_judge`` (how many could not
        judge) and ``enough`` (at least MIN_COLLEAGUE_ANSWERS levels)."""
        answers = self.sudo().search(
            [("pop_id", "in", pops.ids), ("state", "=", "answered")]
        )
        asked = self.sudo().search([("pop_id", "in", pops.ids)])
        skills_by_pop = defaultdict(dict)
        for answer in asked:
            skills_by_pop[answer.pop_id.id].setdefault(answer.skill_id, None)
        levels = defaultdict(lambda: defaultdict(list))
        cannot_judge = defaultdict(int)
        for answer in answers:
            key = (answer.pop_id.id, answer.skill_id)
            if answer.cannot_judge:
                if answer.respondent_kind == "colleague":
                    cannot_judge[key] += 1
                continue
            levels[key][answer.respondent_kind].append(answer.skill_level_id)
        no_level = self.env["hr.skill.level"].sudo()
        result = {}
        for pop in pops:
            rows = []
            for skill in skills_by_pop[pop.id]:
                by_kind = levels[pop.id, skill]
                colleague_levels = by_kind["colleague"]
                ordered = sorted(
                    colleague_levels, key=lambda level: level.level_progress
                )
                count = len(colleague_levels)
                rows.append(
                    {
                        "skill": skill,
                        "skill_type": skill.skill_type_id,
                        "self": (by_kind["self"] or [no_level])[-1],
                        "manager": (by_kind["manager"] or [no_level])[-1],
                        "colleague_levels": colleague_levels,
                        "colleagues": {
                            "count": count,
                            "average": count
                            and round(
                                sum(level.level_progress for level in ordered) / count
                            ),
                            "lowest": ordered[0] if ordered else no_level,
                            "highest": ordered[-1] if ordered else no_level,
                            "cannot_judge": cannot_judge[pop.id, skill],
                            "enough": count >= MIN_COLLEAGUE_ANSWERS,
                        },
                    }
                )
            result[pop.id] = sorted(
                rows, key=lambda row: (row["skill_type"].name, row["skill"].name)
            )
        return result
