"""Black-box tests: plain HTTP against a real `ansinh serve --demo` on a port (started by
scripts/test), the way a browser or a partner reaches it. Nothing here imports Ansinh code.

ANSINH_URL    the server, e.g. http://127.0.0.1:41234
ANSINH_ROUTES a file of `ansinh routes` output (one JSON object a line)
ANSINH_TOKEN  an API token of the demo administrator (optional)
"""
import json
import os
import re

import pytest
import requests

DEMO_PASSWORD = "ansinh-demo-2026"
ROLES = ["admin", "canbo.khuongdinh", "lanhdao.khuongdinh", "ketoan.khuongdinh",
         "ctxh.quangninh", "giamdoc.quangninh", "kiemtoan"]
# A piece of markup no page ever writes: finding it raw in HTML means an input was echoed.
MARKER = "x-fuzz-7"
CSRF_RE = re.compile(r'name="_csrf" value="([^"]*)"')


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("ANSINH_URL")
    if not url:
        pytest.fail("ANSINH_URL is not set: run the black-box tests through scripts/test")
    return url.rstrip("/")


@pytest.fixture(scope="session")
def routes():
    path = os.environ.get("ANSINH_ROUTES")
    if not path:
        pytest.fail("ANSINH_ROUTES is not set: run the black-box tests through scripts/test")
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip().startswith("{")]


def csrf_of(html):
    m = CSRF_RE.search(html)
    return m.group(1).replace("&#43;", "+").replace("&#47;", "/").replace("&#61;", "=") if m else ""


class Client:
    """A signed-in officer: a cookie session and the form token of that session."""

    def __init__(self, base_url, username):
        self.base_url, self.username = base_url, username
        self.http = requests.Session()
        self.token = ""
        self.login()

    def login(self):
        page = self.http.get(self.base_url + "/login", timeout=30)
        r = self.http.post(self.base_url + "/login", data={
            "_csrf": csrf_of(page.text), "username": self.username, "password": DEMO_PASSWORD, "next": "/"},
            allow_redirects=False, timeout=30)
        assert r.status_code == 303, f"sign-in of {self.username} answered {r.status_code}"
        self.token = csrf_of(self.http.get(self.base_url + "/", timeout=30).text)
        assert self.token, "no form token on the home page"

    def get(self, path, **kw):
        return self.http.get(self.base_url + path, allow_redirects=False, timeout=60, **kw)

    def post(self, path, data=None, files=None, **kw):
        body = dict(data or {})
        body.setdefault("_csrf", self.token)
        return self.http.post(self.base_url + path, data=body, files=files, allow_redirects=False, timeout=120, **kw)


@pytest.fixture(scope="session")
def client_for(base_url):
    cache = {}

    def make(username):
        if username not in cache:
            cache[username] = Client(base_url, username)
        return cache[username]
    return make


def assert_alive(base_url):
    r = requests.get(base_url + "/health", timeout=30)
    assert r.status_code == 200, f"/health answered {r.status_code}: the server is down or unwell"


def raw_marker(response):
    """True when an HTML answer carries the marker as markup (an unescaped echo of input)."""
    ctype = response.headers.get("Content-Type", "")
    return "html" in ctype and ("<" + MARKER) in response.text
