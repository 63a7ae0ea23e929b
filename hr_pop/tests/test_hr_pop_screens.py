# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The back-office screens as each role uses them: the activity editor, lists and
cards, dialogs, HR's settings and the employee's own plans, through the browser
(tours) and the calls the screens make (JSON-RPC)."""

from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import JsonRpcMixin, TestHrPopCommon

# The conversation of the screen tours: at hh:30, to tell minutes from seconds.
MEETING_AT_HALF_PAST = fields.Datetime.now().replace(
    hour=9, minute=30, second=0, microsecond=0
) + timedelta(days=30)


class HrPopScreensCase(JsonRpcMixin, TestHrPopCommon, HttpCase):
    def _meeting_pop(self, employee=None, **vals):
        """A plan of ``employee`` (Emma) in conversation, without goal or activity."""
        pop = self._create_pop(
            employee or self.employee_emp, goal_vals=False, line_vals=False, **vals
        )
        pop.action_invite()
        pop.action_start_meeting()
        return pop

    def _arch(self, login, model, view_type, view_ref=None):
        """The architecture of a view as ``login``'s browser gets it."""
        result = self.call_kw(
            login,
            model,
            "get_views",
            [[[view_ref or False, view_type]]],
            {"options": {}},
        )
        return etree.fromstring(result["views"][view_type]["arch"])


@tagged("post_install", "-at_install")
class TestHrPopActivityEditor(HrPopScreensCase):
    def test_manager_opens_activities_while_typing_a_goal_without_an_error(self):
        # Odoo 18 refocused the goal's row after its page was gone: "Oops!".
        pop = self._meeting_pop()
        self.start_tour(
            f"/odoo/action-hr_pop.hr_pop_action/{pop.id}",
            "hr_pop_manager_goal_tab_tour",
            login="pop_mgr",
        )
        self.assertEqual(pop.goal_ids.name, "Lead the weekly stand-up")

    def test_manager_adds_a_goal_and_an_activity_for_it_before_saving(self):
        pop = self._meeting_pop()
        self.start_tour(
            f"/odoo/action-hr_pop.hr_pop_action/{pop.id}",
            "hr_pop_manager_activity_tour",
            login="pop_mgr",
        )
        goal = pop.goal_ids
        self.assertEqual(goal.name, "Present the project results")
        self.assertRecordValues(
            pop.line_ids,
            [{"name": "Presentation skills training", "goal_id": goal.id, "cost": 350}],
        )

    def test_the_activity_list_shows_the_essentials_and_a_form_the_rest(self):
        form = self._arch("pop_mgr", "hr.pop", "form")
        activities = form.xpath("//field[@name='line_ids']/list")[0]
        self.assertFalse(activities.get("editable"), "rows open a form instead")
        shown = [
            column.get("name")
            for column in activities.xpath("field")
            if column.get("optional") != "hide"
            and column.get("column_invisible") not in ("True", "1")
            and column.get("widget") != "handle"
        ]
        self.assertLessEqual(len(shown), 8, shown)
        for essential in ("activity_type", "name", "goal_id", "cost", "state"):
            self.assertIn(essential, shown)
        # The rest is edited in the activity's form.
        line_form = self._arch("pop_mgr", "hr.pop.line", "form")
        for rest in ("repayment_agreement", "repayment_terms", "remarks", "mandatory"):
            self.assertTrue(line_form.xpath(f"//field[@name='{rest}']"), rest)

    def test_a_running_plans_activity_form_locks_the_agreement_not_the_status(self):
        pop = self._create_pop(self.employee_emp)
        self._sign_both(self._to_sign(pop))
        self.assertEqual(pop.state, "running")
        line = pop.line_ids
        values = self.call_kw(
            "pop_mgr",
            "hr.pop.line",
            "web_read",
            [line.ids],
            {"specification": {"content_locked": {}, "status_locked": {}}},
        )[0]
        self.assertTrue(values["content_locked"])
        self.assertFalse(values["status_locked"])
        # As the form then saves it: the status changes, the content is refused.
        self.call_kw(
            "pop_mgr",
            "hr.pop",
            "web_save",
            [pop.ids, {"line_ids": [[1, line.id, {"state": "started"}]]}],
            {"specification": {}},
        )
        self.assertEqual(line.state, "started")
        self.assertRpcRefused(
            "pop_mgr",
            "hr.pop",
            "web_save",
            [pop.ids, {"line_ids": [[1, line.id, {"cost": 1.0}]]}],
            {"specification": {}},
        )


