"""A real SMTP server on loopback (aiosmtpd) that keeps every message it receives.

    with smtp_server() as (port, inbox):
        ...  # send to 127.0.0.1:port
        inbox.messages  -> [email.message.EmailMessage, ...]
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class Inbox:
    """aiosmtpd handler: parses and keeps each message (thread-safe list ``messages``)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - name fixed by aiosmtpd
        msg = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append(msg)  # type: ignore[arg-type]
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


def _free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def smtp_server(host: str = "127.0.0.1") -> Iterator[tuple[int, Inbox]]:
    """Run an SMTP server on ``host`` and a free port for the block; yield ``(port, inbox)``."""
    inbox = Inbox()
    controller = Controller(inbox, hostname=host, port=_free_port(host))
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()
