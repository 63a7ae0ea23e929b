/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

/**
 * The dialog that confirms the submission of the preparation (#modal_pop_submit):
 * once it is open, "Keep Editing" has the focus, so that Enter or Space never submits
 * by accident; submitting takes a deliberate click on "Submit".
 */
document.addEventListener("shown.bs.modal", (ev) => {
    if (ev.target.id === "modal_pop_submit") {
        ev.target.querySelector(".o_hr_pop_submit_cancel")?.focus();
    }
});
