"""Email through the outbox against a real SMTP server (aiosmtpd, started here on 127.0.0.1): a
real `ansinh serve` sends a resident's tracking code to the address given with the request, in
the resident's language, signed by the ward. A refused mailbox (550) leaves its message dead at
once; a server that says "try later" (451) leaves it waiting for the next attempt.

ANSINH_BIN       the ansinh binary
"""
import email
import email.policy
import os
import sqlite3
import tempfile
import time

import pytest
import requests
from aiosmtpd.controller import Controller

from test_crash_safety import Server, free_port

SENDER = "phuong@khuongdinh.gov.vn"


class Mailbox:
    """An SMTP server that refuses one mailbox, asks another to try later, and keeps the rest."""

    def __init__(self):
        self.received, self.tried = [], []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused@"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.tried.append(envelope.rcpt_tos[:])
        if any(r.startswith("later@") for r in envelope.rcpt_tos):
            return "451 4.3.0 Try again later"
        self.received.append((envelope.mail_from, envelope.rcpt_tos[:], envelope.content))
        return "250 Message accepted for delivery"


def email_rows(db):
    con = sqlite3.connect(db)
    try:
        return {r[0]: r[1:] for r in con.execute(
            "SELECT recipient, state, attempts, last_error FROM outbox_messages WHERE channel = 'email'").fetchall()}
    finally:
        con.close()


def test_email_reaches_a_real_smtp_server_in_the_residents_language():
    if not os.environ.get("ANSINH_BIN"):
        pytest.fail("ANSINH_BIN is set by scripts/test")
    mailbox = Mailbox()
    smtp_port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    work = tempfile.mkdtemp(prefix="ansinh-email-")
    server = Server(os.path.join(work, "email.sqlite"))
    base_env = server.env
    server.env = lambda: dict(base_env(), ANSINH_SMTP_URL=f"smtp://127.0.0.1:{smtp_port}", ANSINH_SMTP_FROM=SENDER)
    try:
        server.start()
        codes = {}
        for i, (address, language) in enumerate([("Lan.Vu@Example.VN", "en"), ("refused@example.vn", "vi"), ("later@example.vn", "vi")]):
            # No SMS gateway here: the SMS of the tracking code waits; the email goes.
            sent = requests.post(server.url + "/api/v1/public/requests", timeout=30, json={
                "kind": "question", "unit": "00364", "text": "Khi nào phát trợ cấp tháng này?", "name": "Vũ Thị Lan",
                "phone": f"091500022{i}", "email": address, "language": language})
            assert sent.status_code == 201, sent.text
            codes[address] = sent.json()["tracking_code"]
        # The worker runs 10 s after the start, then every 30 s.
        deadline = time.time() + 90
        while any(state in ("pending", "sending") and attempts == 0 for state, attempts, _ in email_rows(server.db).values()):
            assert time.time() < deadline, f"the outbox never sent: {email_rows(server.db)}"
            time.sleep(1)
        time.sleep(1)
        rows = email_rows(server.db)
        assert rows["Lan.Vu@example.vn"][:2] == ("sent", 1)
        assert rows["refused@example.vn"][0] == "dead" and "550" in rows["refused@example.vn"][2]
        state, attempts, error = rows["later@example.vn"]
        assert state == "pending" and attempts == 1 and "451" in error
        # Exactly one message reached the mailbox: from the ward, to the resident, in English.
        assert len(mailbox.received) == 1, mailbox.received
        mail_from, rcpt_tos, content = mailbox.received[0]
        assert mail_from == SENDER and rcpt_tos == ["Lan.Vu@example.vn"]
        message = email.message_from_bytes(content, policy=email.policy.default)
        assert str(message["Subject"]) == "A message from Phường Khương Đình"
        assert message["From"].addresses[0].addr_spec == SENDER and message["Message-ID"].endswith("@khuongdinh.gov.vn>")
        body = message.get_content()
        assert f"Tracking code: {codes['Lan.Vu@Example.VN']}." in body and "People's Committee of Phường Khương Đình" in body
        print(f"\nemail: sent in English to a real SMTP server, 550 dead at once, 451 waiting for attempt 2")
    finally:
        server.stop()
        controller.stop()


def test_starttls_to_a_server_with_the_offices_own_certificate():
    """`smtp+starttls://`: the connection turns to TLS after the first EHLO (the server here
    refuses MAIL before it), the server's certificate is one the office made itself and is
    trusted through `ANSINH_SMTP_CA`; without that file the message is not sent and waits."""
    if not os.environ.get("ANSINH_BIN"):
        pytest.fail("ANSINH_BIN is set by scripts/test")
    import ssl
    import subprocess
    work = tempfile.mkdtemp(prefix="ansinh-starttls-")
    cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    mailbox = Mailbox()
    smtp_port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port, tls_context=context, require_starttls=True)
    controller.start()
    try:
        for trusted in (False, True):
            server = Server(os.path.join(work, f"starttls-{trusted}.sqlite"))
            base_env = server.env
            extra = dict(ANSINH_SMTP_URL=f"smtp+starttls://localhost:{smtp_port}", ANSINH_SMTP_FROM=SENDER)
            if trusted:
                extra["ANSINH_SMTP_CA"] = cert
            server.env = lambda base_env=base_env, extra=extra: dict(base_env(), **extra)
            try:
                server.start()
                sent = requests.post(server.url + "/api/v1/public/requests", timeout=30, json={
                    "kind": "question", "unit": "00364", "text": "Hỏi về thẻ bảo hiểm y tế.", "name": "Hà Văn Sơn",
                    "phone": "0915000333", "email": "son.ha@example.vn", "language": "vi"})
                assert sent.status_code == 201, sent.text
                deadline = time.time() + 90
                while any(attempts == 0 for _, attempts, _ in email_rows(server.db).values()):
                    assert time.time() < deadline, f"the outbox never tried: {email_rows(server.db)}"
                    time.sleep(1)
                time.sleep(1)
                state, attempts, error = email_rows(server.db)["son.ha@example.vn"]
                if trusted:
                    assert (state, attempts) == ("sent", 1), (state, attempts, error)
                    assert len(mailbox.received) == 1 and mailbox.received[0][1] == ["son.ha@example.vn"]
                else:
                    # The office's certificate is not one the system trusts: nothing goes in clear.
                    assert state == "pending" and attempts == 1 and error, (state, attempts, error)
                    assert mailbox.received == []
            finally:
                server.stop()
        print("\nemail: STARTTLS with the office's own certificate sent; untrusted, the message waits")
    finally:
        controller.stop()
