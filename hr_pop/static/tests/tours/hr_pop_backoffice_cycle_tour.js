/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The manager takes a draft plan through the cycle by clicking: plans the
// conversation date, invites, starts the conversation and submits the plan (its
// SMART goal is there) for signature.
// Started by hr_pop/tests/test_hr_pop_backoffice.py on a draft plan without a date.

import { registry } from "@web/core/registry";

const { DateTime } = luxon;

registry.category("web_tour.tours").add("hr_pop_manager_cycle_tour", {
    steps: () => [
        {
            content: "A draft plan",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Draft)",
        },
        {
            content: "Plan the conversation in a month",
            trigger: "div[name='meeting_date'] input",
            run: `edit ${DateTime.now().plus({ days: 30 }).toFormat("MM/dd/yyyy 10:00:00")}`,
        },
        {
            content: "Invite (the form is saved first)",
            trigger: ".o_statusbar_buttons button[name='action_invite']",
            run: "click",
        },
        {
            content: "Invited",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Invited)",
        },
        {
            content: "Hold the conversation",
            trigger: ".o_statusbar_buttons button[name='action_start_meeting']",
            run: "click",
        },
        {
            content: "In conversation",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Conversation)",
        },
        {
            content: "Submit the plan for signature",
            trigger: ".o_statusbar_buttons button[name='action_submit']",
            run: "click",
        },
        {
            content: "The plan waits for signatures",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(To Sign)",
        },
    ],
});
