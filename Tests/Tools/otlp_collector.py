"""A stand-in OpenTelemetry collector for the trace test: accepts OTLP/HTTP posts on the given
port and appends each body to the given file. Prints "ready" once listening."""
import http.server
import sys

port, out = int(sys.argv[1]), sys.argv[2]


class Collector(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with open(out, "ab") as f:
            f.write(self.path.encode() + b"\n" + body + b"\n")
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Collector)
print("ready", flush=True)
server.serve_forever()
