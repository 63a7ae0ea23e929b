/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The manager follows up a running plan in the Goals tab, then evaluates every goal
// in the "Close Plan" dialog and closes the plan.
// Started by hr_pop/tests/test_hr_pop_close.py on a running plan with two goals.

import { registry } from "@web/core/registry";

const GOAL = (index) => `div[name='goal_ids'] .o_data_row:eq(${index})`;
const EVALUATION = (index) => `.modal div[name='line_ids'] .o_data_row:eq(${index})`;

function evaluateGoal(index, status, lessons, progress) {
    const row = EVALUATION(index);
    const steps = [
        {
            content: `Evaluate goal ${index + 1}: its status`,
            trigger: `${row} td[name='state']`,
            run: "click",
        },
        {
            content: `Goal ${index + 1} is ${status}`,
            trigger: `${row} td[name='state'] select`,
            run: `select "${status}"`,
        },
    ];
    if (progress !== undefined) {
        steps.push({
            content: `Goal ${index + 1}: its progress`,
            trigger: `${row} td[name='progress'] input`,
            run: `edit ${progress}`,
        });
    }
    steps.push(
        {
            content: `Goal ${index + 1}: what was learnt`,
            trigger: `${row} td[name='lessons_learned']`,
            run: "click",
        },
        {
            content: `Goal ${index + 1}: type what was learnt`,
            trigger: `${row} td[name='lessons_learned'] textarea`,
            run: `edit ${lessons}`,
        }
    );
    return steps;
}

registry.category("web_tour.tours").add("hr_pop_manager_close_tour", {
    steps: () => [
        {
            content: "The plan is running",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Running)",
        },
        {
            content: "Open the goals",
            trigger: ".o_notebook .nav-link[name='goals']",
            run: "click",
        },
        {
            content: "The agreed goal text is locked: its cell cannot be edited",
            trigger: `${GOAL(0)} td[name='name'].o_readonly_modifier`,
        },
        {
            content: "Follow up the first goal: what was learnt so far",
            trigger: `${GOAL(0)} td[name='lessons_learned']`,
            run: "click",
        },
        {
            content: "Type it in the list",
            trigger: `${GOAL(0)} td[name='lessons_learned'] textarea`,
            run: "edit Plan the project with the team",
        },
        {
            content: "Open the Close Plan dialog (the form saves first)",
            trigger: ".o_statusbar_buttons button:contains(Close Plan)",
            run: "click",
        },
        {
            content: "The dialog lists every goal, with what the Goals tab recorded",
            trigger: `${EVALUATION(0)}:contains(Plan the project with the team)`,
        },
        ...evaluateGoal(0, "reached", "Planning a project is team work"),
        {
            content: "Reached means 100%",
            trigger: `${EVALUATION(0)} td[name='progress'] input:value(100)`,
        },
        ...evaluateGoal(1, "partly", "Coaching takes patience", 60),
        {
            content: "Close the plan",
            trigger: ".modal-footer button:contains(Close Plan)",
            run: "click",
        },
        {
            content: "The plan is done",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Done)",
        },
        {
            content: "The chatter says who closed it, with the evaluation",
            trigger: ".o-mail-Message:contains(Plan evaluated and closed by Mark Manager)",
        },
    ],
});
