/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// During the conversation the manager adds a goal, then an activity for that goal,
// before having saved the goal: "Add Activity" saves the plan first.
// Started by hr_pop/tests/test_hr_pop_screens.py on a plan in conversation.

import { registry } from "@web/core/registry";

const NEW_GOAL = "div[name='goal_ids'] .o_selected_row";

registry.category("web_tour.tours").add("hr_pop_manager_activity_tour", {
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
            run: "edit Present the project results",
        },
        {
            content: "Say how we know it is reached",
            trigger: `${NEW_GOAL} td[name='success_measure'] textarea`,
            run: "edit A presentation to the management team",
        },
        {
            content: "Leave the goal's row",
            trigger: ".o_form_sheet .oe_title",
            run: "click",
        },
        {
            content: "The goal is in the list, not saved yet",
            trigger:
                ".o_form_status_indicator_buttons:not(.invisible) .o_form_button_save:visible",
        },
        {
            trigger: "div[name='goal_ids'] .o_data_row:not(.o_selected_row):contains(Present the project results)",
        },
        {
            content: "Open the activities, the goal is not saved yet",
            trigger: ".o_notebook .nav-link[name='activities']",
            run: "click",
        },
        {
            content: "The activity list is short: no cramped editable row",
            trigger: "div[name='line_ids'] .o_list_renderer:not(:has(.o_field_x2many_list_row_add))",
        },
        {
            content: "Add an activity (the plan is saved first)",
            trigger: "button:contains(Add Activity)",
            run: "click",
        },
        {
            content: "The activity opens in a dialog",
            trigger: ".modal .modal-title:contains(Add Activity)",
        },
        {
            content: "Name the activity",
            trigger: ".modal div[name='name'] input",
            run: "edit Presentation skills training",
        },
        {
            content: "Choose the goal just added",
            trigger: ".modal div[name='goal_id'] input",
            run: "edit Present the",
        },
        {
            content: "The new goal is offered",
            trigger: ".o-autocomplete--dropdown-item a:contains(Present the project results)",
            run: "click",
        },
        {
            trigger: ".modal div[name='goal_id'] input:value(Present the project results)",
        },
        {
            content: "Its cost",
            trigger: ".modal div[name='cost'] input",
            run: "edit 350",
        },
        {
            content: "Save the activity",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The plan shows the activity with its goal",
            trigger:
                "body:not(:has(.modal)) div[name='line_ids'] .o_data_row:contains(Presentation skills training):contains(Present the project results)",
        },
        {
            content: "The goal is there as well",
            trigger: ".o_notebook .nav-link[name='goals']",
            run: "click",
        },
        {
            trigger: "div[name='goal_ids'] .o_data_row:contains(Present the project results)",
        },
    ],
});
