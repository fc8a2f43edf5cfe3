"""The verification code of docs/protocol.md ("Verification code"), written from the text alone, for
RollVerificationCodeTests: reads a JSON roll on stdin, prints the 16-character code (no dashes)."""
import hashlib
import hmac
import json
import sys

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

roll = json.load(sys.stdin)
lines = ["attendance-roll-v1", roll["terminal"], roll["roll"], roll["professor"], roll["class"], roll["opened"],
         roll["closed"], roll["late_after"], roll["auto"], str(len(roll["presences"]))]
lines += [code + "|" + swipe for code, swipe in roll["presences"]]
content = "".join(line + "\n" for line in lines).encode("utf-8")
mac = hmac.new(bytes.fromhex(roll["key"]), content, hashlib.sha256).digest()[:10]
number = int.from_bytes(mac, "big")
print("".join(ALPHABET[(number >> (75 - 5 * i)) & 31] for i in range(16)))
