# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Competences (issue 11, seed 004): the job profile next to the employee's skills
on the plan, goals proposed from the gaps, skills raised by the reached goals of a
closed plan, and done trainings on the employee's resume.

Emma's job (POP Developer) requires POP Lean at Expert (80 %), POP Communication at
Advanced (60 %) and POP Planning at Intermediate (40 %). Emma has POP Lean at
Intermediate (40 %), POP Planning at Advanced (60 %) and POP Safety at Basic (20 %),
a skill her job does not require.
"""

from datetime import timedelta

from lxml import html as lxml_html

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import JsonRpcMixin, TestHrPopCommon

NOTHING_TO_PROPOSE = (
    "No competence of the job profile is below its required level, or every one "
    "already has a goal."
)
SKILL_NOTE = "raised to the levels reached in this plan"


@tagged("post_install", "-at_install")
class TestHrPopCompetences(JsonRpcMixin, TestHrPopCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # No approval step: signed plans run at once.
        cls.company_a.pop_approval_threshold = 100_000.0
        cls.skill_type = cls._create_skill_type(
            "POP Competences",
            ["POP Lean", "POP Communication", "POP Planning", "POP Safety"],
            [("Basic", 20), ("Intermediate", 40), ("Advanced", 60), ("Expert", 80)],
        )
        cls.skills = {skill.name: skill for skill in cls.skill_type.skill_ids}
        cls.levels = {level.name: level for level in cls.skill_type.skill_level_ids}
        cls.other_type = cls._create_skill_type(
            "POP Languages", ["POP Dutch"], [("A2", 30), ("C1", 90)]
        )
        cls.job_developer.pop_skill_ids = [
            fields.Command.create(cls._profile_vals(skill, level))
            for skill, level in (
                ("POP Lean", "Expert"),
                ("POP Communication", "Advanced"),
                ("POP Planning", "Intermediate"),
            )
        ]
        cls._employee_skill(cls.employee_emp, "POP Lean", "Intermediate")
        cls._employee_skill(cls.employee_emp, "POP Planning", "Advanced")
        cls._employee_skill(cls.employee_emp, "POP Safety", "Basic")
        cls.institute = cls.env["res.partner"].create({"name": "POP Institute"})

    @classmethod
    def _profile_vals(cls, skill, level):
        return {
            "skill_type_id": cls.skill_type.id,
            "skill_id": cls.skills[skill].id,
            "skill_level_id": cls.levels[level].id,
        }

    @classmethod
    def _employee_skill(cls, employee, skill, level):
        return cls.env["hr.employee.skill"].create(
            {
                "employee_id": employee.id,
                "skill_type_id": cls.skill_type.id,
                "skill_id": cls.skills[skill].id,
                "skill_level_id": cls.levels[level].id,
            }
        )

    def _level_of(self, employee, skill):
        return (
            self.env["hr.employee.skill"]
            .search(
                [
                    ("employee_id", "=", employee.id),
                    ("skill_id", "=", self.skills[skill].id),
                ]
            )
            .skill_level_id
        )

    def _running_pop(self, goals):
        """A signed, running plan of Emma with ``goals``: ``[(skill, target)]``."""
        pop = self._create_pop(self.employee_emp, goal_vals=False, line_vals=False)
        for skill, target in goals:
            self._create_goal(
                pop,
                name=f"Grow in {skill}",
                skill_id=self.skills[skill].id,
                skill_level_id=self.levels[target].id,
            )
        self._create_line(pop, goal_id=pop.goal_ids[:1].id)
        self._sign_both(self._to_sign(pop))
        self.assertEqual(pop.state, "running")
        return pop

    def _close(self, pop, states):
        """The manager evaluates every goal (``{skill: state}``) in the Close Plan
        dialog and closes ``pop``, over JSON-RPC as the browser does."""
        context = {"context": {"active_model": "hr.pop", "active_id": pop.id}}
        wizard_id = self.call_kw(
            "pop_mgr", "hr.pop.close.wizard", "create", [{}], context
        )
        lines = self.call_kw(
            "pop_mgr",
            "hr.pop.close.wizard.line",
            "search_read",
            [[("wizard_id", "=", wizard_id)], ["goal_id"]],
        )
        goals = {goal.id: goal for goal in pop.goal_ids}
        commands = []
        for line in lines:
            state = states.get(goals[line["goal_id"][0]].skill_id.name, "reached")
            commands.append(
                [
                    1,
                    line["id"],
                    {
                        "state": state,
                        "progress": 100 if state == "reached" else 50,
                        "lessons_learned": "Learnt a lot",
                    },
                ]
            )
        self.call_kw(
            "pop_mgr",
            "hr.pop.close.wizard",
            "write",
            [[wizard_id], {"line_ids": commands}],
        )
        self.call_kw("pop_mgr", "hr.pop.close.wizard", "action_confirm", [[wizard_id]])
        self.assertEqual(pop.state, "done")

    def _skill_notes(self, pop):
        return pop.message_ids.filtered(lambda message: SKILL_NOTE in message.body)

    # --- the competences of a plan ------------------------------------------------
    def test_rows_compare_the_job_profile_with_the_employees_skills(self):
        pop = self._create_pop(self.employee_emp)
        rows = pop._get_competence_rows()
        self.assertEqual(
            [row["skill"].name for row in rows],
            ["POP Lean", "POP Communication", "POP Planning", "POP Safety"],
        )
        lean, communication, planning, safety = rows
        self.assertEqual(lean["skill_type"], self.skill_type)
        self.assertEqual(lean["required_level"], self.levels["Expert"])
        self.assertEqual(lean["current_level"], self.levels["Intermediate"])
        self.assertEqual(lean["gap"], 40)
        self.assertEqual(lean["summary"], "required 80 %, current 40 %: gap 40 points")
        self.assertFalse(communication["current_level"])
        self.assertEqual(communication["gap"], 60)
        self.assertEqual(
            communication["summary"], "required 60 %, no current level: gap 60 points"
        )
        # Above the required level is no gap, not a negative one.
        self.assertEqual(planning["gap"], 0)
        self.assertEqual(planning["summary"], "required 40 %, current 60 %: no gap")
        self.assertFalse(safety["in_job_profile"])
        self.assertFalse(safety["required_level"])
        self.assertEqual(safety["gap"], 0)
        self.assertEqual(safety["summary"], "not required by the job, current 20 %")
        # The plan's goal names no skill yet.
        self.assertFalse(any(row["has_goal"] for row in rows))
        self._create_goal(pop, skill_id=self.skills["POP Lean"].id)
        self.assertTrue(pop._get_competence_rows()[0]["has_goal"])

    def test_the_competences_tab_shows_the_gaps_to_whoever_reads_the_plan(self):
        pop = self._create_pop(self.employee_emp)
        for login in ("pop_emp", "pop_mgr", "pop_officer"):
            values = self.call_kw(
                login,
                "hr.pop",
                "web_read",
                [pop.ids],
                {"specification": {"competence_html": {}}},
            )[0]
            html = values["competence_html"]
            self.assertIn("POP Lean", html, login)
            self.assertIn("40 points", html, login)
            self.assertIn("No gap", html, login)
            self.assertIn("Not required", html, login)
        # The employee sees his plan's comparison, not the profiles themselves.
        self.assertRpcRefused(
            "pop_emp",
            "hr.pop.job.skill",
            "search_read",
            [[]],
            {"fields": ["skill_id"]},
            error="odoo.exceptions.AccessError",
        )

    def test_the_employee_reads_the_competences_in_the_portal_and_the_pdf(self):
        pop = self._create_pop(self.employee_emp)
        pop.action_invite()
        self.authenticate(self.user_employee.login, self.user_employee.login)
        response = self.url_open(f"/my/pops/{pop.id}")
        self.assertEqual(response.status_code, 200)
        page = lxml_html.fromstring(response.content)
        rows = [
            " ".join(row.text_content().split())
            for row in page.xpath(
                "//*[@id='pop_competences']"
                "//tr[contains(@class, 'o_hr_pop_competence')]"
            )
        ]
        self.assertEqual(len(rows), 4, rows)
        self.assertIn(
            "POP Lean POP Competences Expert (80 %) Intermediate (40 %) 40 points", rows
        )
        self.assertIn("POP Safety POP Competences - Basic (20 %) Not required", rows)
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.user_employee)
            ._render_qweb_html("hr_pop.action_report_hr_pop", pop.ids)
        )
        report = lxml_html.fromstring(html)
        report_rows = [
            " ".join(row.text_content().split())
            for row in report.xpath(
                "//table[contains(@class, 'o_hr_pop_report_competences')]"
                "//tr[contains(@class, 'o_hr_pop_competence')]"
            )
        ]
        self.assertEqual(report_rows, rows)

    def test_once_signed_the_competences_say_they_are_todays(self):
        # Read live, not signed: the portal page and the PDF say so once signed.
        note = "Competences today (not part of the signed agreement)"
        pop = self._create_pop(self.employee_emp)
        self._to_sign(pop)
        self.authenticate(self.user_employee.login, self.user_employee.login)

        def headings():
            page = lxml_html.fromstring(self.url_open(f"/my/pops/{pop.id}").content)
            (section,) = page.xpath("//*[@id='pop_competences']")
            html, _type = (
                self.env["ir.actions.report"]
                .with_user(self.user_employee)
                ._render_qweb_html("hr_pop.action_report_hr_pop", pop.ids)
            )
            report = lxml_html.fromstring(html)
            (table,) = report.xpath(
                "//table[contains(@class, 'o_hr_pop_report_competences')]"
            )
            return (
                " ".join(section.xpath("./h3")[0].text_content().split()),
                " ".join(table.getprevious().text_content().split()),
            )

        self.assertEqual(headings(), ("Competences", "Competences"))
        self._sign_both(pop)
        self.assertEqual(pop.state, "running")
        portal, report = headings()
        self.assertEqual(portal, note)
        self.assertTrue(report.startswith(f"{note} – "), report)

    def test_a_plan_without_profile_or_skills_says_so(self):
        pop = self._create_pop(self.employee_emp2)
        self.assertEqual(pop._get_competence_rows(), [])
        self.assertIn("No competences to compare yet", pop.competence_html)

    def test_the_rows_of_many_plans_take_as_many_queries_as_one(self):
        for employee in (self.employee_emp2, self.employee_portal):
            employee.job_id = self.job_developer
            self._employee_skill(employee, "POP Lean", "Advanced")
        pops = self.env["hr.pop"]
        for employee in (self.employee_emp, self.employee_emp2, self.employee_portal):
            pops |= self._create_pop(employee)

        def queries(plans):
            self.env.invalidate_all()
            plans = plans.with_env(self.env)
            before = self.env.cr.sql_log_count
            rows = plans._get_competence_rows_by_pop()
            count = self.env.cr.sql_log_count - before
            self.assertEqual(len(rows), len(plans))
            return count

        queries(pops)  # warm-up of the registry caches
        self.assertEqual(queries(pops), queries(pops[:1]))

    # --- goals proposed from the gaps ---------------------------------------------
    def test_the_manager_proposes_one_job_goal_per_gap(self):
        pop = self._create_pop(self.employee_emp, goal_vals=False, line_vals=False)
        pop.action_invite()
        pop.action_start_meeting()
        self.assertTrue(
            self.call_kw("pop_mgr", "hr.pop", "action_propose_goals", [pop.ids])
        )
        goals = pop.goal_ids
        self.assertEqual(
            {(goal.skill_id.name, goal.skill_level_id.name) for goal in goals},
            {("POP Lean", "Expert"), ("POP Communication", "Advanced")},
        )
        self.assertEqual(set(goals.mapped("category")), {"job"})
        lean = goals.filtered(lambda goal: goal.skill_id.name == "POP Lean")
        self.assertEqual(lean.name, "Reach Expert in POP Lean")
        self.assertIn("gap 40 points", lean.success_measure)
        self.assertEqual(lean.deadline, pop.date_end)
        # SMART: the plan can be submitted with them.
        pop.action_submit()
        self.assertEqual(pop.state, "to_sign")

    def test_a_second_proposal_adds_nothing_and_says_why(self):
        pop = self._create_pop(self.employee_emp, goal_vals=False, line_vals=False)
        self.call_kw("pop_mgr", "hr.pop", "action_propose_goals", [pop.ids])
        self.assertEqual(len(pop.goal_ids), 2)
        error = self.assertRpcRefused(
            "pop_mgr",
            "hr.pop",
            "action_propose_goals",
            [pop.ids],
            error="odoo.exceptions.UserError",
        )
        self.assertEqual(error.message, NOTHING_TO_PROPOSE)
        self.assertEqual(len(pop.goal_ids), 2)

    def test_a_skill_that_already_has_a_goal_gets_no_second_one(self):
        pop = self._create_pop(
            self.employee_emp,
            goal_vals={"skill_id": self.skills["POP Lean"].id},
            line_vals=False,
        )
        self.call_kw("pop_mgr", "hr.pop", "action_propose_goals", [pop.ids])
        self.assertEqual(
            sorted(pop.goal_ids.skill_id.mapped("name")),
            ["POP Communication", "POP Lean"],
        )
        self.assertEqual(len(pop.goal_ids), 2)

    def test_no_gap_means_nothing_to_propose(self):
        self.employee_emp2.job_id = self.job_developer
        for skill, level in (
            ("POP Lean", "Expert"),
            ("POP Communication", "Expert"),
            ("POP Planning", "Intermediate"),
        ):
            self._employee_skill(self.employee_emp2, skill, level)
        pop = self._create_pop(self.employee_emp2, goal_vals=False, line_vals=False)
        with self.assertRaisesRegex(UserError, NOTHING_TO_PROPOSE):
            pop.with_user(self.user_manager).action_propose_goals()
        self.assertFalse(pop.goal_ids)

    def test_the_employee_and_other_companies_cannot_propose_goals(self):
        pop = self._create_pop(self.employee_emp, goal_vals=False, line_vals=False)
        self.assertRpcRefused(
            "pop_emp",
            "hr.pop",
            "action_propose_goals",
            [pop.ids],
            error="odoo.exceptions.AccessError",
        )
        self.assertRpcRefused("pop_b", "hr.pop", "action_propose_goals", [pop.ids])
        self.assertFalse(pop.goal_ids)

    def test_goals_are_proposed_only_before_the_plan_is_signed(self):
        pop = self._create_pop(self.employee_emp)
        self._to_sign(pop)
        error = self.assertRpcRefused(
            "pop_mgr",
            "hr.pop",
            "action_propose_goals",
            [pop.ids],
            error="odoo.exceptions.UserError",
        )
        self.assertIn("before the plan is signed", error.message)
        self._sign_both(pop)
        self.assertRpcRefused(
            "pop_officer",
            "hr.pop",
            "action_propose_goals",
            [pop.ids],
            error="odoo.exceptions.UserError",
        )
        self.assertEqual(len(pop.goal_ids), 1)

    def test_the_manager_proposes_goals_on_the_competences_tab_by_clicking(self):
        pop = self._create_pop(self.employee_emp, goal_vals=False, line_vals=False)
        pop.action_invite()
        pop.action_start_meeting()
        self.start_tour(
            f"/odoo/action-hr_pop.hr_pop_action/{pop.id}",
            "hr_pop_manager_competences_tour",
            login="pop_mgr",
        )
        self.assertEqual(
            sorted(pop.goal_ids.skill_id.mapped("name")),
            ["POP Communication", "POP Lean"],
        )

    # --- the job profile -------------------------------------------------------------
    def test_an_administrator_edits_the_profile_in_the_job_form(self):
        self.call_kw(
            "pop_officer",
            "hr.job",
            "web_save",
            [
                self.job_developer.ids,
                {
                    "pop_skill_ids": [
                        [0, 0, self._profile_vals("POP Safety", "Intermediate")]
                    ]
                },
            ],
            {"specification": {}},
        )
        self.assertIn(
            self.skills["POP Safety"], self.job_developer.pop_skill_ids.skill_id
        )
        arch = (
            self.env["hr.job"]
            .with_user(self.user_officer)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('name="pop_skill_ids"', arch)
        self.assertNotIn('readonly="True"', arch.split('name="pop_skill_ids"')[1][:80])

    def test_a_manager_reads_but_cannot_change_a_profile(self):
        lines = self.call_kw(
            "pop_mgr",
            "hr.pop.job.skill",
            "search_read",
            [[("job_id", "=", self.job_developer.id)]],
            {"fields": ["skill_id", "skill_level_id", "level_progress"]},
        )
        self.assertEqual(
            {line["skill_id"][1]: line["level_progress"] for line in lines},
            {"POP Lean": 80, "POP Communication": 60, "POP Planning": 40},
        )
        profile = self.job_developer.pop_skill_ids[:1]
        self.assertRpcRefused(
            "pop_mgr",
            "hr.pop.job.skill",
            "write",
            [profile.ids, {"skill_level_id": self.levels["Basic"].id}],
            error="odoo.exceptions.AccessError",
        )
        self.assertRpcRefused(
            "pop_mgr",
            "hr.pop.job.skill",
            "create",
            [
                dict(
                    self._profile_vals("POP Safety", "Basic"),
                    job_id=self.job_developer.id,
                )
            ],
            error="odoo.exceptions.AccessError",
        )
        self.assertRpcRefused(
            "pop_mgr",
            "hr.pop.job.skill",
            "unlink",
            [profile.ids],
            error="odoo.exceptions.AccessError",
        )
        self.assertEqual(len(self.job_developer.pop_skill_ids), 3)
        # An HR user who manages plans sees the profile in the job form, read-only.
        hr_manager = self._new_user(
            self.env,
            "pop_hr_mgr",
            "base.group_user,hr.group_hr_user,hr_pop.group_pop_manager",
            "Hanna HR Manager",
        )
        arch = (
            self.env["hr.job"]
            .with_user(hr_manager)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('name="pop_skill_ids"', arch)
        self.assertIn('readonly="True"', arch.split('name="pop_skill_ids"')[1][:80])

    def test_a_profile_needs_a_skill_and_level_of_its_type(self):
        job = self.job_developer
        wrong_level = dict(self._profile_vals("POP Safety", "Basic"), job_id=job.id)
        wrong_level["skill_level_id"] = self.other_type.skill_level_ids[0].id
        error = self.assertRpcRefused(
            "pop_officer",
            "hr.pop.job.skill",
            "create",
            [wrong_level],
            error="odoo.exceptions.ValidationError",
        )
        self.assertIn("is not a level of the skill type POP Competences", error.message)
        wrong_skill = dict(self._profile_vals("POP Safety", "Basic"), job_id=job.id)
        wrong_skill["skill_id"] = self.other_type.skill_ids.id
        error = self.assertRpcRefused(
            "pop_officer",
            "hr.pop.job.skill",
            "create",
            [wrong_skill],
            error="odoo.exceptions.ValidationError",
        )
        self.assertIn(
            "POP Dutch is not a skill of the type POP Competences", error.message
        )
        self.assertEqual(len(job.pop_skill_ids), 3)

    def test_a_profile_requires_each_skill_once(self):
        error = self.assertRpcRefused(
            "pop_officer",
            "hr.pop.job.skill",
            "create",
            [
                dict(
                    self._profile_vals("POP Lean", "Basic"),
                    job_id=self.job_developer.id,
                )
            ],
            error="odoo.exceptions.ValidationError",
        )
        self.assertIn("requires each skill once", error.message)
        self.assertEqual(len(self.job_developer.pop_skill_ids), 3)

    def test_another_company_does_not_see_the_profile(self):
        self.assertEqual(self.job_developer.company_id, self.company_a)
        lines = self.call_kw(
            "pop_b",
            "hr.pop.job.skill",
            "search_read",
            [[]],
            {"fields": ["job_id"]},
        )
        self.assertNotIn(self.job_developer.id, {line["job_id"][0] for line in lines})

    # --- skills follow the closed plan ------------------------------------------------
    def test_closing_raises_the_skills_of_the_reached_goals(self):
        pop = self._running_pop(
            [
                ("POP Lean", "Expert"),
                ("POP Communication", "Advanced"),
                ("POP Planning", "Intermediate"),
                ("POP Safety", "Advanced"),
            ]
        )
        logs_before = self.env["hr.employee.skill.log"].search_count(
            [("employee_id", "=", self.employee_emp.id)]
        )
        self._close(pop, {"POP Safety": "partly"})
        # Raised, created, never lowered, and a partly reached goal changes nothing.
        self.assertEqual(self._level_of(self.employee_emp, "POP Lean").name, "Expert")
        self.assertEqual(
            self._level_of(self.employee_emp, "POP Communication").name, "Advanced"
        )
        self.assertEqual(
            self._level_of(self.employee_emp, "POP Planning").name, "Advanced"
        )
        self.assertEqual(self._level_of(self.employee_emp, "POP Safety").name, "Basic")
        # hr_skills keeps the history of what changed.
        logs = self.env["hr.employee.skill.log"].search(
            [("employee_id", "=", self.employee_emp.id)]
        )
        self.assertGreater(len(logs), logs_before)
        self.assertIn(
            (self.skills["POP Communication"], self.levels["Advanced"]),
            [(log.skill_id, log.skill_level_id) for log in logs],
        )
        self.assertEqual(
            logs.filtered(
                lambda log: log.skill_id == self.skills["POP Lean"]
                and log.date == fields.Date.today()
            ).skill_level_id,
            self.levels["Expert"],
        )
        # One note lists exactly what changed.
        notes = self._skill_notes(pop)
        self.assertEqual(len(notes), 1)
        self.assertIn("POP Lean: Intermediate → Expert", notes.body)
        self.assertIn("POP Communication: Advanced (new)", notes.body)
        self.assertNotIn("POP Planning", notes.body)
        self.assertNotIn("POP Safety", notes.body)

    def test_closing_without_a_skill_to_raise_posts_no_note(self):
        pop = self._running_pop(
            [("POP Planning", "Intermediate"), ("POP Lean", "Expert")]
        )
        self._close(pop, {"POP Lean": "not_reached"})
        self.assertEqual(
            self._level_of(self.employee_emp, "POP Lean").name, "Intermediate"
        )
        self.assertEqual(
            self._level_of(self.employee_emp, "POP Planning").name, "Advanced"
        )
        self.assertFalse(self._skill_notes(pop))

    # --- trainings follow the plan onto the resume ------------------------------------
    def _resume_lines(self, employee):
        return self.env["hr.resume.line"].search(
            [
                ("employee_id", "=", employee.id),
                ("line_type_id", "=", self.env.ref("hr_pop.resume_type_training").id),
            ]
        )

    def _training_pop(self, *activity_types):
        """A running plan of Emma with a dated course of an institute, and an
        activity of each of ``activity_types``."""
        pop = self._create_pop(
            self.employee_emp,
            line_vals={
                "institute_id": self.institute.id,
                "course_code": "LSS-Y",
                "date_start": fields.Date.today(),
                "date_end": fields.Date.today() + timedelta(days=10),
            },
        )
        for activity_type in activity_types:
            self._create_line(
                pop,
                name=f"POP {activity_type}",
                activity_type=activity_type,
                goal_id=pop.goal_ids.id,
            )
        self._sign_both(self._to_sign(pop))
        self.assertEqual(pop.state, "running")
        return pop

    def _mark(self, lines, state):
        self.call_kw("pop_mgr", "hr.pop.line", "write", [lines.ids, {"state": state}])

    def test_a_done_course_goes_on_the_resume_once(self):
        pop = self._training_pop()
        course = pop.line_ids
        self._mark(course, "started")
        self.assertFalse(self._resume_lines(self.employee_emp))
        self._mark(course, "done")
        resume_line = self._resume_lines(self.employee_emp)
        self.assertEqual(len(resume_line), 1)
        self.assertEqual(course.resume_line_id, resume_line)
        self.assertEqual(resume_line.name, "Lean Six Sigma Yellow Belt")
        self.assertEqual(resume_line.date_start, course.date_start)
        self.assertEqual(resume_line.date_end, course.date_end)
        self.assertIn("POP Institute", resume_line.description)
        self.assertIn("LSS-Y", resume_line.description)
        # Done again, reopened and done once more, then the plan closed: still one.
        self._mark(course, "done")
        self._mark(course, "started")
        self._mark(course, "done")
        self._close(pop, {})
        self.assertEqual(self._resume_lines(self.employee_emp), resume_line)
        self.assertEqual(course.resume_line_id, resume_line)

    def test_reopening_and_signing_the_plan_again_adds_no_second_line(self):
        pop = self._training_pop()
        self._mark(pop.line_ids, "done")
        resume_line = self._resume_lines(self.employee_emp)
        self.assertEqual(len(resume_line), 1)
        self.call_kw("pop_mgr", "hr.pop", "action_reopen", [pop.ids])
        self.assertEqual(pop.state, "meeting")
        pop.action_submit()
        self._sign_both(pop)
        self.assertEqual(pop.state, "running")
        self._mark(pop.line_ids, "done")
        self._close(pop, {})
        self.assertEqual(self._resume_lines(self.employee_emp), resume_line)

    def test_only_courses_and_internal_trainings_go_on_the_resume(self):
        pop = self._training_pop("internal", "coaching", "self_study", "shadowing")
        self._mark(pop.line_ids, "done")
        resume_lines = self._resume_lines(self.employee_emp)
        self.assertEqual(
            sorted(resume_lines.mapped("name")),
            ["Lean Six Sigma Yellow Belt", "POP internal"],
        )
        self.assertEqual(
            pop.line_ids.filtered("resume_line_id").mapped("activity_type"),
            ["course", "internal"],
        )
        internal = pop.line_ids.filtered(lambda line: line.activity_type == "internal")
        # Without dates, the training ends on the day it is marked done.
        self.assertEqual(internal.resume_line_id.date_end, fields.Date.today())
        self.assertEqual(internal.resume_line_id.date_start, fields.Date.today())

    def test_nobody_links_a_resume_line_by_hand(self):
        pop = self._training_pop()
        other = self.env["hr.resume.line"].create(
            {
                "employee_id": self.employee_emp.id,
                "name": "Forged training",
                "date_start": fields.Date.today(),
            }
        )
        for login in ("pop_mgr", "pop_officer"):
            self.assertRpcRefused(
                login,
                "hr.pop.line",
                "write",
                [pop.line_ids.ids, {"resume_line_id": other.id}],
                error="odoo.exceptions.UserError",
            )
        self.assertFalse(pop.line_ids.resume_line_id)

    # --- reporting ----------------------------------------------------------------
    def test_the_gap_report_shows_the_managers_team_by_skill(self):
        self.employee_emp2.job_id = self.job_developer
        rows = self.call_kw(
            "pop_mgr",
            "hr.pop.competence.report",
            "search_read",
            [
                [("employee_id", "in", (self.employee_emp | self.employee_emp2).ids)],
                [
                    "employee_id",
                    "skill_id",
                    "required_progress",
                    "current_progress",
                    "gap",
                ],
            ],
        )
        found = {
            (row["employee_id"][1], row["skill_id"][1]): (
                row["required_progress"],
                row["current_progress"],
                row["gap"],
            )
            for row in rows
        }
        # Emma: Lean required 80, has 40; Planning required 40, has 60 (no gap).
        self.assertEqual(found[("Emma Employee", "POP Lean")], (80, 40, 40))
        self.assertEqual(found[("Emma Employee", "POP Planning")], (40, 60, 0))
        self.assertEqual(found[("Erik Employee", "POP Communication")], (60, 0, 60))
        groups = self.call_kw(
            "pop_mgr",
            "hr.pop.competence.report",
            "read_group",
            [[("has_gap", "=", True)], ["gap:avg"], ["skill_id"]],
        )
        self.assertIn("POP Lean", [group["skill_id"][1] for group in groups])
        self.assertRpcRefused(
            "pop_emp", "hr.pop.competence.report", "search_read", [[], ["gap"]]
        )
