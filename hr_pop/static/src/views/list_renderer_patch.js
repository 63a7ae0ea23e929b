/** @odoo-module **/
// A row of an editable list is still being edited when the user clicks another
// notebook tab (on a plan: type a goal, then open "Activities"). Odoo 18 then
// refocuses the row one tick after the last render, when the page and its table
// are already gone, and shows "Oops! Something went wrong" (TypeError in
// focusCell). Later Odoo releases skip that refocus for a destroyed list; until
// this Odoo has it, do the same here: nothing to focus without a table.
import { status } from "@odoo/owl";
import { patch } from "@web/core/utils/patch";
import { ListRenderer } from "@web/views/list/list_renderer";

patch(ListRenderer.prototype, {
    focusCell(column, forward = true) {
        if (status(this) === "destroyed" || !this.tableRef.el) {
            return;
        }
        return super.focusCell(column, forward);
    },
});
