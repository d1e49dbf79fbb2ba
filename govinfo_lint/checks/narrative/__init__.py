"""The narrative against the tables: one subsystem.

``scan`` cuts the text into sentences and tokens, ``mentions`` reads which table
figure a sentence states, ``figures`` compares those figures with the tables, and
``claims`` judges what the text asserts (all closed, no fee matter, a share of a row).
What several checks read from one report is computed once per run through the
``Context`` they are handed (``checks/context.py``).
"""
