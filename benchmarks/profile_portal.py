# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Profile the portal pages in this process: Odoo's WSGI application driven by
werkzeug's test client, one request at a time, no server.

    python benchmarks/profile_portal.py DB PASSWORD OUTDIR LOGIN:POP_ID \\
        [ONE_LOGIN:POP_ID MANY_LOGIN:POP_ID]

For ``/my``, ``/my/pops`` and ``/my/pops/<POP_ID>`` of LOGIN, after warm-up:
milliseconds per request (median of interleaved rounds, in-process, one client),
queries per request by caller and by table, the QWeb templates rendered, the HTML
size and the costliest functions (cProfile, also written to OUTDIR/<page>.prof).
With ONE and MANY (a user with 1 plan and one with many plans, goals and
activities): which queries of ``/my/pops`` and ``/my/pops/<id>`` grow with them.
"""

import cProfile
import os
import pstats
import re
import statistics
import sys
import time
from collections import Counter

import odoo_boot
from querycount import QueryBreakdown

WARMUP = 3
ROUNDS = 5
PER_ROUND = 4
PROFILED = 10
# Odoo functions worth naming in the profile of a portal page.
ODOO_FUNCTIONS = {
    "_prepare_home_portal_values",
    "_prepare_portal_layout_values",
    "_render",
    "_compile",
    "search_fetch",
    "search_count",
    "_read_group",
    "flush_all",
    "_get_page_view_values",
    "_document_check_access",
    "_get_asset_nodes",
    "_get_asset_bundle",
    "_post_processing_att",
    "_fetch_query",
    "_get_frontend_langs",
    "_dispatch",
    "_pre_dispatch",
    "_authenticate",
}


def template_def_name(ref):
    """The name ir.qweb._compile gives a template's own function."""
    return re.sub(r"[^A-Za-z0-9_]+", "_", f"template_{ref}")


class Portal:
    def __init__(self, db, password):
        from werkzeug.test import Client

        import odoo
        from odoo.tools import config

        self.odoo = odoo
        self.db = db
        self.password = password
        config["dbfilter"] = f"^{db}$"
        odoo.service.server.load_server_wide_modules()
        self.Client = Client
        self.environ = {"REMOTE_ADDR": "127.0.0.1"}
        self.names = {}
        self.breakdown = QueryBreakdown()
        self.breakdown.start()
        self.breakdown.active = False
        # Compiled templates are generators ("call" fires on every resumption):
        # the distinct frames of a template's own function are its renderings.
        self.template_frames = set()

    def login(self, login):
        client = self.Client(self.odoo.http.root)
        response = client.post(
            "/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"db": self.db, "login": login, "password": self.password},
            },
            environ_base=self.environ,
        )
        if "error" in response.get_json():
            raise SystemExit(f"login {login} failed: {response.get_json()['error']}")
        return client

    def get(self, client, path):
        response = client.get(path, environ_base=self.environ)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        return response

    def template_name(self, ref):
        """A template's xmlid (compiled templates are named by view id)."""
        if ref not in self.names:
            self.names[ref] = ref
            if ref.isdigit():
                with self.odoo.modules.registry.Registry(self.db).cursor() as cr:
                    cr.execute(
                        "SELECT module || '.' || name FROM ir_model_data"
                        " WHERE model = 'ir.ui.view' AND res_id = %s LIMIT 1",
                        [int(ref)],
                    )
                    row = cr.fetchone()
                    self.names[ref] = row[0] if row else ref
        return self.names[ref]

    def label(self, path_label):
        return re.sub(
            r"\[template (\d+)\]",
            lambda m: f"[{self.template_name(m.group(1))}]",
            path_label,
        )

    def _tracer(self, frame, event, _arg):
        if event == "call":
            code = frame.f_code
            if code.co_filename.startswith("<") and code.co_name == template_def_name(
                code.co_filename.strip("<>")
            ):
                self.template_frames.add(frame)

    def count(self, client, path, templates=False, tries=3):
        """Queries of the cheapest of ``tries`` requests (a warm one): total, by
        caller, by table; and the templates it rendered."""
        return min(
            (self._count(client, path, templates) for _index in range(tries)),
            key=lambda result: result[0],
        )

    def _count(self, client, path, templates):
        breakdown = self.breakdown
        breakdown.by_path.clear()
        breakdown.by_table.clear()
        breakdown.by_path_table.clear()
        self.template_frames.clear()
        before = odoo_boot.sql_count()
        breakdown.active = True
        if templates:
            sys.setprofile(self._tracer)
        try:
            self.get(client, path)
        finally:
            sys.setprofile(None)
            breakdown.active = False
        rendered = Counter(
            self.template_name(frame.f_code.co_filename.strip("<>"))
            for frame in self.template_frames
        )
        self.template_frames.clear()
        return (
            odoo_boot.sql_count() - before,
            Counter({self.label(k): v for k, v in breakdown.by_path.items()}),
            Counter(breakdown.by_table),
            rendered,
        )


