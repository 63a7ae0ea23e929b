# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""hr_pop installs cleanly on a fresh production-like database (no demo data).

The Odoo tests run on the demo database that tools/test.sh builds; this test installs
hr_pop once more in a subprocess, on a database of its own without demo data, the way
a customer installs it. It reads ODOO_BIN, ODOO_CONF and VENV from tools/setup.sh
(`make test` sources it) and drops its database afterwards.
"""

import os
import re
import shutil
import subprocess
import uuid
from contextlib import closing

import odoo
from odoo.tools import SQL

ERROR_LINE = re.compile(r" (ERROR|CRITICAL) ")
INSTALL_TIMEOUT = 1200  # seconds; a cold install takes about a minute on 2 cores


def _setup_env(name):
    value = os.environ.get(name)
    assert value, f"{name} is not set: run the tests with `make test` (tools/setup.sh)"
    return value


def _query(db_name, query, params=None):
    with closing(odoo.sql_db.db_connect(db_name).cursor()) as cr:
        cr.execute(query, params)
        return cr.fetchall()


def _drop_database(db_name):
    """Drop the database and its filestore (odoo's exp_drop only sees db_name here)."""
    odoo.sql_db.close_db(db_name)
    with closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True  # DROP DATABASE cannot run inside a transaction
        cr.execute(
            SQL("DROP DATABASE IF EXISTS %s WITH (FORCE)", SQL.identifier(db_name))
        )
    shutil.rmtree(odoo.tools.config.filestore(db_name), ignore_errors=True)


def test_hr_pop_installs_without_demo_data_and_without_errors():
    python = os.path.join(_setup_env("VENV"), "bin", "python")
    odoo_bin = _setup_env("ODOO_BIN")
    odoo_conf = _setup_env("ODOO_CONF")
    prefix = os.environ.get("HR_POP_TEST_DB", "hr_pop_test")
    db_name = f"{prefix}_nodemo_{uuid.uuid4().hex[:8]}"
    command = [
        python,
        odoo_bin,
        "-c",
        odoo_conf,
        "-d",
        db_name,
        "-i",
        "hr_pop",
        "--without-demo=all",
        "--stop-after-init",
        "--log-level=info",
    ]
    try:
        result = subprocess.run(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=INSTALL_TIMEOUT,
            check=False,
        )
        log = result.stdout
        errors = [line for line in log.splitlines() if ERROR_LINE.search(line)]
        assert (
            result.returncode == 0
        ), f"odoo-bin exited with {result.returncode}:\n{log[-4000:]}"
        assert not errors, "errors in the install log:\n" + "\n".join(errors[:20])

        [(state, demo)] = _query(
            db_name, "SELECT state, demo FROM ir_module_module WHERE name = 'hr_pop'"
        )
        assert state == "installed"
        assert not demo, "hr_pop was installed with demo data"
        demo_plans = _query(
            db_name,
            "SELECT name FROM ir_model_data"
            " WHERE module = 'hr_pop' AND model = 'hr.pop'",
        )
        assert demo_plans == [], f"demo plans in a database without demo: {demo_plans}"
        data = {
            name
            for (name,) in _query(
                db_name, "SELECT name FROM ir_model_data WHERE module = 'hr_pop'"
            )
        }
        for xmlid in (
            "seq_hr_pop",
            "group_pop_user",
            "group_pop_manager",
            "group_pop_admin",
        ):
            assert xmlid in data, f"hr_pop.{xmlid} is missing after install"
    finally:
        _drop_database(db_name)
    left = _query("postgres", "SELECT 1 FROM pg_database WHERE datname = %s", [db_name])
    assert not left, f"{db_name} was not dropped"
    assert not os.path.exists(odoo.tools.config.filestore(db_name))
