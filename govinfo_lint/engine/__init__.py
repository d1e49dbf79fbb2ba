"""The rule engine: load rule files, run their checks over a report, make findings."""
