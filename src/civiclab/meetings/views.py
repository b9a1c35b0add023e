"""Pages of meetings: lists, the meeting page (agenda, attendance, minutes, outcomes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiclab.documents.models import Document
from civiclab.experiments.access import experiment_for
from civiclab.experiments.permissions import Capability
from civiclab.meetings import services
from civiclab.meetings.access import may_run_lab_meetings, meeting_for
from civiclab.meetings.calendar import invitation_ics
from civiclab.meetings.exports import minutes_docx, minutes_of, minutes_pdf
from civiclab.meetings.forms import (
    AttendanceForm,
    InviteForm,
    ItemForm,
    LinkDocumentForm,
    MeetingForm,
    MinutesForm,
    OutcomeForm,
    OutcomeStatusForm,
    SectionForm,
)
from civiclab.meetings.models import AgendaItem, AgendaSection, Attendance, Meeting, Outcome

VIEW, EDIT = Capability.VIEW_MEETINGS, Capability.EDIT_MEETINGS


def _split(meetings):
    now = timezone.now()
    upcoming = [m for m in meetings if m.starts_at >= now]
    return sorted(upcoming, key=lambda m: m.starts_at), [m for m in meetings if m.starts_at < now]


@login_required
def experiment_meetings(request, slug):
    access = experiment_for(request.user, slug, VIEW)
    upcoming, past = _split(list(access.experiment.meetings.all()))
    context = {
        "access": access,
        "experiment": access.experiment,
        "upcoming": upcoming,
        "past": past,
    }
    return render(request, "meetings/list.html", context)


@login_required
def lab_meetings(request):
    may_run_lab_meetings(request.user)
    upcoming, past = _split(list(Meeting.objects.filter(experiment=None)))
    return render(request, "meetings/list.html", {"upcoming": upcoming, "past": past, "lab": True})


@login_required
def meeting_new(request, slug=None):
    if slug is None:
        may_run_lab_meetings(request.user)
        access, experiment = None, None
    else:
        access = experiment_for(request.user, slug, EDIT)
        experiment = access.experiment
    form = MeetingForm(request.POST or None, lab_meeting=experiment is None)
    if request.method == "POST" and form.is_valid():
        meeting = services.create_meeting(
            request.user, form, experiment, form.cleaned_data["use_template"]
        )
        messages.success(request, _("Meeting created."))
        return redirect(meeting)
    context = {"access": access, "experiment": experiment, "form": form}
    return render(request, "meetings/new.html", context)


@login_required
def meeting_detail(request, pk):
    meeting, access = meeting_for(request.user, pk, VIEW)
    can_edit = access is None or access.can(EDIT)
    experiment = meeting.experiment
    outcomes = Outcome.objects.select_related("owner")
    sections = meeting.sections.prefetch_related(
        Prefetch(
            "items",
            queryset=AgendaItem.objects.select_related("presenter").prefetch_related(
                Prefetch("outcomes", queryset=outcomes),
                Prefetch("documents", queryset=Document.live.order_by("name")),
            ),
        )
    )
    planned = AgendaItem.objects.filter(section__meeting=meeting).aggregate(
        total=Sum("duration_minutes")
    )
    total = planned["total"] or 0
    context = {
        "meeting": meeting,
        "access": access,
        "experiment": experiment,
        "can_edit": can_edit,
        "sections": sections,
        "total_minutes": total,
        "over_time": total > meeting.duration_minutes,
        "carried": services.carried_actions(meeting),
        "general_outcomes": meeting.outcomes.filter(item=None).select_related("owner"),
        "attendances": meeting.attendances.select_related("person__organisation", "organisation"),
        "next_statuses": [Meeting.Status(s) for s in services.STATUS_FLOW[meeting.status]],
        "invite_form": InviteForm(),
        "kind_choices": Outcome.Kind.choices,
        # Evaluated once here: the template offers them under every agenda item.
        "people": list(ItemForm(experiment=experiment).fields["presenter"].queryset),
        "document_choices": list(LinkDocumentForm(meeting=meeting).fields["document"].queryset),
        "attendance_choices": Attendance.Status.choices,
    }
    return render(request, "meetings/detail.html", context)


def _back(meeting, anchor=""):
    return redirect(meeting.get_absolute_url() + anchor)


def _refuse(request, meeting, form):
    """Say what was wrong with a small form posted from the meeting page, and keep nothing."""
    problems = "; ".join(f"{' '.join(errors)}" for errors in form.errors.values())
    messages.error(request, _("Nothing was saved: %s") % problems)
    return _back(meeting)


@login_required
@require_POST
def meeting_status(request, pk):
    meeting, _access = meeting_for(request.user, pk, EDIT)
    try:
        services.change_status(request.user, meeting, request.POST.get("status", ""))
    except services.MeetingStatusRefused as refusal:
        messages.error(request, str(refusal))
    return _back(meeting)


@login_required
@require_POST
def section_add(request, pk):
    meeting, _access = meeting_for(request.user, pk, EDIT)
    form = SectionForm(request.POST)
    if not form.is_valid():
        return _refuse(request, meeting, form)
    services.add_section(request.user, meeting, form.cleaned_data["title"])
    return _back(meeting)


@login_required
@require_POST
def item_add(request, pk, section_id):
    meeting, _access = meeting_for(request.user, pk, EDIT)
    section = get_object_or_404(AgendaSection, pk=section_id, meeting=meeting)
    form = ItemForm(request.POST, experiment=meeting.experiment)
    if not form.is_valid():
        return _refuse(request, meeting, form)
    item = services.add_item(request.user, section, form)
    return _back(meeting, f"#item-{item.pk}")


@login_required
@require_POST
def item_change(request, pk, item_id, action):
    """Edit, move up or down, or delete an agenda item."""
    meeting, _access = meeting_for(request.user, pk, EDIT)
    item = get_object_or_404(AgendaItem, pk=item_id, section__meeting=meeting)
    if action == "delete":
        services.delete_item(request.user, item)
        return _back(meeting)
    if action in ("up", "down"):
        services.move_item(request.user, item, -1 if action == "up" else 1)
        return _back(meeting, f"#item-{item.pk}")
    form = ItemForm(request.POST, instance=item, experiment=meeting.experiment)
    if not form.is_valid():
        return _refuse(request, meeting, form)
    services.update_item(request.user, form)
    return _back(meeting, f"#item-{item.pk}")


@login_required
@require_POST
def item_minutes(request, pk, item_id):
    meeting, _access = meeting_for(request.user, pk, EDIT)
    item = get_object_or_404(AgendaItem, pk=item_id, section__meeting=meeting)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        return _refuse(request, meeting, form)
    services.write_minutes(request.user, item, form.cleaned_data["minutes"])
    messages.success(request, _("Minutes saved."))
    return _back(meeting, f"#item-{item.pk}")


@login_required
@require_POST
def item_document(request, pk, item_id):
    meeting, _access = meeting_for(request.user, pk, EDIT)
    item = get_object_or_404(AgendaItem, pk=item_id, section__meeting=meeting)
    form = LinkDocumentForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _refuse(request, meeting, form)
    services.link_document(request.user, item, form.cleaned_data["document"])
    return _back(meeting, f"#item-{item.pk}")


@login_required
@require_POST
def outcome_add(request, pk, item_id=None):
    meeting, _access = meeting_for(request.user, pk, EDIT)
    item = get_object_or_404(AgendaItem, pk=item_id, section__meeting=meeting) if item_id else None
    form = OutcomeForm(request.POST, experiment=meeting.experiment)
    if not form.is_valid():
        return _refuse(request, meeting, form)
    services.add_outcome(request.user, meeting, form, item)
    return _back(meeting, f"#item-{item.pk}" if item else "#outcomes")


@login_required
@require_POST
def outcome_status(request, pk, outcome_id):
    """Actions are often closed at a later meeting: any meeting of the experiment may do it."""
    meeting, _access = meeting_for(request.user, pk, EDIT)
    outcome = get_object_or_404(
        Outcome, pk=outcome_id, kind=Outcome.Kind.ACTION, meeting__experiment=meeting.experiment
    )
    form = OutcomeStatusForm(request.POST)
    if form.is_valid():
        services.set_outcome_status(request.user, outcome, form.cleaned_data["status"])
    return _back(meeting, "#carried")


@login_required
@require_POST
def attendance_add(request, pk):
    meeting, _access = meeting_for(request.user, pk, EDIT)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _refuse(request, meeting, form)
    services.invite(
        request.user, meeting, form.cleaned_data["person"], form.cleaned_data["organisation"]
    )
    return _back(meeting, "#attendance")


@login_required
@require_POST
def attendance_set(request, pk, attendance_id):
    meeting, _access = meeting_for(request.user, pk, EDIT)
    attendance = get_object_or_404(Attendance, pk=attendance_id, meeting=meeting)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        services.set_attendance(request.user, attendance, form.cleaned_data["status"])
    return _back(meeting, "#attendance")


@login_required
def invite_ics(request, pk):
    meeting, _access = meeting_for(request.user, pk, VIEW)
    body = invitation_ics(meeting, request.build_absolute_uri(meeting.get_absolute_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8; method=REQUEST")
    response["Content-Disposition"] = f'attachment; filename="reunion-{meeting.pk}.ics"'
    return response


@login_required
def minutes_export(request, pk, fmt):
    meeting, _access = meeting_for(request.user, pk, VIEW)
    minutes = minutes_of(meeting)
    if fmt == "docx":
        body = minutes_docx(minutes)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        body, content_type = minutes_pdf(minutes), "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    day = timezone.localtime(meeting.starts_at)
    name = f"compte-rendu-{slugify(meeting.title)}-{day:%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
