/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The manager types a goal and goes straight to the Activities tab, as a person
// does to add its activity: no error, and the goal is kept and saved.
// Started by hr_pop/tests/test_hr_pop_screens.py on a plan in conversation.

import { registry } from "@web/core/registry";

const NEW_GOAL = "div[name='goal_ids'] .o_selected_row";

registry.category("web_tour.tours").add("hr_pop_manager_goal_tab_tour", {
    steps: () => [
        {
            content: "The conversation is going on",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Conversation)",
        },
        {
            content: "Open the goals",
            trigger: ".o_notebook .nav-link[name='goals']",
            run: "click",
        },
        {
            content: "Add a goal",
            trigger: "div[name='goal_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name the goal",
            trigger: `${NEW_GOAL} td[name='name'] input`,
            run: "edit Lead the weekly stand-up",
        },
        {
            content: "Open the activities at once, still in the goal's row",
            trigger: ".o_notebook .nav-link[name='activities']",
            run: "click",
        },
        {
            content: "The activities are shown, no error",
            trigger: ".o_notebook .nav-link.active[name='activities']",
        },
        {
            trigger: "body:not(:has(.o_error_dialog))",
        },
        {
            content: "Back to the goals",
            trigger: ".o_notebook .nav-link[name='goals']",
            run: "click",
        },
        {
            content: "The goal is still there",
            trigger: "div[name='goal_ids'] .o_data_row:contains(Lead the weekly stand-up)",
        },
        {
            content: "Save the plan",
            trigger: ".o_form_button_save:visible",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
