#!/usr/bin/env python3
"""A mail server for Roster's tests: accepts every message on a free loopback port and stores each one, as the
client sent it, as a file in --directory. While a file named "refuse" is in that folder it answers 451 (try again
later) instead. With --user and --password it requires that login (over plain text: it is a test server). It prints
"listening PORT" once it accepts connections, and stops when its standard input closes."""

import argparse
import itertools
import os
import socket
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        if os.path.exists(os.path.join(self.directory, "refuse")):
            return "451 4.3.0 The test mail server refuses messages for now"
        name = os.path.join(self.directory, "%020d-%06d.eml" % (os.getpid(), next(self.counter)))
        with open(name + ".partial", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.replace(name + ".partial", name)
        return "250 2.0.0 Stored"


class Login:
    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = getattr(auth_data, "login", None) == self.user and getattr(auth_data, "password", None) == self.password
        return AuthResult(success=ok, handled=False)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--directory", required=True)
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    os.makedirs(args.directory, exist_ok=True)
    options = {}
    if args.user:
        options = dict(authenticator=Login(args.user, args.password or ""), auth_required=True, auth_require_tls=False)
    port = free_port()
    controller = Controller(Sink(args.directory), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print("listening %d" % port, flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
