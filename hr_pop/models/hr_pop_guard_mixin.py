# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

# The workflow methods pass this object in the context to change the fields that only
# they may change. JSON-RPC can only send JSON in a context, never this object, so no
# client can forge it; a string key or a boolean could be.
WORKFLOW_GRANT = object()
WORKFLOW_CONTEXT_KEY = "hr_pop_workflow_grant"
# The retention scheduled action anonymises signed and closed plans: it alone passes
# this object, which lets it past the locks of signed and closed content.
ANONYMISE_GRANT = object()
ANONYMISE_CONTEXT_KEY = "hr_pop_anonymise_grant"

# Sensible limits for what a person types; beyond them it is a mistake or an attack.
MAX_AMOUNT = 10_000_000
MAX_INTEGER = 2_147_483_647  # PostgreSQL integer
MAX_CHAR_LENGTH = 256
MAX_TEXT_LENGTH = 20_000
MAX_HTML_LENGTH = 200_000
MIN_YEAR, MAX_YEAR = 1900, 2999


class HrPopGuardMixin(models.AbstractModel):
    """Write guard of the development plan models.

    ``readonly`` in a view protects nothing: every logged-in user can call
    ``write``/``create``/``load`` through JSON-RPC. This mixin refuses, for every
    user (administrators too), changes to the fields that only the workflow sets
    (``_pop_workflow_fields``: state, signatures, approval, ...) and to the fields
    the server computes, unless the change comes from a workflow method
    (``_pop_workflow()``). It also refuses values that cannot be stored sensibly
    (NaN, infinite or absurd numbers, huge texts, NUL characters).
    """

    _name = "hr.pop.guard.mixin"
    _description = "Development Plan Write Guard"

    # Fields only workflow methods change; the value a new record may start with.
    _pop_workflow_fields = {}
    # Fields set when a record is created that never change afterwards: a goal, an
    # activity or an answer never moves to another plan (or another question).
    _pop_fixed_fields = ()
    # {field: (min, max)}: checked before the database's own CHECK constraints,
    # which would otherwise answer first, without a clear message.
    _pop_value_ranges = {}

    # === BUSINESS METHODS === #
    def _pop_workflow(self):
        """These records, allowed to change their workflow fields."""
        return self.with_context(**{WORKFLOW_CONTEXT_KEY: WORKFLOW_GRANT})

    def _pop_in_workflow(self):
        return self.env.context.get(WORKFLOW_CONTEXT_KEY) is WORKFLOW_GRANT

    def _pop_anonymising(self):
        """These records, as the retention action that anonymises them: a
        workflow change past the locks of signed and closed plans."""
        return self._pop_workflow().with_context(
            **{ANONYMISE_CONTEXT_KEY: ANONYMISE_GRANT},
            tracking_disable=True,
            mail_notrack=True,
        )

    def _pop_is_anonymising(self):
        return self.env.context.get(ANONYMISE_CONTEXT_KEY) is ANONYMISE_GRANT

    @api.model
    @tools.ormcache()
    def _pop_guarded_fields(self):
        """The workflow fields and every field the server computes (no inverse).

        Fixed per model once the registry is loaded: cached, as every write asks.
        """
        return frozenset(self._pop_workflow_fields) | {
            name
            for name, field in self._fields.items()
            if field.compute and field.readonly and not field.inverse
        }

    @api.model
    def _pop_check_create(self, vals_list):
        """Refuse new records that start in a workflow state or with computed values."""
        self._pop_check_values(vals_list)
        if self._pop_in_workflow():
            return
        guarded = self._pop_guarded_fields()
        context_defaults = {
            key[len("default_") :]: value
            for key, value in self.env.context.items()
            if key.startswith("default_") and key[len("default_") :] in guarded
        }
        refused = set()
        for vals in [*vals_list, context_defaults]:
            for name in guarded & set(vals):
                if vals[name] and vals[name] != self._pop_workflow_fields.get(name):
                    refused.add(name)
        if refused:
            self._pop_raise_guarded(refused)

    def _pop_check_write(self, vals):
        """Refuse changes to workflow and computed fields outside the workflow."""
        self._pop_check_values([vals])
        if self._pop_in_workflow() or not self:
            return
        moved = {
            name
            for name in set(self._pop_fixed_fields) & set(vals)
            if self._pop_value_changes(name, vals[name])
        }
        if moved:
            raise UserError(
                self.env._(
                    "%(fields)s of %(model)s is set when it is created and cannot "
                    "change afterwards.",
                    fields=", ".join(self._pop_field_labels(moved)),
                    model=self._pop_model_label(),
                )
            )
        changed = {
            name
            for name in self._pop_guarded_fields() & set(vals)
            if self._pop_value_changes(name, vals[name])
        }
        if changed:
            self._pop_raise_guarded(changed)

    def _pop_value_changes(self, name, value):
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            return bool(value)
        try:
            for record in self.sudo():
                new = field.convert_to_record(
                    field.convert_to_cache(value, record), record
                )
                if new != record[name] and (new or record[name]):
                    return True
        except (ValueError, TypeError):
            return True
        return False

    def _pop_field_labels(self, names):
        return sorted(
            self._fields[name]._description_string(self.env) for name in names
        )

    def _pop_model_label(self):
        return self.env["ir.model"]._get(self._name).name

    def _pop_raise_guarded(self, names):
        raise UserError(
            self.env._(
                "%(fields)s of %(model)s cannot be changed directly: it follows "
                "from the plan's workflow (invite, sign, approve, close...). Use "
                "the buttons of the plan.",
                fields=", ".join(self._pop_field_labels(names)),
                model=self._pop_model_label(),
            )
        )

    @api.model
    def _pop_check_values(self, vals_list):
        """Clear errors for values no person means, before they reach the database."""
        for vals in vals_list:
            for name, value in vals.items():
                field = self._fields.get(name)
                if field is None:
                    continue
                if value is None or value is False or value == "":
                    problem = field.required and self.env._("a value is required.")
                elif field.required and isinstance(value, str) and not value.strip():
                    problem = self.env._("a value is required.")
                else:
                    problem = self._pop_value_problem(field, value)
                if not problem and name in self._pop_value_ranges:
                    low, high = self._pop_value_ranges[name]
                    if not low <= value <= high:
                        problem = self.env._(
                            "the value must be between %(min)s and %(max)s.",
                            min=low,
                            max=high,
                        )
                if problem:
                    raise ValidationError(
                        self.env._(
                            "%(field)s: %(problem)s",
                            field=field._description_string(self.env),
                            problem=problem,
                        )
                    )

    @api.model
    def _pop_value_problem(self, field, value):  # noqa: C901 - one branch per type
        _ = self.env._
        if field.type in ("float", "monetary"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                return _("the value must be a number.")
            if not math.isfinite(value) or abs(value) > MAX_AMOUNT:
                return _(
                    "the value must be a number between -%(max)s and %(max)s.",
                    max=MAX_AMOUNT,
                )
        elif field.type == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                if not (isinstance(value, float) and value.is_integer()):
                    return _("the value must be a whole number.")
            if abs(value) > MAX_INTEGER:
                return _("the value is too large.")
        elif field.type in ("char", "text", "html"):
            if not isinstance(value, str):
                return _("the value must be text.")
            limit = {
                "char": MAX_CHAR_LENGTH,
                "text": MAX_TEXT_LENGTH,
                "html": MAX_HTML_LENGTH,
            }[field.type]
            if len(value) > limit:
                return _("the text can be at most %(max)s characters long.", max=limit)
            if "\x00" in value:
                return _("the text contains an invalid character.")
        elif field.type in ("date", "datetime"):
            try:
                day = (
                    fields.Date.to_date(value)
                    if field.type == "date"
                    else fields.Datetime.to_datetime(value)
                )
            except (ValueError, TypeError):
                return _("the value is not a valid date.")
            if day and not MIN_YEAR <= day.year <= MAX_YEAR:
                return _(
                    "the date must lie between the years %(min)s and %(max)s.",
                    min=MIN_YEAR,
                    max=MAX_YEAR,
                )
        elif field.type == "selection":
            if value not in field.get_values(self.env):
                return _("the value is not one of the choices.")
        elif field.type == "many2one":
            if isinstance(value, bool) or not isinstance(value, int):
                if not isinstance(value, models.BaseModel):
                    return _("the value must be a record.")
            elif not 0 < value <= MAX_INTEGER:
                return _("the value must be a record.")
        return False
