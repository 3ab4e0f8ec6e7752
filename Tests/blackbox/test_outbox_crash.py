"""The outbox through a crash: a real `ansinh serve` sends a resident's SMS (the tracking code
sent with the request) to a local gateway
and is killed with -9 while the gateway holds the request (sent, not acknowledged). After a
restart the message is sent again with the same Idempotency-Key once its lease ends; the
gateway, honouring the key, delivers it once, and the outbox records it sent.

ANSINH_BIN       the ansinh binary
"""
import json
import os
import sqlite3
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from test_crash_safety import Server, free_port


class Gateway:
    """An SMS gateway that counts what reaches a phone: once per Idempotency-Key."""

    def __init__(self):
        self.calls, self.delivered, self.first_seen = [], [], threading.Event()
        self.release = threading.Event()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                key = self.headers.get("Idempotency-Key")
                gateway.calls.append((key, self.headers.get("Authorization"), json.loads(body)))
                if key not in gateway.delivered:
                    gateway.delivered.append(key)
                if len(gateway.calls) == 1:
                    # Sent, but the answer is held until the sender is dead.
                    gateway.first_seen.set()
                    gateway.release.wait(30)
                try:
                    out = json.dumps({"id": "gw-" + str(key)}).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(out)))
                    self.end_headers()
                    self.wfile.write(out)
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        self.port = free_port()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.release.set()
        self.httpd.shutdown()


def outbox_rows(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT id, state, attempts, possible_duplicate FROM outbox_messages").fetchall()
    finally:
        con.close()


def test_kill_9_between_sending_and_acknowledging_delivers_once():
    if not os.environ.get("ANSINH_BIN"):
        pytest.fail("ANSINH_BIN is set by scripts/test")
    gateway = Gateway()
    work = tempfile.mkdtemp(prefix="ansinh-outbox-")
    server = Server(os.path.join(work, "outbox.sqlite"))
    base_env = server.env
    server.env = lambda: dict(base_env(), ANSINH_SMS_URL=f"http://127.0.0.1:{gateway.port}/sms", ANSINH_SMS_TOKEN="gw-token",
                              ANSINH_OUTBOX_LEASE_SECONDS="5")
    try:
        server.start()
        sent = requests.post(server.url + "/api/v1/public/requests", timeout=30, json={
            "kind": "question", "unit": "00364", "text": "Khi nào phát trợ cấp tháng này?", "name": "Lý Văn An", "phone": "0915000111"})
        assert sent.status_code == 201, sent.text
        code = sent.json()["tracking_code"]
        # The worker runs every 30 s: it sends, and is killed while the gateway holds the answer.
        assert gateway.first_seen.wait(90), "the outbox never sent the message"
        server.kill9()
        gateway.release.set()
        assert [r[1] for r in outbox_rows(server.db)] == ["sending"]
        server.start()
        deadline = time.time() + 120
        while outbox_rows(server.db)[0][1] != "sent":
            assert time.time() < deadline, f"not sent after the restart: {outbox_rows(server.db)}"
            time.sleep(1)
        (message_id, state, attempts, duplicate), = outbox_rows(server.db)
        keys = [c[0] for c in gateway.calls]
        assert len(keys) == 2 and len(set(keys)) == 1, keys
        assert gateway.delivered == keys[:1]
        assert attempts == 2 and duplicate == 0
        assert gateway.calls[0][1] == "Bearer gw-token" and gateway.calls[0][2]["to"] == "0915000111"
        assert f"Mã tra cứu: {code}." in gateway.calls[0][2]["text"]
        print(f"\noutbox crash: sent, killed before the acknowledgement, sent again with key {keys[0][:8]}…, delivered once")
    finally:
        server.stop()
        gateway.stop()
