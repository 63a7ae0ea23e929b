# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""HTTP load against a running Odoo: sessions, bounded load phases, and the query
count of each request read from the server's own access log.

Odoo writes one access line per HTTP request, ending with the request's query
count, SQL time and remaining time (``odoo.netsvc.PerfFilter``), also with
``--workers``: the query counts of a phase are read back from that log.
"""

import re
import statistics
import threading
import time

import requests

ACCESS_LINE = re.compile(
    r'werkzeug: \S+ - - \[[^\]]+\] "(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" '
    r"(?P<status>\d+) \S+ (?P<queries>\d+) (?P<sql>[\d.]+) (?P<other>[\d.]+)"
)


class Client:
    """One logged-in browser: a requests.Session with Odoo's session cookie."""

    def __init__(self, base_url, db, login, password):
        self.base_url = base_url
        self.login = login
        self.session = requests.Session()
        response = self.session.post(
            f"{base_url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"db": db, "login": login, "password": password},
            },
            timeout=60,
        )
        response.raise_for_status()
        result = response.json()
        if "error" in result or not result.get("result", {}).get("uid"):
            raise RuntimeError(f"login {login} failed: {result.get('error')}")
        self.context = result["result"]["user_context"]
        self.company_id = (
            result["result"].get("user_companies", {}).get("current_company")
        )

    def get(self, path, expect="text/html"):
        response = self.session.get(
            f"{self.base_url}{path}", timeout=120, allow_redirects=False
        )
        ok = response.status_code == 200 and expect in response.headers.get(
            "Content-Type", ""
        )
        return ok, len(response.content)

    def call_kw(self, model, method, args=(), kwargs=None):
        context = dict(self.context)
        if self.company_id:
            context["allowed_company_ids"] = [self.company_id]
        response = self.session.post(
            f"{self.base_url}/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": {**(kwargs or {}), "context": context},
                },
            },
            timeout=120,
        )
        if response.status_code != 200:
            return False, None
        data = response.json()
        if "error" in data:
            raise RuntimeError(f"{model}.{method}: {data['error']}")
        return True, data["result"]


def run_phase(clients, request, max_requests, max_seconds):
    """Every client calls ``request(client)`` in its own thread, at most
    ``max_requests`` times and until ``max_seconds`` have passed.

    Returns requests per second (successful requests / wall time of the phase),
    with the counts and latencies.
    """
    latencies = []
    errors = [0]
    lock = threading.Lock()
    barrier = threading.Barrier(len(clients) + 1)
    deadline = [0.0]

    def worker(client):
        barrier.wait()
        done = 0
        while done < max_requests and time.perf_counter() < deadline[0]:
            started = time.perf_counter()
            try:
                ok = request(client)
            except Exception:  # noqa: BLE001 - a failed request counts as an error
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1
            done += 1

    threads = [threading.Thread(target=worker, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    deadline[0] = started + max_seconds
    barrier.wait()
    for thread in threads:
        thread.join(max_seconds + 180)
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "seconds": wall,
        "rps": len(latencies) / wall if wall else 0.0,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else None,
        "p95_ms": 1000 * sorted(latencies)[int(0.95 * (len(latencies) - 1))]
        if latencies
        else None,
    }


def read_access_log(path, offset=0):
    """The access lines of the server log from ``offset``: (method, path, status,
    queries, sql seconds, other seconds), and the new offset."""
    rows = []
    with open(path, encoding="utf-8", errors="replace") as log:
        log.seek(offset)
        for line in log:
            match = ACCESS_LINE.search(line)
            if match:
                rows.append(
                    (
                        match["method"],
                        match["path"],
                        int(match["status"]),
                        int(match["queries"]),
                        float(match["sql"]),
                        float(match["other"]),
                    )
                )
        offset = log.tell()
    return rows, offset


def list_specification(client, model):
    """The ``web_search_read`` specification of ``model``'s default list view, as
    the web client builds it: each field of the list, a many2one with its
    display name, the activity widget's fields."""
    ok, views = client.call_kw(
        model, "get_views", [], {"views": [[False, "list"]], "options": {}}
    )
    if not ok:
        raise RuntimeError(f"get_views of {model} failed")
    arch = views["views"]["list"]["arch"]
    fields = views["models"][model]["fields"]
    from lxml import etree

    root = etree.fromstring(arch.encode())
    spec = {}
    for node in root.iterchildren("field"):
        name = node.get("name")
        field = fields.get(name)
        if not field:
            continue
        if field["type"] == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field["type"] == "many2many":
            spec[name] = {"fields": {"display_name": {}}}
        elif field["type"] == "one2many":
            spec[name] = {}
        else:
            spec[name] = {}
        if node.get("widget") == "list_activity":
            for dependency in (
                "activity_exception_decoration",
                "activity_exception_icon",
                "activity_state",
                "activity_summary",
                "activity_type_icon",
            ):
                spec[dependency] = {}
            spec["activity_type_id"] = {"fields": {"display_name": {}}}
    return spec
