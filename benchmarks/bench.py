# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""hr_pop against Odoo's own, side by side in one run (issue 10).

    bash benchmarks/run.sh N          (make bench N=1000)

1. A fresh database ``hr_pop_bench_n<N>`` on the project's own PostgreSQL server:
   hr_pop (a copy taken at the start, so that the run measures one version while
   the checkout changes) and mass_mailing installed without demo data, then the data
   of ``generate.py`` (N employees due for their invitation, plans in every state).
2. The invitation round: hr_pop's invitation cron until nothing remains, against
   Odoo's own mass mailing of one mail of the same size to the same N employees
   (``round.py``, each side in its own process): time, queries, queries per
   employee, peak RSS, SMTP attempts, mails queued.
3. Odoo started by this command with ``--workers 2`` on 127.0.0.1 (its own HTTP and
   gevent ports, no cron): 10 concurrent clients (portal employees with plans, or
   the HR officer) for ``/my`` against ``/my/pops`` and ``/my/pops/<id>``, and the
   back-office plan list against the employee list; the signed plan's PDF against
   ``/my`` with one client (two PDFs at once hang both workers: wkhtmltopdf fetches
   the report's CSS from the same server). Queries and server time per request come
   from the server's access log.
4. The queries of ``/my/pops`` and ``/my/pops/<id>`` for a portal user with 1 plan
   against one with 20 plans, 12 goals and 36 activities.
5. With PROFILE=1: where one batch of the invitation round spends its time and
   queries (on a copy of the database), and a profile of the portal pages.

Every load loop is bounded in count and time; the databases are dropped at the end
unless KEEP=1. Prints every figure, then one ``BENCH <name>: key=value ...`` line per
comparison.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from load import Client, list_specification, read_access_log, run_phase  # noqa: E402


def run_json(command, timeout):
    """Run a benchmark subprocess; its last line of output is JSON."""
    out = subprocess.run(
        command, cwd=HERE, capture_output=True, text=True, timeout=timeout, check=False
    )
    if out.returncode:
        sys.stderr.write(out.stderr[-6000:])
        raise SystemExit(f"failed ({out.returncode}): {' '.join(command[1:3])}")
    return out.stdout


def log(message):
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


def env_float(name, default):
    value = os.environ.get(name)
    return float(value) if value else default


class Bench:
    def __init__(self, n, keep, profile):
        self.n = n
        self.keep = keep
        self.profile = profile
        self.python = os.path.join(os.environ["VENV"], "bin", "python")
        self.odoo_bin = os.environ["ODOO_BIN"]
        self.conf = os.environ["ODOO_CONF"]
        self.db = os.environ.get("BENCH_DB") or f"hr_pop_bench_n{n}"
        if not self.db.startswith("hr_pop_bench"):
            raise SystemExit("BENCH_DB must start with hr_pop_bench")
        self.profile_db = f"{self.db}_profile"
        self.workdir = ROOT / ".local" / "bench" / self.db
        self.filestore = ROOT / ".local" / "filestore" / "filestore"
        self.results = {}
        self.server = None
        # Bounds of every load phase (environment overrides for quick runs).
        self.clients = env_int("BENCH_CLIENTS", 10)
        self.phase_seconds = env_float("BENCH_PHASE_SECONDS", 5)
        self.phase_requests = env_int("BENCH_PHASE_REQUESTS", 150)
        self.rounds = env_int("BENCH_ROUNDS", 3)
        self.pdf_requests = env_int("BENCH_PDF_REQUESTS", 10)
        self.pdf_seconds = env_float("BENCH_PDF_SECONDS", 30)
        self.round_max_seconds = env_float("BENCH_ROUND_MAX_SECONDS", 3600)
        self.batch_size = env_int("BATCH_SIZE", 0) or None

    # --- databases ----------------------------------------------------------------
    def psql(self, database, sql):
        return subprocess.run(
            ["psql", "-X", "-At", "-d", database, "-c", sql],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def drop(self, db):
        assert db.startswith("hr_pop_bench")
        subprocess.run(["dropdb", "--if-exists", db], check=True)
        shutil.rmtree(self.filestore / db, ignore_errors=True)

    def snapshot(self):
        """Freeze hr_pop for the whole run: a copy of hr_pop/ on the addons path
        instead of the checkout, which others may change while this runs."""
        addons = self.workdir / "addons"
        shutil.rmtree(addons, ignore_errors=True)
        shutil.copytree(
            ROOT / "hr_pop",
            addons / "hr_pop",
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
        lines = []
        for line in Path(os.environ["ODOO_CONF"]).read_text().splitlines():
            if line.startswith("addons_path"):
                paths = [p.strip() for p in line.split("=", 1)[1].split(",")]
                paths = [str(addons) if Path(p) == ROOT else p for p in paths]
                line = "addons_path = " + ",".join(paths)
            lines.append(line)
        conf = self.workdir / "odoo.conf"
        conf.write_text("\n".join(lines) + "\n")
        self.conf = str(conf)
        # The subprocesses (odoo_boot) read the configuration from $ODOO_CONF.
        os.environ["ODOO_CONF"] = self.conf
        log(f"hr_pop frozen for this run in {addons} ({self.git})")

    def create_database(self):
        self.drop(self.db)
        template = os.environ.get("BENCH_TEMPLATE_DB")
        if template:
            # Development shortcut: a database with hr_pop and mass_mailing
            # installed (no demo), copied instead of installed again.
            log(f"copying {template} (BENCH_TEMPLATE_DB) to {self.db}")
            subprocess.run(["createdb", "-T", template, self.db], check=True)
            if (self.filestore / template).exists():
                shutil.copytree(self.filestore / template, self.filestore / self.db)
            return
        addons_path = next(
            line.split("=", 1)[1]
            for line in Path(self.conf).read_text().splitlines()
            if line.startswith("addons_path")
        )
        if not any(
            (Path(path.strip()) / "mass_mailing" / "__manifest__.py").exists()
            for path in addons_path.split(",")
        ):
            raise SystemExit(
                "mass_mailing is not on the addons path: the baseline needs it"
            )
        log(f"creating {self.db}: hr_pop and mass_mailing, without demo data")
        started = time.time()
        install_log = self.workdir / "install.log"
        subprocess.run(
            [
                self.python,
                self.odoo_bin,
                "-c",
                self.conf,
                "-d",
                self.db,
                "-i",
                "hr_pop,mass_mailing",
                "--without-demo=all",
                "--stop-after-init",
                "--max-cron-threads=0",
                f"--logfile={install_log}",
                "--log-level=warn",
            ],
            check=True,
            timeout=1800,
        )
        log(f"installed in {time.time() - started:.0f} s (log: {install_log})")

    def generate(self):
        log(f"generating the data for N={self.n}")
        out = run_json(
            [self.python, str(HERE / "generate.py"), self.db, str(self.n)], 3600
        )
        self.data = json.loads(out.strip().splitlines()[-1])
        data = self.data
        log(
            f"generated in {data['seconds']} s: {data['employees']} employees in "
            f"{data['departments']} departments, {data['plans']} plans "
            f"{data['plans_by_state']}, {data['goals']} goals, {data['lines']} "
            f"activities; {data['due_plans']} plans due for their invitation"
        )
        if self.profile:
            # A copy of the database as generated, for the profile of one batch.
            self.drop(self.profile_db)
            subprocess.run(["createdb", "-T", self.db, self.profile_db], check=True)

    # --- 2. the invitation round ---------------------------------------------------
    def run_round_side(self, side, db=None, extra=()):
        smtp_port = free_port()
        command = [
            self.python,
            str(HERE / "round.py"),
            db or self.db,
            side,
            "--n",
            str(self.n),
            "--tag-id",
            str(self.data["round_tag_id"]),
            "--smtp-port",
            str(smtp_port),
            "--max-seconds",
            str(self.round_max_seconds),
            "--logfile",
            str(self.workdir / f"round-{side}{'-profile' if extra else ''}.log"),
        ]
        if self.batch_size:
            command += ["--batch-size", str(self.batch_size)]
        out = run_json([*command, *extra], self.round_max_seconds + 600)
        return json.loads(out.strip().splitlines()[-1])

    def round_errors(self, side, profile=False):
        path = self.workdir / f"round-{side}{'-profile' if profile else ''}.log"
        if not path.exists():
            return 0
        return sum(
            1
            for line in path.read_text(errors="replace").splitlines()
            if " ERROR " in line or " CRITICAL " in line
        )

    def invitation_round(self):
        log("invitation round: Odoo's mass mailing (mass_mailing cron) ...")
        odoo = self.run_round_side("odoo")
        log(
            f"  Odoo:   {odoo['seconds']:.1f} s, {odoo['queries']} queries, "
            f"{odoo['invitations']} mails"
        )
        log("invitation round: hr_pop's invitation cron ...")
        hr_pop = self.run_round_side("hr_pop")
        log(
            f"  hr_pop: {hr_pop['seconds']:.1f} s, {hr_pop['queries']} queries, "
            f"{hr_pop['invitations']} invitations"
        )
        for side, result in (("odoo", odoo), ("hr_pop", hr_pop)):
            result["errors_logged"] = self.round_errors(side)
            if result["left"] or result["errors_logged"]:
                log(
                    f"  WARNING: {side} left {result['left']} of {result['todo']} "
                    f"and logged {result['errors_logged']} errors "
                    f"(see {self.workdir}/round-{side}.log)"
                )
        self.results["round"] = {"odoo": odoo, "hr_pop": hr_pop}

    # --- 3. the server and the load -------------------------------------------------
    def start_server(self):
        http_port = env_int("BENCH_HTTP_PORT", 0) or free_port_pair(8371)
        gevent_port = http_port + 1
        self.base_url = f"http://127.0.0.1:{http_port}"
        # wkhtmltopdf fetches the report's CSS from this server.
        self.psql(
            self.db,
            "INSERT INTO ir_config_parameter (key, value, create_uid, write_uid,"
            " create_date, write_date) VALUES ('report.url', "
            f"'{self.base_url}', 1, 1, now(), now()) ON CONFLICT (key) DO UPDATE"
            " SET value = EXCLUDED.value",
        )
        self.server_log = self.workdir / "server.log"
        if self.server_log.exists():
            self.server_log.unlink()
        log(
            f"starting Odoo: --workers 2 on 127.0.0.1:{http_port} "
            f"(gevent {gevent_port}), no cron"
        )
        self.server = subprocess.Popen(
            [
                self.python,
                self.odoo_bin,
                "-c",
                self.conf,
                "-d",
                self.db,
                f"--db-filter=^{self.db}$",
                "--workers=2",
                "--max-cron-threads=0",
                "--http-interface=127.0.0.1",
                f"--http-port={http_port}",
                f"--gevent-port={gevent_port}",
                f"--logfile={self.server_log}",
                "--log-level=info",
                "--smtp=127.0.0.1",
                f"--smtp-port={free_port()}",
                "--limit-time-real=300",
                "--limit-time-cpu=240",
            ],
            start_new_session=True,
        )
        deadline = time.time() + 180
        import requests

        while time.time() < deadline:
            if self.server.poll() is not None:
                raise SystemExit(f"Odoo stopped at start; see {self.server_log}")
            try:
                if requests.get(f"{self.base_url}/web/health", timeout=5).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise SystemExit(f"Odoo did not answer within 180 s; see {self.server_log}")

    def stop_server(self):
        if not self.server or self.server.poll() is not None:
            return
        os.killpg(self.server.pid, signal.SIGTERM)
        try:
            self.server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.server.pid, signal.SIGKILL)
            self.server.wait(10)

    def login_clients(self):
        password = self.data["password"]
        portal = self.data["portal_clients"][: self.clients]
        self.portal_clients = []
        for entry in portal:
            client = Client(self.base_url, self.db, entry["login"], password)
            client.pop_id = entry["pop_id"]
            self.portal_clients.append(client)
        self.hr_clients = [
            Client(self.base_url, self.db, self.data["hr_login"], password)
            for _index in range(self.clients)
        ]

    def requests_for(self):
        hr = self.hr_clients[0]
        pop_spec = list_specification(hr, "hr.pop")
        employee_spec = list_specification(hr, "hr.employee")

        def page(path):
            return lambda client: client.get(path.replace("<id>", str(client.pop_id)))[
                0
            ]

        def listing(model, spec):
            def request(client):
                ok, result = client.call_kw(
                    model,
                    "web_search_read",
                    [],
                    {
                        "specification": spec,
                        "domain": [],
                        "offset": 0,
                        "limit": 80,
                        "order": "",
                        "count_limit": 10001,
                    },
                )
                return ok and len(result["records"]) > 0

            return request

        def pdf(client):
            ok, size = client.get(
                f"/my/pops/{client.pop_id}?report_type=pdf&download=true",
                expect="application/pdf",
            )
            return ok and size > 1000

        return {
            "/my": (self.portal_clients, page("/my")),
            "/my/pops": (self.portal_clients, page("/my/pops")),
            "/my/pops/<id>": (self.portal_clients, page("/my/pops/<id>")),
            "list hr.pop": (self.hr_clients, listing("hr.pop", pop_spec)),
            "list hr.employee": (
                self.hr_clients,
                listing("hr.employee", employee_spec),
            ),
            # One client: with --workers 2, two PDFs at once hang both workers
            # (wkhtmltopdf fetches the report's CSS from this same server).
            "pdf": (self.portal_clients[:1], pdf),
            "/my, 1 client": (self.portal_clients[:1], page("/my?clients=1")),
        }

    def load(self):
        self.login_clients()
        phases = self.requests_for()
        log("warming up both workers (every page, every client)")
        for name, (clients, request) in phases.items():
            if name == "pdf":
                run_phase(clients, request, 1, 120)
            else:
                run_phase(clients, request, 20, 3)
        results = {name: [] for name in phases}
        offsets = {}
        _rows, offset = read_access_log(self.server_log)
        order = [name for name in phases if name not in ("pdf", "/my, 1 client")]
        for round_index in range(self.rounds):
            for name in order:
                clients, request = phases[name]
                phase = run_phase(
                    clients, request, self.phase_requests, self.phase_seconds
                )
                results[name].append(phase)
                log(
                    f"  round {round_index + 1} {name:17} {phase['rps']:7.2f} req/s "
                    f"({phase['requests']} requests, {phase['errors']} errors, "
                    f"p50 {phase['p50_ms'] or 0:.0f} ms)"
                )
        for name, max_requests, max_seconds in (
            ("/my, 1 client", self.phase_requests, self.phase_seconds),
            ("pdf", self.pdf_requests, self.pdf_seconds),
        ):
            clients, request = phases[name]
            phase = run_phase(clients, request, max_requests, max_seconds)
            results[name].append(phase)
            log(
                f"  {name:25} {phase['rps']:7.2f} req/s "
                f"({phase['requests']} requests, {phase['errors']} errors, "
                f"p50 {phase['p50_ms'] or 0:.0f} ms)"
            )
        rows, offsets["end"] = read_access_log(self.server_log, offset)
        self.results["load"] = {
            name: {
                "rps": sum(p["requests"] for p in phase_list)
                / sum(p["seconds"] for p in phase_list),
                "requests": sum(p["requests"] for p in phase_list),
                "errors": sum(p["errors"] for p in phase_list),
                "p50_ms": median([p["p50_ms"] for p in phase_list if p["p50_ms"]]),
                "rounds_rps": [p["rps"] for p in phase_list],
            }
            for name, phase_list in results.items()
        }
        for name, stats in access_stats(rows).items():
            self.results["load"][name].update(stats)

    def portal_query_counts(self):
        """Queries of the portal pages, 1 plan against many: the warm minimum of
        four requests each (both workers are warm after the load)."""
        password = self.data["password"]
        counts = {}
        _rows, offset = read_access_log(self.server_log)
        for key in ("portal_one", "portal_many"):
            entry = self.data[key]
            client = Client(self.base_url, self.db, entry["login"], password)
            for path in ("/my", "/my/pops", f"/my/pops/{entry['pop_id']}"):
                for attempt in range(4):
                    sep = "&" if "?" in path else "?"
                    ok, _size = client.get(f"{path}{sep}bench={key}-{attempt}")
                    if not ok:
                        raise SystemExit(f"{path} failed for {entry['login']}")
        time.sleep(1)
        rows, _offset = read_access_log(self.server_log, offset)
        for _method, path, status, queries, _sql, _other in rows:
            if "bench=portal_" not in path or status != 200:
                continue
            base, query = path.split("?", 1)
            key = query.split("=", 1)[1].rsplit("-", 1)[0]
            name = "/my/pops/<id>" if base.startswith("/my/pops/") else base
            counts.setdefault(key, {}).setdefault(name, []).append(queries)
        self.results["query_counts"] = {
            key: {name: min(values) for name, values in pages.items()}
            for key, pages in counts.items()
        }

    # --- 5. profiles ------------------------------------------------------------------
    def profile_round(self):
        log("profiling one batch of the invitation round (on a copy)")
        prof = self.workdir / "round-hr_pop.prof"
        result = self.run_round_side(
            "hr_pop",
            db=self.profile_db,
            extra=[
                "--profile",
                str(prof),
                "--breakdown",
                str(self.workdir / "round-breakdown.json"),
            ],
        )
        self.results["round_profile"] = result
        if not result["invitations"] or self.round_errors("hr_pop", profile=True):
            log(
                f"  WARNING: the profiled batch invited {result['invitations']} and "
                f"logged {self.round_errors('hr_pop', profile=True)} errors "
                f"(see {self.workdir}/round-hr_pop-profile.log)"
            )
        self.round_profile_text = run_json(
            [
                self.python,
                str(HERE / "report_profile.py"),
                str(prof),
                str(self.workdir / "round-breakdown.json"),
            ],
            300,
        )

    def profile_portal(self):
        log("profiling the portal pages in-process (one request at a time)")
        data = self.data
        users = [
            f"{entry['login']}:{entry['pop_id']}"
            for entry in (
                data["portal_clients"][0],
                data["portal_one"],
                data["portal_many"],
            )
        ]
        self.portal_profile_text = run_json(
            [
                self.python,
                str(HERE / "profile_portal.py"),
                self.db,
                data["password"],
                str(self.workdir / "portal"),
                *users,
            ],
            900,
        )

    # --- output -----------------------------------------------------------------------
    def report(self):
        lines = []
        r = self.results
        data = self.data
        print()
        print("=" * 78)
        print(f"hr_pop benchmarks, N={self.n}: {machine()}")
        print(f"hr_pop measured at {self.git}")
        print(
            f"load average (1, 5, 15 min) at the start {self.load_start}, "
            f"at the end {load_average()}: the machine may be shared"
        )
        print("=" * 78)
        print(
            f"data: {data['employees']} employees, {data['departments']} departments, "
            f"{data['plans']} plans {data['plans_by_state']}, {data['goals']} goals, "
            f"{data['lines']} activities"
        )
        if "round" in r:
            o, h = r["round"]["odoo"], r["round"]["hr_pop"]
            n = self.n
            print()
            print(
                "1. Invitation round (plans due -> invitations queued), "
                "one process each"
            )
            header = f"   {'':28}{'hr_pop':>14}{'Odoo mass mailing':>20}{'ratio':>9}"
            print(header)
            for label, key, fmt in (
                ("time (s)", "seconds", "{:.1f}"),
                ("queries", "queries", "{:d}"),
            ):
                ratio = h[key] / o[key] if o[key] else float("inf")
                print(
                    f"   {label:28}{fmt.format(h[key]):>14}{fmt.format(o[key]):>20}"
                    f"{ratio:>8.1f}x"
                )
            print(
                f"   {'queries per employee':28}{h['queries'] / n:>14.1f}"
                f"{o['queries'] / n:>20.2f}"
            )
            print(
                f"   {'ms per employee':28}{1000 * h['seconds'] / n:>14.1f}"
                f"{1000 * o['seconds'] / n:>20.1f}"
            )
            print(
                f"   {'peak RSS (MB)':28}{h['peak_rss_mb']:>14}{o['peak_rss_mb']:>20}"
            )
            print(
                f"   {'RSS before the round (MB)':28}{h['rss_before_mb']:>14}"
                f"{o['rss_before_mb']:>20}"
            )
            print(f"   {'cron batches':28}{h['batches']:>14}{o['batches']:>20}")
            print(
                f"   {'invitations queued':28}{h['invitations']:>14}"
                f"{o['invitations']:>20}"
            )
            print(f"   {'left to invite':28}{h['left']:>14}{o['left']:>20}")
            print(
                f"   {'errors logged':28}{h['errors_logged']:>14}"
                f"{o['errors_logged']:>20}"
            )
            print(f"   {'mails created, all':28}{h['mails']:>14}{o['mails']:>20}")
            print(
                f"   {'  by state':28}{fmt_states(h['mails_by_state']):>14}"
                f"{fmt_states(o['mails_by_state']):>20}"
            )
            print(
                f"   {'SMTP attempts in the round':28}{h['smtp_attempts']:>14}"
                f"{o['smtp_attempts']:>20}"
            )
            print(
                f"   {'invitation size (bytes)':28}{h['invitation_mail_bytes']:>14}"
                f"{o['invitation_mail_bytes']:>20}"
            )
            lines.append(
                "BENCH invitation_round: "
                + kv(
                    n=n,
                    hr_pop_s=h["seconds"],
                    odoo_s=o["seconds"],
                    ratio=h["seconds"] / o["seconds"],
                    hr_pop_queries=h["queries"],
                    odoo_queries=o["queries"],
                    query_ratio=h["queries"] / max(1, o["queries"]),
                    hr_pop_queries_per_employee=h["queries"] / n,
                    odoo_queries_per_employee=o["queries"] / n,
                    hr_pop_ms_per_employee=1000 * h["seconds"] / n,
                    odoo_ms_per_employee=1000 * o["seconds"] / n,
                    hr_pop_peak_rss_mb=h["peak_rss_mb"],
                    odoo_peak_rss_mb=o["peak_rss_mb"],
                    hr_pop_smtp_attempts=h["smtp_attempts"],
                    odoo_smtp_attempts=o["smtp_attempts"],
                    hr_pop_invited=h["invitations"],
                    odoo_mailed=o["invitations"],
                    hr_pop_left=h["left"],
                    hr_pop_errors=h["errors_logged"],
                    hr_pop_mail_bytes=h["invitation_mail_bytes"],
                    odoo_mail_bytes=o["invitation_mail_bytes"],
                )
            )
        if "load" in r:
            load = r["load"]
            print()
            print(
                f"2. Throughput: Odoo --workers 2, {self.clients} concurrent clients, "
                f"{self.rounds} rounds of <= {self.phase_seconds:g} s / "
                f"<= {self.phase_requests} requests per client per page"
            )
            print(
                f"   {'page':22}{'req/s':>9}{'vs /my':>9}{'p50 ms':>9}"
                f"{'queries':>9}{'SQL ms':>8}{'other ms':>9}{'srv ms':>8}"
                f"{'by cost':>9}{'errors':>8}"
            )
            print(
                "   (queries, SQL ms, other ms, srv ms: medians per request from "
                "Odoo's access log; by cost: srv ms of the reference / srv ms)"
            )
            base = load["/my"]["rps"]
            base_ms = load["/my"].get("server_ms")
            for name in ("/my", "/my/pops", "/my/pops/<id>"):
                show_row(name, load[name], base, base_ms)
            for name in ("/my/pops", "/my/pops/<id>"):
                ratios = [
                    page / my
                    for page, my in zip(
                        load[name]["rounds_rps"],
                        load["/my"]["rounds_rps"],
                        strict=False,
                    )
                    if my
                ]
                load[name]["round_ratios"] = ratios
                print(
                    f"     {name} / /my per round: "
                    + " ".join(f"{ratio:.2f}" for ratio in ratios)
                )
            print("   one client (two PDFs at once hang both workers, see README):")
            base1 = load["/my, 1 client"]["rps"]
            for name in ("/my, 1 client", "pdf"):
                show_row(
                    name, load[name], base1, load["/my, 1 client"].get("server_ms")
                )
            print("   back office, as HR (JSON-RPC web_search_read, 80 rows):")
            emp = load["list hr.employee"]["rps"]
            for name in ("list hr.employee", "list hr.pop"):
                show_row(
                    name, load[name], emp, load["list hr.employee"].get("server_ms")
                )
            for name, key in (
                ("/my/pops", "portal_my_pops"),
                ("/my/pops/<id>", "portal_my_pop"),
            ):
                lines.append(
                    f"BENCH {key}: "
                    + kv(
                        clients=self.clients,
                        workers=2,
                        rps=load[name]["rps"],
                        my_rps=base,
                        ratio=load[name]["rps"] / base,
                        queries_per_request=load[name].get("queries"),
                        my_queries_per_request=load["/my"].get("queries"),
                        p50_ms=load[name]["p50_ms"],
                        my_p50_ms=load["/my"]["p50_ms"],
                        server_ms=load[name].get("server_ms"),
                        my_server_ms=base_ms,
                        cost_ratio=ratio_of(base_ms, load[name].get("server_ms")),
                        round_ratios="/".join(
                            f"{r:.2f}" for r in load[name].get("round_ratios", [])
                        ),
                        errors=load[name]["errors"],
                    )
                )
            lines.append(
                "BENCH portal_pdf: "
                + kv(
                    clients=1,
                    workers=2,
                    rps=load["pdf"]["rps"],
                    my_rps=base1,
                    ratio=load["pdf"]["rps"] / base1,
                    p50_ms=load["pdf"]["p50_ms"],
                    server_ms=load["pdf"].get("server_ms"),
                    my_server_ms=load["/my, 1 client"].get("server_ms"),
                    queries_per_request=load["pdf"].get("queries"),
                    requests=load["pdf"]["requests"],
                    errors=load["pdf"]["errors"],
                )
            )
            lines.append(
                "BENCH backoffice_list: "
                + kv(
                    plans=data["plans"],
                    employees=data["employees"],
                    clients=self.clients,
                    hr_pop_rps=load["list hr.pop"]["rps"],
                    employee_rps=emp,
                    ratio=load["list hr.pop"]["rps"] / emp,
                    hr_pop_queries_per_request=load["list hr.pop"].get("queries"),
                    employee_queries_per_request=load["list hr.employee"].get(
                        "queries"
                    ),
                    hr_pop_p50_ms=load["list hr.pop"]["p50_ms"],
                    employee_p50_ms=load["list hr.employee"]["p50_ms"],
                    hr_pop_server_ms=load["list hr.pop"].get("server_ms"),
                    employee_server_ms=load["list hr.employee"].get("server_ms"),
                    cost_ratio=ratio_of(
                        load["list hr.employee"].get("server_ms"),
                        load["list hr.pop"].get("server_ms"),
                    ),
                )
            )
        if "query_counts" in r:
            qc = r["query_counts"]
            one, many = self.data["portal_one"], self.data["portal_many"]
            print()
            print("3. Queries per request (warm), 1 plan against many")
            many_label = (
                f"{many['plans']} plans, {many['goals']} goals, {many['lines']} lines"
            )
            one_label = f"{one['plans']} plan, {one['goals']} goal, {one['lines']} line"
            print(f"   {'page':16}{one_label:>26}{many_label:>30}")
            for name in ("/my", "/my/pops", "/my/pops/<id>"):
                print(
                    f"   {name:16}{qc['portal_one'].get(name, '-'):>26}"
                    f"{qc['portal_many'].get(name, '-'):>30}"
                )
            constant = all(
                qc["portal_one"].get(name) == qc["portal_many"].get(name)
                for name in ("/my/pops", "/my/pops/<id>")
            )
            lines.append(
                "BENCH portal_queries: "
                + kv(
                    my_one=qc["portal_one"].get("/my"),
                    my_many=qc["portal_many"].get("/my"),
                    my_pops_one=qc["portal_one"].get("/my/pops"),
                    my_pops_many=qc["portal_many"].get("/my/pops"),
                    my_pop_one=qc["portal_one"].get("/my/pops/<id>"),
                    my_pop_many=qc["portal_many"].get("/my/pops/<id>"),
                    many_plans=many["plans"],
                    many_goals=many["goals"],
                    many_lines=many["lines"],
                    one_goals=one["goals"],
                    one_lines=one["lines"],
                    constant="yes" if constant else "no",
                )
            )
        if getattr(self, "round_profile_text", None):
            print()
            print("4. Profile of one batch of the invitation round")
            print(self.round_profile_text)
        if getattr(self, "portal_profile_text", None):
            print()
            print("5. Profile of the portal pages (in-process, one request at a time)")
            print(self.portal_profile_text)
        print()
        for line in lines:
            print(line)
        (self.workdir / "results.json").write_text(
            json.dumps(
                {
                    "data": {
                        k: v for k, v in data.items() if k != "round_employee_ids"
                    },
                    "results": r,
                    "bench": lines,
                },
                indent=1,
                default=str,
            )
        )

    def run(self):
        started = time.time()
        self.git = git_state()
        self.load_start = load_average()
        log(f"N={self.n}, hr_pop at {self.git}")
        # Odoo appends to its log files: start from an empty directory.
        shutil.rmtree(self.workdir, ignore_errors=True)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.snapshot()
        try:
            self.create_database()
            self.generate()
            self.invitation_round()
            self.start_server()
            try:
                self.load()
                self.portal_query_counts()
            finally:
                self.stop_server()
            if self.profile:
                self.profile_round()
                self.profile_portal()
            self.report()
        finally:
            self.stop_server()
            if self.keep:
                log(f"KEEP=1: databases kept ({self.db}); files in {self.workdir}")
            else:
                self.drop(self.db)
                self.drop(self.profile_db)
        log(f"done in {time.time() - started:.0f} s")


def show_row(name, stats, base, base_server_ms=None):
    server_ratio = (
        base_server_ms / stats["server_ms"]
        if base_server_ms and stats.get("server_ms")
        else None
    )
    print(
        f"   {name:22}{stats['rps']:>9.1f}{stats['rps'] / base:>8.2f}x"
        f"{stats['p50_ms'] or 0:>9.0f}{fmt_num(stats.get('queries')):>9}"
        f"{fmt_num(stats.get('sql_ms')):>8}{fmt_num(stats.get('other_ms')):>9}"
        f"{fmt_num(stats.get('server_ms')):>8}"
        + (f"{server_ratio:>8.2f}x" if server_ratio else f"{'-':>9}")
        + f"{stats['errors']:>8}"
    )


def ratio_of(reference, value):
    """reference / value (a cost ratio: above 1, ``value`` is cheaper)."""
    return reference / value if reference and value else None


def fmt_num(value):
    if value is None:
        return "-"
    return f"{value:.0f}" if isinstance(value, float) else str(value)


def fmt_states(states):
    return " ".join(f"{k}:{v}" for k, v in sorted(states.items())) or "-"


def median(values):
    values = sorted(values)
    if not values:
        return None
    return values[len(values) // 2]


def kv(**values):
    parts = []
    for key, value in values.items():
        if isinstance(value, float):
            value = f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
        parts.append(f"{key}={value}")
    return " ".join(parts)


def access_stats(rows):
    """Median queries, SQL and other server time per page, from the access log."""
    buckets = {}
    for _method, path, status, queries, sql, other in rows:
        if status != 200:
            continue
        base = path.split("?", 1)[0]
        if "report_type=pdf" in path:
            name = "pdf"
        elif base == "/my" and "clients=1" in path:
            name = "/my, 1 client"
        elif base in ("/my", "/my/pops"):
            name = base
        elif base.startswith("/my/pops/"):
            name = "/my/pops/<id>"
        elif base == "/web/dataset/call_kw/hr.pop/web_search_read":
            name = "list hr.pop"
        elif base == "/web/dataset/call_kw/hr.employee/web_search_read":
            name = "list hr.employee"
        else:
            continue
        buckets.setdefault(name, []).append((queries, sql, other))
    return {
        name: {
            "queries": median([v[0] for v in values]),
            "sql_ms": 1000 * median([v[1] for v in values]),
            "other_ms": 1000 * median([v[2] for v in values]),
            "server_ms": 1000 * median([v[1] + v[2] for v in values]),
            "logged": len(values),
        }
        for name, values in buckets.items()
    }


def free_port():
    """A local port on which nothing listens (SMTP there fails at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def free_port_pair(start):
    """The first free HTTP port from ``start`` whose next port (gevent) is free."""
    for port in range(start, start + 200, 2):
        try:
            for candidate in (port, port + 1):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", candidate))
        except OSError:
            continue
        return port
    raise SystemExit(f"no free port pair from {start}")


def git_state():
    """The commit measured, and whether hr_pop/ had uncommitted changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "hr_pop"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return f"commit {head}" + (" + uncommitted changes in hr_pop/" if dirty else "")


def load_average():
    with open("/proc/loadavg") as loadavg:
        return " ".join(loadavg.read().split()[:3])


def machine():
    model = "?"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} CPUs ({model}), {datetime.now():%Y-%m-%d %H:%M}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    args = parser.parse_args()
    if args.n <= 100:
        raise SystemExit(
            "N must be above 100: Odoo sends a mass mailing of at most 100 "
            "recipients at once (over SMTP) instead of queueing it."
        )
    keep = os.environ.get("KEEP") == "1"
    profile = os.environ.get("PROFILE") == "1"
    Bench(args.n, keep, profile).run()


if __name__ == "__main__":
    main()
