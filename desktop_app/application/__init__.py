"""The application layer: every use case of Lede as one plain-Python call, between the Qt windows (and the
command line) and storage, exchange and the classroom services.

Each operation runs in one database transaction, records one step in the library's one undo history, and
returns what changed; the windows only turn those records into their own signals. Nothing here imports Qt.
"""
