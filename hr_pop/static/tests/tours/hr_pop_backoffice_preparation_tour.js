/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The manager prepares the conversation in the back office: he answers his
// questions, submits them (after a confirmation) and shares them as agenda points.
// Started by hr_pop/tests/test_hr_pop_backoffice.py on an invited plan.

import { registry } from "@web/core/registry";

const ANSWER = "div[name='manager_answer_ids'] .o_data_row:eq(0) td[name='answer']";

registry.category("web_tour.tours").add("hr_pop_manager_preparation_tour", {
    steps: () => [
        {
            content: "Open the preparation",
            trigger: ".o_notebook .nav-link:contains(Preparation)",
            run: "click",
        },
        {
            content: "The manager's preparation is not submitted yet",
            trigger: "div[name='manager_preparation_state']:contains(Not Submitted)",
        },
        {
            content: "Edit the answer to the first question",
            trigger: ANSWER,
            run: "click",
        },
        {
            content: "Type the answer",
            trigger: `${ANSWER} textarea`,
            run: "edit Emma plans her work well; let us talk about leading projects.",
        },
        {
            content: "Submit the preparation (the form saves the answer first)",
            trigger: "button[name='action_submit_manager_preparation']",
            run: "click",
        },
        {
            content: "Confirm: the answers are final afterwards",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The preparation is submitted",
            trigger: "div[name='manager_preparation_state']:contains(Submitted):not(:contains(Not))",
        },
        {
            content: "The typed answer is kept",
            trigger: `${ANSWER}:contains(leading projects)`,
        },
        {
            content: "Share the agenda points with the employee",
            trigger: "button[name='action_share_manager_preparation']",
            run: "click",
        },
        {
            content: "Shared: the button is gone and the agenda is marked shared",
            trigger: "div[name='manager_answers_shared'] input:checked",
        },
        {
            content: "Nothing left to share",
            trigger: ".o_form_view:not(:has(button[name='action_share_manager_preparation']))",
        },
    ],
});
