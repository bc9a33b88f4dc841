"""Exports of a snapshot, one module per format, and of every django-tables2 table.

`data.collect(snapshot)` reads everything an export needs in a fixed number of queries; the
format modules are pure functions of that data (no query), so they can run in a background
thread (`cache.py`).
"""
