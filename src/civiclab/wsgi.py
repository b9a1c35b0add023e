"""WSGI entry point for production servers."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civiclab.settings")
application = get_wsgi_application()
# Every view module is imported now, while the web process starts, rather than on the first
# request it serves: the analysis views bring in SciPy, and a visitor would wait over a second.
get_resolver().urlconf_module  # noqa: B018 (reading it imports the URL map and its views)
