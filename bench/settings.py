"""Settings of the load runs only (bench/load.py): production settings plus a bare view.

Never used in production: the bare view exists only under bench.urls, the ceiling against which
the dashboard's throughput is compared (same server, same middleware, no database, no template).
"""

from techgouv.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
