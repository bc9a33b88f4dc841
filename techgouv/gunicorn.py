"""gunicorn's settings for the dashboard (`gunicorn -c python:techgouv.gunicorn`), shared by
`make serve` and the load benchmarks, so that what is measured is what runs.

- `preload_app`: the application is imported once, in the master; workers are forked from it
  ready to answer (a recycled worker is back in milliseconds, not after a second of imports
  during which its share of the traffic queues up);
- `max_requests` high, with jitter: workers are recycled now and then (a guard against slow
  leaks), never all at once and not every few seconds under load.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) * 2 + 1)))
timeout = 30
preload_app = True
max_requests = 20000
max_requests_jitter = 2000
accesslog = "-"
errorlog = "-"
