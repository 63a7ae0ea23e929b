/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The manager records the employee's signature given on paper: the dialog, the
// scan uploaded, and the chatter says it was signed on paper and who recorded it.
// Started by hr_pop/tests/test_hr_pop_paper_signature.py on a plan to sign.

import { registry } from "@web/core/registry";

// "%PDF-1.4 ..." as a scanner writes it: the test checks the same bytes.
const PDF_SCAN_BASE64 = btoa("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

registry.category("web_tour.tours").add("hr_pop_paper_signature_tour", {
    steps: () => [
        {
            content: "The plan waits for signatures",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(To Sign)",
        },
        {
            content: "Record the signature given on paper",
            trigger: ".o_statusbar_buttons button[name='action_open_paper_signature_wizard']",
            run: "click",
        },
        {
            content: "The dialog records a paper signature",
            trigger: ".modal .modal-title:contains(Record Paper Signature)",
        },
        {
            content: "It is the employee's signature that is missing",
            trigger: ".modal div[name='role'] input[data-value='employee']:checked",
        },
        {
            content: "The name is the employee's",
            trigger: ".modal div[name='signer_name'] input:value(Emma Employee)",
        },
        {
            content: "Upload the scan of the signed plan",
            trigger: ".modal div[name='scan']",
            async run() {
                const input = this.anchor.querySelector("input[type='file']");
                const blob = await (
                    await fetch(`data:application/pdf;base64,${PDF_SCAN_BASE64}`)
                ).blob();
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File([blob], "emma-signed.pdf", { type: "application/pdf" })
                );
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The scan is in the dialog",
            trigger: ".modal div[name='scan'] input.o_input:value(emma-signed.pdf)",
        },
        {
            content: "Record it",
            trigger: ".modal-footer button[name='action_record']",
            run: "click",
        },
        {
            content: "The chatter says it was signed on paper and who recorded it",
            trigger:
                "body:not(:has(.modal)) .o-mail-Message:contains(Signed on paper by Emma Employee (recorded by Mark Manager))",
        },
    ],
});
