"""Crash safety: `kill -9` a real server in the middle of an import of more than 100,000 rows;
after a restart the import finishes by itself with exactly the rows and content of an import
that was never interrupted, and the audit chain verifies. The same for a payroll preparation
and a payroll close: each leaves nothing or the whole of it. Each server here is started by the
test on a file of its own (the shared server of the other tests is left alone).

ANSINH_BIN       the ansinh binary
ANSINH_LARGE     a generated registry of more than 100,000 rows (`ansinh generate`)
"""
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time

import pytest
import requests

from conftest import DEMO_PASSWORD, csrf_of

# The secret of the demo template (scripts/test): the demo's keyed hashes (hotline numbers) use it.
SECRET = os.environ.get("ANSINH_SECRET") or "crash-tests-secret-0123456789abcdef0123"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, db):
        self.db, self.port, self.proc = db, free_port(), None
        self.url = f"http://127.0.0.1:{self.port}"

    def env(self):
        # No scheduled payroll: the tests prepare the months themselves.
        return dict(os.environ, DATABASE_URL=f"sqlite://{self.db}", ANSINH_SECRET=SECRET, ANSINH_LOG_LEVEL="warning", ANSINH_PAYROLL_DAY="0")

    def start(self, demo=True):
        # A new file starts as a copy of the demo template when scripts/test made one (the same
        # records a first start with --demo loads, without loading them again).
        template = os.environ.get("ANSINH_DEMO_TEMPLATE")
        if demo and template and not os.path.exists(self.db):
            for suffix in ("", "-wal", ".key"):
                if os.path.exists(template + suffix):
                    shutil.copyfile(template + suffix, self.db + suffix)
        args = [os.environ["ANSINH_BIN"], "serve", "--hostname", "127.0.0.1", "--port", str(self.port)] + (["--demo"] if demo else [])
        self.log = open(self.db + ".log", "ab")
        self.proc = subprocess.Popen(args, env=self.env(), stdout=self.log, stderr=self.log)
        # Up to two minutes: a new database loads the demo's two offices first.
        for _ in range(480):
            try:
                if requests.get(self.url + "/health", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.25)
        raise AssertionError("the server did not start")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)

    def login(self, username="canbo.khuongdinh"):
        http = requests.Session()
        page = http.get(self.url + "/login", timeout=30)
        r = http.post(self.url + "/login", data={"_csrf": csrf_of(page.text), "username": username,
                                                 "password": DEMO_PASSWORD}, allow_redirects=False, timeout=30)
        assert r.status_code == 303
        token = csrf_of(http.get(self.url + "/", timeout=30).text)
        return http, token

    def upload_and_run(self, path):
        http, token = self.login()
        with open(path, "rb") as f:
            r = http.post(self.url + "/registry/import", data={"_csrf": token}, files={"file": (os.path.basename(path), f, "text/csv")},
                          allow_redirects=False, timeout=600)
        assert r.status_code == 303, r.status_code
        job = r.headers["Location"]
        r = http.post(self.url + job + "/run", data={"_csrf": token, "valid_only": "on"}, allow_redirects=False, timeout=60)
        assert r.status_code == 303
        return http, job

    def wait_done(self, http, job, what):
        deadline = time.time() + 1200
        while not self.progress(http, job)[1]:
            assert time.time() < deadline, f"{what} did not finish"
            time.sleep(0.5)

    def progress(self, http, job):
        text = http.get(self.url + job, timeout=60).text
        m = re.search(r'<progress max="(\d+)" value="(\d+)"', text)
        done = "<dd>Hoàn thành</dd>" in text or "<dd>Done</dd>" in text
        return (int(m.group(2)), int(m.group(1))) if m else (0, 1), done


def registry(db):
    """The imported registry as plain rows, ids left out (they are random)."""
    con = sqlite3.connect(db)
    try:
        persons = con.execute("SELECT full_name, gender, birth_date, COALESCE(national_id, ''), disability_level, has_pension "
                              "FROM persons ORDER BY 1, 3, 4").fetchall()
        households = con.execute("SELECT code, address, COALESCE(phone, '') FROM households ORDER BY 1").fetchall()
        members = con.execute("SELECT h.code, p.full_name, p.birth_date, m.role FROM memberships m JOIN households h ON h.id = m.household_id "
                              "JOIN persons p ON p.id = m.person_id WHERE m.end_date IS NULL ORDER BY 1, 2, 3").fetchall()
        # No person twice in the registry (a resumed batch written again would show here).
        dup = con.execute("SELECT COUNT(*) FROM (SELECT household_id, person_id FROM memberships GROUP BY 1, 2 HAVING COUNT(*) > 1)").fetchone()[0]
        return persons, households, members, dup
    finally:
        con.close()


