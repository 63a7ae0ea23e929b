/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// HR approves a signed plan from the "To Approve" list, like a time off request.
// Started by hr_pop/tests/test_hr_pop_backoffice.py with one plan waiting for HR.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_pop_hr_approve_tour", {
    steps: () => [
        {
            content: "The list opens on the plans waiting for my approval",
            trigger: ".o_searchview .o_facet_value:contains(Waiting for My Approval)",
        },
        {
            content: "The plan of Emma is there, with its cost",
            trigger: ".o_data_row:contains(Emma Employee):contains(1,500.00)",
        },
        {
            content: "Approve it from its row",
            trigger: ".o_data_row:contains(Emma Employee) button[name='action_approve']:visible",
            run: "click",
        },
        {
            content: "Approved: nothing waits any more",
            trigger: ".o_list_view:not(:has(.o_data_row))",
        },
    ],
});
