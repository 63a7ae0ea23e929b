/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Run by hr_pop/tests/test_hr_pop_employee_request.py as the portal employee.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_pop_employee_request_tour", {
    steps: () => [
        {
            content: "Ask for a development conversation",
            trigger: "a.o_hr_pop_request_button:contains(Request a development conversation)",
            run: "click",
        },
        {
            content: "Say why",
            trigger: ".o_hr_pop_request_form textarea[name='motivation']",
            run: "edit I want to learn to lead projects.",
        },
        {
            content: "Propose a first goal",
            trigger: ".o_hr_pop_request_form input[name='goal_name_0']",
            run: "edit Project management course",
        },
        {
            content: "Its category",
            trigger: ".o_hr_pop_request_form select[name='goal_category_0']",
            run: "select job",
        },
        {
            content: "Send the request",
            trigger: ".o_hr_pop_request_send",
            run: "click",
        },
        {
            content: "The request is confirmed",
            trigger: ".o_hr_pop_request_message:contains(Your request has been sent)",
        },
        {
            content: "And listed as waiting for the manager, the goal his own",
            trigger: ".o_hr_pop_request_requested .o_hr_pop_request_goal_private",
        },
    ],
});
