# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Any number or text a person (or a script) sends: stored, or a clear error.

Property-based (hypothesis): the numbers include NaN, infinities and absurd sizes,
the texts control characters, NUL and megabytes. Whatever comes in, the answer is
the value stored as sent or a UserError/ValidationError that leaves the record as
it was, never a server error. The examples are derandomized so that every run
tries the same ones.
"""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import TestHrPopCommon
from .test_hr_pop_portal import HrPopPortalCommon

CLEAR_ERRORS = (UserError, ValidationError)
PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, 0.005, 1e-300, 9_999_999.99, 10_000_001, 2**31, 2**63]),
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=50),
    st.integers(min_value=200, max_value=300_000).map(lambda size: "é" * size),
)


@tagged("post_install", "-at_install")
class TestHrPopModelInputs(TestHrPopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pop = cls._create_pop(cls.employee_emp)
        cls.goal = cls.pop.goal_ids
        cls.line = cls.pop.line_ids

    def _write_as_manager(self, record, name, value):
        """'stored' or 'refused'; the record is left as it was in both cases."""
        before = record[name]
        with self.env.cr.savepoint() as savepoint:
            try:
                record.with_user(self.user_manager).write({name: value})
                self.env.flush_all()
            except CLEAR_ERRORS:
                savepoint.rollback()
                self.env.invalidate_all()
                self.assertEqual(record[name], before, f"{name} changed on a refusal")
                return "refused", None
            stored = record[name]
            savepoint.rollback()
        self.env.invalidate_all()
        return "stored", stored

    @PROPERTY_SETTINGS
    @given(cost=NUMBERS)
    def test_an_activity_cost_is_a_sane_amount_or_a_clear_error(self, cost):
        outcome, stored = self._write_as_manager(self.line, "cost", cost)
        currency = self.line.currency_id
        sane = math.isfinite(cost) and 0 <= cost <= 10_000_000
        if outcome == "stored":
            self.assertTrue(sane, f"{cost!r} was stored as {stored!r}")
            self.assertEqual(stored, currency.round(cost))
        else:
            self.assertFalse(sane, f"a sane cost {cost!r} was refused")

    @PROPERTY_SETTINGS
    @given(months=NUMBERS)
    def test_a_repayment_period_is_a_sane_number_of_months_or_a_clear_error(
        self, months
    ):
        outcome, stored = self._write_as_manager(self.line, "repayment_months", months)
        if outcome == "stored":
            self.assertEqual(stored, months)
            self.assertTrue(0 <= stored <= 120)

    @PROPERTY_SETTINGS
    @given(progress=NUMBERS)
    def test_goal_progress_is_a_percentage_or_a_clear_error(self, progress):
        outcome, stored = self._write_as_manager(self.goal, "progress", progress)
        if outcome == "stored":
            self.assertEqual(stored, progress)
            self.assertTrue(0 <= stored <= 100)

    @PROPERTY_SETTINGS
    @given(text=TEXTS)
    def test_goal_and_activity_texts_are_stored_as_typed_or_refused(self, text):
        for record, name in (
            (self.goal, "name"),
            (self.goal, "success_measure"),
            (self.line, "remarks"),
            (self.line, "course_code"),
        ):
            outcome, stored = self._write_as_manager(record, name, text)
            if outcome == "stored":
                self.assertEqual(stored or False, text or False)
                self.assertNotIn("\x00", text)
            elif text.strip() and "\x00" not in text and len(text) <= 256:
                self.fail(f"{name}: a plain text of {len(text)} characters was refused")


@tagged("post_install", "-at_install")
class TestHrPopPortalInputs(HrPopPortalCommon):
    """The portal forms: the employee's preparation answers and his signature."""

    @PROPERTY_SETTINGS
    @given(text=TEXTS)
    def test_a_preparation_answer_is_saved_or_refused_whole(self, text):
        self.authenticate("pop_portal1", "pop_portal1")
        answers = self._employee_answers(self.pop_paul)
        before = {answer.id: answer.answer for answer in answers}
        with self.env.cr.savepoint() as savepoint:
            response = self._post_preparation(
                self.pop_paul,
                {
                    "action": "save",
                    f"answer_{answers[0].id}": text,
                    f"answer_{answers[1].id}": "A second answer",
                },
            )
            self.assertIn(response.status_code, (303, 400), response.text[:300])
            self.env.invalidate_all()
            after = {answer.id: answer.answer for answer in answers}
            if response.status_code == 400:
                self.assertEqual(after, before, "a refused form saved something")
            else:
                self.assertEqual(after[answers[1].id], "A second answer")
            savepoint.rollback()
        self.env.invalidate_all()

    @PROPERTY_SETTINGS
    @given(name=TEXTS, comment=TEXTS)
    def test_a_signature_is_stored_whole_or_refused_with_a_message(self, name, comment):
        pop = (
            self._to_sign(self.pop_paul)
            if self.pop_paul.state != "to_sign"
            else self.pop_paul
        )
        self.authenticate("pop_portal1", "pop_portal1")
        with self.env.cr.savepoint() as savepoint:
            result = self._sign(pop, name=name, comment=comment)
            self.env.invalidate_all()
            if "error" in result:
                self.assertFalse(pop.employee_signed_on)
                self.assertFalse(pop.employee_signature)
            else:
                self.assertEqual(pop.employee_signed_by, name.strip())
                self.assertTrue(pop.employee_signature)
            savepoint.rollback()
        self.env.invalidate_all()
