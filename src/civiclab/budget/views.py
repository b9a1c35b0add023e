"""Pages of the budget: an experiment's overview, expenses, forms, invoices, exports; portfolio."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from civiclab.budget import selectors, services
from civiclab.budget.chart import consumption_chart
from civiclab.budget.forms import BudgetLineForm, ExpenseFilterForm, ExpenseForm, FundingForm
from civiclab.budget.models import STATUS_FLOW, BudgetLine, Expense, Funding
from civiclab.budget.xlsx import XLSX_CONTENT_TYPE, budget_workbook
from civiclab.experiments.access import experiment_for
from civiclab.experiments.models import BY_LIFECYCLE, Experiment
from civiclab.experiments.permissions import Capability

KINDS = {
    "line": (BudgetLine, BudgetLineForm),
    "funding": (Funding, FundingForm),
    "expense": (Expense, ExpenseForm),
}
# Whole sentences, not "New %s": French nouns have genders.
NEW_ITEM_TITLES = {
    "line": gettext_lazy("New budget line"),
    "funding": gettext_lazy("New funding"),
    "expense": gettext_lazy("New expense"),
}
SAVE = {"line": services.save_line, "funding": services.save_funding}


@login_required
def overview(request, slug):
    access = experiment_for(request.user, slug, Capability.VIEW_BUDGET)
    experiment = access.experiment
    budget = selectors.budget_of(experiment)
    context = {
        "access": access,
        "experiment": experiment,
        "budget": budget,
        "chart": consumption_chart(budget.months, budget.total.planned),
        "fundings": experiment.fundings.select_related("funder"),
        "can_edit": access.can(Capability.EDIT_BUDGET),
    }
    return render(request, "budget/overview.html", context)


@login_required
def expense_list(request, slug):
    access = experiment_for(request.user, slug, Capability.VIEW_BUDGET)
    experiment = access.experiment
    filters = ExpenseFilterForm(request.GET or None, experiment=experiment)
    expenses = filters.filter(
        experiment.expenses.select_related("budget_line__funder").order_by("-date", "-pk")
    )
    context = {
        "access": access,
        "experiment": experiment,
        "filters": filters,
        "expenses": expenses,
        "total": expenses.aggregate(committed=selectors.committed_sum(), paid=selectors.paid_sum()),
        "can_edit": access.can(Capability.EDIT_BUDGET),
        "last_status": STATUS_FLOW[-1],
    }
    return render(request, "budget/expenses.html", context)


def _kind(kind: str):
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _back(kind: str, slug: str):
    return redirect("budget:expenses" if kind == "expense" else "budget:overview", slug)


@login_required
def item_edit(request, slug, kind, pk=None):
    access = experiment_for(request.user, slug, Capability.EDIT_BUDGET)
    experiment = access.experiment
    model, form_class = _kind(kind)
    item = get_object_or_404(model, pk=pk, experiment=experiment) if pk else None
    form = form_class(
        request.POST or None, request.FILES or None, instance=item, experiment=experiment
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if kind == "expense":
            upload = form.cleaned_data["invoice"] if "invoice" in form.changed_data else None
            services.save_expense(request.user, saved, experiment, upload)
        else:
            SAVE[kind](request.user, saved, experiment)
        messages.success(request, _("Budget saved."))
        return _back(kind, slug)
    if request.method == "GET" and kind == "expense" and not item:
        form.initial.setdefault("date", timezone.localdate())
        form.initial.setdefault("budget_line", request.GET.get("line"))
    context = {
        "access": access,
        "experiment": experiment,
        "form": form,
        "kind": kind,
        "item": item,
        "new_title": NEW_ITEM_TITLES[kind],
        "no_lines": kind == "expense" and not form.fields["budget_line"].queryset.exists(),
    }
    return render(request, "budget/item_form.html", context)


@login_required
@require_POST
def item_delete(request, slug, kind, pk):
    access = experiment_for(request.user, slug, Capability.EDIT_BUDGET)
    model, _form = _kind(kind)
    item = get_object_or_404(model, pk=pk, experiment=access.experiment)
    try:
        services.delete_item(request.user, item)
    except services.BudgetChangeRefused:
        messages.error(
            request, _("This budget line has expenses: move or delete them first, then retry.")
        )
        return redirect("budget:line_edit", slug, pk)
    messages.success(request, _("Deleted."))
    return _back(kind, slug)


@login_required
@require_POST
def expense_advance(request, slug, pk):
    access = experiment_for(request.user, slug, Capability.EDIT_BUDGET)
    expense = get_object_or_404(Expense, pk=pk, experiment=access.experiment)
    try:
        expense = services.advance_expense(request.user, expense)
        messages.success(
            request,
            _("“%(expense)s” is now %(status)s.")
            % {"expense": expense, "status": expense.get_status_display().lower()},
        )
    except services.BudgetChangeRefused:
        messages.info(request, _("This expense is already paid."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("budget:expenses", slug)


@login_required
def invoice(request, slug, pk):
    """The invoice of an expense, always downloaded (never shown inline, never from MEDIA_URL)."""
    access = experiment_for(request.user, slug, Capability.VIEW_BUDGET)
    expense = get_object_or_404(Expense, pk=pk, experiment=access.experiment)
    if not expense.invoice:
        raise Http404
    try:
        handle = expense.invoice.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = re.sub(r'[\x00-\x1f\x7f"\\/]', "_", expense.invoice_name or expense.invoice.name)
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export(request, slug):
    access = experiment_for(request.user, slug, Capability.VIEW_BUDGET)
    content = budget_workbook([access.experiment])
    today = timezone.localdate()
    return _xlsx_response(content, f"budget-{access.experiment.slug}-{today:%Y-%m-%d}.xlsx")


def _lab_staff_only(request) -> None:
    # Every experiment's budget at once: only the lab's own staff see it.
    if not request.user.is_lab_staff:
        raise PermissionDenied


@login_required
def portfolio(request):
    _lab_staff_only(request)
    experiments = Experiment.objects.order_by(BY_LIFECYCLE, "title")
    rows, budget = selectors.portfolio(experiments)
    context = {
        "rows": rows,
        "budget": budget,
        "chart": consumption_chart(budget.months, budget.total.planned),
    }
    return render(request, "budget/portfolio.html", context)


@login_required
def portfolio_export(request):
    _lab_staff_only(request)
    experiments = Experiment.objects.order_by(BY_LIFECYCLE, "title")
    content = budget_workbook(experiments)
    return _xlsx_response(content, f"budget-portefeuille-{timezone.localdate():%Y-%m-%d}.xlsx")
