# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, is_html_empty


class HrPopReview(models.Model):
    _name = "hr.pop.review"
    _inherit = ["hr.pop.guard.mixin"]
    _description = "Development Progress Review"
    _order = "date desc, id desc"
    _pop_fixed_fields = ("pop_id", "author_id")

    pop_id = fields.Many2one(
        "hr.pop",
        string="Development Plan",
        required=True,
        ondelete="cascade",
        index=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    author_id = fields.Many2one(
        "res.users", string="Author", required=True, default=lambda self: self.env.user
    )
    notes = fields.Html(help="Experiences, changed wishes or needs, next steps.")
    line_ids = fields.One2many(
        "hr.pop.review.line", "review_id", string="Progress per Goal", copy=True
    )
    company_id = fields.Many2one(related="pop_id.company_id", store=True, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        self._pop_check_create(vals_list)
        if not self._pop_in_workflow() and any(
            vals.get("author_id", self.env.uid) != self.env.uid for vals in vals_list
        ):
            raise UserError(self.env._("You record a progress review in your name."))
        reviews = super().create(vals_list)
        reviews.pop_id._check_running_for_review()
        for review in reviews:
            review.pop_id.sudo()._close_activities("hr_pop.mail_activity_pop_review")
            review._post_on_plan()
        return reviews

    def write(self, vals):
        self._pop_check_write(vals)
        self.pop_id._check_running_for_review()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_while_running(self):
        self.pop_id._check_running_for_review()

    @api.onchange("pop_id")
    def _onchange_pop_id(self):
        if self.pop_id and not self.line_ids:
            self.line_ids = [
                fields.Command.create({"goal_id": goal.id, "progress": goal.progress})
                for goal in self.pop_id.goal_ids
            ]

    # === BUSINESS METHODS === #
    def _post_on_plan(self):
        """The review in the plan's chatter: who reviewed, when, and the progress."""
        self.ensure_one()
        body = Markup("<p>%s</p>") % self.env._(
            "Progress review of %(date)s by %(author)s.",
            date=format_date(self.env, self.date),
            author=self.author_id.name,
        )
        if not is_html_empty(self.notes):
            body += self.notes
        items = Markup("").join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(goal)s: %(progress)s%%%(note)s",
                goal=line.goal_id.name,
                progress=line.progress,
                note=f" - {line.note}" if line.note else "",
            )
            for line in self.line_ids
        )
        if items:
            body += Markup("<ul>%s</ul>") % items
        self.pop_id.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
