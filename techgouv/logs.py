"""What each log line says beside its message: the request's path, when it has one."""

import logging


class RequestPathFilter(logging.Filter):
    """Give every record a `path`: the path of the request it carries (Django's
    `django.request` errors carry it, and so do ours), « - » otherwise.

    Control characters are escaped: a path with a line feed cannot forge a log line.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        path = getattr(getattr(record, "request", None), "path", "") or "-"
        record.path = "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)
        return True
