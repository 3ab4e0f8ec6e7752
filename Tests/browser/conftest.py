"""Headless Chromium for Ansinh's browser tests. The server URL comes from ANSINH_URL
(scripts/test starts `ansinh serve` on a fresh SQLite file with the demo loaded)."""
import os
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

DEMO_PASSWORD = "ansinh-demo-2026"


def office_now():
    """The offices' clock (Asia/Ho_Chi_Minh, UTC+7, no summer time): dates the server compares
    with its own day must come from it, not from this machine's zone (UTC in CI, a day behind
    from 17:00 UTC)."""
    import datetime
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) + datetime.timedelta(hours=7)


def office_today():
    return office_now().date()


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("ANSINH_URL")
    if not url:
        pytest.fail("ANSINH_URL is not set: run the browser tests through scripts/test")
    return url.rstrip("/")


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=vi"):
        options.add_argument(arg)
    # A Vietnamese officer's browser: a first visit takes its language from Accept-Language.
    options.add_experimental_option("prefs", {"intl.accept_languages": "vi-VN,vi"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def click_and_wait(browser, element):
    """Clicks a button that submits a form and waits until the next page has loaded. A marker
    on the old window object tells the pages apart without holding on to old DOM nodes."""
    from selenium.webdriver.support.ui import WebDriverWait
    browser.execute_script("window.__ansinhOldPage = true")
    element.click()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(
        "return window.__ansinhOldPage === undefined && document.readyState === 'complete'"))


def login(browser, base_url, username, password=DEMO_PASSWORD):
    from selenium.webdriver.common.by import By
    browser.get(base_url + "/login")
    browser.find_element(By.ID, "f-username").send_keys(username)
    browser.find_element(By.ID, "f-password").send_keys(password)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
