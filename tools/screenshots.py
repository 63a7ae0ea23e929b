# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Take the README's screenshots from a running demo Odoo in headless Chromium.

Usage: python tools/screenshots.py BASE_URL OUTDIR (tools/screenshots.sh runs it).
"""

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"


def session(browser, base, login):
    """A new browser context logged in as ``login``, and its page."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/web/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", login)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/(odoo|my).*"))
    return context, page


def shoot(page, selector, path):
    """Screenshot ``page`` once ``selector`` is shown and the page has settled."""
    page.wait_for_selector(selector)
    time.sleep(1)
    page.screenshot(path=path)


def plan_id(page, base, name):
    """The id of the demo plan of employee ``name``, read over JSON-RPC."""
    result = page.request.post(
        f"{base}/web/dataset/call_kw/hr.pop/search_read",
        data={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": "hr.pop",
                "method": "search_read",
                "args": [[["employee_id.name", "=", name], ["state", "=", "to_sign"]]],
                "kwargs": {"fields": ["id"], "limit": 1},
            },
        },
    ).json()
    return result["result"][0]["id"]


def main(base, out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)

        # The manager's plan form: the plan of Sanne, waiting for signatures.
        context, page = session(browser, base, "pop_manager")
        sanne = plan_id(page, base, "Sanne Jansen")
        page.goto(f"{base}/odoo/action-hr_pop.hr_pop_action/{sanne}")
        page.wait_for_selector(".o_form_view .o_notebook")
        page.click(".o_notebook .nav-link[name='activities']")
        shoot(page, "div[name='line_ids']", out / "backoffice-plan.png")
        context.close()

        # The employee's portal page with the signature dialog open.
        context, page = session(browser, base, "pop_employee")
        page.goto(f"{base}/my/pops/{sanne}")
        page.click("a[data-bs-target='#modal_pop_sign']")
        shoot(page, "#modal_pop_sign.show", out / "portal-sign.png")
        context.close()

        # HR: the dashboard, and the PDF of the plan.
        context, page = session(browser, base, "pop_hr")
        page.goto(f"{base}/odoo/action-hr_pop.hr_pop_dashboard_action")
        shoot(page, ".o_hr_pop_dashboard_states", out / "dashboard.png")
        pdf = page.request.get(f"{base}/report/pdf/hr_pop.report_hr_pop/{sanne}")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "plan.pdf"
            path.write_bytes(pdf.body())
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "70",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(path),
                    str(out / "pdf-first-page"),
                ],
                check=True,
            )
        context.close()
        browser.close()
    for name in sorted(out.glob("*.png")):
        print(name)


if __name__ == "__main__":
    main(*sys.argv[1:3])