@tagged("post_install", "-at_install")
class TestHrPopListsAndCards(HrPopScreensCase):
    def test_plans_show_manager_and_conversation_without_seconds_nor_cut_offs(self):
        pop = self._create_pop(self.employee_emp, meeting_date=MEETING_AT_HALF_PAST)
        self.start_tour(
            "/odoo/action-hr_pop.hr_pop_action",
            "hr_pop_manager_screens_tour",
            login="pop_mgr",
        )
        # The tour ends with the titled cancel dialog.
        self.assertEqual(pop.state, "cancelled")
        self.assertEqual(pop.cancel_reason, "Emma moves to another company")

    def test_goals_activities_and_the_reason_dialog_name_their_development_plan(self):
        self.assertEqual(
            {
                model: self.env[model]._fields["pop_id"].string
                for model in ("hr.pop.goal", "hr.pop.line", "hr.pop.reason.wizard")
            },
            dict.fromkeys(
                ("hr.pop.goal", "hr.pop.line", "hr.pop.reason.wizard"),
                "Development Plan",
            ),
        )

    def _shown_fields(self, view_types, transient=True):
        """``(view, node, field)`` of every field shown in hr_pop's primary views
        of ``view_types``, also inside the sub-views of relations."""
        views = self.env["ir.ui.view"].search(
            [
                ("model", "=like", "hr.pop%"),
                ("mode", "=", "primary"),
                ("type", "in", view_types),
            ]
        )
        for view in views:
            Model = self.env[view.model]
            if Model._transient and not transient:
                continue
            arch = etree.fromstring(
                Model.get_views([(view.id, view.type)])["views"][view.type]["arch"]
            )
            for node in arch.iter("field"):
                hidden = {node.get("invisible"), node.get("column_invisible")}
                field = self._field_of(node, Model)
                if field and not hidden & {"True", "1"}:
                    yield view, node, field

    def _field_of(self, node, Model):
        """The field of a ``<field>`` node, also inside a sub-view of a relation."""
        names = [node.get("name")] + [
            ancestor.get("name") for ancestor in node.iterancestors("field")
        ]
        field = None
        for name in reversed(names):
            field = Model._fields.get(name)
            if not field:
                return None
            if field.relational:
                Model = self.env[field.comodel_name]
        return field

    def test_no_screen_labels_a_field_pop(self):
        labelled_pop = [
            f"{view.xml_id}: {field}"
            for view, node, field in self._shown_fields(
                ("list", "form", "kanban", "search")
            )
            if (node.get("string") or field.string) == "Pop"
        ]
        self.assertFalse(labelled_pop)

    def test_datetimes_of_the_back_office_views_hide_seconds(self):
        # The plans' screens; the wizards' dialogs are left out.
        with_seconds = [
            f"{view.xml_id}: {field}"
            for view, node, field in self._shown_fields(
                ("list", "form", "kanban"), transient=False
            )
            if field.type == "datetime"
            and "'show_seconds': false" not in (node.get("options") or "")
        ]
        self.assertFalse(with_seconds)

    def test_the_course_catalog_is_once_in_the_menu(self):
        catalog = self.env.ref("hr_pop.hr_pop_course_action")
        menus = self.env["ir.ui.menu"].search(
            [("action", "=", f"{catalog._name},{catalog.id}")]
        )
        self.assertEqual(len(menus), 1)
        named = self.env["ir.ui.menu"].search(
            [
                ("name", "=", "Course Catalog"),
                ("id", "child_of", self.env.ref("hr.menu_hr_root").id),
            ]
        )
        self.assertEqual(named, menus)