def audit_verify(server):
    r = subprocess.run([os.environ["ANSINH_BIN"], "audit", "verify"], env=server.env(), capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr


def test_kill_9_during_a_large_import_then_resume():
    path = os.environ.get("ANSINH_LARGE")
    if not path or not os.environ.get("ANSINH_BIN"):
        pytest.fail("ANSINH_LARGE and ANSINH_BIN are set by scripts/test")
    rows = sum(1 for _ in open(path, encoding="utf-8")) - 1
    assert rows >= 100_000
    work = tempfile.mkdtemp(prefix="ansinh-crash-")

    # The reference: the same file imported without interruption.
    ref = Server(os.path.join(work, "reference.sqlite"))
    ref.start()
    try:
        http, job = ref.upload_and_run(path)
        ref.wait_done(http, job, "the reference import")
    finally:
        ref.stop()

    crash = Server(os.path.join(work, "crash.sqlite"))
    crash.start()
    killed_at = None
    try:
        http, job = crash.upload_and_run(path)
        deadline = time.time() + 1200
        while True:
            (value, total), done = crash.progress(http, job)
            assert not done, "the import finished before it could be interrupted"
            if value >= total // 3:
                crash.kill9()
                killed_at = value
                break
            assert time.time() < deadline
            time.sleep(0.2)
        # Restart on the same file: the import resumes by itself.
        crash.start(demo=False)
        http, _ = crash.login()
        crash.wait_done(http, job, "the resumed import")
    finally:
        crash.stop()

    print(f"\ncrash safety: {rows} rows, killed at row {killed_at}, resumed and finished")
    expected, got = registry(ref.db), registry(crash.db)
    assert got[3] == 0 and expected[3] == 0, "a membership was written twice"
    assert len(got[0]) == len(expected[0]) and len(got[1]) == len(expected[1])
    assert got[0] == expected[0], "persons differ from an uninterrupted import"
    assert got[1] == expected[1], "households differ from an uninterrupted import"
    assert got[2] == expected[2], "memberships differ from an uninterrupted import"
    audit_verify(crash)
    audit_verify(ref)


def payment_lines(db):
    con = sqlite3.connect(db)
    try:
        # The lines of this month's cycle (the demo's closed months stay as they are).
        lines = con.execute("SELECT l.person_id, l.benefit, l.month, l.kind, l.amount, l.status FROM payment_lines l "
                            "JOIN payment_cycles c ON c.id = l.cycle_id WHERE c.month = ? ORDER BY 1, 2, 3, 4", (MONTH,)).fetchall()
        cycles = con.execute("SELECT commune_id, month, COUNT(*) FROM payment_cycles GROUP BY 1, 2").fetchall()
        dup = con.execute("SELECT COUNT(*) FROM (SELECT person_id, benefit, month, kind FROM payment_lines GROUP BY 1, 2, 3, 4 HAVING COUNT(*) > 1)").fetchone()[0]
        return lines, cycles, dup
    finally:
        con.close()


def office_month(back=0):
    """The month `back` months before this one in the office's time zone (YYYY-MM)."""
    import datetime
    import zoneinfo
    today = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")).date()
    y, m = divmod(today.year * 12 + today.month - 1 - back, 12)
    return f"{y:04d}-{m + 1:02d}"


# The demo pays its ward every month up to the last one: the test prepares this month, with the
# decisions signed two months before (arrears and this month).
MONTH, SIGNED = office_month(), office_month(2) + "-05"


def test_kill_9_during_payroll_preparation():
    """Decisions for a few hundred people with severe disabilities, made through the pages; then
    `ansinh payroll prepare` (three months: arrears and this month) is killed with -9 at random
    moments, 30 times, and finally run to its end: after every kill and at the end the cycle
    has none or exactly the lines of a preparation never interrupted (no line lost, none
    twice), one cycle per commune and month, and the audit chain verifies."""
    import random
    import shutil
    if not os.environ.get("ANSINH_BIN"):
        pytest.fail("ANSINH_BIN is set by scripts/test")
    work = tempfile.mkdtemp(prefix="ansinh-payroll-crash-")
    source = os.path.join(work, "registry.csv")
    subprocess.run([os.environ["ANSINH_BIN"], "generate", "--households", "2500", "--seed", "11", "--out", source],
                   check=True, capture_output=True, timeout=300)
    server = Server(os.path.join(work, "payroll.sqlite"))
    server.start()
    try:
        http, job = server.upload_and_run(source)
        server.wait_done(http, job, "the import")
        con = sqlite3.connect(server.db)
        people = [r[0] for r in con.execute(
            "SELECT id FROM persons WHERE disability_level IN ('severe', 'especially_severe') AND disability_certificate_date IS NOT NULL "
            "AND birth_year < 2000 AND id NOT IN (SELECT person_id FROM allowance_periods) ORDER BY id LIMIT 300").fetchall()]
        con.close()
        assert len(people) >= 100, len(people)
        # The chairman's start decisions, through the person pages.
        chairman, token = server.login("lanhdao.khuongdinh")
        for i, p in enumerate(people):
            pid = str(p).upper() if not isinstance(p, bytes) else p.hex()
            r = chairman.post(f"{server.url}/registry/persons/{pid}/decisions",
                              data={"_csrf": token, "benefit": "allowance", "kind": "start", "reason": "eligible", "number": f"{i + 1}/QĐ-UBND",
                                    "signed_date": SIGNED, "event_date": SIGNED, "recipient_kind": "person", "channel": "cash"},
                              allow_redirects=False, timeout=60)
            assert r.status_code == 303, (pid, r.status_code)
    finally:
        server.stop()
    con = sqlite3.connect(server.db)
    periods = con.execute("SELECT COUNT(*) FROM allowance_periods WHERE until_month IS NULL").fetchone()[0]
    con.close()
    assert periods >= 100, f"only {periods} decisions took effect"

    # The server prepares this month's cycle when it starts (the demo pays its ward): a draft of
    # the demo's recipients, which a preparation replaces whole or not at all.
    before = payment_lines(server.db)[0]
    reference = os.path.join(work, "reference.sqlite")
    shutil.copy(server.db, reference)
    prepare = [os.environ["ANSINH_BIN"], "payroll", "prepare", "--commune", "00364", "--month", MONTH]
    env_ref = dict(os.environ, DATABASE_URL=f"sqlite://{reference}", ANSINH_SECRET=SECRET, ANSINH_LOG_LEVEL="error")
    t0 = time.time()
    r = subprocess.run(prepare, env=env_ref, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    took = time.time() - t0

    env = dict(os.environ, DATABASE_URL=f"sqlite://{server.db}", ANSINH_SECRET=SECRET, ANSINH_LOG_LEVEL="error")
    expected = payment_lines(reference)
    assert len(expected[0]) >= 300
    rng = random.Random(17)
    kills = 0
    # Killed at random moments over the whole run (start-up included), 30 times: after every
    # kill the month has either the lines it had before or exactly those of a complete
    # preparation (a preparation again of a draft replaces its lines in one transaction),
    # never a part.
    for _ in range(30):
        proc = subprocess.Popen(prepare, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, took))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        lines, cycles, dup = payment_lines(server.db)
        assert dup == 0, "a payment line is there twice"
        assert all(c[2] == 1 for c in cycles), "more than one cycle for a commune and month"
        assert lines in (before, expected[0]), f"a part of a preparation was left ({len(lines)} of {len(expected[0])} lines)"
    r = subprocess.run(prepare, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    got = payment_lines(server.db)
    print(f"\npayroll crash safety: {periods} recipients, {len(got[0])} lines, a full preparation {took:.2f} s, killed {kills} of 30 runs")
    assert kills >= 5, f"too few runs were interrupted to prove anything (a preparation took {took:.2f} s)"
    assert got[2] == 0 and got[0] == expected[0], "the lines differ from a preparation never interrupted"
    r = subprocess.run([os.environ["ANSINH_BIN"], "audit", "verify"], env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    kill_9_during_payroll_close(server, work)


def cycle_state(db):
    """The cycle of this month (status, who closed it), its lines with their outcome, and the
    allowance periods: what a close may change."""
    con = sqlite3.connect(db)
    try:
        cycle = con.execute("SELECT status, COALESCE(closed_by, '') FROM payment_cycles WHERE month = ?", (MONTH,)).fetchall()
        lines = con.execute("SELECT person_id, month, kind, amount, status, COALESCE(reason, '') FROM payment_lines ORDER BY 1, 2, 3").fetchall()
        periods = con.execute("SELECT person_id, benefit, from_month, COALESCE(until_month, '') FROM allowance_periods "
                              "ORDER BY 1, 2, 3").fetchall()
        return cycle, lines, periods
    finally:
        con.close()


def kill_9_during_payroll_close(server, work):
    """The prepared cycle submitted, approved by the chairman and reconciled over the API (one
    line in ten not collected, with its reason); then the server is killed with -9 while it
    closes the cycle, again and again until a close gets through: after every kill the cycle
    is either still open with every line as it was, or closed exactly as a close never
    interrupted closes it; nothing is lost or written twice, and the audit chain verifies."""
    import random
    import shutil
    import threading

    def token(username):
        r = subprocess.run([os.environ["ANSINH_BIN"], "token", "create", "--username", username, "--name", "crash"],
                           env=server.env(), capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stdout + r.stderr
        return r.stdout.strip().splitlines()[-1]

    officer, chairman = token("canbo.khuongdinh"), token("lanhdao.khuongdinh")

    def api(method, path, tok, **kw):
        return requests.request(method, server.url + "/api/v1" + path, headers={"Authorization": "Bearer " + tok}, timeout=120, **kw)

    server.start()
    try:
        cycle = next(c for c in api("GET", "/payments/cycles", officer).json() if c["month"] == MONTH)
        cid = cycle["id"]
        assert api("POST", f"/payments/cycles/{cid}/submit", officer).status_code == 200
        assert api("POST", f"/payments/cycles/{cid}/approve", chairman).status_code == 200
        ids, page = [], 1
        while True:
            body = api("GET", f"/payments/cycles/{cid}/lines?per_page=200&page={page}", officer).json()
            ids += [l["id"] for l in body["items"]]
            if page * 200 >= body["total"]:
                break
            page += 1
        settle = [{"line_id": i, "status": "unpaid", "reason": "Vắng nhà"} if n % 10 == 0 else {"line_id": i, "status": "paid"}
                  for n, i in enumerate(ids)]
        r = api("POST", f"/payments/cycles/{cid}/settle", officer, json={"lines": settle})
        assert r.status_code == 200 and r.json()["settled"] == len(ids), r.text
    finally:
        server.stop()
    before = cycle_state(server.db)

    # A close never interrupted, on a copy, to compare with and to time.
    reference = Server(os.path.join(work, "close-reference.sqlite"))
    shutil.copy(server.db, reference.db)
    reference.start()
    try:
        t0 = time.time()
        r = api_on(reference, "POST", f"/payments/cycles/{cid}/close", officer)
        took = time.time() - t0
        assert r.status_code == 200, r.text
    finally:
        reference.stop()
    expected = cycle_state(reference.db)
    assert expected[0][0][0] == "closed"

    snapshot = os.path.join(work, "before-close.sqlite")
    shutil.copy(server.db, snapshot)

    def restore():
        for suffix in ("-wal", "-shm"):
            if os.path.exists(server.db + suffix):
                os.remove(server.db + suffix)
        shutil.copy(snapshot, server.db)

    rng = random.Random(23)
    cut, through = 0, 0
    # Each time from the reconciled cycle, the server is killed at a random moment while the
    # close is on its way or running: afterwards the cycle is either exactly as before or
    # exactly as a close never interrupted leaves it, never a part of a close.
    for _ in range(20):
        restore()
        server.start()

        def close():
            try:
                api("POST", f"/payments/cycles/{cid}/close", officer)
            except requests.RequestException:
                pass
        t = threading.Thread(target=close)
        t.start()
        time.sleep(rng.uniform(0.0, took))
        server.kill9()
        t.join(timeout=120)
        state = cycle_state(server.db)
        if state == before:
            cut += 1
        else:
            assert state == expected, "a close cut short left a part of a close"
            through += 1
        audit_verify(server)
    restore()
    server.start()
    try:
        assert api("POST", f"/payments/cycles/{cid}/close", officer).status_code == 200
    finally:
        server.stop()
    print(f"\npayroll close crash safety: {len(before[1])} lines, a close {took:.2f} s; of 20 closes killed at random, {cut} left "
          f"the cycle as it was and {through} closed it whole")
    assert cut >= 3, f"too few closes were cut short to prove anything (a close took {took:.2f} s)"
    assert cycle_state(server.db) == expected, "the close differs from a close never interrupted"
    audit_verify(server)


def api_on(server, method, path, tok):
    return requests.request(method, server.url + "/api/v1" + path, headers={"Authorization": "Bearer " + tok}, timeout=120)
