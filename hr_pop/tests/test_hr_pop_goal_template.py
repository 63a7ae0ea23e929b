# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Goal templates (issue 13): kept by HR, added by the manager before signing, over
JSON-RPC and by clicking."""

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import JsonRpcMixin, TestHrPopCommon

MEASURE = "Three months of weekly plans without corrections"


@tagged("post_install", "-at_install")
class TestHrPopGoalTemplate(JsonRpcMixin, TestHrPopCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Template = cls.env["hr.pop.goal.template"]
        # Only this test's templates (not the demo's).
        Template.search([]).active = False
        cls.department_sub = cls.env["hr.department"].create(
            {"name": "POP Sub-team", "parent_id": cls.department_team.id}
        )
        cls.template_job = Template.create(
            {
                "name": "POP Plan the week",
                "category": "job",
                "success_measure": MEASURE,
                "job_ids": [fields.Command.set(cls.job_developer.ids)],
                "sequence": 50,
                "line_ids": [
                    fields.Command.create(
                        {
                            "name": "POP Planning course",
                            "activity_type": "course",
                            "cost": 300,
                        }
                    ),
                    fields.Command.create(
                        {"name": "POP Shadow the planner", "activity_type": "shadowing"}
                    ),
                ],
            }
        )
        cls.template_team = Template.create(
            {
                "name": "POP Give feedback",
                "category": "personal",
                "department_ids": [fields.Command.set(cls.department_team.ids)],
                "sequence": 40,
            }
        )
        cls.template_other = Template.create(
            {
                "name": "POP Lead the other team",
                "category": "career",
                "department_ids": [fields.Command.set(cls.department_other.ids)],
                "sequence": 1,
            }
        )
        cls.pop = cls._create_pop(cls.employee_emp, goal_vals=False, line_vals=False)

    def _open_dialog(self, login="pop_mgr", pop=None):
        """The dialog as the browser opens it: its id and its rows, in order."""
        pop = pop or self.pop
        context = {"context": {"default_pop_id": pop.id}}
        wizard_id = self.call_kw(
            login, "hr.pop.goal.template.wizard", "create", [{}], context
        )
        rows = self.call_kw(
            login,
            "hr.pop.goal.template.wizard.line",
            "search_read",
            [[("wizard_id", "=", wizard_id)], ["template_id", "fits"]],
            {"order": "fits desc, id"},
        )
        return wizard_id, rows

    def _add(self, templates, login="pop_mgr", pop=None):
        wizard_id, rows = self._open_dialog(login, pop)
        chosen = [row["id"] for row in rows if row["template_id"][0] in templates.ids]
        self.call_kw(
            login,
            "hr.pop.goal.template.wizard",
            "write",
            [
                [wizard_id],
                {"line_ids": [[1, row, {"selected": True}] for row in chosen]},
            ],
        )
        return self.call_kw(
            login, "hr.pop.goal.template.wizard", "action_confirm", [[wizard_id]]
        )

    def test_the_templates_for_the_employees_job_and_department_come_first(self):
        _wizard, rows = self._open_dialog()
        names = [row["template_id"][1] for row in rows]
        fits = [row["fits"] for row in rows]
        # The sub-team of the department counts too.
        self.assertEqual(names[:2], ["POP Give feedback", "POP Plan the week"])
        self.assertEqual(fits[:2], [True, True])
        self.assertEqual(names[-1], "POP Lead the other team")
        self.assertFalse(fits[-1])
        self.employee_emp.department_id = self.department_sub
        _wizard, rows = self._open_dialog()
        self.assertIn(
            ("POP Give feedback", True),
            [(r["template_id"][1], r["fits"]) for r in rows],
        )

    def test_a_chosen_template_becomes_a_goal_with_its_activities(self):
        self._add(self.template_job)
        goal = self.pop.goal_ids
        self.assertRecordValues(
            goal,
            [
                {
                    "name": "POP Plan the week",
                    "category": "job",
                    "success_measure": MEASURE,
                    "deadline": self.pop.date_end,
                }
            ],
        )
        self.assertEqual(
            sorted(self.pop.line_ids.mapped("name")),
            ["POP Planning course", "POP Shadow the planner"],
        )
        self.assertEqual(self.pop.line_ids.goal_id, goal)
        self.assertEqual(self.pop.total_cost, 300)
        # Editable afterwards, and never linked back: the template does not change.
        self.call_kw(
            "pop_mgr", "hr.pop.goal", "write", [goal.ids, {"name": "Plan the month"}]
        )
        self.assertEqual(self.template_job.name, "POP Plan the week")
        self.template_job.success_measure = "Changed later"
        self.assertEqual(goal.success_measure, MEASURE)

    def test_a_template_is_never_added_twice(self):
        self._add(self.template_job)
        _wizard, rows = self._open_dialog()
        self.assertNotIn(self.template_job.id, [row["template_id"][0] for row in rows])
        refused = self.assertRpcRefused(
            "pop_mgr",
            "hr.pop",
            "action_add_goal_templates",
            [self.pop.ids, self.template_job.ids],
        )
        self.assertIn("not on", refused.message)
        self.assertEqual(len(self.pop.goal_ids), 1)

    def test_templates_are_added_only_before_signing(self):
        pop = self._create_pop(self.employee_emp2, goal_vals=None)
        self._to_sign(pop)
        self.assertRpcRefused(
            "pop_mgr",
            "hr.pop",
            "action_add_goal_templates",
            [pop.ids, self.template_job.ids],
        )
        self.assertEqual(len(pop.goal_ids), 1)

    def test_the_employee_and_another_company_cannot_add_templates(self):
        self.assertRpcRefused(
            "pop_emp",
            "hr.pop",
            "action_add_goal_templates",
            [self.pop.ids, self.template_job.ids],
        )
        self.assertRpcRefused(
            "pop_b",
            "hr.pop",
            "action_add_goal_templates",
            [self.pop.ids, self.template_job.ids],
        )
        self.assertFalse(self.pop.goal_ids)

    def test_hr_keeps_the_templates_and_managers_only_use_them(self):
        template_id = self.call_kw(
            "pop_officer",
            "hr.pop.goal.template",
            "create",
            [{"name": "POP New template", "category": "ongoing"}],
        )
        self.assertTrue(template_id)
        self.assertRpcRefused(
            "pop_mgr",
            "hr.pop.goal.template",
            "create",
            [{"name": "POP Manager's template", "category": "job"}],
        )
        self.assertRpcRefused(
            "pop_mgr",
            "hr.pop.goal.template",
            "write",
            [[template_id], {"name": "Changed"}],
        )

    def test_the_manager_adds_a_template_by_clicking(self):
        self.start_tour(
            f"/odoo/action-hr_pop.hr_pop_action/{self.pop.id}",
            "hr_pop_manager_goal_template_tour",
            login="pop_mgr",
        )
        self.assertEqual(self.pop.goal_ids.name, "POP Plan the week")
        self.assertEqual(len(self.pop.line_ids), 2)