@tagged("post_install", "-at_install")
class TestHrPopDialogs(HrPopScreensCase):
    def test_hr_refuses_a_plan_in_a_dialog_titled_for_it(self):
        self.company_a.write(
            {
                "pop_approval_threshold": 1000.0,
                "pop_hr_responsible_id": self.user_officer.id,
            }
        )
        pop = self._create_pop(self.employee_emp, line_vals={"cost": 1500.0})
        self._sign_both(self._to_sign(pop))
        self.assertEqual(pop.state, "to_approve")
        self.start_tour(
            "/odoo/action-hr_pop.hr_pop_action_to_approve",
            "hr_pop_hr_refuse_tour",
            login="pop_officer",
        )
        self.assertEqual(pop.state, "meeting")
        self.assertEqual(pop.refuse_reason, "The budget of this year is spent")

    def test_the_cancel_and_refuse_dialogs_are_titled_by_their_use(self):
        form = self._arch("pop_mgr", "hr.pop", "form")
        titles = {}
        for label in ("Cancel", "Refuse"):
            button = form.xpath(f"//header/button[@string='{label}']")[0]
            self.assertEqual(button.get("type"), "action")
            # The dialog's title is the name of the action the button opens.
            action = self.env["ir.actions.act_window"].browse(int(button.get("name")))
            self.assertEqual(action.res_model, "hr.pop.reason.wizard")
            titles[label] = action.name
        self.assertEqual(
            titles,
            {"Cancel": "Cancel Development Plan", "Refuse": "Refuse Development Plan"},
        )

    def test_manager_signs_in_the_sign_dialog(self):
        pop = self._to_sign(self._create_pop(self.employee_emp))
        self.start_tour(
            f"/odoo/action-hr_pop.hr_pop_action/{pop.id}",
            "hr_pop_manager_sign_tour",
            login="pop_mgr",
        )
        self.assertEqual(pop.manager_signed_by, "Mark Manager")
        self.assertEqual(pop.manager_signed_user_id, self.user_manager)
        self.assertTrue(pop.manager_signature)
        self.assertFalse(pop.employee_signed_on)
        self.assertEqual(pop.state, "to_sign")


@tagged("post_install", "-at_install")
class TestHrPopRoundScreens(HrPopScreensCase):
    def test_hr_starts_a_round_for_a_department(self):
        self.start_tour(
            "/odoo/action-hr_pop.hr_pop_action",
            "hr_pop_hr_round_tour",
            login="pop_officer",
        )
        pop = self.env["hr.pop"].search([("employee_id", "=", self.employee_other.id)])
        self.assertEqual(len(pop), 1)
        self.assertEqual(pop.state, "draft")
        self.assertEqual(pop.manager_id, self.employee_other_manager)
        self.assertEqual(pop.meeting_date.strftime("%Y-%m-%d"), "2031-06-15")

    def test_a_manager_starts_a_round_for_his_team_only(self):
        self.start_tour(
            "/odoo/action-hr_pop.hr_pop_action",
            "hr_pop_manager_round_tour",
            login="pop_mgr",
        )
        pops = self.env["hr.pop"].search(
            [("employee_id.department_id", "=", self.department_team.id)]
        )
        self.assertEqual(
            pops.employee_id,
            self.employee_emp | self.employee_emp2 | self.employee_portal,
        )


