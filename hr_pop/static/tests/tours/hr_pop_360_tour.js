/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The 360° feedback loop as its people click it (hr_pop/tests/test_hr_pop_360.py):
// the manager asks three colleagues on the plan's 360° Feedback tab; each colleague
// opens his link without an account, rates every competence and submits.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_pop_manager_asks_feedback_tour", {
    steps: () => [
        {
            content: "Open the 360° feedback",
            trigger: ".o_notebook .nav-link[name='feedback']",
            run: "click",
        },
        {
            content: "Nothing asked yet",
            trigger: "div[name='feedback_html']:contains(No feedback asked yet)",
        },
        {
            content: "Ask for feedback",
            trigger: "button:contains(Ask for Feedback)",
            run: "click",
        },
        {
            content: "The dialog names the competences",
            trigger: ".modal div[name='skill_names']:contains(POP Lean)",
        },
        ...["POP Colleague One", "POP Colleague Two", "POP Colleague Three"].flatMap(
            (name) => [
                {
                    content: `Pick ${name}`,
                    trigger: ".modal div[name='colleague_ids'] input",
                    run: `edit ${name}`,
                },
                {
                    content: `Choose ${name}`,
                    trigger: `.o-autocomplete--dropdown-menu li a:contains(${name})`,
                    run: "click",
                },
                {
                    content: `${name} is picked`,
                    trigger: `.modal div[name='colleague_ids'] .o_tag:contains(${name})`,
                },
            ]
        ),
        {
            content: "Send the requests",
            trigger: ".modal button[name='action_send']",
            run: "click",
        },
        {
            content: "Five requests wait: the employee, the manager, three colleagues",
            trigger: "div[name='feedback_request_ids'] .o_data_row:nth-child(5)",
        },
        {
            content: "A colleague's request waits",
            trigger:
                "div[name='feedback_request_ids'] .o_data_row:contains(POP Colleague Two):contains(Waiting)",
        },
    ],
});

registry.category("web_tour.tours").add("hr_pop_colleague_gives_feedback_tour", {
    steps: () => [
        {
            content: "The form asks about the employee's development, not an appraisal",
            trigger: ".o_hr_pop_feedback_form:contains(not an appraisal)",
        },
        {
            content: "Submitting without answers is refused",
            trigger: ".o_hr_pop_feedback_submit",
            run: "click",
        },
        {
            content: "It says what is missing",
            trigger: ".o_hr_pop_feedback_error:contains(POP Lean)",
        },
        {
            content: "Rate POP Lean: Advanced",
            trigger:
                ".o_hr_pop_feedback_competence[data-skill='POP Lean'] label:contains(Advanced)",
            run: "click",
        },
        {
            content: "Rate POP Communication: Expert",
            trigger:
                ".o_hr_pop_feedback_competence[data-skill='POP Communication'] label:contains(Expert)",
            run: "click",
        },
        {
            content: "Comment on POP Communication",
            trigger:
                ".o_hr_pop_feedback_competence[data-skill='POP Communication'] textarea",
            run: "edit Explains clearly",
        },
        {
            content: "Submit",
            trigger: ".o_hr_pop_feedback_submit",
            run: "click",
        },
        {
            content: "Thanked, the answers are saved",
            trigger: ".o_hr_pop_feedback_message[data-outcome='thanks']",
        },
    ],
});
