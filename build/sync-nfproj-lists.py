#!/usr/bin/env python3
"""Rewrites the shared-file Compile lists of the board projects from the folders their host twins glob.

Board projects (.nfproj) list files by hand, which is what the nanoFramework project system expects. Run this
after adding, moving or deleting a shared file; tests/Attendance.Repository.Tests fails until the lists match.
Usage: python3 build/sync-nfproj-lists.py   (from anywhere inside the repository)
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The shared tests are two board assemblies (the metadata processor keeps at most 64 KiB of strings per assembly):
# Lookup and Mail go to the second, Health to the third, the other folders to the first; Fakes and Support (helpers
# of every test) go to all three, but for tests of the helpers themselves (*Tests.cs), which go to the first only.
MAIL_AND_LOOKUP = ("Lookup", "Mail")
HEALTH = ("Health",)
TEST_HELPERS = ("Fakes", "Support")

# (board project, folder of shared sources, how the board project refers to that folder, top-level folders taken:
#  None for all, else the folders a file's first path part must be in)
BOARD_PROJECTS = [
    ("firmware/Attendance.Core/Attendance.Core.nfproj", "firmware/Attendance.Core", "", None),
    ("tests/Attendance.Core.Tests.Nano/NFUnitTest.nfproj", "tests/Attendance.Core.Tests", "..\\Attendance.Core.Tests\\",
     ("Cards", "Configuration", "Logging", "Roll", "Security", "Signals", "Terminal") + TEST_HELPERS),
    ("tests/Attendance.Core.Tests.Nano.Mail/NFUnitTest.Mail.nfproj", "tests/Attendance.Core.Tests", "..\\Attendance.Core.Tests\\",
     MAIL_AND_LOOKUP + TEST_HELPERS),
    ("tests/Attendance.Core.Tests.Nano.Health/NFUnitTest.Health.nfproj", "tests/Attendance.Core.Tests", "..\\Attendance.Core.Tests\\",
     HEALTH + TEST_HELPERS),
]
MARKER = re.compile(r"(<!-- Shared with[^>]*-->\n|<!-- The shared tests[^>]*-->\n)\s*<ItemGroup>\n.*?</ItemGroup>\n", re.S)


def shared_files(folder):
    found = []
    for directory, subdirectories, files in os.walk(os.path.join(ROOT, folder)):
        subdirectories[:] = sorted(d for d in subdirectories if d not in ("bin", "obj", "Properties"))
        for name in files:
            if name.endswith(".cs"):
                relative = os.path.relpath(os.path.join(directory, name), os.path.join(ROOT, folder))
                found.append(relative.replace(os.sep, "\\"))
    return sorted(found, key=lambda p: p.lower())


def main():
    changed = False
    for project, folder, prefix, folders in BOARD_PROJECTS:
        path = os.path.join(ROOT, project)
        text = open(path, encoding="utf-8").read()
        lines = []
        for relative in shared_files(folder):
            if folders is not None and relative.split("\\")[0] not in folders:
                continue
            # A test of a helper (Support/ExpectTests.cs) runs once, in the first assembly.
            if folders in (MAIL_AND_LOOKUP + TEST_HELPERS, HEALTH + TEST_HELPERS) and relative.split("\\")[0] in TEST_HELPERS and relative.endswith("Tests.cs"):
                continue
            if prefix:
                lines.append('    <Compile Include="%s%s" Link="%s" />\n' % (prefix, relative, relative))
            else:
                lines.append('    <Compile Include="%s" />\n' % relative)
        match = MARKER.search(text)
        if not match:
            sys.exit("%s: shared-files comment before the Compile ItemGroup not found" % project)
        replacement = match.group(1) + "  <ItemGroup>\n" + "".join(lines) + "  </ItemGroup>\n"
        updated = text[:match.start()] + replacement + text[match.end():]
        if updated != text:
            open(path, "w", encoding="utf-8").write(updated)
            print("updated " + project)
            changed = True
    if not changed:
        print("board project lists already match")


if __name__ == "__main__":
    main()
