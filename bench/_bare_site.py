"""Settings of the baseline site of bench/submit_throughput.py: civiclab's own settings (so the
same middleware, database and production mode), with only the bare view's URLconf."""

from civiclab.settings import *  # noqa: F403

ROOT_URLCONF = "_bare_urls"
