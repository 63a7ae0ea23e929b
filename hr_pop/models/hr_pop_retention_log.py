# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""GDPR retention: plans past their company's retention periods are anonymised by a
scheduled action; each run is logged here."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression

BATCH_SIZE = 200


class HrPopRetentionLog(models.Model):
    _name = "hr.pop.retention.log"
    _description = "Anonymisation of Development Plans"
    _order = "date desc, id desc"
    _rec_name = "date"

    # === FIELDS === #
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Run By", readonly=True, default=lambda self: self.env.user
    )
    pop_count = fields.Integer(string="Plans Anonymised", readonly=True)
    pop_names = fields.Text(
        string="References",
        readonly=True,
        help="The references of the anonymised plans (no employee names).",
    )

    # === CRON METHODS === #
    @api.model
    def _cron_anonymise(self, batch_size=BATCH_SIZE):
        """Anonymise one batch of due plans per company and log it; reports the
        progress, so that ir.cron runs again while plans remain (and commits
        between batches itself)."""
        done = remaining = 0
        Pop = self.env["hr.pop"].sudo().with_context(active_test=False)
        for company in self.env["res.company"].sudo().search([]):
            domain = self._get_due_domain(company)
            if not domain:
                continue
            pops = Pop.search(domain, order="id", limit=batch_size + 1)
            batch = pops[:batch_size]
            remaining += len(pops) - len(batch)
            if not batch:
                continue
            names = ", ".join(batch.mapped("name"))
            batch._anonymise()
            self.sudo().create(
                {"company_id": company.id, "pop_count": len(batch), "pop_names": names}
            )
            done += len(batch)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done, remaining

    # === ACTION METHODS === #
    @api.model
    def action_open_due(self):
        """The dry run: the plans the next runs will anonymise, per the settings of
        the user's companies."""
        domains = [
            domain
            for company in self.env.companies
            if (domain := self._get_due_domain(company))
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Due for Anonymisation"),
            "res_model": "hr.pop",
            "view_mode": "list,form",
            "domain": expression.OR(domains) if domains else [("id", "=", 0)],
            "context": {"active_test": False, "create": False},
        }

    # === BUSINESS METHODS === #
    @api.model
    def _get_due_domain(self, company, today=None):
        """The plans of ``company`` past a retention period, or False when it keeps
        them (both periods 0): of employees who left more than
        ``pop_retention_left_years`` ago, and plans done (or cancelled) more than
        ``pop_retention_done_years`` ago of employees still employed."""
        today = today or fields.Date.context_today(self)
        periods = []
        if company.pop_retention_left_years:
            periods.append(
                [
                    ("employee_id.active", "=", False),
                    (
                        "employee_id.departure_date",
                        "<=",
                        today - relativedelta(years=company.pop_retention_left_years),
                    ),
                ]
            )
        if company.pop_retention_done_years:
            periods.append(
                [
                    ("employee_id.active", "=", True),
                    ("state", "in", ("done", "cancelled")),
                    (
                        "date_end",
                        "<=",
                        today - relativedelta(years=company.pop_retention_done_years),
                    ),
                ]
            )
        if not periods:
            return False
        return expression.AND(
            [
                [("company_id", "=", company.id), ("is_anonymised", "=", False)],
                expression.OR(periods),
            ]
        )
