/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The manager compares the job profile with the employee's skills on the
// Competences tab, proposes goals from the gaps and finds them on the Goals tab.
// Started by hr_pop/tests/test_hr_pop_competences.py on a plan in conversation whose
// employee is 40 points below the POP Lean level the job requires.

import { registry } from "@web/core/registry";

const TABLE = ".o_hr_pop_competences";

registry.category("web_tour.tours").add("hr_pop_manager_competences_tour", {
    steps: () => [
        {
            content: "The plan is in conversation",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Conversation)",
        },
        {
            content: "Open the competences",
            trigger: ".o_notebook .nav-link[name='competences']",
            run: "click",
        },
        {
            content: "The gap of POP Lean is shown",
            trigger: `${TABLE} tr:contains(POP Lean) .badge:contains(40 points)`,
        },
        {
            content: "A skill above its required level has no gap",
            trigger: `${TABLE} tr:contains(POP Planning) .badge:contains(No gap)`,
        },
        {
            content: "Propose goals from the gaps",
            trigger: "button[name='action_propose_goals']",
            run: "click",
        },
        {
            content: "POP Lean now has a goal",
            trigger: `${TABLE} tr:contains(POP Lean) td:last-child:contains(Yes)`,
        },
        {
            content: "Open the goals",
            trigger: ".o_notebook .nav-link[name='goals']",
            run: "click",
        },
        {
            content: "The proposed goal is on the plan",
            trigger: "div[name='goal_ids'] .o_data_row:contains(Reach Expert in POP Lean)",
        },
    ],
});
