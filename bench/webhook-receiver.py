#!/usr/bin/env python3
"""The webhooks scenario's receiver: answers 204 to every POST and appends "<unix time> <seq>" per delivery to FILE.
Usage: webhook-receiver.py PORT FILE"""
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

out = open(sys.argv[2], "a", buffering=1)

class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        out.write(f"{time.time():.3f} {json.loads(body)['seq']}\n")
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
