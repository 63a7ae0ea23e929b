# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import timedelta

import pytz
from lxml import html as lxml_html
from pypdf import PdfReader

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.misc import formatLang
from odoo.tools.safe_eval import safe_eval

from ..report.hr_pop_report import get_pop_timezone
from .common import TestHrPopCommon

REPORT = "hr_pop.action_report_hr_pop"


def normalize(text):
    """One space between words: table cells wrap, amounts use no-break spaces."""
    return " ".join(text.replace("\N{NO-BREAK SPACE}", " ").split())


@tagged("post_install", "-at_install")
class TestHrPopReport(TestHrPopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Plans up to 10,000 run without HR approval.
        cls.env.company.pop_approval_threshold = 10000.0
        # wkhtmltopdf loads the report CSS from report.url. The Debian wkhtmltopdf
        # (unpatched Qt) draws text in the CSS web fonts as outlines, which leaves
        # nothing to extract; without the assets it uses system fonts, so the real
        # PDF keeps its text. A closed port fails fast (wkhtmltopdf exit code 1,
        # which Odoo accepts), and the layout is checked by eye, not here.
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        cls.institute = cls.env["res.partner"].create(
            {"name": "Schouten Training Institute", "is_company": True}
        )
        cls.env["hr.resume.line"].create(
            {
                "employee_id": cls.employee_emp.id,
                "name": "BSc Business Informatics",
                "date_start": "2015-09-01",
                "date_end": "2019-07-01",
                "line_type_id": cls.env.ref("hr_skills.resume_type_education").id,
                "description": "<p>Thesis on process mining</p>",
            }
        )

    # --- helpers -----------------------------------------------------------------
    def _new_plan(self):
        """Emma's plan: goals in three categories, a goal without activity and an
        activity without goal; the activities cost 1,250.00 in total."""
        pop = self._create_pop(
            self.employee_emp,
            current_position="<p>Emma knows the order flow inside out.</p>",
            focus_areas="<p>Improvement projects and giving feedback.</p>",
        )
        personal = self._create_goal(
            pop, category="personal", name="Give clearer feedback to colleagues"
        )
        self._create_goal(pop, category="career", name="Grow into a team lead role")
        self._create_line(
            pop,
            goal_id=personal.id,
            name="Effective Communication",
            institute_id=self.institute.id,
            course_code="EC-2",
            cost=1150.0,
            date_start=pop.date_start + timedelta(days=30),
            date_end=pop.date_start + timedelta(days=90),
            remarks="Partly in own time",
        )
        self._create_line(
            pop,
            name="Job rotation in the warehouse",
            activity_type="rotation",
            cost=0.0,
            during_work_hours=True,
        )
        return pop

    def _sign(self, pop, decision="agree", comment=None):
        return self._sign_both(
            pop,
            decision=decision,
            comment=comment,
            employee_name="Emma E. Employee",
            manager_name="M. Manager",
        )

    def _render_pdf(self, pop, user=None):
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        if user:
            report = report.with_user(user)
        pdf, report_type = report._render_qweb_pdf(REPORT, pop.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf must produce a real PDF")
        return pdf

    def _pdf_text(self, pdf):
        reader = PdfReader(io.BytesIO(pdf))
        return normalize("\n".join(page.extract_text() for page in reader.pages))

    def _html_text(self, pop, user=None):
        """The text of the report as HTML (no wkhtmltopdf), for the quick checks."""
        report = self.env["ir.actions.report"]
        if user:
            report = report.with_user(user)
        html, _report_type = report._render_qweb_html(REPORT, pop.ids)
        body = lxml_html.fromstring(html).find(".//main")
        return normalize(body.text_content())

    # --- tests -------------------------------------------------------------------
    def test_report_action_is_printable_from_the_plan(self):
        report = self.env.ref(REPORT)
        self.assertEqual(report.report_type, "qweb-pdf")
        self.assertEqual(report.report_name, "hr_pop.report_hr_pop")
        self.assertEqual(report.binding_model_id.model, "hr.pop")
        pop = self._new_plan()
        print_name = safe_eval(report.print_report_name, {"object": pop})
        self.assertEqual(print_name, f"POP - {pop.name.replace('/', '-')}")
        self.assertEqual(print_name, pop._get_report_base_filename())
        action = report.report_action(pop, config=False)
        self.assertEqual(action["report_name"], "hr_pop.report_hr_pop")
        self.assertEqual(action["context"]["active_ids"], pop.ids)

    def test_signed_plan_pdf_shows_the_whole_plan(self):
        pop = self._sign(self._to_sign(self._new_plan()))
        self.assertEqual(pop.state, "running")
        text = self._pdf_text(self._render_pdf(pop))

        self.assertIn("Personal Development Plan", text)
        # Employee block
        for value in (
            "Emma Employee",
            self.employee_emp.barcode,
            "POP Team",
            "POP Developer",
            "Mark Manager",
        ):
            self.assertIn(value, text)
        # Résumé from hr_skills
        self.assertIn("BSc Business Informatics", text)
        self.assertIn("2015 – 2019", text)
        # Conversation sections, only the filled ones
        self.assertIn("Emma knows the order flow inside out.", text)
        self.assertIn("Focus for the coming 1-2 years", text)
        self.assertNotIn("Where the employee wants to go", text)
        # Goals per category, their activities and the ungrouped activity
        for goal in pop.goal_ids:
            self.assertIn(goal.name, text)
        for label in ("Personal Development", "Job / Task Oriented", "Career Oriented"):
            self.assertIn(label, text)
        self.assertNotIn("Ongoing", text)
        self.assertIn("No activity planned for this goal.", text)
        self.assertIn("Other activities", text)
        for activity in (
            "Lean Six Sigma Yellow Belt",
            "Effective Communication",
            "Schouten Training Institute",
            "EC-2",
            "Partly in own time",
            "Job rotation in the warehouse",
        ):
            self.assertIn(activity, text)
        # The total, formatted as money in the plan's currency
        self.assertEqual(pop.total_cost, 1250.0)
        total = normalize(formatLang(self.env, 1250.0, currency_obj=pop.currency_id))
        self.assertIn(f"TOTAL {total}", text)
        # Both signatures with the names as signed, and the decision
        self.assertIn("Emma E. Employee", text)
        self.assertIn("M. Manager", text)
        self.assertIn("Agreed", text)
        self.assertNotIn("Not signed yet", text)
        self.assertNotIn("Objection", text)

    def test_several_plans_print_in_one_document(self):
        pop_emma = self._new_plan()
        pop_erik = self._create_pop(
            self.employee_emp2, goal_vals={"name": "Learn the warehouse system"}
        )
        text = self._html_text(pop_emma | pop_erik)
        self.assertEqual(text.count("Personal Development Plan"), 2)
        for value in ("Emma Employee", "Erik Employee", "Learn the warehouse system"):
            self.assertIn(value, text)

    def test_unsigned_plan_shows_empty_signature_blocks(self):
        pop = self._new_plan()
        text = self._html_text(pop)
        self.assertEqual(text.count("Not signed yet"), 2)
        self.assertNotIn("Approved by", text)

    def test_fully_signed_plan_posts_the_signed_pdf(self):
        pop = self._to_sign(self._new_plan())
        pop = pop.with_context(force_report_rendering=True)
        pop.with_user(self.user_employee).sign("employee", self.png, "Emma E. Employee")
        self.assertFalse(
            pop.message_ids.attachment_ids, "no PDF before both sides have signed"
        )
        pop.with_user(self.user_manager).sign("manager", self.png, "M. Manager")

        message = pop.message_ids.filtered("attachment_ids")
        self.assertEqual(len(message), 1)
        attachment = message.attachment_ids
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertIn(pop.name.replace("/", "-"), attachment.name)
        self.assertTrue(attachment.raw.startswith(b"%PDF"))
        text = self._pdf_text(attachment.raw)
        self.assertIn("Emma E. Employee", text)
        self.assertIn("M. Manager", text)

    def test_seen_not_agreed_keeps_the_objection_visible(self):
        pop = self._sign(
            self._to_sign(self._new_plan()),
            decision="seen",
            comment="The course budget is too small for my goal.",
        )
        text = self._html_text(pop)
        self.assertIn("Seen, Not Agreed", text)
        self.assertIn("Objection of the employee", text)
        self.assertIn("The course budget is too small for my goal.", text)

    def test_approval_is_shown_once_approved(self):
        self.env.company.pop_approval_threshold = 500.0
        pop = self._sign(self._to_sign(self._new_plan()))
        self.assertEqual(pop.state, "to_approve")
        self.assertNotIn("Approved by", self._html_text(pop))
        pop.with_user(self.user_officer).action_approve()
        self.assertIn("Approved by: Olga Officer", self._html_text(pop))

    def test_employee_prints_his_own_plan_others_cannot(self):
        pop = self._sign(self._to_sign(self._new_plan()))
        # hr.employee and its résumé are HR-only: the report reads them with sudo.
        text = self._pdf_text(self._render_pdf(pop, user=self.user_employee))
        self.assertIn("Emma Employee", text)
        self.assertIn("BSc Business Informatics", text)
        with (
            mute_logger("odoo.addons.base.models.ir_rule"),
            self.assertRaises(AccessError),
        ):
            self._html_text(pop, user=self.user_employee2)

    def test_report_follows_the_employee_language(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(["hr_pop"], ["nl_NL"])
        pop = self._new_plan()
        self.assertNotEqual(self.env.lang, "nl_NL")
        self.assertIn("Personal Development Plan", self._html_text(pop))

        self.employee_emp.work_contact_id.lang = "nl_NL"
        text = self._pdf_text(self._render_pdf(pop))
        self.assertIn("Persoonlijk Ontwikkelingsplan", text)
        self.assertNotIn("Personal Development Plan", text)
        self.assertIn("Functie/taakgericht", text)
        self.assertIn("TOTAAL", text)
        # The employee's own language setting (HR) wins over his contact's.
        self.employee_emp.lang = "en_US"
        self.assertIn("Personal Development Plan", self._html_text(pop))

    # --- layout of the printed plan -----------------------------------------------
    def _html_tree(self, pop):
        html, _report_type = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, pop.ids
        )
        return lxml_html.fromstring(html)

    @staticmethod
    def _style(element):
        return (element.get("style") or "").replace(" ", "")

    def _goal_tables(self, tree):
        return tree.xpath("//table[@name='goals']")

    def test_no_row_of_the_goal_tables_holds_a_table(self):
        # wkhtmltopdf (unpatched Qt) cut such a row, its lines of text in half, and
        # went on without a header on the next page.
        # Two goals, one without activity, and an activity without goal.
        pop = self._create_pop(
            self.employee_emp,
            goal_vals={"category": "personal", "name": "Give clearer feedback"},
        )
        personal = pop.goal_ids
        self._create_goal(pop, category="career", name="Grow into a team lead role")
        for name in ("Coaching on feedback", "Peer review sessions"):
            self._create_line(pop, goal_id=personal.id, name=name, cost=0.0)
        self._create_line(pop, name="Job rotation in the warehouse", cost=0.0)
        self.assertEqual(len(pop.goal_ids), 2)
        tree = self._html_tree(pop)
        tables = self._goal_tables(tree)
        # One table per goal, and one for the activities without goal.
        self.assertEqual(len(tables), 3)
        for table in tables:
            self.assertFalse(table.xpath(".//tr//table"), "a table inside a row")
            self.assertFalse(table.xpath(".//td[@rowspan]"))
            self.assertEqual(len(table.xpath(".//thead")), 1)
            self.assertEqual(len(table.xpath("./thead")), 1)
        # Each goal heads the table of its activities, one plain row each.
        for goal in pop.goal_ids:
            (table,) = [
                t
                for t in tables
                if goal.name in "".join(t.xpath("./tbody/tr[@name='goal_row']//text()"))
            ]
            rows = table.xpath("./tbody/tr[@name='activity_row']")
            if goal.line_ids:
                self.assertEqual(
                    [
                        normalize(r.xpath("./td[1]/div[1]")[0].text_content())
                        for r in rows
                    ],
                    goal.line_ids.mapped("name"),
                )
            else:
                (row,) = rows
                self.assertIn("No activity planned for this goal.", row.text_content())
        self.assertEqual(len(personal.line_ids), 3)
        # The goal with its activities never splits over two pages: a block kept
        # whole (an inline block, which wkhtmltopdf never breaks inside) ...
        for table in tables:
            block = table.getparent()
            self.assertEqual(block.get("name"), "goal_block")
            self.assertIn("page-break-inside:avoid", self._style(block))
            self.assertIn("display:inline-block", self._style(block))
            # ... its rows too, for a patched wkhtmltopdf.
            for row in table.xpath("./tbody/tr[@name='activity_row' and td[2]]"):
                self.assertIn("page-break-inside:avoid", self._style(row))

    def test_a_goal_with_many_activities_continues_in_a_next_table(self):
        pop = self._new_plan()
        career = pop.goal_ids.filtered(lambda g: g.category == "career")
        names = [f"Leadership module {number}" for number in range(1, 6)]
        for name in names:
            self._create_line(pop, goal_id=career.id, name=name, cost=10.0)
        tables = [
            t
            for t in self._goal_tables(self._html_tree(pop))
            if career.name in t.text_content()
        ]
        self.assertEqual(len(tables), 2)
        shown = [
            normalize(r.xpath("./td[1]/div[1]")[0].text_content())
            for t in tables
            for r in t.xpath("./tbody/tr[@name='activity_row']")
        ]
        self.assertEqual(shown, names)
        first, second = (
            normalize(t.xpath("./tbody/tr[@name='goal_row']")[0].text_content())
            for t in tables
        )
        self.assertEqual(second, f"{career.name} (…)")
        self.assertNotIn("(…)", first)

    def test_the_goal_table_header_repeats_on_every_page(self):
        tables = self._goal_tables(self._html_tree(self._new_plan()))
        self.assertTrue(tables)
        for table in tables:
            (thead,) = table.xpath("./thead")
            self.assertIn("display:table-header-group", self._style(thead))
            self.assertNotIn("table-row-group", self._style(thead))
            self.assertIn("Activity", thead.text_content())
            self.assertIn("Remarks", thead.text_content())

    def test_one_rule_above_the_total_none_under_it(self):
        tree = self._html_tree(self._new_plan())
        (table,) = tree.xpath("//table[@name='goal_totals']")
        self.assertIn("table-borderless", table.get("class"))
        self.assertFalse(table.xpath(".//*[contains(@class, 'border')]"))
        self.assertIn("TOTAL", table.text_content())

    def _job_profile(self):
        """Emma's job requires a skill: the plan shows the Competences section."""
        skill_type = self._create_skill_type(
            "POP Report Skills", ["POP Reporting"], [("Basic", 20), ("Expert", 80)]
        )
        self.job_developer.pop_skill_ids = [
            fields.Command.create(
                {
                    "skill_type_id": skill_type.id,
                    "skill_id": skill_type.skill_ids.id,
                    "skill_level_id": skill_type.skill_level_ids[-1].id,
                }
            )
        ]

    def test_competences_of_a_signed_plan_say_they_were_not_signed(self):
        # The competences are read live: on a signed plan they are not what was
        # signed, and the heading says so, with the day of printing.
        self._job_profile()
        note = "Competences today (not part of the signed agreement)"
        pop = self._new_plan()
        for step in ("draft", "to_sign"):
            if step == "to_sign":
                self._to_sign(pop)
            self.assertEqual(pop.state, step)
            text = self._html_text(pop)
            self.assertIn("POP Reporting", text)
            self.assertIn("Competences", text)
            self.assertNotIn(note, text, step)
            self.assertFalse(
                self._html_tree(pop).xpath(
                    "//*[@name='competences_today' or @name='resume_today']"
                )
            )
        # From the first signature on.
        pop.with_user(self.user_employee).sign("employee", self.png, "Emma E. Employee")
        self.assertTrue(pop.is_signed)
        self.assertEqual(pop.state, "to_sign")
        self.assertIn(note, self._html_text(pop))
        # The résumé is read when printed as well.
        self.assertTrue(pop.employee_id.resume_line_ids)
        self.assertIn(
            "Completed Education and Experience today (not part of the signed "
            "agreement)",
            self._html_text(pop),
        )
        pop.with_user(self.user_manager).sign("manager", self.png, "M. Manager")
        self.assertEqual(pop.state, "running")
        (heading,) = self._html_tree(pop).xpath("//h5[@name='competences_today']")
        tz = get_pop_timezone(pop.employee_id)
        today = fields.Date.context_today(pop.with_context(tz=tz))
        self.assertEqual(
            normalize(heading.text_content()), f"{note} – {today:%m/%d/%Y}"
        )
        self.assertIn("POP Reporting", self._html_text(pop))

    def test_a_long_comment_does_not_push_the_signatures_to_a_new_page(self):
        self.env.company.pop_approval_threshold = 500.0
        pop = self._sign(
            self._to_sign(self._new_plan()),
            decision="seen",
            comment="I do not agree with the budget. " * 100,
        )
        pop.with_user(self.user_officer).action_approve()
        tree = self._html_tree(pop)
        (signatures,) = tree.xpath("//div[@name='signatures']")
        # Only the heading and the two signature boxes are kept together ...
        self.assertNotIn("page-break", self._style(signatures))
        (block,) = signatures.xpath("./div[@name='signature_block']")
        self.assertIn("page-break-inside:avoid", self._style(block))
        self.assertTrue(block.xpath(".//td[@name='td_employee_signature']"))
        self.assertTrue(block.xpath(".//td[@name='td_manager_signature']"))
        # ... the comment and the approval flow after them.
        self.assertFalse(block.xpath(".//*[@name='employee_comment']"))
        self.assertFalse(block.xpath(".//*[@name='approval']"))
        self.assertTrue(signatures.xpath("./*[@name='employee_comment']"))
        self.assertTrue(signatures.xpath("./*[@name='approval']"))
        # Nothing before forces a page break, and long texts may flow.
        page = tree.xpath("//div[hasclass('page')]")[0]
        for element in page.iter():
            style = self._style(element)
            self.assertNotIn("page-break-before:always", style)
            self.assertNotIn("page-break-after:always", style)
        for section in tree.xpath("//div[@name='conversation']/div"):
            self.assertNotIn("page-break-inside", self._style(section))

    def test_the_job_shown_is_the_plans_not_the_employees_title_today(self):
        self.employee_emp2.job_title = "Night Shift Lead"
        pop = self._create_pop(self.employee_emp2)
        self.assertFalse(pop.job_id)
        (cell,) = self._html_tree(pop).xpath("//td[@name='td_job']")
        self.assertEqual(normalize(cell.text_content()), "")
        self.assertNotIn("Night Shift Lead", self._html_text(pop))

        pop_emma = self._new_plan()
        self.assertEqual(pop_emma.job_id, self.job_developer)
        (cell,) = self._html_tree(pop_emma).xpath("//td[@name='td_job']")
        self.assertEqual(normalize(cell.text_content()), "POP Developer")

    def test_course_durations_read_as_durations_not_as_clock_times(self):
        pop = self._new_plan()
        Course = self.env["hr.pop.course"]
        durations = {24.0: "24 hours", 1.0: "1 hour", 1.5: "1 hour 30 minutes"}
        durations[0.75] = "45 minutes"
        for hours in durations:
            course = Course.create(
                {"name": f"Course of {hours} hours", "duration_hours": hours}
            )
            self._create_line(pop, course_id=course.id, cost=0.0)
        tree = self._html_tree(pop)
        shown = [
            normalize(d.text_content()) for d in tree.xpath("//*[@name='duration']")
        ]
        self.assertEqual(
            sorted(shown), sorted(f"Duration: {text}" for text in durations.values())
        )
        text = self._html_text(pop)
        self.assertNotIn("24:00", text)
        self.assertNotIn("01:30", text)

    def test_report_dates_are_the_employees_local_dates(self):
        self.user_employee.tz = "Europe/Amsterdam"
        # 23:30 UTC is already the next day in Amsterdam.
        late = fields.Datetime.now().replace(
            hour=23, minute=30, second=0, microsecond=0
        ) + timedelta(days=20)
        pop = self._new_plan()
        pop.meeting_date = late
        local = pytz.utc.localize(late).astimezone(pytz.timezone("Europe/Amsterdam"))
        self.assertNotEqual(local.date(), late.date())
        # Whoever prints it, in whatever timezone: the employee's date.
        report = self.env["ir.actions.report"].with_context(tz="UTC")
        html, _report_type = report._render_qweb_html(REPORT, pop.ids)
        text = normalize(lxml_html.fromstring(html).find(".//main").text_content())
        self.assertIn(f"Conversation Date {local:%m/%d/%Y}", text)
