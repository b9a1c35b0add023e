"""Text helpers shared by the apps."""

from django.utils.functional import lazy


def _interpolate(message, values) -> str:
    return str(message) % values


# Services run in the lab's language (for the journal), but messages they return with values
# in them are read in the reader's language: they must stay lazy until shown.
interpolate_lazy = lazy(_interpolate, str)
