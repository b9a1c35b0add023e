"""Views of the experiment registry, teams, protocols and audit trail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from civiclab.experiments import services
from civiclab.experiments.access import experiment_for, visible_experiments
from civiclab.experiments.diff import word_diff
from civiclab.experiments.forms import (
    ExperimentFilterForm,
    ExperimentForm,
    HypothesisFormSet,
    MembershipForm,
    SectionForm,
    ValidationForm,
)
from civiclab.experiments.models import (
    BY_TAXONOMY,
    HYPOTHESES_SECTION,
    Experiment,
    ProtocolSection,
)
from civiclab.experiments.permissions import Capability, may_create_experiment
from civiclab.experiments.selectors import with_team


@login_required
def home(request):
    if request.user.is_lab_staff:
        return redirect("portfolio:index")
    return redirect("experiments:list")


@login_required
def experiment_list(request):
    filters = ExperimentFilterForm(request.GET or None)
    experiments = with_team(filters.filter(visible_experiments(request.user)))
    context = {
        "experiments": experiments,
        "filters": filters,
        "may_create": may_create_experiment(request.user),
    }
    return render(request, "experiments/list.html", context)


@login_required
def experiment_create(request):
    if not may_create_experiment(request.user):
        raise PermissionDenied
    form = ExperimentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        experiment = services.create_experiment(request.user, form)
        messages.success(request, _("Experiment created."))
        return redirect(experiment)
    return render(request, "experiments/form.html", {"form": form})


@login_required
def experiment_detail(request, slug):
    access = experiment_for(request.user, slug)
    experiment = access.experiment
    context = {
        "access": access,
        "experiment": experiment,
        "team": experiment.team(),
        "next_statuses": [Experiment.Status(s) for s in services.STATUS_FLOW[experiment.status]],
        "protocol": services.latest_version(experiment),
        "methods": experiment.methods.order_by(BY_TAXONOMY),
    }
    return render(request, "experiments/detail.html", context)


STALE_EDIT_MESSAGE = gettext_noop(
    "Someone else changed this experiment while you were editing it: your changes were not "
    "saved, they are still in the form below. Compare with the experiment's page (open it in "
    "another tab), then save again to keep your version."
)


@login_required
def experiment_edit(request, slug):
    access = experiment_for(request.user, slug, Capability.EDIT)
    token = services.edit_token(access.experiment)
    form = ExperimentForm(
        request.POST or None, instance=access.experiment, initial={"edit_token": token}
    )
    if request.method == "POST" and form.is_valid():
        try:
            experiment = services.update_experiment(
                request.user, form, form.cleaned_data["edit_token"]
            )
        except services.StaleEdit:
            form.add_error(None, _(STALE_EDIT_MESSAGE))
            # The next save, made knowingly, goes through.
            form.data = form.data.copy()
            form.data["edit_token"] = token
        else:
            messages.success(request, _("Changes saved."))
            return redirect(experiment)
    context = {"form": form, "experiment": access.experiment, "access": access}
    return render(request, "experiments/form.html", context)


@login_required
@require_POST
def experiment_status(request, slug):
    access = experiment_for(request.user, slug, Capability.CHANGE_STATUS)
    try:
        services.change_status(request.user, access.experiment, request.POST.get("status", ""))
        messages.success(request, _("Status changed."))
    except services.StatusChangeRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(access.experiment)


@login_required
def team(request, slug):
    access = experiment_for(request.user, slug, Capability.MANAGE_TEAM)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_member(request.user, access.experiment, data["person"], data["role"])
        messages.success(request, _("Team updated."))
        return redirect("experiments:team", slug)
    context = {
        "access": access,
        "experiment": access.experiment,
        "form": form,
        "team": access.experiment.team(),
    }
    return render(request, "experiments/team.html", context)


@login_required
@require_POST
def team_remove(request, slug, membership_id):
    access = experiment_for(request.user, slug, Capability.MANAGE_TEAM)
    membership = get_object_or_404(access.experiment.memberships, pk=membership_id)
    services.remove_member(request.user, membership)
    messages.success(request, _("%s is no longer on the team.") % membership.person)
    return redirect("experiments:team", slug)


@login_required
def audit(request, slug):
    access = experiment_for(request.user, slug, Capability.VIEW_AUDIT)
    events = access.experiment.audit_events.select_related("actor")[:500]
    context = {"access": access, "experiment": access.experiment, "events": events}
    return render(request, "experiments/audit.html", context)


# --- Protocol ------------------------------------------------------------------------------


def _sections_of(version):
    return [(code, label, version.text_of(code)) for code, label in ProtocolSection.choices]


@login_required
def protocol(request, slug, number=None):
    access = experiment_for(request.user, slug, Capability.VIEW_PROTOCOL)
    versions = access.experiment.protocol_versions
    latest = versions.order_by("-number").first()
    version = latest if number is None else get_object_or_404(versions, number=number)
    context = {
        "access": access,
        "experiment": access.experiment,
        "version": version,
        "is_latest": version == latest,
        "last_validated": versions.filter(copil_validated_on__isnull=False).first(),
        "sections": _sections_of(version),
        "validation_form": ValidationForm(),
    }
    return render(request, "experiments/protocol.html", context)


@login_required
def protocol_history(request, slug):
    access = experiment_for(request.user, slug, Capability.VIEW_PROTOCOL)
    versions = access.experiment.protocol_versions.select_related("author", "copil_validated_by")
    context = {"access": access, "experiment": access.experiment, "versions": versions}
    return render(request, "experiments/protocol_history.html", context)


@login_required
def protocol_diff(request, slug):
    access = experiment_for(request.user, slug, Capability.VIEW_PROTOCOL)
    versions = access.experiment.protocol_versions
    try:
        old = versions.get(number=int(request.GET.get("from", "")))
        new = versions.get(number=int(request.GET.get("to", "")))
    except (ValueError, versions.model.DoesNotExist):
        raise Http404 from None
    changes = [
        (label, word_diff(old.text_of(code), new.text_of(code)))
        for code, label in ProtocolSection.choices
        if old.text_of(code) != new.text_of(code)
    ]
    if old.hypotheses_text() != new.hypotheses_text():
        changes.insert(
            3, (_("Hypotheses"), word_diff(old.hypotheses_text(), new.hypotheses_text()))
        )
    context = {
        "access": access,
        "experiment": access.experiment,
        "old": old,
        "new": new,
        "changes": changes,
    }
    return render(request, "experiments/protocol_diff.html", context)


@login_required
def protocol_section_edit(request, slug, section):
    access = experiment_for(request.user, slug, Capability.EDIT_PROTOCOL)
    if section not in ProtocolSection.values:
        raise Http404
    experiment = access.experiment
    latest = services.latest_version(experiment)
    initial = {"text": latest.text_of(section), "base_version": latest.number}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.save_protocol_section(
                request.user, experiment, section, data["text"], data["base_version"]
            )
        except services.ProtocolConflict as conflict:
            return _conflict(request, access, conflict, ProtocolSection(section).label)
        _say_saved(request, version)
        return redirect("experiments:protocol", slug)
    context = {
        "access": access,
        "experiment": experiment,
        "form": form,
        "section_label": ProtocolSection(section).label,
    }
    return render(request, "experiments/protocol_section_form.html", context)


@login_required
def protocol_hypotheses_edit(request, slug):
    access = experiment_for(request.user, slug, Capability.EDIT_PROTOCOL)
    experiment = access.experiment
    latest = services.latest_version(experiment)
    initial = [{"hypothesis_id": h["id"], "text": h["text"]} for h in latest.hypotheses]
    formset = HypothesisFormSet(request.POST or None, initial=initial, prefix="h")
    base_number = _int_or(request.POST.get("base_version"), latest.number)
    if request.method == "POST" and formset.is_valid():
        texts = [
            (f.cleaned_data.get("hypothesis_id"), f.cleaned_data.get("text", "")) for f in formset
        ]
        try:
            version = services.save_hypotheses(request.user, experiment, texts, base_number)
        except services.ProtocolConflict as conflict:
            return _conflict(request, access, conflict, _("Hypotheses"))
        _say_saved(request, version)
        return redirect("experiments:protocol", slug)
    context = {
        "access": access,
        "experiment": experiment,
        "formset": formset,
        "base_version": latest.number,
        "section": HYPOTHESES_SECTION,
    }
    return render(request, "experiments/protocol_hypotheses_form.html", context)


@login_required
@require_POST
def protocol_validate(request, slug, number):
    access = experiment_for(request.user, slug, Capability.VALIDATE_PROTOCOL)
    version = get_object_or_404(access.experiment.protocol_versions, number=number)
    form = ValidationForm(request.POST)
    if form.is_valid():
        services.validate_version(request.user, version, form.cleaned_data["validated_on"])
        messages.success(request, _("Version %d marked as validated by the COPIL.") % number)
    else:
        messages.error(request, _("Give the date of the COPIL that validated this version."))
    return redirect("experiments:protocol_version", slug, number)


def _int_or(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _say_saved(request, version) -> None:
    if version is None:
        messages.info(request, _("Nothing changed: no new version was created."))
    else:
        messages.success(request, _("Saved as version %d.") % version.number)


def _conflict(request, access, conflict, section_label):
    proposal = [{"hypothesis_id": pk, "text": text} for pk, text in conflict.proposal or []]
    context = {
        "access": access,
        "experiment": access.experiment,
        "conflict": conflict,
        "section_label": section_label,
        "diff": word_diff(conflict.theirs, conflict.mine),
        "retry_form": SectionForm(
            initial={"text": conflict.mine, "base_version": conflict.latest.number}
        ),
        "retry_formset": HypothesisFormSet(initial=proposal, prefix="h"),
    }
    return render(request, "experiments/protocol_conflict.html", context, status=409)