@tagged("post_install", "-at_install")
class TestHrPopSettingsForPopAdmins(HrPopScreensCase):
    SPEC = {"pop_approval_threshold": {}, "pop_review_months": {}}

    def test_a_pop_administrator_changes_his_companys_pop_settings(self):
        self.assertFalse(self.user_officer.has_group("base.group_system"))
        self.assertFalse(self.user_officer.has_group("base.group_erp_manager"))
        action = self.call_kw(
            "pop_officer", "res.company", "action_open_pop_settings", []
        )
        self.assertEqual(action["res_id"], self.company_a.id)
        view_id = action["views"][0][0]
        form = self._arch("pop_officer", "res.company", "form", view_id)
        self.assertNotIn(form.get("edit"), ("False", "false", "0"))
        self.call_kw(
            "pop_officer",
            "res.company",
            "web_save",
            [
                self.company_a.ids,
                {
                    "pop_approval_threshold": 2500.0,
                    "pop_review_months": 6,
                    "pop_department_ids": [[6, 0, self.department_team.ids]],
                    "pop_hr_responsible_id": self.user_officer.id,
                },
            ],
            {"specification": self.SPEC},
        )
        self.assertRecordValues(
            self.company_a,
            [
                {
                    "pop_approval_threshold": 2500.0,
                    "pop_review_months": 6,
                    "pop_department_ids": self.department_team.ids,
                    "pop_hr_responsible_id": self.user_officer.id,
                }
            ],
        )

    def test_a_pop_administrator_changes_nothing_else_of_a_company(self):
        name = self.company_a.name
        for vals in (
            {"name": "Renamed"},
            {"pop_approval_threshold": 1.0, "name": "Renamed"},
            {"pop_department_ids": [[0, 0, {"name": "Made up"}]]},
        ):
            self.assertRpcRefused(
                "pop_officer",
                "res.company",
                "web_save",
                [self.company_a.ids, vals],
                {"specification": self.SPEC},
            )
        self.assertEqual(self.company_a.name, name)
        self.assertFalse(self.env["hr.department"].search([("name", "=", "Made up")]))
        # Nor the settings of a company that is not his.
        self.assertRpcRefused(
            "pop_officer",
            "res.company",
            "web_save",
            [self.company_b.ids, {"pop_approval_threshold": 1.0}],
            {"specification": self.SPEC},
        )

    def test_a_manager_cannot_change_the_pop_settings(self):
        threshold = self.company_a.pop_approval_threshold
        self.assertRpcRefused(
            "pop_mgr",
            "res.company",
            "web_save",
            [self.company_a.ids, {"pop_approval_threshold": 1.0}],
            {"specification": self.SPEC},
        )
        self.assertEqual(self.company_a.pop_approval_threshold, threshold)
        menu = self.env.ref("hr_pop.hr_pop_menu_config_settings")
        visible = (
            self.env["ir.ui.menu"].with_user(self.user_manager)._visible_menu_ids()
        )
        self.assertNotIn(menu.id, visible)

    def test_hr_changes_the_pop_settings_by_clicking(self):
        self.start_tour(
            "/odoo/action-hr_pop.hr_pop_action",
            "hr_pop_hr_settings_tour",
            login="pop_officer",
        )
        self.assertEqual(self.company_a.pop_approval_threshold, 2500.0)
        self.assertEqual(self.company_a.pop_signature_reminder_days, 3)


@tagged("post_install", "-at_install")
class TestHrPopEmployeeOwnPlans(HrPopScreensCase):
    def test_an_employee_has_a_menu_to_his_own_plans_only(self):
        mine = self._create_pop(self.employee_emp)
        self._create_pop(self.employee_emp2)
        Menu = self.env["ir.ui.menu"].with_user(self.user_employee)
        visible = Menu._visible_menu_ids()
        self.assertIn(self.env.ref("hr_pop.hr_pop_menu_my").id, visible)
        self.assertIn(self.env.ref("hr_pop.hr_pop_menu_root").id, visible)
        self.assertNotIn(self.env.ref("hr_pop.hr_pop_menu_pops").id, visible)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_pop.hr_pop_action_my"
        )
        found = self.call_kw(
            "pop_emp",
            "hr.pop",
            "web_search_read",
            [],
            {
                "domain": safe_eval(action["domain"], {"uid": self.user_employee.id}),
                "specification": {"name": {}},
            },
        )
        self.assertEqual([record["id"] for record in found["records"]], mine.ids)

    def test_an_employee_opens_his_plan_from_the_menu(self):
        self._create_pop(self.employee_emp)
        self._create_pop(self.employee_emp2)
        self.start_tour("/odoo", "hr_pop_employee_my_plans_tour", login="pop_emp")
