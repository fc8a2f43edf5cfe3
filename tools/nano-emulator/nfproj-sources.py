#!/usr/bin/env python3
"""Prints the absolute paths of a project's <Compile Include> items, one a line (build.sh compiles these).

The .nfproj files are the lists the board build uses; reading them here keeps the emulator build and the board
build on the same files. A listed file that does not exist is an error, as it is for MSBuild.

Usage: nfproj-sources.py <project file>...  (imported .projitems files are followed)
"""
import pathlib
import sys
import xml.etree.ElementTree as ET


def compile_items(project):
    root = ET.parse(project).getroot()
    folder = project.parent
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        if tag == "Import" and element.get("Project", "").endswith(".projitems"):
            # Shared-project items (the TestFramework's TestFrameworkShared) belong to the importing project.
            items = (folder / element.get("Project").replace("\\", "/")).resolve()
            yield from compile_items(items)
            continue
        if tag != "Compile":
            continue
        include = element.get("Include")
        if include is None:
            continue
        include = include.replace("$(MSBuildThisFileDirectory)", "").replace("\\", "/")
        path = (folder / include).resolve()
        if not path.is_file():
            sys.exit(f"{project}: Compile item {include} does not exist")
        yield path


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: nfproj-sources.py <project file>...")
    for name in sys.argv[1:]:
        for path in compile_items(pathlib.Path(name)):
            print(path)


if __name__ == "__main__":
    main()
