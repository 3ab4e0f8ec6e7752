"""Authorization with two wards, over real sockets: an administrator makes a second ward with an
officer of its own, who records a household, an import, a review campaign and a payment cycle
there. The officer of Khương Đình then tries every route that takes an id with every record of
the other ward, reading and writing: each answer must be 404 (or 403 where the role may not do
that at all): the record in the path is looked up within the officer's units before the form is
read, so not even a form sent back with a message about its fields (303, 400, 422) may say that
the record exists. And nothing is written: the audit trail, which records every write, must not
have grown, and the other ward's household page must be exactly as it was."""
import os
import re
import time

import pytest
import requests

from conftest import Client, assert_alive, csrf_of

UUID_RE = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")
PAGES = ["/registry/households", "/registry/persons", "/admin/units", "/admin/users", "/review", "/payments",
         "/allowances/applications", "/registry/import", "/registry/duplicates", "/review/alerts", "/account"]


def option(html, label):
    m = re.search(r'<option value="([0-9A-F-]{36})"[^>]*>[^<]*' + re.escape(label), html)
    assert m, f"no option {label!r}"
    return m.group(1)


def ids_on(client, pages):
    seen = set()
    for p in pages:
        seen.update(UUID_RE.findall(client.get(p).text))
    return seen


def test_an_officer_never_reaches_another_wards_records(base_url, routes, client_for):
    admin = client_for("admin")
    stamp = str(time.time_ns() % 10 ** 5).zfill(5)
    code = "9" + stamp[1:]
    form = admin.get("/admin/units/new").text
    province = option(form, "Thành phố Hà Nội")
    r = admin.post("/admin/units", data={"parent_id": province, "kind": "commune", "code": code, "name": f"Phường Thử {stamp}"})
    assert r.status_code == 303, r.status_code
    ward = r.headers["Location"].rsplit("/", 1)[-1]
    r = admin.post("/admin/units", data={"parent_id": ward, "kind": "residential_group", "code": code + "-TDP01", "name": "Tổ dân phố 1"})
    assert r.status_code == 303
    username = f"canbo.thu{stamp}"
    r = admin.post("/admin/users", data={"username": username, "full_name": "Cán bộ phường thử", "password": "ward-b-password-2026",
                                         "role": "ward_officer", "unit_id": ward, "locale": "vi"})
    assert r.status_code == 303, r.status_code

    # The other ward's officer records what a ward has.
    other = Client.__new__(Client)
    other.base_url, other.username, other.http = base_url, username, requests.Session()
    page = other.http.get(base_url + "/login")
    r = other.http.post(base_url + "/login", data={"_csrf": csrf_of(page.text), "username": username, "password": "ward-b-password-2026"},
                        allow_redirects=False)
    assert r.status_code == 303
    other.token = csrf_of(other.http.get(base_url + "/").text)
    r = other.post("/registry/households", data={"code": code + "-H1", "commune_id": ward, "address": "Số 9 phố Thử", "since": "2026-01-01",
                                                 "head_full_name": "Vũ Thị Thử", "head_gender": "female", "head_birth": "1950-02-03",
                                                 "head_disability": "severe", "head_disability_certificate_date": "2020-01-01"})
    assert r.status_code == 303, r.status_code
    household = r.headers["Location"]
    csv = ("household_code,commune_code,full_name,gender,date_of_birth,relation_to_head\n"
           f"{code}-H2,{code},Lê Văn Hai,male,1960,head\n{code}-H3,{code},,male,1960,head\n")
    r = other.post("/registry/import", files={"file": ("b.csv", csv.encode(), "text/csv")})
    assert r.status_code == 303
    r = other.post("/review/campaigns", data={"commune_id": ward, "year": "2026", "campaign_kind": "periodic"})
    assert r.status_code == 303
    r = other.post("/payments/generate", data={"commune_id": ward, "month": "2026-01"})
    assert r.status_code == 303
    other.get(household)  # shows, and so clears, the "saved" message
    before = other.get(household).text

    officer = client_for("canbo.khuongdinh")
    theirs = ids_on(other, PAGES + [household]) - ids_on(officer, PAGES) - ids_on(admin, ["/account"])
    assert ward in theirs and household.rsplit("/", 1)[-1] in theirs and len(theirs) >= 5, theirs

    token = os.environ.get("ANSINH_TOKEN")
    if not token:
        pytest.fail("ANSINH_TOKEN (an API token of the demo administrator) is set by scripts/test")

    def audit_total():
        r = requests.get(base_url + "/api/v1/audit?per_page=1", headers={"Authorization": "Bearer " + token}, timeout=30)
        assert r.status_code == 200, r.status_code
        return r.json()["total"]

    audit_before = audit_total()
    wrong, tried = [], 0
    for route in routes:
        path, method = route["path"], route["method"]
        if ":" not in path or path.startswith("/api/"):
            continue
        for record in sorted(theirs):
            target = re.sub(r":[a-z_]+", record, path)
            if method == "GET":
                resp = officer.get(target)
            else:
                resp = officer.post(target, data={n: "1" for n in ["name", "code", "reason", "note", "status", "present", "agree",
                                                                   "address", "group_id", "number", "signed_date", "month"]})
            tried += 1
            if resp.status_code not in (403, 404):
                wrong.append(f"{resp.status_code} {method} {path} with the other ward's {record}")
    written = audit_total() - audit_before
    print(f"\ntwo wards: {tried} requests with {len(theirs)} records of the other ward; {len(wrong)} not 403/404, {written} writes")
    assert not wrong, "\n".join(wrong[:100])
    assert written == 0, "a write went through for another ward's record"
    assert other.get(household).text.replace(other.token, "") == before.replace(other.token, ""), "the other ward's household changed"
    assert_alive(base_url)
