"""Demonstration and benchmark data, kept out of the domain apps.

- ``lsu``: the LSU demo of the procedure (académie, schools, Référents-LSU, DSI-BAI, the
  personas and their tickets): ``escalade demo``, and the tests' starting data;
- ``slas``: its calendars and service levels;
- ``bench``: generated directories and tickets at scale: ``escalade seed_bench``.
"""
