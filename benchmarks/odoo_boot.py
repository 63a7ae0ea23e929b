# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load Odoo as a library in a benchmark subprocess (never in the orchestrator).

The configuration is the project's own ``.local/odoo.conf`` (``$ODOO_CONF``, written
by ``tools/setup.sh``), with the benchmark database and, for the invitation round,
an SMTP port on which nothing listens: no mail can leave the machine, and an SMTP
attempt fails at once (and is counted, see ``count_smtp``).
"""

import os
import smtplib
import sys

ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo/18.0")
if ODOO_SRC not in sys.path:
    sys.path.insert(0, ODOO_SRC)

import odoo  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402

SMTP_CONNECTS = [0]


def boot(db, smtp_port=None, log_level="warn", logfile=None):
    """Parse the project's config for ``db`` and return its registry."""
    args = ["-c", os.environ["ODOO_CONF"], "-d", db, f"--log-level={log_level}"]
    if smtp_port:
        args += ["--smtp=127.0.0.1", f"--smtp-port={smtp_port}"]
    if logfile:
        args += [f"--logfile={logfile}"]
    odoo.tools.config.parse_config(args)
    odoo.netsvc.init_logger()
    return Registry(db)


def count_smtp():
    """Count every SMTP connection attempt of this process (``SMTP_CONNECTS``)."""
    original = smtplib.SMTP.connect

    def connect(self, *args, **kwargs):
        SMTP_CONNECTS[0] += 1
        return original(self, *args, **kwargs)

    smtplib.SMTP.connect = connect


def sql_count():
    """Queries executed so far by every cursor of this process."""
    return odoo.sql_db.sql_counter


def peak_rss_mb():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb():
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024
