"""Settings: configuration files (``files``: ``.govinfo-lint.yaml`` or ``[tool.govinfo-lint]``),
the settings each checked file takes from them and the command line (``settings``), and
waivers (``waivers``: inline comments and the waiver file; ``waiver_run``: applied to a run)."""
