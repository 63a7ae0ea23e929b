/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// "Start POP Round" from the plans list: HR for any department, a manager for his.
// Started by hr_pop/tests/test_hr_pop_screens.py.

import { registry } from "@web/core/registry";

function openRound() {
    return [
        {
            content: "Start a POP round",
            trigger: ".o_control_panel button:contains(Start POP Round)",
            run: "click",
        },
        {
            content: "The round dialog opens",
            trigger: ".modal .modal-title:contains(Start POP Round)",
        },
    ];
}

function chooseDepartment(search, name) {
    return [
        {
            content: `Look for ${search}`,
            trigger: ".modal div[name='department_id'] input",
            run: `edit ${search}`,
        },
        {
            content: `Choose ${name}`,
            trigger: `.o-autocomplete--dropdown-item a:contains(/^${name}$/)`,
            run: "click",
        },
    ];
}

function createPlans() {
    return [
        {
            content: "Create the plans",
            trigger: ".modal-footer button[name='action_start']",
            run: "click",
        },
        {
            content: "The round is started",
            trigger: ".o_notification:contains(POP round started)",
        },
    ];
}

registry.category("web_tour.tours").add("hr_pop_hr_round_tour", {
    steps: () => [
        ...openRound(),
        ...chooseDepartment("POP Other", "POP Other Team"),
        {
            content: "Its employees are listed",
            trigger: ".modal div[name='line_ids'] .o_data_row:contains(Olivia Other)",
        },
        {
            content: "Plan Olivia's conversation",
            trigger:
                ".modal div[name='line_ids'] .o_data_row:contains(Olivia Other) td[name='meeting_date']",
            run: "click",
        },
        {
            trigger: ".modal div[name='line_ids'] .o_selected_row td[name='meeting_date'] input",
            run: "edit 06/15/2031 10:00",
        },
        {
            content: "Close the date picker",
            trigger: ".modal .modal-title",
            run: "click",
        },
        ...createPlans(),
        {
            content: "One plan is one plan",
            trigger: ".o_notification:contains(Created the plan of Olivia Other.)",
        },
    ],
});

registry.category("web_tour.tours").add("hr_pop_manager_round_tour", {
    steps: () => [
        ...openRound(),
        {
            content: "Look for the departments",
            trigger: ".modal div[name='department_id'] input",
            run: "edit POP",
        },
        {
            content: "My department is offered",
            trigger: ".o-autocomplete--dropdown-item a:contains(/^POP Team$/)",
        },
        {
            content: "A department I do not manage is not",
            trigger: ".o-autocomplete--dropdown-menu:not(:has(a:contains(POP Other Team)))",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(/^POP Team$/)",
            run: "click",
        },
        {
            content: "My team is listed",
            trigger: ".modal div[name='line_ids'] .o_data_row:contains(Emma Employee)",
        },
        {
            content: "Not myself",
            trigger: ".modal div[name='line_ids']:not(:has(.o_data_row:contains(Mark Manager)))",
        },
        {
            content: "Add someone by hand",
            trigger: ".modal div[name='line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal div[name='line_ids'] .o_selected_row td[name='employee_id'] input",
            run: "edit ma",
        },
        {
            content: "My team member is offered, I myself am not",
            trigger:
                ".o-autocomplete--dropdown-menu:has(a:contains(Emma Employee)):not(:has(a:contains(Mark Manager)))",
        },
        {
            trigger: ".modal div[name='line_ids'] .o_selected_row td[name='employee_id'] input",
            run: "edit o",
        },
        {
            content: "Nor is someone of another department",
            trigger:
                ".o-autocomplete--dropdown-menu:has(a:contains(Paul Portal)):not(:has(a:contains(Olivia Other)))",
        },
        {
            trigger: ".modal div[name='line_ids'] .o_selected_row td[name='employee_id'] input",
            run: "clear",
        },
        {
            content: "Leave the empty row",
            trigger: ".modal .modal-title",
            run: "click",
        },
        {
            trigger: ".modal div[name='line_ids']:not(:has(.o_selected_row))",
        },
        ...createPlans(),
        {
            content: "It says how many",
            trigger: ".o_notification:contains(Created 3 plans)",
        },
    ],
});
