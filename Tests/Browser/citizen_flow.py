"""A citizen updates their own "Công dân học tập" self-assessment from a phone, in headless Chromium.

The commune clerk registers a citizen and makes an invitation code; the citizen, on a 390 px
screen, makes an account with the code, fills the questionnaire leaving one question out (the
error shows beside it), corrects it and sees the score; the commune reviewer appraises the form
(and sees that the citizen answered it); the recognition decision of the commune's Hội Khuyến
học, recorded by its chair under the association's own number, lists the citizen, and the
citizen's page shows the recognition. Pages must not scroll sideways at 360 px.

Run by scripts/browser-test.sh after nomination_flow.py, against the same server.
"""

import os
import re
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

BASE = os.environ["THIDUA_BROWSER_URL"].rstrip("/")
SHOTS = os.environ.get("THIDUA_SCREENSHOTS", "docs/screenshots")
PASSWORD = "thidua-demo-2025"
CITIZEN_KEY, CITIZEN_NAME = "001099000777", "Lê Thị Học"
PHONE = (390, 844)

options = Options()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=vi-VN"):
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.implicitly_wait(5)
steps = []


def step(text):
    steps.append(text)
    print("  ✓", text, flush=True)


def expect(condition, message):
    if not condition:
        path = os.path.join(tempfile.gettempdir(), "thidua-citizen-failure.png")
        driver.save_screenshot(path)
        raise AssertionError(message + " (page: " + driver.current_url + ", screenshot: " + path + ")")


def page_text():
    for _ in range(40):
        try:
            if driver.execute_script("return document.readyState") == "complete":
                return driver.find_element(By.TAG_NAME, "body").text
        except Exception:  # noqa: BLE001 - the old page went away under us: look again
            pass
        time.sleep(0.1)
    return driver.find_element(By.TAG_NAME, "body").text


def submit(button):
    old = driver.find_element(By.TAG_NAME, "html")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    for _ in range(100):
        try:
            old.is_enabled()
        except Exception:  # noqa: BLE001 - stale: the new page is there
            return
        time.sleep(0.05)


def fits(name, width):
    """The page does not scroll sideways at `width` px, and every input has a label."""
    driver.set_window_size(width, 800)
    time.sleep(0.2)
    wide = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    expect(wide <= 1, "%s: the page is %d px wider than a %d px screen" % (name, wide, width))
    unlabelled = driver.execute_script(
        """
        return Array.from(document.querySelectorAll('input, select, textarea'))
          .filter(e => e.type !== 'hidden' && !e.getAttribute('aria-label') && !(e.id && document.querySelector('label[for="' + e.id + '"]')) && !e.closest('label'))
          .map(e => e.outerHTML.slice(0, 120));
        """
    )
    expect(not unlabelled, name + ": inputs without a label: " + "; ".join(unlabelled))


def shot(name):
    height = driver.execute_script("return Math.min(document.body.scrollHeight, 3000)")
    driver.set_window_size(PHONE[0], max(height, PHONE[1]))
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
    driver.set_window_size(*PHONE)


