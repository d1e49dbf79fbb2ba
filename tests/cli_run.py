"""Run the command line in-process, as the tests of each workflow do."""

from __future__ import annotations

from govinfo_lint.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    """Exit status, standard output and standard error of ``govinfo-lint ARGV…``."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
