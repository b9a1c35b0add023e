"""What a page says when a change it asked for was refused."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def refused(request, problem: ValidationError) -> None:
    """Each reason the change was refused, as an error message on the next page."""
    for message in problem.messages:
        messages.error(request, message)
