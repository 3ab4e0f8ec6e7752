"""Uploads over a real socket and escaping of stored values: a generated registry file of several
megabytes through the import form reaches its check page; malformed spreadsheets and a ZIP bomb
each get a clear error while the server stays up; names, addresses and groups full of markup,
imported through the form, come back escaped on every page that shows them."""
import io
import os
import re
import time
import zipfile

import pytest

from conftest import MARKER, assert_alive, raw_marker

HEADER = ("household_code,commune_code,residential_group,address,area_type,full_name,gender,date_of_birth,"
          "national_id,relation_to_head,disability_level,disability_certificate_date,has_pension,phone\n")


def english(client):
    r = client.post("/language", data={"locale": "en", "back": "/"})
    assert r.status_code == 303


def upload(client, name, data, ctype="text/csv"):
    return client.post("/registry/import", files={"file": (name, data, ctype)})


def xlsx(sheet_xml, shared_xml=None, extra=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared_xml is not None:
            z.writestr("xl/sharedStrings.xml", shared_xml)
        for path, data in (extra or {}).items():
            z.writestr(path, data)
    return buf.getvalue()


def sheet(rows_xml):
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{rows_xml}</sheetData></worksheet>")


def zip_bomb():
    """A worksheet of 300 MB of spaces that packs to well under 1 MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
            chunk = b" " * (1 << 20)
            for _ in range(300):
                f.write(chunk)
            f.write(b"</t></is></c></row></sheetData></worksheet>")
    return buf.getvalue()


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + ']><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')

# name, bytes, content type, words the answer must contain (English)
MALFORMED = [
    ("bomb.xlsx", zip_bomb(), "larger than 256 MB once unpacked"),
    ("row-negative.xlsx", xlsx(sheet('<row r="-1"><c r="A1"><v>1</v></c></row>')), "invalid row number (-1)"),
    ("row-zero.xlsx", xlsx(sheet('<row r="0"><c r="A1"><v>1</v></c></row>')), "invalid row number (0)"),
    ("row-huge.xlsx", xlsx(sheet('<row r="99999999999"><c r="A1"><v>1</v></c></row>')), "invalid row number"),
    ("cell-no-column.xlsx", xlsx(sheet('<row r="1"><c r="17"><v>1</v></c></row>')), "invalid cell 17"),
    ("cell-long-column.xlsx", xlsx(sheet('<row r="1"><c r="AAAAAAAAAAAAAAAAAAAAAAAAAAAAA1"><v>1</v></c></row>')), "invalid cell"),
    ("shared-minus-one.xlsx", xlsx(sheet('<row r="1"><c r="A1" t="s"><v>-1</v></c></row>'), "<sst><si><t>a</t></si></sst>"),
     "points to text that does not exist"),
    ("shared-past-end.xlsx", xlsx(sheet('<row r="1"><c r="A1" t="s"><v>99</v></c></row>'), "<sst><si><t>a</t></si></sst>"),
     "points to text that does not exist"),
    ("long-cell.xlsx", xlsx(sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>' + "x" * 40000 + "</t></is></c></row>")),
     "more than 32767 characters"),
    ("laughs.xlsx", xlsx(LAUGHS), "Excel file"),
    ("truncated.xlsx", xlsx(sheet('<row r="1"><c r="A1"><v>1</v></c></row>'))[:200], "Excel"),
    ("broken-xml.xlsx", xlsx("<worksheet><sheetData><row"), "errors"),
    ("no-sheet.xlsx", xlsx(sheet(""), extra={}).replace(b"xl/worksheets/sheet1.xml", b"xl/other/sheeeet1.xml"), "Excel"),
    ("latin1.csv", HEADER.encode() + "00364-Z1,00364,,Số 1,,Nguyễn Văn A,male,1950,,head,,,,\n".encode("cp1258", "replace"), "UTF-8"),
    ("utf16.csv", HEADER.encode("utf-16"), "UTF-8"),
    ("empty.csv", b"", "file"),
    ("header-only.csv", HEADER.encode(), ""),
    ("binary.csv", bytes(range(256)) * 100, "UTF-8"),
]


@pytest.mark.parametrize("name,data,words", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_spreadsheet_gets_a_clear_error(base_url, client_for, name, data, words):
    client = client_for("canbo.khuongdinh")
    english(client)
    ctype = "text/csv" if name.endswith(".csv") else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    r = upload(client, name, data, ctype)
    assert r.status_code < 500, (name, r.status_code)
    if r.status_code == 303:
        # Accepted as a file: its check page lists what is wrong.
        page = client.get(r.headers["Location"])
        assert page.status_code == 200
        text = page.text
    else:
        assert 400 <= r.status_code < 500
        text = r.text
    assert words in text.replace("&#39;", "'"), f"{name}: {words!r} not in the answer"
    assert_alive(base_url)


def test_large_generated_file_reaches_its_check_page(base_url, client_for):
    path = os.environ.get("ANSINH_GENERATED")
    if not path:
        pytest.fail("ANSINH_GENERATED is not set: run through scripts/test")
    size = os.path.getsize(path)
    assert size > 2 * 1024 * 1024, "the generated file should be several megabytes"
    client = client_for("canbo.khuongdinh")
    english(client)
    with open(path, "rb") as f:
        r = upload(client, os.path.basename(path), f)
    assert r.status_code == 303, r.status_code
    page = client.get(r.headers["Location"])
    rows = sum(1 for _ in open(path, encoding="utf-8")) - 1
    assert page.status_code == 200
    assert f"{rows:,}".replace(",", ".") in page.text or f"{rows:,}" in page.text or str(rows) in page.text


HOSTILE_NAME = f'Nguyễn "><{MARKER} x=\'1\'>An'
HOSTILE_ADDRESS = f"Số 1 <{MARKER}>&amp;\"'</textarea><script>alert(1)</script>"
HOSTILE_GROUP = f"Tổ <{MARKER}> 7"


def test_stored_markup_is_escaped_on_every_page(base_url, client_for):
    client = client_for("canbo.khuongdinh")
    english(client)
    code = "00364-X%d" % (time.time_ns() % 10 ** 8)
    # A residential group whose name is markup, made through the unit form.
    form = client.get("/admin/units/new").text
    ward = re.search(r'<option value="([0-9A-F-]{36})"[^>]*>[^<]*Khương Đình', form).group(1)
    r = client.post("/admin/units", data={"parent_id": ward, "kind": "residential_group", "code": code.replace("X", "T"), "name": HOSTILE_GROUP})
    assert r.status_code == 303, r.status_code
    csv = HEADER + (f'{code},00364,"{HOSTILE_GROUP}","{HOSTILE_ADDRESS.replace(chr(34), chr(34) * 2)}",urban,'
                    f'"{HOSTILE_NAME.replace(chr(34), chr(34) * 2)}",male,1950-01-02,,head,none,,no,\n'
                    f'{code},00364,"{HOSTILE_GROUP}",x,urban,"<{MARKER}> Bà",female,1952,,spouse,,,,\n'
                    f'{code}-BAD,00364,,x,urban,Lê Văn C,<{MARKER}>,1952,,head,,,,\n')
    r = upload(client, f"<{MARKER}>.csv", csv.encode())
    assert r.status_code == 303, r.status_code
    job = r.headers["Location"]
    page = client.get(job)
    assert not raw_marker(page), "the check page echoed a value as markup"
    assert f"&lt;{MARKER}&gt;" in page.text  # the bad gender is shown, escaped
    r = client.post(job + "/run", data={"valid_only": "on"})
    assert r.status_code == 303
    for _ in range(240):
        if "<dd>Done</dd>" in client.get(job).text:
            break
        time.sleep(0.25)
    else:
        pytest.fail("the import did not finish")
    pages = ["/registry/households", f"/registry/households?q={code}", "/registry/persons?q=Nguyen+An",
             f"/registry/persons?q=<{MARKER}>", "/registry/import", job, "/admin/units", "/registry/duplicates"]
    found_household = None
    for p in pages:
        resp = client.get(p)
        assert resp.status_code == 200, (p, resp.status_code)
        assert not raw_marker(resp), f"{p} echoed a stored value as markup"
        if found_household is None:
            m = re.search(r'href="(/registry/households/[0-9A-F-]{36})"[^>]*>' + re.escape(code), resp.text)
            found_household = m.group(1) if m else None
    assert found_household, "the imported household is not listed"
    # The audit trail shows the stored values too (to a role that may read it).
    approver = client_for("lanhdao.khuongdinh")
    for p in ["/admin/audit", f"/admin/audit?actor=<{MARKER}>"]:
        resp = approver.get(p)
        assert resp.status_code == 200 and not raw_marker(resp), p
    detail = client.get(found_household)
    assert detail.status_code == 200 and not raw_marker(detail)
    assert "&lt;" + MARKER in detail.text, "the hostile address or name is not shown at all"
    for person in sorted(set(re.findall(r'/registry/persons/[0-9A-F-]{36}', detail.text)))[:3]:
        for suffix in ("", "/edit", "/decisions"):
            resp = client.get(person + suffix)
            assert resp.status_code == 200 and not raw_marker(resp), person + suffix
    assert_alive(base_url)


def test_a_residents_phone_photo_needs_the_forms_own_challenge(base_url):
    """Over a real socket, without an account: a 3 MB photo goes with the form that carries the
    challenge this server issued; the same body posted without it — or with a forged one — is
    refused with 413 before it is read. The server stays up."""
    import requests
    session = requests.Session()
    page = session.get(base_url + "/public/requests/new", timeout=30).text
    action = re.search(r'action="(/public/requests\?c=[^"]+)"', page).group(1)
    token = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    a, b = map(int, token.split(".")[:2])
    assert action.endswith("c=" + token)
    fields = {"_csrf": csrf, "kind": "hardship_report", "unit": "00364", "residential_group": "Tổ dân phố 1", "name": "Lê Thị Hạnh",
              "phone": "0912 464 646", "text": "Mái nhà bị tốc sau bão, gửi ảnh chụp.", "consent": "on", "challenge": token, "answer": str(a + b)}
    photo = bytes([0xFF, 0xD8, 0xFF, 0xE0]) + os.urandom(3 * 1024 * 1024)
    for path in ("/public/requests", "/public/requests?c=2.3.1900000000.abc.0000"):
        r = session.post(base_url + path, data=fields, files={"files[]": ("mai-nha.jpg", photo, "image/jpeg")}, allow_redirects=False, timeout=60)
        assert r.status_code == 413, (path, r.status_code)
    r = session.post(base_url + action, data=fields, files={"files[]": ("mai-nha.jpg", photo, "image/jpeg")}, allow_redirects=False, timeout=60)
    assert r.status_code == 303 and "/public/requests/sent?code=YC-" in r.headers["Location"], (r.status_code, r.text[:300])
    assert_alive(base_url)
