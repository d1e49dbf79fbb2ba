"""The files a command was given: folders walked for reports, links out of them refused."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def expand_paths(paths: list[str], excluded=None) -> tuple[list[Path], list[str]]:
    """Files to check (folders walked for supported files, less those ``excluded`` says to
    skip) and paths that do not exist. A file named on the command line is always checked."""
    from .readers import SUPPORTED

    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and _page_folder(path):
            files.append(path)  # named on the command line and holding only page images: one scanned report
        elif path.is_dir():
            top = os.path.realpath(path)
            for root, dirs, names in os.walk(path):  # followlinks=False: symlink loops cannot trap us
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                # One Path for the folder: its files' paths share its parts instead of each
                # parsing its own copy (about 0.3 KB a file over a whole folder run).
                folder = Path(root)
                for name in sorted(names):
                    found = folder / name
                    if os.path.splitext(name)[1].lower() not in SUPPORTED or name.startswith((".", "~$")) or (
                            excluded and excluded(found)):
                        continue
                    if found.is_symlink() and not _inside(found, top):
                        # A link in a shared folder could make us read, and quote in findings,
                        # a file its owner never meant to hand over (~/.ssh, /etc).
                        print(f"govinfo-lint: {found}: 符号链接指向所检查的目录之外，已跳过；要检查请直接指明该文件 "
                              "(a symbolic link to outside the folder; skipped, name the file to check it)",
                              file=sys.stderr)
                        continue
                    files.append(found)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            missing.append(raw)
    return files, missing


def _page_folder(path: Path) -> bool:
    from .readers.ocr.image import page_folder

    return page_folder(path) is not None


def _inside(link: Path, top: str) -> bool:
    target = os.path.realpath(link)  # never raises, even on a loop (the read then fails cleanly)
    return target == top or target.startswith(top.rstrip(os.sep) + os.sep)
