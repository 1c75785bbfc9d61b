"""Hostile uploads against the running server: a workbook whose sheet unpacks to ~200 MB (three at
once), a DEFLATE bomb, a 2 GB streamed body, JSON nested a million deep. Each must be refused
with a clear 4xx while /health keeps answering, and the server's peak memory must stay under the
stated bound (docs/security.md). Run by scripts/browser-test.sh with the server's pid."""
import http.client
import io
import json
import os
import re
import sys
import threading
import time
import urllib.parse
import zipfile
import zlib

BASE = os.environ["THIDUA_BROWSER_URL"]
PID = int(os.environ["THIDUA_SERVER_PID"])
LIMIT_MB = int(os.environ.get("THIDUA_MEMORY_LIMIT_MB", "150"))
HOST = urllib.parse.urlparse(BASE)

failures = []
checks = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    checks.append(message)
    if not condition:
        failures.append(message)


def peak_mb():
    with open(f"/proc/{PID}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return -1


def connection(timeout=60):
    return http.client.HTTPConnection(HOST.hostname, HOST.port, timeout=timeout)


def request(method, path, body=None, headers=None, timeout=60):
    conn = connection(timeout)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    cookies = response.headers.get_all("Set-Cookie") or []
    conn.close()
    return response.status, data.decode("utf-8", "replace"), cookies


def sign_in(username, password):
    _, _, cookies = request("GET", "/login")
    jar = {c.split("=", 1)[0]: c.split("=", 1)[1].split(";", 1)[0] for c in cookies}
    form = urllib.parse.urlencode({"_csrf": jar["thidua_csrf"], "username": username, "password": password, "next": "/"})
    status, _, cookies = request("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())})
    for c in cookies:
        name, value = c.split("=", 1)
        jar[name] = value.split(";", 1)[0]
    assert status == 303, f"sign-in failed: {status}"
    return jar


def multipart(fields, file_name, content):
    boundary = "----thidua-attack-boundary"
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode())
    out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n"
              "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".encode())
    out.write(content)
    out.write(f"\r\n--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def bomb_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>')
        book.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        with book.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(b"<worksheet><sheetData>")
            row = b'<row><c t="inlineStr"><is><t>' + b"A" * 1000 + b"</t></is></c></row>"
            for _ in range(200_000):
                part.write(row)
            part.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


class HealthWatch(threading.Thread):
    """Polls /health every 100 ms and remembers the slowest answer."""

    def __init__(self):
        super().__init__(daemon=True)
        self.slowest = 0.0
        self.failures = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            start = time.monotonic()
            try:
                status, _, _ = request("GET", "/health", timeout=10)
                if status != 200:
                    self.failures += 1
            except Exception:
                self.failures += 1
            self.slowest = max(self.slowest, time.monotonic() - start)
            time.sleep(0.1)


def main():
    jar = sign_in("xa.chuyenvien", "thidua-demo-2025")
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    clerk = sign_in("xa.canbo", "thidua-demo-2025")
    print(f"server peak memory before: {peak_mb()} MB", flush=True)
    watch = HealthWatch()
    watch.start()

    # 1. The workbook bomb, three at once, on each import page.
    bomb = bomb_workbook()
    print(f"bomb workbook: {len(bomb) // 1024} KB packed", flush=True)
    results = []

    def post_bomb(path, fields):
        session = clerk if path.startswith("/nominations") else jar
        body, content_type = multipart(dict(fields, _csrf=session["thidua_csrf"]), "bom.xlsx", bomb)
        start = time.monotonic()
        cookies = "; ".join(f"{k}={v}" for k, v in session.items())
        status, text, _ = request("POST", path, body, {"Content-Type": content_type, "Cookie": cookies}, timeout=120)
        results.append((path, status, "vượt giới hạn" in text, time.monotonic() - start))

    page = request("GET", "/assessments/import", headers={"Cookie": cookie})[1]
    criteria = re.search(r'<option value="([^"]+)"', page)
    targets = [("/assessments/import", {"set": criteria.group(1) if criteria else ""})] * 3
    targets += [("/nominations/import", {"unitCode": "99010", "roundID": "1"}), ("/units/99010/registrations/import", {"set": "gia-dinh-hoc-tap", "year": "2025"})]
    threads = [threading.Thread(target=post_bomb, args=target) for target in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for path, status, named, took in results:
        check(status == 422 and named, f"workbook bomb on {path}: {status}, limit named: {named}, {took:.1f} s")
    print(f"server peak memory: {peak_mb()} MB", flush=True)

    # 2. A DEFLATE bomb as the sheet: 1 GB of zeros in about a megabyte.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("xl/workbook.xml", "<workbook/>")
        with book.open("xl/worksheets/sheet1.xml", "w") as part:
            zeros = b"\0" * (1 << 20)
            for _ in range(1024):
                part.write(zeros)
    body, content_type = multipart({"_csrf": jar["thidua_csrf"], "set": criteria.group(1) if criteria else ""}, "zip.xlsx", buffer.getvalue())
    status, text, _ = request("POST", "/assessments/import", body, {"Content-Type": content_type, "Cookie": cookie}, timeout=120)
    print(f"server peak memory: {peak_mb()} MB", flush=True)
    check(status == 422 and "vượt giới hạn" in text, f"DEFLATE bomb ({len(buffer.getvalue()) // 1024} KB packed, 1 GB unpacked): {status}")

    # 3. A 2 GB body streamed to an upload route: cut at the route's limit.
    conn = connection(120)
    conn.putrequest("POST", "/assessments/import")
    conn.putheader("Cookie", cookie)
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    sent = 0
    chunk = b"0" * (1 << 20)
    status = None
    try:
        while sent < (2 << 30):
            conn.send(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    try:
        status = conn.getresponse().status
    except Exception:
        status = "closed"
    conn.close()
    # Hummingbird reads (and discards) the rest of a refused body to keep the connection: no
    # memory is held for it, which the peak below proves.
    check(status in (413, "closed"), f"2 GB streamed body refused: {status} after {sent >> 20} MB sent")
    print(f"server peak memory: {peak_mb()} MB", flush=True)

    # 4. JSON nested a million deep, within the body limit.
    token_status, token_text, _ = request("POST", "/api/v1/auth/login", json.dumps({"username": "xa.canbo", "password": "thidua-demo-2025"}), {"Content-Type": "application/json"})
    token = json.loads(token_text)["token"]
    deep = "[" * 500_000 + "]" * 500_000
    status, text, _ = request("POST", "/api/v1/nominations", deep, {"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    check(400 <= status < 500, f"JSON nested 500,000 deep: {status}")

    watch.stop.set()
    watch.join()
    check(watch.failures == 0, f"/health answered throughout ({watch.failures} failures)")
    check(watch.slowest < 2.0, f"/health slowest answer during the attacks: {watch.slowest * 1000:.0f} ms")
    peak = peak_mb()
    check(0 < peak <= LIMIT_MB, f"server peak memory (VmHWM): {peak} MB, bound {LIMIT_MB} MB")
    print(f"hostile uploads: {len(checks) - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


main()
