# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo runs multi-process (`--workers`), the way `ODOO_WORKERS=2 make demo` runs it.

In prefork mode Odoo serves the websocket (bus) from a separate gevent process; with a
package gevent needs missing from the virtualenv, that process dies at start and the
master restarts it forever while the HTTP workers look fine. This test starts
odoo-bin with `--workers=2` on free ports against the test database (hr_pop
installed, no cron workers), waits for `/web/login`, opens a websocket on the gevent
port, checks for a few seconds that the gevent process stays up and nothing logs a
traceback, then stops the server and checks that every process of it is gone.
"""

import json
import os
import re
import signal
import socket
import subprocess
import time

import psutil
import requests
import websocket

import odoo

from odoo.addons.bus.websocket import WebsocketConnectionHandler

START_TIMEOUT = 60  # seconds until /web/login answers; about 5 on 2 cores
STAY_UP = 4  # seconds the gevent process must survive after the handshake
STOP_TIMEOUT = 30
EVENTED_START = "Evented Service (longpolling) running on"
BAD_LINE = re.compile(r"Traceback| (ERROR|CRITICAL) ")


def _setup_env(name):
    value = os.environ.get(name)
    assert value, f"{name} is not set: run the tests with `make test` (tools/setup.sh)"
    return value


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _read(path):
    with open(path, encoding="utf-8", errors="replace") as log:
        return log.read()


def _wait_for_login(url, proc, log_path):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert proc.poll() is None, (
            f"odoo-bin --workers exited with {proc.returncode}:\n"
            + _read(log_path)[-4000:]
        )
        try:
            if requests.get(url, timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(
        f"{url} did not answer 200 within {START_TIMEOUT}s:\n" + _read(log_path)[-4000:]
    )


def _connect_websocket(port, proc, log_path):
    """The gevent process starts after the HTTP workers: retry until it listens."""
    url = (
        f"ws://127.0.0.1:{port}/websocket?version={WebsocketConnectionHandler._VERSION}"
    )
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        assert proc.poll() is None, (
            f"odoo-bin --workers exited with {proc.returncode}:\n"
            + _read(log_path)[-4000:]
        )
        text = _read(log_path)
        assert "Traceback" not in text, (
            "the gevent (websocket) process crashed at start:\n" + text[-4000:]
        )
        try:
            return websocket.create_connection(
                url, origin=f"http://127.0.0.1:{port}", timeout=15
            )
        except (ConnectionRefusedError, websocket.WebSocketException) as exc:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"no websocket on the gevent port {port} within {START_TIMEOUT}s"
                    f" ({exc}):\n" + _read(log_path)[-4000:]
                ) from exc
        time.sleep(0.5)


def _stop(proc):
    """SIGTERM: Odoo's prefork master stops its workers and the gevent process."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return None


def test_odoo_serves_with_workers_and_a_websocket_process(tmp_path):
    python = os.path.join(_setup_env("VENV"), "bin", "python")
    db_name = odoo.tools.config["db_name"] or os.environ.get(
        "HR_POP_TEST_DB", "hr_pop_test"
    )
    http_port, gevent_port = _free_port(), _free_port()
    log_path = tmp_path / "odoo-workers.log"
    command = [
        python,
        _setup_env("ODOO_BIN"),
        "-c",
        _setup_env("ODOO_CONF"),
        "-d",
        db_name,
        f"--db-filter=^{db_name}$",
        "--workers=2",
        "--max-cron-threads=0",
        "--http-interface=127.0.0.1",
        f"--http-port={http_port}",
        f"--gevent-port={gevent_port}",
        "--log-level=info",
    ]
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(  # pylint: disable=consider-using-with
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    children = []
    try:
        _wait_for_login(f"http://127.0.0.1:{http_port}/web/login", proc, log_path)

        ws = _connect_websocket(gevent_port, proc, log_path)
        try:
            assert ws.getstatus() == 101, "the gevent port did not upgrade /websocket"
            ws.send(
                json.dumps(
                    {"event_name": "subscribe", "data": {"channels": [], "last": 0}}
                )
            )
            time.sleep(STAY_UP)
            # Still served: a ping gets its pong (notifications may come first).
            ws.ping(b"hr_pop")
            for _frame in range(20):
                opcode, _data = ws.recv_data_frame(control_frame=True)
                assert opcode != websocket.ABNF.OPCODE_CLOSE, "the websocket was closed"
                if opcode == websocket.ABNF.OPCODE_PONG:
                    break
            else:
                raise AssertionError("no pong from the gevent process")
        finally:
            ws.close()

        children = psutil.Process(proc.pid).children(recursive=True)
        gevent_procs = [child for child in children if "gevent" in child.cmdline()[1:3]]
        assert gevent_procs, f"no gevent process among {children}"
        text = _read(log_path)
        assert proc.poll() is None, f"odoo-bin exited:\n{text[-4000:]}"
        assert text.count(EVENTED_START) == 1, (
            "the gevent (websocket) process was restarted:\n" + text[-4000:]
        )
        bad = [line for line in text.splitlines() if BAD_LINE.search(line)]
        assert not bad, "errors in the log of odoo-bin --workers:\n" + "\n".join(
            bad[:20]
        )
    finally:
        returncode = _stop(proc)
    assert returncode == 0, (
        f"odoo-bin --workers stopped with {returncode}:\n" + _read(log_path)[-4000:]
    )
    alive = [child.pid for child in children if child.is_running()]
    assert not alive, f"processes of odoo-bin --workers left running: {alive}"
