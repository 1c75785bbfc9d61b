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
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_support import BASE, Browser

CITIZEN_KEY, CITIZEN_NAME = "001099000777", "Lê Thị Học"
PHONE = (390, 844)

browser = Browser("citizen")
driver, steps = browser.driver, browser.steps
step, expect, page_text, submit, sign_in = browser.step, browser.expect, browser.page_text, browser.submit, browser.sign_in


def fits(name, width):
    browser.fits(name, width)


def shot(name):
    browser.shot(name, PHONE[0], PHONE[1], PHONE)


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
    fits("the association's recognition page", 360)
    driver.set_window_size(1280, 1000)
    browser.shot("hoi-khuyen-hoc-cong-nhan", 1280, 700, (1280, 1000))
    sign_in("hoc.le", "mat-khau-cua-hoc")
    expect("Đã được công nhận" in page_text(), "the citizen's page shows the recognition: " + page_text()[:400])
    step("the association's recognition decision lists the citizen and their page shows it")

    # The commune's period figures and the province's public movement page, on a phone too.
    sign_in("xa.canbo")
    driver.get(BASE + "/units/99010/so-lieu?year=2025")
    expect("Cán bộ khuyến học cấp xã được bồi dưỡng" in page_text(), "the period figures form: " + page_text()[:300])
    fits("the period figures", 360)
    driver.set_window_size(1280, 1000)
    browser.shot("so-lieu-dinh-ky", 1280, 700, (1280, 1000))
    driver.delete_all_cookies()
    driver.get(BASE + "/cong-khai/99/phong-trao?year=2025")
    text = page_text()
    expect("Phong trào xây dựng xã hội học tập" in text and "Công dân học tập có kỹ năng số" in text, "the movement page: " + text[:300])
    expect(not re.search(r"\b\d{12}\b|CDHT-|HGD-", driver.page_source), "the movement page names no one")
    fits("the movement page", 360)
    driver.set_window_size(1280, 1000)
    browser.shot("phong-trao", 1280, 700, (1280, 1000))
    step("the period figures and the public movement page fit a phone; the public page names no one")
    print("citizen browser test passed: %d steps" % len(steps))
except Exception as error:  # noqa: BLE001 - the message and the screenshot are the report
    print("citizen browser test FAILED:", error, file=sys.stderr)
    sys.exit(1)
finally:
    driver.quit()
