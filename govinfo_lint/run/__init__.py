"""Running many files: ``batch`` (the phases of a run over a list of files), ``workers``
(processes, time limits, pickled reports), ``supervisor`` (a worker that dies or hangs),
``cache`` (results keyed on the file, the code and the rules), ``pairing`` (this year's
report with last year's), ``summary`` and ``progress``."""
