"""Access to meetings: through their experiment's roles, or lab staff for the lab's own."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from civiclab.experiments.access import ExperimentAccess, experiment_for
from civiclab.meetings.models import Meeting


def meeting_for(user, pk: int, capability: str) -> tuple[Meeting, ExperimentAccess | None]:
    """The meeting `pk` if `user` may exercise `capability` (VIEW_/EDIT_MEETINGS) on it."""
    meeting = get_object_or_404(Meeting.objects.select_related("experiment"), pk=pk)
    if meeting.experiment is None:
        if not (user.is_authenticated and user.is_lab_staff):
            raise Http404
        return meeting, None
    access = experiment_for(user, meeting.experiment.slug, capability)
    return meeting, access


def may_run_lab_meetings(user) -> bool:
    if not (user.is_authenticated and user.is_lab_staff):
        raise PermissionDenied
    return True
