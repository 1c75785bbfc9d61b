"""What the browser tests share: one headless Chromium, steps printed as they pass, a failure
that saves a screenshot, settled page text, submitting and waiting for the next page, signing in,
and the checks every page must pass (labelled inputs, no sideways scroll on a phone)."""

import os
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE = os.environ["THIDUA_BROWSER_URL"].rstrip("/")
SHOTS = os.environ.get("THIDUA_SCREENSHOTS", "docs/screenshots")
PASSWORD = "thidua-demo-2025"

UNLABELLED = """
return Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(e => e.type !== 'hidden' && !e.getAttribute('aria-label') && !(e.id && document.querySelector('label[for="' + e.id + '"]')) && !e.closest('label'))
  .map(e => e.outerHTML.slice(0, 120));
"""


class Browser:
    def __init__(self, name):
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=vi-VN"):
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.implicitly_wait(5)
        self.failure_shot = os.path.join(tempfile.gettempdir(), "thidua-%s-failure.png" % name)
        self.steps = []

    def step(self, text):
        self.steps.append(text)
        print("  ✓", text, flush=True)

    def expect(self, condition, message):
        if not condition:
            self.driver.save_screenshot(self.failure_shot)
            raise AssertionError(message + " (page: " + self.driver.current_url + ", screenshot: " + self.failure_shot + ")")

    def page_text(self):
        """The visible text of the page, once the navigation a click started has settled."""
        for _ in range(40):
            try:
                if self.driver.execute_script("return document.readyState") == "complete":
                    return self.driver.find_element(By.TAG_NAME, "body").text
            except Exception:  # noqa: BLE001 - the old page went away under us: look again
                pass
            time.sleep(0.1)
        return self.driver.find_element(By.TAG_NAME, "body").text

    def submit(self, button):
        """Clicks a submit button and waits until the browser has left the page."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        for _ in range(100):
            try:
                old.is_enabled()
            except Exception:  # noqa: BLE001 - stale: the new page is there
                return
            time.sleep(0.05)

    def sign_in(self, username, password=PASSWORD):
        self.driver.delete_all_cookies()
        self.driver.set_window_size(1280, 1000)
        self.driver.get(BASE + "/login")
        self.driver.find_element(By.ID, "username").send_keys(username)
        self.driver.find_element(By.ID, "password").send_keys(password)
        self.submit(self.driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
        self.expect("Đăng xuất" in self.page_text(), "sign-in of " + username + " failed")

    def fits(self, name, width=360, restore=None):
        """Every input has a label, and at `width` px the page does not scroll sideways; the
        window goes back to `restore` (width, height) afterwards when given."""
        unlabelled = self.driver.execute_script(UNLABELLED)
        self.expect(not unlabelled, name + ": inputs without a label: " + "; ".join(unlabelled))
        self.driver.set_window_size(width, 800)
        time.sleep(0.2)
        wide = self.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        if restore:
            self.driver.set_window_size(*restore)
        self.expect(wide <= 1, "%s: the page is %d px wider than a %d px screen" % (name, wide, width))

    def shot(self, name, width, height_at_least, restore):
        """A screenshot of the whole page (up to 4000 px tall) for the user guide."""
        self.driver.set_window_size(width, 1000)
        height = self.driver.execute_script("return Math.min(document.body.scrollHeight, 4000)")
        self.driver.set_window_size(width, max(height, height_at_least))
        self.driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
        self.driver.set_window_size(*restore)
