"""The reviewers' web app driven in headless Chromium, end to end on a real server.

A commune submitter creates a household nomination for a province Bằng khen with its achievement
report; the commune reviewer returns it for supplement; the submitter adds the missing document
and resubmits; the commune council votes in a session; the province reviewer takes it to the
province council, which votes; the province chair drafts and issues the decision. Then the
learning-model cycle (registration, self-assessment, appraisal, the chair's numbered recognition
decision) and the clerk's spreadsheet day (template downloaded and filled with openpyxl, imported,
reports attached in one upload, dossiers sent together). Screenshots of the main pages go to
docs/screenshots/ for the user guide.

Run by scripts/browser-test.sh (part of make test): THIDUA_BROWSER_URL points at the server,
THIDUA_BROWSER_HOUSEHOLD names a household recognised as "Gia đình học tập".
"""

import io
import os
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.request

import openpyxl

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_support import BASE, SHOTS, Browser

HOUSEHOLD_KEY, HOUSEHOLD_NAME = os.environ["THIDUA_BROWSER_HOUSEHOLD"].split("|", 1)
NOMINEE = "Hộ " + HOUSEHOLD_NAME

browser = Browser("browser")
driver, steps = browser.driver, browser.steps
step, expect, page_text, submit = browser.step, browser.expect, browser.page_text, browser.submit


def shot(name, width=1280):
    browser.shot(name, width, 600, (1280, 1000))


def check_page(name):
    """Every input has a label; at 360 px the page does not scroll sideways."""
    browser.fits(name, 360, restore=(1280, 1000))


def sign_in(username):
    browser.sign_in(username)


nomination_url = None


def open_nomination():
    """Finds the nomination in the queue (by its key, as a reviewer would search) and opens it."""
    global nomination_url
    driver.get(BASE + "/queue?q=" + HOUSEHOLD_KEY)
    submit(driver.find_element(By.LINK_TEXT, NOMINEE))
    nomination_url = driver.current_url


