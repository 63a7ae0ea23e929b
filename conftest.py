"""Project-wide pytest hooks: a skipped test did not run, so it fails the run.

Odoo silently skips browser tests without Chromium or websocket-client; this makes
that visible.
"""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped:
        reason = (
            report.longrepr[2]
            if isinstance(report.longrepr, tuple)
            else report.longrepr
        )
        report.outcome = "failed"
        report.longrepr = f"skipped tests count as failures here: {reason}"
