/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The manager signs a plan in the back office: the sign dialog, his signature drawn
// from his name, and the chatter says what comes next.
// Started by hr_pop/tests/test_hr_pop_screens.py on a plan to sign.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_pop_manager_sign_tour", {
    steps: () => [
        {
            content: "The plan waits for signatures",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(To Sign)",
        },
        {
            content: "Sign",
            trigger: ".o_statusbar_buttons button[name='action_open_sign_wizard']",
            run: "click",
        },
        {
            content: "The sign dialog shows what is signed",
            trigger: ".modal .modal-title:contains(Sign the Development Plan)",
        },
        {
            trigger: ".modal div[name='total_cost']:contains(100.00)",
        },
        {
            content: "A manager agrees: no decision to choose",
            trigger: ".modal .o_form_view:not(:has(div[name='decision']))",
        },
        {
            content: "The name is the manager's",
            trigger: ".modal div[name='signer_name'] input:value(Mark Manager)",
        },
        {
            content: "Open the signature pad",
            trigger: ".modal div[name='signature'] .o_signature",
            run: "click",
        },
        {
            content: "The signature is drawn from the name",
            trigger: ".modal .o_web_sign_name_and_signature .o_web_sign_auto_button.active",
        },
        {
            content: "Adopt the signature",
            trigger: ".modal .modal-footer button.btn-primary:contains(Adopt):enabled",
            run: "click",
        },
        {
            content: "The signature is in the dialog",
            trigger: ".modal div[name='signature'] img.o_signature",
        },
        {
            content: "Sign the plan",
            trigger: ".modal-footer button[name='action_sign']",
            run: "click",
        },
        {
            content: "The chatter says who signed and what comes next",
            trigger:
                "body:not(:has(.modal)) .o-mail-Message:contains(Signed by Mark Manager):contains(Now waiting for the employee's signature)",
        },
        {
            content: "The manager cannot sign twice",
            trigger: ".o_statusbar_buttons:not(:has(button[name='action_open_sign_wizard']))",
        },
    ],
});