def act(action, comment=None, request=(), refused=None):
    form = driver.find_element(By.CSS_SELECTOR, "form input[name=action][value=%s]" % action).find_element(By.XPATH, "./..")
    if comment is not None:
        form.find_element(By.NAME, "comment").send_keys(comment)
    for kind in request:
        form.find_element(By.ID, "request-%s-%s" % (action, kind)).click()
    submit(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    if refused is not None:
        expect(refused in page_text(), "action " + action + " should be refused naming " + refused + ": " + page_text()[:400])
        return
    expect("Đã " in page_text(), "action " + action + " was refused: " + page_text()[:400])


DROP = """
const input = document.getElementById('doc-file');
const zone = input.closest('.field');
const data = new DataTransfer();
data.items.add(new File([arguments[1]], arguments[0], {type: 'application/pdf'}));
zone.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
return input.files.length;
"""


def drop(kind, name, content):
    """Drops a file on the upload field (the drag-and-drop path of upload.js) and sends it."""
    Select(driver.find_element(By.ID, "doc-kind")).select_by_value(kind)
    expect(driver.execute_script(DROP, name, content) == 1, "the dropped file is in the field")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/documents'] button[type=submit]"))


ROLES = {"Chủ tịch Hội đồng": "chair", "Thư ký": "secretary", "Ủy viên": "member"}


def council(secretary, members):
    """Keeps the council's roster on its page, opens a session from it, records attendance and
    the whole council's agreement in one stroke ("all present agree")."""
    sign_in(secretary)
    driver.get(BASE + "/council-sessions")
    driver.find_element(By.CSS_SELECTOR, "a[href^='/councils/']").click()
    for index, line in enumerate(members):
        name, role = line.split(" | ")
        field = driver.find_element(By.NAME, "name-%d" % index)
        field.clear()
        field.send_keys(name)
        Select(driver.find_element(By.NAME, "role-%d" % index)).select_by_value(ROLES[role])
    # The demo's standing members beyond these leave the roster (a cleared name removes a row).
    for field in driver.find_elements(By.CSS_SELECTOR, "input[name^='name-']"):
        if int(field.get_attribute("name")[5:]) >= len(members):
            field.clear()
    submit(driver.find_element(By.CSS_SELECTOR, "form[action^='/councils/'] button[type=submit]"))
    expect("Đã lưu danh sách Hội đồng." in page_text(), "the council's roster was saved: " + page_text()[:300])
    driver.get(BASE + "/council-sessions")
    driver.find_element(By.ID, "startsAt").send_keys("08:30")
    box = driver.find_element(By.XPATH, "//label[contains(., '%s')]/preceding-sibling::input" % NOMINEE)
    expect(not box.is_selected(), "the nomination is offered to the session, not chosen for the secretary")
    box.click()
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/council-sessions'] button[type=submit]"))
    expect("Đã mở phiên họp" in page_text(), "the session opened from the roster: " + page_text()[:300])
    session_url = driver.current_url.split("?")[0]
    for number in range(1, len(members) + 1):
        checkbox = driver.find_element(By.ID, "present-%d" % number)
        if not checkbox.is_selected():
            checkbox.click()
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/attendance'] button[type=submit]"))
    driver.find_element(By.ID, "all-yes").click()
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/votes'] button[type=submit]"))
    expect("Thông qua" in page_text(), "the council's result is shown")
    return session_url


try:
    os.makedirs(SHOTS, exist_ok=True)
    driver.get(BASE + "/login")
    shot("dang-nhap")

    # The submitter creates the nomination with its achievement report.
    sign_in("xa.canbo")
    driver.get(BASE + "/nominations/new")
    Select(driver.find_element(By.ID, "award")).select_by_value("bang-khen-tinh")
    Select(driver.find_element(By.ID, "nomineeKind")).select_by_value("household")
    driver.find_element(By.ID, "nomineeName").send_keys(NOMINEE)
    driver.find_element(By.ID, "nomineeKey").send_keys(HOUSEHOLD_KEY)
    driver.find_element(By.ID, "nomineeDetail").send_keys("Xã Bình Minh")
    driver.find_element(By.ID, "achievement").send_keys("Gia đình học tập tiêu biểu nhiều năm liền; các thành viên tích cực học tập suốt đời.")
    report = os.path.join(tempfile.gettempdir(), "bao-cao-thanh-tich.pdf")
    with open(report, "wb") as handle:
        handle.write("%PDF-1.4\nBáo cáo thành tích\n%%EOF\n".encode("utf-8"))
    driver.find_element(By.ID, "report").send_keys(report)
    shot("lap-ho-so")
    check_page("new nomination form")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/nominations/new'] button[type=submit]"))
    expect("Đã lưu hồ sơ" in page_text(), "the nomination was saved: " + page_text()[:400])
    act("submit")
    step("the submitter created the household nomination with its report and submitted it")

    # The commune reviewer finds it on the home page, then returns it for supplement.
    sign_in("xa.chuyenvien")
    driver.get(BASE + "/")
    waiting = driver.find_element(By.XPATH, "//span[@class='task-title'][.='Hồ sơ chờ tôi xử lý']/preceding-sibling::span[@class='task-count']")
    expect(int(waiting.text) >= 1, "the reviewer's home counts the nomination waiting at the reviewer's step")
    expect("/admin/users" not in driver.page_source, "a reviewer is not offered the administration page")
    driver.find_element(By.XPATH, "//span[@class='task-title'][.='Hồ sơ chờ tôi xử lý']/..").click()
    expect(NOMINEE in page_text(), "the nomination waits in the reviewer's queue")
    driver.set_window_size(390, 900)
    wide = driver.execute_script("return document.documentElement.scrollWidth")
    expect(wide <= 390, "the queue fits a 390 px phone without sideways scrolling (%d px)" % wide)
    driver.set_window_size(1280, 1000)
    shot("ho-so-cho-xu-ly")
    check_page("queue")
    open_nomination()
    act("return", "Bổ sung biên bản họp bình xét của thôn.", request=["minh_chung"])
    step("the commune reviewer returned it for supplement, naming the document to add")

    # The submitter cannot resubmit before adding it; then adds it and resubmits.
    sign_in("xa.canbo")
    open_nomination()
    expect("Bổ sung biên bản họp bình xét của thôn." in page_text(), "the reviewer's comment is at the top of the dossier")
    expect("Còn thiếu: Minh chứng khác" in page_text(), "the missing document is named")
    act("resubmit", refused="Chưa bổ sung tài liệu được yêu cầu khi trả lại: Minh chứng khác")
    drop("minh_chung", "bien-ban-thon.pdf", "%PDF-1.4\nBiên bản họp thôn\n%%EOF\n")
    expect("bien-ban-thon.pdf" in page_text(), "the document is listed")
    act("resubmit")
    step("the submitter's resubmission was refused until the named document came, then accepted")

    sign_in("xa.chuyenvien")
    open_nomination()
    act("to_council")
    commune_session = council("xa.thuky", ["Lý Văn Đức | Chủ tịch Hội đồng", "Ngô Thị Ánh | Thư ký", "Đỗ Văn Hùng | Ủy viên"])
    shot("phien-hop-hoi-dong")
    check_page("council session")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/close'] button[type=submit]"))
    expect("Đã kết thúc phiên họp" in page_text(), "the commune session closed")
    driver.get(commune_session + "/minutes")
    expect("BIÊN BẢN" in page_text() and NOMINEE in page_text(), "the minutes list the nomination")
    expect("/BB-HĐTĐKT" in page_text() and "Lý Văn Đức" in page_text(), "the minutes are numbered and name the chair")
    step("the commune council voted in a session and it was forwarded to the province")

    sign_in("tinh.chuyenvien")
    open_nomination()
    expect("Cấp tỉnh tiếp nhận" in page_text(), "the nomination reached the province")
    expect(".docx" in page_text() and "Biên bản họp Hội đồng" in page_text(), "the commune council's minutes are in the dossier")
    expect("Tờ trình" in page_text() and "to-trinh-de-nghi-khen-thuong" in page_text(), "the commune's tờ trình came with the dossier")
    expect("Hồ sơ cần có tại cấp tỉnh" in page_text(), "the province's checklist is shown")
    shot("chi-tiet-ho-so")
    check_page("nomination page")
    act("to_council")
    council("tinh.thuky", ["Hoàng Văn Khải | Chủ tịch Hội đồng", "Vũ Thị Thanh Hương | Thư ký", "Đặng Quốc Bảo | Ủy viên", "Phạm Đức Thắng | Ủy viên"])
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/close'] button[type=submit]"))
    step("the province council voted")

    # The province chair drafts the decision and signs it.
    sign_in("tinh.chutich")
    driver.get(BASE + "/decisions")
    Select(driver.find_element(By.ID, "unitCode")).select_by_value("99")
    Select(driver.find_element(By.ID, "award")).select_by_value("bang-khen-tinh")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/decisions'] button[type=submit]"))
    expect(NOMINEE in page_text(), "the draft lists the household")
    # The drafter edits the draft before signing; the văn thư's number is typed at issuing.
    driver.find_element(By.XPATH, "//summary[contains(., 'Sửa dự thảo trước khi ký')]").click()
    proposal = driver.find_element(By.ID, "edit-proposal")
    proposal.clear()
    proposal.send_keys("Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV.")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/edit'] button[type=submit]"))
    expect("Đã lưu dự thảo." in page_text(), "the edited draft was saved: " + page_text()[:300])
    driver.find_element(By.ID, "number").send_keys("1234")
    driver.find_element(By.ID, "signerName").clear()
    driver.find_element(By.ID, "signerName").send_keys("Hoàng Văn Khải")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/issue'] button[type=submit]"))
    expect("Quyết định số 1234/QĐ-UBND" in driver.find_element(By.TAG_NAME, "h1").text, "the decision was issued with the văn thư's number")
    pdf_href = driver.find_element(By.CSS_SELECTOR, "a[href$='format=pdf']").get_attribute("href")
    cookie = "; ".join(c["name"] + "=" + c["value"] for c in driver.get_cookies())
    pdf = urllib.request.urlopen(urllib.request.Request(pdf_href, headers={"Cookie": cookie})).read()
    pdf_path = os.path.join(tempfile.gettempdir(), "quyet-dinh-1234.pdf")
    with open(pdf_path, "wb") as handle:
        handle.write(pdf)
    fonts = subprocess.run(["pdffonts", pdf_path], capture_output=True, text=True).stdout.splitlines()[2:]
    families = {line.split()[0].split("+")[-1].split("-")[0] for line in fonts if line.strip()}
    expect(families == {"LiberationSerif"}, "the decision's PDF uses one font family: %s" % families)
    pdf_text = subprocess.run(["pdftotext", pdf_path, "-"], capture_output=True, text=True).stdout
    expect("Tờ trình số 45/TTr-SNV" in pdf_text and "1234/QĐ-UBND" in pdf_text, "the PDF carries the edit and the number")
    shot("quyet-dinh")
    check_page("decision")
    decision_url = driver.current_url.split("?")[0]
    submit(driver.find_element(By.LINK_TEXT, "Danh sách đọc tại buổi lễ"))
    expect(NOMINEE in page_text(), "the ceremony list names the household")
    shot("danh-sach-buoi-le")
    # The certificates for the ceremony: a preview on the stock's outline, then the PDF.
    driver.get(decision_url + "/certificates")
    expect(NOMINEE in page_text() and "Bằng khen (phôi A3 ngang)" in page_text(), "the certificate preview names the household: " + page_text()[:300])
    check_page("certificate preview")
    shot("in-bang-khen")
    pdf = urllib.request.urlopen(urllib.request.Request(decision_url + "/certificates?format=pdf", headers={"Cookie": cookie})).read()
    expect(pdf.startswith(b"%PDF"), "the certificates come as a PDF")
    # The record of merit: the household found by its name typed without diacritics.
    driver.get(BASE + "/lookup")
    folded = {"ă": "a", "â": "a", "đ": "d", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"}
    plain = "".join(c for c in unicodedata.normalize("NFD", NOMINEE.lower()) if unicodedata.category(c) != "Mn")
    plain = "".join(folded.get(c, c) for c in plain)
    query = driver.find_element(By.ID, "q")
    query.clear()
    query.send_keys(plain)
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/lookup'] button[type=submit]"))
    expect(NOMINEE in page_text(), "lookup without diacritics finds the household: " + page_text()[:300])
    submit(driver.find_element(By.LINK_TEXT, NOMINEE))
    expect("Khen thưởng" in page_text() and "1234/QĐ-UBND" in page_text(), "the record lists the award with its decision")
    check_page("record of merit")
    shot("tra-cuu")
    step("the province chair edited the draft, issued it with the văn thư's number (PDF in one font family), printed the certificates, found the household in the record of merit")

    driver.get(nomination_url)
    expect("Đã có quyết định khen thưởng" in page_text(), "the nomination is awarded")
    driver.get(BASE + "/cong-khai/99")
    expect(NOMINEE in page_text(), "the public page lists the award")
    shot("cong-khai")
    check_page("public page")
    driver.get(BASE + "/queue")
    shot("ho-so-dien-thoai", width=360)
    step("the public page lists the award; screenshots taken")

    # The English switch in the header: the same nomination page in English, the data unchanged,
    # then back to Vietnamese, each time returning to the page the reader was on.
    driver.get(nomination_url)
    submit(driver.find_element(By.LINK_TEXT, "English"))
    expect(driver.current_url == nomination_url, "the switch returns to the nomination page")
    text = page_text()
    expect("History" in text and NOMINEE in text, "the nomination page is in English, the nominee's name unchanged")
    expect(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the page says it is in English")
    check_page("nomination page in English")
    shot("ho-so-tieng-anh")
    submit(driver.find_element(By.LINK_TEXT, "Tiếng Việt"))
    expect("Quá trình xử lý" in page_text(), "back in Vietnamese")
    step("the English switch translated the nomination page and switched back")

    # The yearly cycle's first steps: the commune submitter registers a household for
    # "Gia đình học tập" and enters its self-assessment, which is scored indicator by indicator.
    sign_in("xa.canbo")
    driver.get(BASE + "/units/99010/registrations")
    expect("Đăng ký xây dựng mô hình học tập năm" in page_text(), "the registrations page opens")
    Select(driver.find_element(By.ID, "set")).select_by_value("gia-dinh-hoc-tap")
    driver.find_element(By.ID, "key").send_keys("HGD-TN-01")
    driver.find_element(By.ID, "name").send_keys("Trịnh Văn Thử")
    submit(driver.find_element(By.CSS_SELECTOR, "form[method='post'][action$='/registrations'] button[type=submit]"))
    expect("Đã ghi đăng ký của Trịnh Văn Thử" in page_text(), "the registration was recorded: " + page_text()[:400])
    shot("dang-ky-mo-hinh")
    check_page("registrations page")
    submit(driver.find_element(By.LINK_TEXT, "Trịnh Văn Thử"))
    expect("Phiếu tự đánh giá" in page_text(), "the self-assessment form opens")
    fields = driver.find_elements(By.CSS_SELECTOR, "[data-indicator]")
    expect(len(fields) > 3, "the form has a field per answered indicator")
    for field in fields:
        # Centred, so that the running total kept at the bottom of the window covers nothing.
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        radios = field.find_elements(By.CSS_SELECTOR, "input[type=radio]")
        shares = field.find_elements(By.CSS_SELECTOR, ".share input")
        selects = field.find_elements(By.TAG_NAME, "select")
        if radios:
            radios[0].click()  # "Có"
        elif shares:
            for part in shares:
                part.clear()
                part.send_keys("2")
        elif selects:
            Select(selects[0]).select_by_index(1)
        else:
            box = field.find_element(By.CSS_SELECTOR, "input[name^='answer-']")
            box.clear()
            box.send_keys("8")
    total = driver.find_element(By.ID, "live-total").text
    expect(total.isdigit() and int(total) > 0, "the running total follows the answers (%s)" % total)
    check_page("self-assessment form")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/self-assessment'] button[type=submit]"))
    text = page_text()
    expect("Đã lưu phiếu tự đánh giá" in text and "điểm" in text, "the self-assessment was scored: " + text[:400])
    shot("tu-danh-gia")
    driver.get(BASE + "/units/99010/registrations")
    expect("Đã tự đánh giá" in page_text(), "the list shows the household self-assessed")
    step("the commune submitter registered a household and entered its self-assessment")

    # The commune reviewer appraises it: one indicator lowered, with its reason.
    sign_in("xa.chuyenvien")
    driver.get(BASE + "/units/99010/registrations")
    submit(driver.find_element(By.LINK_TEXT, "Trịnh Văn Thử"))
    submit(driver.find_element(By.LINK_TEXT, "Thẩm định phiếu này"))
    scored = [f for f in driver.find_elements(By.CSS_SELECTOR, "[data-indicator]") if not f.find_elements(By.CSS_SELECTOR, "input[type=radio], .share input, select")]
    expect(len(scored) > 0, "the form has an indicator scored in points")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", scored[0])
    box = scored[0].find_element(By.CSS_SELECTOR, "input[name^='answer-']")
    box.clear()
    box.send_keys("5")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/appraisal'] button[type=submit]"))
    expect("cần ghi lý do" in page_text(), "a changed indicator needs its reason")
    scored = [f for f in driver.find_elements(By.CSS_SELECTOR, "[data-indicator]") if f.find_elements(By.CSS_SELECTOR, "input[name^='reason-']") and not f.find_elements(By.CSS_SELECTOR, "input[type=radio], .share input, select")]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", scored[0])
    scored[0].find_element(By.CSS_SELECTOR, "input[name^='reason-']").send_keys("Kiểm tra thực tế: 5 điểm.")
    check_page("appraisal form")
    shot("tham-dinh")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/appraisal'] button[type=submit]"))
    expect("Đã ghi kết quả thẩm định" in page_text(), "the appraisal was recorded: " + page_text()[:300])
    expect("chờ công nhận" in page_text(), "the registration waits for recognition")
    step("the commune reviewer appraised the self-assessment, giving the reason for the indicator changed")

    # The commune chair finds the recognition waiting and records the signed decision: the number
    # comes from the People's Committee's register.
    sign_in("xa.chutich")
    driver.get(BASE + "/units/99010/registrations")
    year = driver.find_element(By.ID, "filter-year").get_attribute("value")
    driver.get(BASE + "/units/99010/recognised?set=gia-dinh-hoc-tap&year=" + year)
    expect("đang chờ quyết định" in page_text(), "the chair sees assessments awaiting the decision: " + page_text()[:300])
    driver.find_element(By.ID, "signerName").send_keys("Lý Văn Đức")
    check_page("recognition page")
    submit(driver.find_element(By.CSS_SELECTOR, "form[action$='/recognise'] button[type=submit]"))
    text = page_text()
    expect("Đã ghi quyết định công nhận." in text and "/QĐ-UBND ngày" in text, "the recognition decision was recorded: " + text[:400])
    expect("Trịnh Văn Thử" in text, "the appraised household is on the recognition list")
    shot("cong-nhan")
    step("the commune chair recorded the numbered recognition decision and the household is recognised")

    # The clerk's spreadsheet day: the template (with its drop-down lists) filled by openpyxl,
    # imported with a short form of the award, then every report in one upload and one click to send.
    sign_in("xa.canbo")
    driver.get(BASE + "/")
    expect("Hồ sơ đang lập, chưa gửi" in page_text(), "the clerk's home counts the dossiers not yet sent")
    driver.get(BASE + "/nominations/import")
    href = driver.find_element(By.CSS_SELECTOR, "a[data-template]").get_attribute("href")
    cookie = "; ".join(c["name"] + "=" + c["value"] for c in driver.get_cookies())
    template = urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookie})).read()
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    rules = [str(rule.sqref) for rule in sheet.data_validations.dataValidation]
    expect("F2:F5000" in rules and "B2:B5000" in rules, "the template offers drop-down lists of kinds and awards: %s" % rules)
    sheet.append(["Mai Văn Tập", "CN", "CCCD-099199001111", "Thôn Đông", "Hướng dẫn 30 người cao tuổi dùng điện thoại thông minh.", "GK xã"])
    filled = os.path.join(tempfile.gettempdir(), "ho-so-nhap.xlsx")
    book.save(filled)
    driver.find_element(By.ID, "file").send_keys(filled)
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/nominations/import'] button[type=submit]"))
    text = page_text()
    expect("Xác nhận lưu 2 hồ sơ" in text and "(tệp ghi: GK xã)" in text, "the preview shows both rows and the matched award: " + text[:500])
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/nominations/import'] button[type=submit]"))
    expect("Đã lưu 2 hồ sơ từ tệp" in page_text(), "the import leads to the dossiers being prepared: " + page_text()[:300])
    before = page_text().count("Còn thiếu: Báo cáo thành tích")
    driver.refresh()
    expect(page_text().count("Còn thiếu: Báo cáo thành tích") == before, "refreshing after the import creates nothing")
    reports = []
    for key in ("001085012345", "CCCD-099199001111"):
        path = os.path.join(tempfile.gettempdir(), key + ".pdf")
        with open(path, "wb") as handle:
            handle.write("%PDF-1.4\nBáo cáo thành tích\n%%EOF\n".encode("utf-8"))
        reports.append(path)
    driver.find_element(By.ID, "files").send_keys("\n".join(reports))
    for name in ("Nguyễn Văn An", "Mai Văn Tập"):
        driver.find_element(By.XPATH, "//tr[td/a[.='%s']]//input[@name='pick']" % name).click()
    check_page("dossiers being prepared")
    shot("ho-so-dang-lap")
    submit(driver.find_element(By.CSS_SELECTOR, "button[name=do][value=submit]"))
    expect("Đã gửi 2 hồ sơ." in page_text(), "both dossiers were sent with their reports: " + page_text()[:400])
    step("the clerk imported a filled template, attached every report in one upload and sent the dossiers together")
    print("browser test passed: %d steps" % len(steps))
except Exception as error:  # noqa: BLE001 - the message and the screenshot are the report
    print("browser test FAILED:", error, file=sys.stderr)
    sys.exit(1)
finally:
    driver.quit()
