# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.hr_pop_goal import EVALUATED_GOAL_STATES


class HrPopCloseWizard(models.TransientModel):
    _name = "hr.pop.close.wizard"
    _description = "Evaluate and Close a Development Plan"

    # === DEFAULT METHODS === #
    def _default_pop_id(self):
        if self.env.context.get("active_model") == "hr.pop":
            return self.env.context.get("active_id")
        return False

    # === FIELDS === #
    pop_id = fields.Many2one(
        "hr.pop",
        string="Development Plan",
        required=True,
        ondelete="cascade",
        default=_default_pop_id,
    )
    line_ids = fields.One2many(
        "hr.pop.close.wizard.line",
        "wizard_id",
        string="Evaluation",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )

    # === COMPUTE METHODS === #
    @api.depends("pop_id")
    def _compute_line_ids(self):
        # Start from what the goals already say: reviews and the Goals tab may
        # have recorded part of the evaluation.
        for wizard in self:
            wizard.line_ids = [fields.Command.clear()] + [
                fields.Command.create(
                    {
                        "goal_id": goal.id,
                        "state": goal.state in EVALUATED_GOAL_STATES and goal.state,
                        "progress": goal.progress,
                        "lessons_learned": goal.lessons_learned,
                        "application": goal.application,
                    }
                )
                for goal in wizard.pop_id.goal_ids
            ]

    # === ACTION METHODS === #
    def action_confirm(self):
        """Write the evaluation to the goals, then close the plan, all or nothing."""
        self.ensure_one()
        pop = self.pop_id
        pop._check_state("running", self.env._("close the plan"))
        if self.line_ids.goal_id.pop_id - pop:
            raise UserError(
                self.env._(
                    "The evaluation covers the goals of %(pop)s only.", pop=pop.name
                )
            )
        missing = self.line_ids.filtered(lambda line: not line._is_complete())
        if missing:
            raise UserError(
                self.env._(
                    "Evaluate every goal before closing %(pop)s: choose reached, "
                    "partly or not reached, and write what was learnt. Not yet "
                    "evaluated: %(goals)s",
                    pop=pop.name,
                    goals=", ".join(missing.goal_id.mapped("name")),
                )
            )
        # Through the ORM as the user: the rules of goals and plans apply, and any
        # refusal rolls the whole transaction back, nothing is saved half-way.
        for line in self.line_ids:
            line.goal_id.write(line._get_goal_values())
        pop.action_close()
        pop.message_post(body=self._get_close_message(), subtype_xmlid="mail.mt_note")
        return {"type": "ir.actions.act_window_close"}

    # === BUSINESS METHODS === #
    def _get_close_message(self):
        states = dict(
            self.env["hr.pop.goal"]._fields["state"]._description_selection(self.env)
        )
        items = Markup().join(
            Markup("<li>%s: %s (%s%%)</li>")
            % (goal.name, states.get(goal.state, ""), goal.progress)
            for goal in self.pop_id.goal_ids
        )
        return Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._(
                "Plan evaluated and closed by %(user)s.", user=self.env.user.name
            ),
            items,
        )
