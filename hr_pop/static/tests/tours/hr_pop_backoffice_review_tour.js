/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The manager records a progress review of a running plan: the review lists every
// goal with its progress so far; he updates the first one and saves.
// Started by hr_pop/tests/test_hr_pop_close.py on a running plan.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_pop_manager_review_tour", {
    steps: () => [
        {
            content: "The plan is running",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Running)",
        },
        {
            content: "Open the progress reviews",
            trigger: ".o_notebook a[name='reviews']",
            run: "click",
        },
        {
            content: "Record a review",
            trigger: "div[name='review_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The review lists the plan's goals",
            trigger: ".modal div[name='line_ids'] .o_data_row:nth-child(2)",
        },
        {
            content: "Update the progress of the first goal",
            trigger: ".modal div[name='line_ids'] .o_data_row:first-child td[name='progress']",
            run: "click",
        },
        {
            trigger: ".modal div[name='line_ids'] .o_data_row:first-child div[name='progress'] input",
            run: "edit 60",
        },
        {
            content: "Note how it goes",
            trigger: ".modal div[name='notes'] .odoo-editor-editable",
            run: "editor The first course went well",
        },
        {
            content: "Save the review",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "The review is in the list",
            trigger: "div[name='review_ids'] .o_data_row",
        },
        {
            content: "Save the plan",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
