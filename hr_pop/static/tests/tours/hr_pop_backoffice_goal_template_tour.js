/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The manager adds a ready-made goal to a plan in conversation: the template for the
// employee's job comes first; the goal and its activity land on the plan.
// Started by hr_pop/tests/test_hr_pop_goal_template.py.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_pop_manager_goal_template_tour", {
    steps: () => [
        {
            content: "Open the goals",
            trigger: ".o_notebook .nav-link[name='goals']",
            run: "click",
        },
        {
            content: "Add goals from templates",
            trigger: "button:contains(Add goals from templates)",
            run: "click",
        },
        {
            content: "The templates for the employee's department and job come first",
            trigger: ".modal .o_data_row:first-child:contains(POP Give feedback)",
        },
        {
            content: "The template for another department is offered too, not in bold",
            trigger: ".modal .o_data_row:not(.fw-bold):contains(POP Lead the other team)",
        },
        {
            content: "Tick the template for the employee's job",
            trigger: ".modal .o_data_row:contains(POP Plan the week) td[name='selected'] input",
            run: "click",
        },
        {
            content: "Add the goals",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The goal is on the plan",
            trigger: "div[name='goal_ids'] .o_data_row:contains(POP Plan the week)",
        },
        {
            content: "Its activity too",
            trigger: ".o_notebook .nav-link[name='activities']",
            run: "click",
        },
        {
            content: "The suggested activity is planned",
            trigger: "div[name='line_ids'] .o_data_row:contains(POP Planning course)",
        },
    ],
});
