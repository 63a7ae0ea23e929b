/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// These tours rely on the data created by hr_pop/tests/test_hr_pop_portal.py.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_pop_portal_prepare_tour", {
    steps: () => [
        {
            content: "The e-mail link opens the plan",
            trigger: "#pop_info h3:contains(Development Plan of Sanne Jansen)",
        },
        {
            content: "Answer the first preparation question",
            trigger: ".o_hr_pop_preparation_form textarea[name^='answer_']:eq(0)",
            run: "edit I want to learn to plan projects",
        },
        {
            content: "Answer the second preparation question",
            trigger: ".o_hr_pop_preparation_form textarea[name^='answer_']:eq(1)",
            run: "edit A course in project planning",
        },
        {
            content: "Save the answers as a draft",
            trigger: ".o_hr_pop_save",
            run: "click",
        },
        {
            content: "The draft is saved",
            trigger: ".o_hr_pop_message:contains(saved as a draft)",
        },
        {
            content: "The saved answer is shown again",
            trigger:
                ".o_hr_pop_preparation_form textarea[name^='answer_']:eq(0):value(I want to learn to plan projects)",
        },
        {
            content: "Submit the preparation",
            trigger: ".o_hr_pop_submit",
            run: "click",
        },
        {
            content: "Submitting is final: a dialog asks first",
            trigger: "#modal_pop_submit.show .o_hr_pop_submit_confirm:contains(can no longer change)",
        },
        {
            content: "Go back to the answers instead (it has the focus once open)",
            trigger: "#modal_pop_submit.show .o_hr_pop_submit_cancel:focus",
            run: "click",
        },
        {
            content: "Nothing was submitted: the form is still open",
            trigger: "body:not(:has(#modal_pop_submit.show)) .o_hr_pop_preparation_form textarea[name^='answer_']:eq(1):value(A course in project planning)",
        },
        {
            trigger: "body:not(:has(.o_hr_pop_message:contains(preparation is submitted)))",
        },
        {
            content: "Submit again",
            trigger: ".o_hr_pop_submit",
            run: "click",
        },
        {
            content: "The dialog is open again",
            trigger: "#modal_pop_submit.show .o_hr_pop_submit_cancel:focus",
        },
        {
            content: "And confirm",
            trigger: "#modal_pop_submit.show .o_hr_pop_submit_confirmed",
            run: "click",
        },
        {
            content: "The preparation is submitted and read-only",
            trigger: ".o_hr_pop_message:contains(preparation is submitted)",
        },
        {
            trigger: ".o_hr_pop_answers dd:contains(A course in project planning)",
        },
        {
            trigger: "body:not(:has(.o_hr_pop_preparation_form))",
        },
        {
            content: "Share the answers as agenda points",
            trigger: ".o_hr_pop_share",
            run: "click",
        },
        {
            content: "The answers are shared",
            trigger: ".o_hr_pop_message:contains(shared with your manager)",
        },
        {
            content: "Write to the manager in the chatter",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit Can we also talk about my working hours?",
        },
        {
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The message is posted",
            trigger:
                "#chatterRoot:shadow .o-mail-Message:contains(Can we also talk about my working hours?)",
        },
    ],
});

registry.category("web_tour.tours").add("hr_pop_portal_sign_tour", {
    steps: () => [
        {
            content: "The manager's agenda points are shown",
            trigger: ".o_hr_pop_manager_agenda:contains(Sanne plans well)",
        },
        {
            content: "Open the signature dialog",
            trigger: ".o_hr_pop_sign_button",
            run: "click",
        },
        {
            content: "Sign as seen, not agreed",
            trigger: "#modal_pop_sign #pop_decision_seen",
            run: "click",
        },
        {
            content: "Add an objection",
            trigger: "#modal_pop_sign textarea[name='comment']",
            run: "edit The training budget is too small",
        },
        {
            content: "The signer's name is filled in",
            trigger: ".modal .o_web_sign_name_and_signature input:value(Sanne Jansen)",
        },
        {
            content: "Choose a signature style",
            trigger: ".modal .o_web_sign_auto_select_style button",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item:eq(1)",
            run: "click",
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "The signature is confirmed",
            trigger: ".o_hr_pop_message:contains(You have signed)",
        },
        {
            content: "The signature is shown on the plan",
            trigger: ".o_hr_pop_employee_signature img[src^='data:image/png']",
        },
        {
            trigger: ".o_hr_pop_employee_signature:contains(The training budget is too small)",
        },
        {
            trigger: "body:not(:has(.o_hr_pop_sign_button))",
        },
    ],
});

registry.category("web_tour.tours").add("hr_pop_portal_home_tour", {
    steps: () => [
        {
            content: "The development plans tile shows its icon and the number of plans",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/pops'] img[src='/hr_pop/static/src/img/portal_pop.svg']",
        },
        {
            trigger: ".o_portal_index_card a[href='/my/pops'] .o_hr_pop_home_count:contains(1)",
        },
        {
            content: "The portal home lists the development plans",
            trigger: ".o_portal_my_home a[href='/my/pops']:contains(Development Plans)",
            run: "click",
        },
        {
            content: "The list shows the employee's plan with its PDF",
            trigger: ".o_portal_my_doc_table tr:has(a.o_hr_pop_pdf) td:first-child a",
            run: "click",
        },
        {
            content: "The plan opens",
            trigger: "#pop_info h3:contains(Development Plan of Paul Portal)",
        },
        {
            content: "The goals and activities are shown with their cost",
            trigger: ".o_hr_pop_goal_group:contains(Lean Six Sigma Yellow Belt)",
        },
        {
            trigger: ".o_hr_pop_total",
        },
        {
            content: "The PDF can be downloaded",
            trigger: "#sidebar_content a.o_hr_pop_pdf",
        },
    ],
});

registry.category("web_tour.tours").add("hr_pop_portal_denied_tour", {
    steps: () => [
        {
            content: "Another employee's plan is refused with an explanation",
            trigger: ".o_hr_pop_link_error h1",
        },
        {
            content: "The page says whom to ask",
            trigger: ".o_hr_pop_link_error .o_hr_pop_hr_contact",
        },
        {
            trigger: "body:not(:has(#pop_info))",
        },
        {
            content: "Back to the employee's own plans",
            trigger: ".o_hr_pop_link_error a.o_hr_pop_my_pops",
            run: "click",
        },
        {
            trigger: ".o_portal_my_doc_table, .alert:contains(no development plans)",
        },
    ],
});
