# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Summarise the profile of one batch of the invitation round.

    python benchmarks/report_profile.py PROFILE.prof BREAKDOWN.json

Prints where the time goes (cProfile: hr_pop's own functions, the callees of
``action_invite``, the costliest Odoo functions) and where the queries go (by the
chain of hr_pop functions that asked, and by statement and table).
"""

import json
import os
import pstats
import sys

ADDON = os.sep + "hr_pop" + os.sep


def label(func):
    filename, line, name = func
    if ADDON in filename:
        return f"hr_pop/{filename.split(ADDON, 1)[1]}:{name}"
    if "/odoo/" in filename:
        return f"{filename.split('/odoo/')[-1]}:{name}"
    return f"{os.path.basename(filename)}:{name}"


def main():
    prof, breakdown_path = sys.argv[1], sys.argv[2]
    stats = pstats.Stats(prof)
    with open(breakdown_path) as f:
        breakdown = json.load(f)
    result = breakdown["result"]
    plans = max(1, result["invitations"])
    total = stats.total_tt
    print(
        f"   one cron batch: {result['invitations']} plans invited in "
        f"{result['seconds']:.1f} s under cProfile "
        f"({1000 * result['seconds'] / plans:.0f} ms per plan), "
        f"{result['queries']} queries ({result['queries'] / plans:.1f} "
        f"per plan), {result['smtp_attempts']} SMTP attempts, "
        f"{result['mails']} mails {result['mails_by_state']}"
    )
    entries = stats.stats  # func -> (cc, nc, tt, ct, callers)
    own = sorted(
        ((func, v) for func, v in entries.items() if ADDON in func[0]),
        key=lambda item: -item[1][3],
    )
    print("\n   time by hr_pop function (cumulative, % of the batch):")
    for func, (_cc, nc, _tt, ct, _callers) in own[:16]:
        print(f"   {100 * ct / total:5.1f}%  {ct:7.2f} s  {nc:6d} calls  {label(func)}")
    stats.calc_callees()
    for target in ("action_invite", "_send", "_schedule_activity"):
        funcs = [f for f in entries if f[2] == target and ADDON in f[0]]
        if not funcs:
            continue
        callees = stats.all_callees.get(funcs[0], {})
        rows = []
        for callee, value in callees.items():
            # value: (cc, nc, tt, ct) for this caller -> callee edge
            rows.append((value[3], value[1], callee))
        rows.sort(reverse=True)
        print(f"\n   inside {target} (cumulative time of each call it makes):")
        for ct, nc, callee in rows[:10]:
            print(
                f"   {100 * ct / total:5.1f}%  {ct:7.2f} s  {nc:6d} calls  "
                f"{label(callee)}"
            )
    others = sorted(
        (
            (func, v)
            for func, v in entries.items()
            if ADDON not in func[0]
            and "/odoo/" in func[0]
            and func[2]
            in {
                "send_mail",
                "send_mail_batch",
                "_render_field",
                "_render",
                "_compile",
                "message_notify",
                "_notify_thread_by_email",
                "send",
                "send_emails_with_new_cursor",
                "activity_schedule",
                "message_subscribe",
                "message_post",
                "create",
                "flush_all",
                "_generate_template",
                "_render_template_qweb",
                "_render_encapsulate",
                "html_sanitize",
                "_portal_ensure_token",
                "connect",
                "_send",
                "commit",
            }
        ),
        key=lambda item: -item[1][3],
    )
    print("\n   Odoo functions on the way (cumulative, nested in each other):")
    for func, (_cc, nc, _tt, ct, _callers) in others[:14]:
        print(f"   {100 * ct / total:5.1f}%  {ct:7.2f} s  {nc:6d} calls  {label(func)}")
    print("\n   queries by caller (hr_pop chain : Odoo call), per plan:")
    for path, count in breakdown["by_path"][:18]:
        print(f"   {count / plans:7.2f}  {path}")
    print("\n   queries by statement and table, per plan:")
    for path, count in breakdown["by_table"][:16]:
        print(f"   {count / plans:7.2f}  {path}")
    print("\n   the most frequent (caller, statement) pairs, per plan:")
    for path, table, count in breakdown.get("by_path_table", [])[:14]:
        print(f"   {count / plans:7.2f}  {table:32} {path}")
    print(
        "   (a query the ORM defers to a flush counts for whoever flushed: a "
        "savepoint's end, a search)"
    )


if __name__ == "__main__":
    main()
