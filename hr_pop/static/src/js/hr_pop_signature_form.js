/** @odoo-module **/
// Copyright 2026 hr_pop authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import "@portal/signature_form/signature_form";
import { rpcBus } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { patch } from "@web/core/utils/patch";

const SignatureForm = registry.category("public_components").get("portal.signature_form");

/**
 * The development plan's signature dialog (.o_hr_pop_sign) holds, next to Odoo's
 * signature form, the employee's decision (agree or "voor gezien"), comment and the
 * content hash of the plan he read.
 * They are added to the JSON request the signature form sends, so that the
 * signature, decision and comment are stored together or not at all.
 */
function getPopSignParams(el) {
    const dialog = el && el.closest(".o_hr_pop_sign");
    if (!dialog) {
        return null;
    }
    return {
        decision: dialog.querySelector("input[name='decision']:checked")?.value || null,
        comment: dialog.querySelector("textarea[name='comment']")?.value || "",
        // The plan as the employee read it: refused if it changed since.
        content_hash: dialog.querySelector("input[name='content_hash']")?.value || null,
    };
}

patch(SignatureForm.prototype, {
    onClickSubmit() {
        const extraParams = getPopSignParams(this.rootRef.el);
        if (!extraParams) {
            return super.onClickSubmit(...arguments);
        }
        const callUrl = this.props.callUrl;
        const addParams = ({ detail }) => {
            if (detail.url === callUrl) {
                Object.assign(detail.data.params, extraParams);
            }
        };
        rpcBus.addEventListener("RPC:REQUEST", addParams);
        try {
            // The request is sent synchronously, before the first await.
            return super.onClickSubmit(...arguments);
        } finally {
            rpcBus.removeEventListener("RPC:REQUEST", addParams);
        }
    },
});