def sign_in(username, password=PASSWORD):
    driver.delete_all_cookies()
    driver.set_window_size(1280, 1000)
    driver.get(BASE + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    submit(driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    expect("Đăng xuất" in page_text(), "sign-in of " + username + " failed")


def answer_all(skip=None):
    """Chooses the best option of every question, leaving `skip` (an indicator id) unanswered."""
    for field in driver.find_elements(By.CSS_SELECTOR, "[data-indicator]"):
        select = Select(field.find_element(By.TAG_NAME, "select"))
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        if field.get_attribute("data-indicator") == skip:
            select.select_by_value("")
        else:
            select.select_by_index(len(select.options) - 1)


try:
    # The commune clerk registers the citizen and makes the invitation.
    sign_in("xa.canbo")
    driver.get(BASE + "/units/99010/registrations")
    Select(driver.find_element(By.ID, "set")).select_by_value("cong-dan-hoc-tap")
    driver.find_element(By.ID, "key").send_keys(CITIZEN_KEY)
    driver.find_element(By.ID, "name").send_keys(CITIZEN_NAME)
    submit(driver.find_element(By.CSS_SELECTOR, "form[method='post'][action$='/registrations'] button[type=submit]"))
    expect("Đã ghi đăng ký của " + CITIZEN_NAME in page_text(), "the citizen was registered: " + page_text()[:300])
    submit(driver.find_element(By.LINK_TEXT, CITIZEN_NAME))
    registration_url = driver.current_url
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/invitation'] button[type=submit]"))
    code = driver.find_element(By.CSS_SELECTOR, ".invitation-code").text.strip()
    expect(re.fullmatch(r"[A-Z0-9]{3}(-[A-Z0-9]{3}){3}", code) is not None, "an invitation code is shown: " + code)
    link = driver.find_element(By.CSS_SELECTOR, "a[href*='/cong-dan/kich-hoat?ma=']").get_attribute("href")
    shown = driver.find_element(By.CSS_SELECTOR, "a[href*='/cong-dan/kich-hoat?ma=']").text
    expect(shown.startswith("http://") or shown.startswith("https://"), "the link given to the citizen is a whole address: " + shown)
    step("the commune clerk registered a citizen and made an invitation code")

    # The citizen, on a phone, makes the account with the code.
    driver.delete_all_cookies()
    driver.set_window_size(*PHONE)
    driver.get(BASE + "/cong-dan/kich-hoat")
    expect(CITIZEN_NAME not in page_text(), "nothing about the citizen is shown before the code is used")
    driver.find_element(By.ID, "code").send_keys(code.lower())
    driver.find_element(By.ID, "username").send_keys("hoc.le")
    driver.find_element(By.ID, "password").send_keys("mat-khau-cua-hoc")
    driver.find_element(By.ID, "confirm").send_keys("mat-khau-cua-hoc")
    fits("invitation page", 360)
    driver.set_window_size(*PHONE)
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/cong-dan/kich-hoat'] button[type=submit]"))
    text = page_text()
    expect("Đã tạo tài khoản" in text and CITIZEN_NAME in text, "the citizen's page opens: " + text[:300])
    step("the citizen made an account with the code on a 390 px screen (link was %s)" % link.split("?")[0])

    # The questionnaire, with one question left out, then corrected.
    submit(driver.find_element(By.LINK_TEXT, "Điền phiếu tự đánh giá"))
    expect(len(driver.find_elements(By.CSS_SELECTOR, "[data-indicator]")) >= 10, "the questionnaire has its questions")
    answer_all(skip="2.3")
    fits("questionnaire", 360)
    driver.set_window_size(*PHONE)
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/cong-dan/phieu'] button[type=submit]"))
    expect("Phiếu chưa lưu" in page_text(), "the form with a question left out is refused")
    beside = driver.find_element(By.CSS_SELECTOR, "[data-indicator='2.3'] .field-error").text
    expect("Chưa trả lời câu này" in beside, "the error is beside the question left out: " + beside)
    expect(len(driver.find_elements(By.CSS_SELECTOR, ".field-error")) == 1, "only that question is marked")
    shot("cong-dan-phieu-loi")
    answer_all()
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/cong-dan/phieu'] button[type=submit]"))
    text = page_text()
    expect("Đã lưu phiếu tự đánh giá" in text and driver.current_url.endswith("/cong-dan?da=luu"), "the form was saved: " + text[:300])
    expect("24/24" in text and "đạt tiêu chí" in text, "the citizen's page shows the score: " + text[:400])
    fits("citizen's page", 360)
    driver.set_window_size(*PHONE)
    shot("cong-dan-trang-cua-toi")
    # Nothing else is theirs.
    driver.get(BASE + "/queue")
    expect("Không tìm thấy" in page_text(), "a citizen's account reaches no staff page")
    step("the citizen filled the questionnaire, saw the question left out marked, corrected it and saw the score")

    # The commune reviewer appraises it, seeing that the citizen answered from their own account.
    sign_in("xa.chuyenvien")
    driver.get(registration_url)
    expect("công dân tự nhập bằng tài khoản riêng" in page_text(), "staff see the answers came from the citizen")
    submit(driver.find_element(By.LINK_TEXT, "Thẩm định phiếu này"))
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/appraisal'] button[type=submit]"))
    expect("Đã ghi kết quả thẩm định" in page_text(), "the appraisal was recorded: " + page_text()[:300])
    step("the commune reviewer appraised the citizen's form")

    # The association's recognition decision lists the citizen; the citizen's page shows it.
    sign_in("hkh.xa.chutich")
    driver.get(BASE + "/units/99010/registrations")
    year = driver.find_element(By.ID, "filter-year").get_attribute("value")
    driver.get(BASE + "/units/99010/recognised?set=cong-dan-hoc-tap&year=" + year)
    expect("Hội Khuyến học xã Yên Bình công nhận" in page_text(), "the association decides: " + page_text()[:400])
    driver.find_element(By.ID, "signerName").send_keys("Mai Thị Hồng")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/recognise'] button[type=submit]"))
    text = page_text()
    expect("Đã ghi quyết định công nhận." in text and CITIZEN_NAME in text and "/QĐ-HKH" in text,
           "the association's recognition decision lists the citizen: " + text[:400])
    sign_in("hoc.le", "mat-khau-cua-hoc")
    expect("Đã được công nhận" in page_text(), "the citizen's page shows the recognition: " + page_text()[:400])
    step("the association's recognition decision lists the citizen and their page shows it")
    print("citizen browser test passed: %d steps" % len(steps))
except Exception as error:  # noqa: BLE001 - the message and the screenshot are the report
    print("citizen browser test FAILED:", error, file=sys.stderr)
    sys.exit(1)
finally:
    driver.quit()
