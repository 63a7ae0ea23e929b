# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.mail import email_normalize, email_split_tuples


class HrPopFeedbackWizard(models.TransientModel):
    """Ask for 360° feedback on a plan's competences: the employee's
    self-assessment, the manager's view and colleagues (employees, users or anyone
    by e-mail address), each with a personal link."""

    _name = "hr.pop.feedback.wizard"
    _description = "Ask for 360° Feedback"

    # === DEFAULT METHODS === #
    @api.model
    def _default_deadline(self):
        pop = self.env["hr.pop"].browse(self.env.context.get("default_pop_id"))
        return self.env["hr.pop.feedback.request"]._get_default_deadline(
            pop.exists().company_id or self.env.company
        )

    # === FIELDS === #
    pop_id = fields.Many2one(
        "hr.pop", string="Development Plan", required=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(related="pop_id.employee_id")
    company_id = fields.Many2one(related="pop_id.company_id")
    deadline = fields.Date(required=True, default=_default_deadline)
    ask_employee = fields.Boolean(string="Self-Assessment", default=True)
    ask_manager = fields.Boolean(string="The Manager's View", default=True)
    colleague_ids = fields.Many2many(
        "hr.employee",
        string="Colleagues",
        domain="[('id', '!=', employee_id), ('company_id', '=', company_id)]",
    )
    user_ids = fields.Many2many(
        "res.users", string="Users", domain="[('share', '=', False)]"
    )
    other_emails = fields.Text(
        string="Others by E-mail",
        help="One address a line, for example: Jane Doe <jane@example.com>",
    )
    skill_names = fields.Char(
        string="Competences", compute="_compute_skill_names", readonly=True
    )

    # === COMPUTE METHODS === #
    @api.depends("pop_id")
    def _compute_skill_names(self):
        for wizard in self:
            skills = wizard.pop_id and wizard.pop_id._get_feedback_skills()
            wizard.skill_names = ", ".join(skills.mapped("name")) if skills else False

    # === ACTION METHODS === #
    def action_send(self):
        """Create one request per new respondent and mail each his link."""
        self.ensure_one()
        pop = self.pop_id
        pop._check_can_ask_feedback()
        if not pop._get_feedback_skills():
            raise UserError(
                self.env._(
                    "%(pop)s has no competences to ask feedback on: give a goal a "
                    "skill, or the job position a competence profile.",
                    pop=pop.name,
                )
            )
        if self.deadline <= fields.Date.context_today(self):
            raise ValidationError(self.env._("The deadline must be after today."))
        values, asked_before = self._get_request_values()
        if not values:
            if asked_before:
                raise UserError(
                    self.env._(
                        "Feedback has been asked already from: %(names)s.",
                        names=", ".join(asked_before),
                    )
                )
            raise UserError(self.env._("Choose whom to ask for feedback."))
        requests = self.env["hr.pop.feedback.request"].sudo().create(values)
        requests._send_mails()
        pop.sudo().message_post(
            body=self.env._(
                "%(user)s asked for 360° feedback from %(count)s respondents, "
                "to answer by %(deadline)s.",
                user=self.env.user.name,
                count=len(requests),
                deadline=requests[:1]._format_deadline(),
            ),
            subtype_xmlid="mail.mt_note",
        )
        message = self.env._(
            "Feedback asked from %(count)s respondents.", count=len(requests)
        )
        if asked_before:
            message += " " + self.env._(
                "Asked before, not again: %(names)s.", names=", ".join(asked_before)
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # === BUSINESS METHODS === #
    def _get_request_values(self):
        """(values of the new requests, names of respondents asked before)."""
        pop = self.pop_id.sudo()
        employee, manager = pop.employee_id, pop.manager_id
        taken = set()
        for request in pop.feedback_request_ids:
            if request.state in ("pending", "answered"):
                taken |= self._respondent_keys(
                    request.respondent_kind,
                    request.respondent_employee_id,
                    request.respondent_user_id,
                    request.email,
                )
        common = {
            "pop_id": pop.id,
            "deadline": self.deadline,
            "requested_by_id": self.env.user.id,
            "date_sent": fields.Datetime.now(),
        }
        values, asked_before = [], []

        def add(kind, name, employee=None, user=None, email=False):
            keys = self._respondent_keys(kind, employee, user, email)
            if keys & taken:
                asked_before.append(name)
                return
            taken.update(keys)
            values.append(
                dict(
                    common,
                    respondent_kind=kind,
                    respondent_name=name,
                    respondent_employee_id=employee.id if employee else False,
                    respondent_user_id=user.id if user else False,
                    email=email,
                )
            )

        if self.ask_employee:
            add("self", employee.name, employee, employee.user_id)
        if self.ask_manager:
            if not manager:
                raise UserError(
                    self.env._("%(pop)s has no manager to ask.", pop=pop.name)
                )
            add("manager", manager.name, manager)
        for colleague in self.colleague_ids.sudo():
            self._check_colleague(colleague, colleague.user_id)
            add(
                "colleague",
                colleague.name,
                colleague,
                colleague.user_id,
                email=colleague.work_email or colleague.user_id.email or False,
            )
        for user in self.user_ids.sudo():
            self._check_colleague(user.employee_id, user)
            add("colleague", user.name, user.employee_id, user, user.email)
        for name, email in self._parse_other_emails():
            add("colleague", name or email, email=email)
        return values, asked_before

    @api.model
    def _respondent_keys(self, kind, employee, user, email):
        """What identifies a respondent: nobody is asked twice on one plan."""
        keys = {("kind", kind)} if kind != "colleague" else set()
        if employee:
            keys.add(("employee", employee.id))
        if user:
            keys.add(("user", user.id))
        if email and email_normalize(email):
            keys.add(("email", email_normalize(email)))
        return keys

    def _check_colleague(self, employee, user):
        pop = self.pop_id.sudo()
        if (employee and employee in (pop.employee_id | pop.manager_id)) or (
            user and user in (pop.employee_id.user_id | pop.manager_id.user_id)
        ):
            raise ValidationError(
                self.env._(
                    "%(name)s is the plan's employee or manager: ask for the "
                    "self-assessment or the manager's view instead.",
                    name=(employee or user).name,
                )
            )

    def _parse_other_emails(self):
        """``[(name, address)]`` of ``other_emails``; a line that holds no single
        address is refused, not skipped."""
        result = []
        for line in (self.other_emails or "").splitlines():
            if not line.strip():
                continue
            found = email_split_tuples(line)
            if len(found) != 1 or not email_normalize(found[0][1]):
                raise ValidationError(
                    self.env._(
                        "Not one e-mail address: %(line)s", line=line.strip()[:200]
                    )
                )
            result.append(found[0])
        return result
