"""A stand-in for the province's population database endpoint, for the tests against a real
`ansinh serve`: POST JSON {"soDinhDanh": ...} with the bearer token; answers
{"ketQua": {"khop": true}} for a well-formed 12-digit number that does not end in 9, false for
one ending in 9, and 404 otherwise. Writes the connector file Ansinh reads and serves until killed.

    python3 population_endpoint.py PORT TOKEN CONFIG_PATH
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, TOKEN, CONFIG = int(sys.argv[1]), sys.argv[2], sys.argv[3]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self.answer(401, {})
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        except ValueError:
            return self.answer(400, {})
        number = str(body.get("soDinhDanh", ""))
        if len(number) != 12 or not number.isdigit():
            return self.answer(404, {})
        self.answer(200, {"ketQua": {"khop": not number.endswith("9")}})

    def answer(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


with open(CONFIG, "w", encoding="utf-8") as f:
    json.dump({"name": "Cổng dữ liệu thử", "url": f"http://127.0.0.1:{PORT}/dan-cu", "method": "POST",
               "timeout_seconds": 5, "request": {"national_id": "soDinhDanh"}, "response": {"match": "ketQua.khop"}},
              f, ensure_ascii=False)
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