def print_profile(prof_file, requests):
    stats = pstats.Stats(prof_file)
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][3])
    shown = 0
    for func, (_cc, nc, _tt, ct, _callers) in rows:
        filename, _line, fname = func
        if filename.startswith("<") and fname.startswith("template_"):
            ref = filename.strip("<>")
            if fname != template_def_name(ref):
                continue
            where, calls = f"template {PORTAL.template_name(ref)}", ""
        elif "/hr_pop/" in filename or fname in ODOO_FUNCTIONS:
            where = (
                filename.split("/hr_pop/")[-1]
                if "/hr_pop/" in filename
                else filename.split("/odoo/")[-1]
            )
            where, calls = f"{where}:{fname}", f"{nc / requests:5.1f}x"
        else:
            continue
        print(f"     {1000 * ct / requests:7.1f} ms  {calls:>6}  {where}")
        shown += 1
        if shown >= 16:
            break


PORTAL = None


def main():
    global PORTAL
    db, password, outdir = sys.argv[1:4]
    users = [arg.rsplit(":", 1) for arg in sys.argv[4:]]
    os.makedirs(outdir, exist_ok=True)
    odoo_boot.boot(db)
    PORTAL = portal = Portal(db, password)
    login, pop_id = users[0]
    client = portal.login(login)
    pages = {
        "/my": "/my",
        "/my/pops": "/my/pops",
        "/my/pops/<id>": f"/my/pops/{pop_id}",
    }
    for path in pages.values():
        for _index in range(WARMUP):
            portal.get(client, path)
    # Time without instrumentation, pages interleaved (a shared machine drifts).
    times = {name: [] for name in pages}
    sizes = {}
    for _round in range(ROUNDS):
        for name, path in pages.items():
            for _index in range(PER_ROUND):
                started = time.perf_counter()
                response = portal.get(client, path)
                times[name].append(time.perf_counter() - started)
                sizes[name] = len(response.get_data())
    medians = {name: 1000 * statistics.median(values) for name, values in times.items()}
    for name, path in pages.items():
        queries, by_path, by_table, templates = portal.count(client, path, True)
        profiler = cProfile.Profile()
        profiler.enable()
        for _index in range(PROFILED):
            portal.get(client, path)
        profiler.disable()
        prof_file = os.path.join(
            outdir, re.sub(r"[^a-z]+", "_", name.strip("/")).strip("_") + ".prof"
        )
        profiler.dump_stats(prof_file)
        print(
            f"   {name}: {medians[name]:.1f} ms per request (median, in-process, "
            f"one client), {queries} queries, {sizes[name]} bytes of HTML, "
            f"{sum(templates.values())} templates rendered"
        )
        print("     queries by caller (hr_pop chain [template] : Odoo call):")
        for path_label, count in by_path.most_common(10):
            print(f"     {count:5d}  {path_label}")
        print(
            "     queries by table: "
            + ", ".join(f"{t} {c}" for t, c in by_table.most_common(10))
        )
        print(
            "     templates: "
            + ", ".join(
                f"{t}{f' x{c}' if c > 1 else ''}" for t, c in templates.most_common()
            )
        )
        print("     costliest functions (cumulative per request, cProfile on):")
        print_profile(prof_file, PROFILED)
    base = medians["/my"]
    print(
        "   in-process, one client: "
        + ", ".join(
            f"{name} {ms:.1f} ms ({ms / base:.2f}x /my)" for name, ms in medians.items()
        )
    )
    if len(users) == 3:
        (one_login, one_pop), (many_login, many_pop) = users[1], users[2]
        one, many = portal.login(one_login), portal.login(many_login)
        for name, one_path, many_path in (
            ("/my/pops", "/my/pops", "/my/pops"),
            ("/my/pops/<id>", f"/my/pops/{one_pop}", f"/my/pops/{many_pop}"),
        ):
            for _index in range(WARMUP):
                portal.get(one, one_path)
                portal.get(many, many_path)
            one_queries, one_by_path, _t, _r = portal.count(one, one_path)
            many_queries, many_by_path, _t, _r = portal.count(many, many_path)
            print(
                f"   {name}: {one_queries} queries with 1 plan, {many_queries} with "
                "many plans, goals and activities; the callers that grow:"
            )
            grown = [
                (many_by_path[key] - one_by_path.get(key, 0), key)
                for key in many_by_path
                if many_by_path[key] > one_by_path.get(key, 0)
            ]
            for diff, key in sorted(grown, reverse=True)[:10]:
                print(
                    f"     +{diff:<4d} {key} ({one_by_path.get(key, 0)} -> "
                    f"{many_by_path[key]})"
                )
            if not grown:
                print("     none")


if __name__ == "__main__":
    main()
