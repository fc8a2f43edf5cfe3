"""A real SMTP server on loopback for tests/Attendance.Mail.Tests (run with /usr/bin/python3, which has aiosmtpd).

Usage: smtp_peer.py PORT FOLDER [--cert CERT --key KEY] [--user USER --password PASSWORD]
Each accepted message is saved as FOLDER/msg-N.eml (with FOLDER/msg-N.rcpt listing its recipients).
Misbehaviour is scripted through FOLDER/control.txt: one action per line, each consumed by one SMTP transaction:
  421-mail / 451-mail   answer MAIL FROM with that code
  550-rcpt              refuse every RCPT TO with 550
  drop-data             close the connection after the data arrives, before answering it
  ok                    behave normally
Prints READY when listening; stops when stdin closes.
"""
import argparse
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.action = "ok"

    def next_action(self):
        path = os.path.join(self.folder, "control.txt")
        if not os.path.exists(path):
            return "ok"
        with open(path) as control:
            lines = [line.strip() for line in control if line.strip()]
        if not lines:
            return "ok"
        with open(path, "w") as control:
            control.write("\n".join(lines[1:]) + ("\n" if len(lines) > 1 else ""))
        return lines[0]

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.action = self.next_action()
        if self.action in ("421-mail", "451-mail"):
            return self.action[:3] + " 4.3.0 scripted temporary failure"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.action == "550-rcpt":
            return "550 5.1.1 scripted: no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.action == "drop-data":
            server.transport.close()
            return "451 dropped"
        self.count += 1
        base = os.path.join(self.folder, "msg-%d" % self.count)
        with open(base + ".eml", "wb") as message:
            message.write(envelope.original_content)
        with open(base + ".rcpt", "w") as recipients:
            recipients.write("\n".join(envelope.rcpt_tos))
        return "250 2.0.0 Ok: queued as %d" % self.count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("folder")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    options = {}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        options["tls_context"] = context
        options["require_starttls"] = True
    if args.user:
        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user \
                and auth_data.password.decode() == args.password
            # handled=False: let aiosmtpd answer 535 itself (handled=True means "I already replied").
            return AuthResult(success=ok, handled=False)
        options["authenticator"] = authenticator
        options["auth_require_tls"] = True
    controller = Controller(Handler(args.folder), hostname="127.0.0.1", port=args.port, **options)
    controller.start()
    print("READY", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
