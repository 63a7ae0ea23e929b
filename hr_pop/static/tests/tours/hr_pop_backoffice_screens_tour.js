/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// What the back-office screens show: lists whose references and badges are not cut
// off, kanban cards with the manager and the conversation, times without seconds,
// titled cancel and refuse dialogs, HR's settings, the employee's own plans.
// Started by hr_pop/tests/test_hr_pop_screens.py.

import { registry } from "@web/core/registry";

// A conversation at hh:30 (see the test): shown as "hh:30", never "hh:30:00".
const WITHOUT_SECONDS = ":contains(:30):not(:contains(:30:00))";

function notCutOff(selector) {
    return {
        content: `Nothing cut off in ${selector}`,
        trigger: selector,
        run() {
            for (const cell of document.querySelectorAll(selector)) {
                if (cell.scrollWidth > cell.clientWidth + 1) {
                    throw new Error(`Cut off: "${cell.textContent.trim()}" in ${selector}`);
                }
            }
        },
    };
}

registry.category("web_tour.tours").add("hr_pop_manager_screens_tour", {
    steps: () => [
        {
            content: "The plans list shows Emma's conversation without seconds",
            trigger: `.o_list_view .o_data_row:contains(Emma Employee) td[name='meeting_date']${WITHOUT_SECONDS}`,
        },
        notCutOff(".o_list_view .o_data_row td[name='name']"),
        notCutOff(".o_list_view .o_data_row td[name='state'] .badge"),
        {
            content: "Switch to the cards",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "Emma's card names her manager and the conversation, without seconds",
            trigger: `.o_kanban_record:contains(Emma Employee):contains(Mark Manager)${WITHOUT_SECONDS}`,
        },
        {
            content: "Open Emma's plan",
            trigger: ".o_kanban_record:contains(Emma Employee)",
            run: "click",
        },
        {
            content: "The form shows the conversation without seconds",
            trigger: "div[name='meeting_date'] input",
            run() {
                if (!/\d\d:30$/.test(this.anchor.value)) {
                    throw new Error(`Conversation shown as "${this.anchor.value}"`);
                }
            },
        },
        {
            content: "Cancel the plan",
            trigger: ".o_statusbar_buttons button:contains(Cancel)",
            run: "click",
        },
        {
            content: "The dialog says what it does",
            trigger: ".modal .modal-title:contains(Cancel Development Plan)",
        },
        {
            content: "Give the reason",
            trigger: ".modal div[name='reason'] textarea",
            run: "edit Emma moves to another company",
        },
        {
            trigger: ".modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The plan is cancelled",
            trigger:
                "body:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current:contains(Cancelled)",
        },
    ],
});

registry.category("web_tour.tours").add("hr_pop_hr_refuse_tour", {
    steps: () => [
        {
            content: "Refuse Emma's plan from its row",
            trigger: ".o_data_row:contains(Emma Employee) button:contains(Refuse)",
            run: "click",
        },
        {
            content: "The dialog says what it does",
            trigger: ".modal .modal-title:contains(Refuse Development Plan)",
        },
        {
            trigger: ".modal div[name='reason'] textarea",
            run: "edit The budget of this year is spent",
        },
        {
            trigger: ".modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Refused: nothing waits any more",
            trigger: "body:not(:has(.modal)) .o_list_view:not(:has(.o_data_row))",
        },
    ],
});

registry.category("web_tour.tours").add("hr_pop_hr_settings_tour", {
    steps: () => [
        {
            content: "Open the development plans menu",
            trigger: ".o_menu_sections [data-menu-xmlid='hr_pop.hr_pop_menu_root']",
            run: "click",
        },
        {
            content: "Open the settings",
            trigger: ".dropdown-item[data-menu-xmlid='hr_pop.hr_pop_menu_config_settings']",
            run: "click",
        },
        {
            content: "The POP settings of my company",
            trigger: ".o_form_view h1:contains(Development Plan Settings)",
        },
        {
            content: "Raise the approval threshold",
            trigger: "div[name='pop_approval_threshold'] input",
            run: "edit 2500",
        },
        {
            content: "Remind about signatures after 3 days",
            trigger: "div[name='pop_signature_reminder_days'] input",
            run: "edit 3",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
        },
        {
            trigger: "div[name='pop_approval_threshold'] input:value(/2,500.00/)",
        },
    ],
});

registry.category("web_tour.tours").add("hr_pop_employee_my_plans_tour", {
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Employees app",
            trigger: ".o_app[data-menu-xmlid='hr.menu_hr_root']",
            run: "click",
        },
        {
            content: "Open the development plans menu",
            trigger: ".o_menu_sections [data-menu-xmlid='hr_pop.hr_pop_menu_root']",
            run: "click",
        },
        {
            content: "Open my plans",
            trigger: ".dropdown-item[data-menu-xmlid='hr_pop.hr_pop_menu_my']",
            run: "click",
        },
        {
            content: "My plan is listed",
            trigger: ".o_list_view .o_data_row:contains(Emma Employee)",
        },
        {
            content: "Only mine",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Erik Employee)))",
        },
        {
            content: "Open it",
            trigger: ".o_data_row:contains(Emma Employee) td[name='name']",
            run: "click",
        },
        {
            content: "I read it, with its goal",
            trigger: ".o_form_view .o_form_readonly, .o_form_view .o_form_sheet",
        },
        {
            trigger: ".o_notebook .nav-link[name='goals']",
            run: "click",
        },
        {
            trigger: "div[name='goal_ids'] .o_data_row:contains(Lead an improvement project)",
        },
        {
            content: "My profile leads there too",
            trigger: ".o_user_menu button",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu='settings']",
            run: "click",
        },
        {
            content: "Open my plans from my profile",
            trigger: ".oe_stat_button:contains(Development Plans)",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb:contains(My Development Plans)",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Emma Employee)",
        },
    ],
});
