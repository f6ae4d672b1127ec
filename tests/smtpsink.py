"""A minimal SMTP server on 127.0.0.1 for tests: it accepts every message and keeps it, and can
run a check at the moment a message arrives (e.g. "is the booking already committed?")."""

import socketserver
import threading
from collections.abc import Callable


class SmtpSink:
    def __init__(self, on_message: Callable[[str], object] | None = None):
        self.messages: list[str] = []
        self.seen_at_arrival: list[object] = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self._say("220 sink ready")
                while line := self.rfile.readline().decode():
                    verb = line[:4].upper()
                    if verb == "DATA":
                        self._say("354 go ahead")
                        sink._receive(self._read_data(), on_message)
                        self._say("250 kept")
                    elif verb == "QUIT":
                        self._say("221 bye")
                        return
                    else:  # EHLO, HELO, MAIL, RCPT, RSET, NOOP
                        self._say("250 ok")

            def _read_data(self) -> str:
                lines = []
                while (line := self.rfile.readline().decode()).rstrip("\r\n") != ".":
                    lines.append(line)
                return "".join(lines)

            def _say(self, text: str) -> None:
                self.wfile.write(f"{text}\r\n".encode())

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]

    def _receive(self, message: str, on_message) -> None:
        self.messages.append(message)
        if on_message is not None:
            self.seen_at_arrival.append(on_message(message))

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()
