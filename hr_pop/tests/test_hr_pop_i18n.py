# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Dutch translation (i18n/nl.po) is complete, well-formed and actually loads.

Completeness is measured against the terms Odoo itself exports for hr_pop
(``TranslationModuleReader``, the reader behind ``--i18n-export``), so a new
field label, view string, selection value, mail template or ``_()`` message
without a Dutch translation fails here, listing the missing msgids.
"""

import re

import polib

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

MODULE = "hr_pop"
NL_PO = f"{MODULE}/i18n/nl.po"
# %(name)s / %s / %d, and the {{ ... }} expressions of mail template subjects.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\{.*?\}\}")
# Markup that a translation must keep as is: tags with their attributes.
TAG = re.compile(r"<[^<>]+>")
# The formal forms of address: Dutch hr_pop says "je", like Odoo's own portal (issue 9).
FORMAL_ADDRESS = re.compile(r"(?<![\w-])(?:u|uw|uzelf)(?![\w-])", re.IGNORECASE)
# "model:hr.pop.course,name:hr_pop.course_excel" -> "hr_pop.course_excel"
OCCURRENCE_RECORD = re.compile(r"model(?:_terms)?:[\w.]+,\w+:(\w+\.\w+)$")


def _short(msgid, width=100):
    msgid = " ".join(msgid.split())
    return msgid if len(msgid) <= width else msgid[: width - 1] + "…"


@tagged("post_install", "-at_install")
class TestHrPopI18n(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.po = polib.pofile(file_path(NL_PO))
        cls.entries = [entry for entry in cls.po if not entry.obsolete]
        cls.dutch = {
            entry.msgid: entry.msgstr
            for entry in cls.entries
            if entry.msgstr.strip() and "fuzzy" not in entry.flags
        }

    def _module_terms(self):
        """The source terms ``--i18n-export --modules=hr_pop`` writes to hr_pop.pot."""
        reader = TranslationModuleReader(self.env.cr, modules=[MODULE])
        return {
            source
            for module, _type, _name, _res_id, source, _value, _comments in reader
            if module == MODULE
        }

    def _only_in_absent_records(self, entry):
        """Terms of records this database lacks (demo data) cannot be checked here."""
        for occurrence, _line in entry.occurrences:
            record = OCCURRENCE_RECORD.match(occurrence)
            if not record or self.env.ref(record[1], raise_if_not_found=False):
                return False
        return True

    def _activate_dutch(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            [MODULE], ["nl_NL"], overwrite=True
        )
        return self.env(context=dict(self.env.context, lang="nl_NL"))

    # --- the file ---------------------------------------------------------------

    def test_every_term_has_a_dutch_translation(self):
        terms = self._module_terms()
        self.assertGreater(len(terms), 100, "the reader found hardly any hr_pop terms")
        missing = sorted(term for term in terms if term not in self.dutch)
        if missing:
            self.fail(
                f"{len(missing)} of {len(terms)} hr_pop terms have no Dutch "
                f"translation in {NL_PO}; re-export i18n/hr_pop.pot, merge it into "
                "nl.po and translate:\n"
                + "\n".join(f"  - {_short(term)!r}" for term in missing)
            )

    def test_nl_po_has_no_empty_fuzzy_or_stale_entries(self):
        unusable = [
            e.msgid for e in self.entries if not e.msgstr.strip() or "fuzzy" in e.flags
        ]
        if unusable:
            self.fail(
                "nl.po entries without a usable translation (empty or fuzzy):\n"
                + "\n".join(f"  - {_short(msgid)!r}" for msgid in unusable)
            )
        terms = self._module_terms()
        stale = sorted(
            e.msgid
            for e in self.entries
            if e.msgid not in terms and not self._only_in_absent_records(e)
        )
        if stale:
            self.fail(
                "nl.po translates terms hr_pop no longer has; merge the fresh "
                "hr_pop.pot into nl.po to drop them:\n"
                + "\n".join(f"  - {_short(msgid)!r}" for msgid in stale)
            )

    def test_translations_keep_placeholders_and_markup(self):
        broken = []
        for msgid, msgstr in self.dutch.items():
            for what, pattern in (("placeholders", PLACEHOLDER), ("markup", TAG)):
                source, target = pattern.findall(msgid), pattern.findall(msgstr)
                if sorted(source) != sorted(target):
                    differing = sorted(set(source) ^ set(target))
                    broken.append(f"  - {_short(msgid)!r}: {what} {differing}")
        if broken:
            self.fail(
                "Dutch translations must keep every placeholder and tag of the "
                "source:\n" + "\n".join(broken)
            )

    def test_dutch_addresses_the_reader_informally(self):
        """One form of address everywhere: "je/jij/jouw", never "u/uw/uzelf"."""
        formal = []
        for entry in self.entries:
            # Only the words: tag attributes and placeholders are no Dutch prose.
            words = PLACEHOLDER.sub(" ", TAG.sub(" ", entry.msgstr))
            found = sorted({m.lower() for m in FORMAL_ADDRESS.findall(words)})
            if found:
                formal.append(f"  - {_short(entry.msgid)!r}: {', '.join(found)}")
        if formal:
            self.fail(
                "Dutch hr_pop addresses the reader informally (je/jij/jouw/jezelf, "
                f"like Odoo's portal); these translations in {NL_PO} use the formal "
                "u/uw/uzelf:\n" + "\n".join(formal)
            )

    # --- loaded in a database ---------------------------------------------------

    def test_loading_dutch_translates_labels_records_and_templates(self):
        env_nl = self._activate_dutch()

        states = dict(env_nl["hr.pop"]._fields["state"]._description_selection(env_nl))
        self.assertEqual(states["draft"], "Concept")
        self.assertEqual(states["to_sign"], "Te ondertekenen")
        self.assertEqual(
            env_nl["ir.model.fields"]._get("hr.pop", "manager_id").field_description,
            "Leidinggevende",
        )

        question = env_nl.ref("hr_pop.question_employee_04")
        self.assertEqual(question.name, "Waar ben ik goed in?")
        self.assertEqual(question.with_context(lang="en_US").name, "What am I good at?")

        invitation = env_nl.ref("hr_pop.mail_template_pop_invitation")
        self.assertEqual(
            invitation.subject,
            "Uitnodiging: je ontwikkelingsgesprek ({{ object.name }})",
        )

        arch = env_nl["hr.pop"].get_view(
            env_nl.ref("hr_pop.hr_pop_view_form").id, "form"
        )["arch"]
        self.assertIn("Ter ondertekening aanbieden", arch)

        # _() messages are read from the same nl.po at run time.
        with self.assertRaisesRegex(UserError, "^Geef een reden op.$"):
            env_nl["hr.pop"]._check_reason("")

    def test_dutch_mail_templates_render(self):
        """Every translated QWeb body still compiles and renders, in Dutch."""
        env_nl = self._activate_dutch()
        manager = self.env["hr.employee"].create({"name": "Jan Bakker"})
        employee = self.env["hr.employee"].create(
            {"name": "Sanne Jansen", "parent_id": manager.id}
        )
        pop = self.env["hr.pop"].create({"employee_id": employee.id})
        templates = env_nl["mail.template"].browse(
            self.env["ir.model.data"]
            .search([("module", "=", MODULE), ("model", "=", "mail.template")])
            .mapped("res_id")
        )
        self.assertTrue(templates)
        digest = env_nl.ref("hr_pop.mail_template_pop_digest")
        activity = pop.activity_schedule(
            "hr_pop.mail_activity_pop_prepare",
            summary="Prepare",
            user_id=self.env.ref("base.user_admin").id,
        )
        body = digest.with_context(pop_digest_activities=activity)._render_field(
            "body_html", self.env.ref("base.user_admin").ids, set_lang="nl_NL"
        )[self.env.ref("base.user_admin").id]
        self.assertIn("Beste", body)
        self.assertIn(pop.display_name, body)
        self.assertNotIn("Dear", body)
        # The 360° feedback mails are rendered on a request for feedback on the plan.
        feedback = self.env["hr.pop.feedback.request"].create(
            {
                "pop_id": pop.id,
                "respondent_kind": "colleague",
                "respondent_name": "Kees Smit",
                "email": "kees@example.com",
                "deadline": "2026-12-15",
            }
        )
        for template in templates - digest:
            record, name = (
                (feedback, employee.name)
                if template.model == "hr.pop.feedback.request"
                else (pop, pop.name)
            )
            with self.subTest(template=template.name):
                body = template._render_field(
                    "body_html", record.ids, set_lang="nl_NL"
                )[record.id]
                self.assertIn("Met vriendelijke groet", body)
                self.assertNotIn("Kind regards", body)
                subject = template._render_field(
                    "subject", record.ids, set_lang="nl_NL"
                )[record.id]
                self.assertIn(name, subject)
