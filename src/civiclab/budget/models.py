"""Budget follow-up of an experiment: budget lines, funding from funders, and expenses."""

import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from civiclab.accounts.models import Organisation
from civiclab.experiments.models import Experiment

ZERO = Decimal("0.00")
# Euros with cents, up to 9 999 999 999,99 €; never negative (a refund is a lower expense).
MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(ZERO)]}


class Category(models.TextChoices):
    STAFF = "staff", _("Staff")
    SERVICES = "services", _("Services")
    TRAVEL = "travel", _("Travel")
    COMMUNICATION = "communication", _("Communication")
    EQUIPMENT = "equipment", _("Equipment")
    EVALUATION = "evaluation", _("Evaluation")
    OTHER = "other", _("Other")


class BudgetLine(models.Model):
    """A planned amount of an experiment's budget, in one category, paid for by one funder."""

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    funder = models.ForeignKey(
        Organisation,
        verbose_name=_("funder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty if the lab pays for it on its own funds."),
    )
    label = models.CharField(_("label"), max_length=200)
    planned = models.DecimalField(_("planned amount"), **MONEY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["category", "label"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned__gte=0), name="budget_line_planned_not_negative"
            )
        ]

    def __str__(self):
        return self.label


class Funding(models.Model):
    """What a funder was asked for, granted and has paid to the lab for an experiment."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="fundings")
    funder = models.ForeignKey(
        Organisation, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="+"
    )
    requested = models.DecimalField(_("requested"), **MONEY)
    requested_on = models.DateField(_("requested on"), null=True, blank=True)
    # Empty while the funder has not decided (0 means refused).
    granted = models.DecimalField(_("granted"), null=True, blank=True, **MONEY)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    received = models.DecimalField(_("received"), null=True, blank=True, **MONEY)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["funder__name", "requested_on", "id"]
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requested__gte=0)
                & (models.Q(granted__isnull=True) | models.Q(granted__gte=0))
                & (models.Q(received__isnull=True) | models.Q(received__gte=0)),
                name="funding_amounts_not_negative",
            )
        ]

    def __str__(self):
        return f"{self.funder} — {self.experiment}"


def invoice_path(expense: "Expense", filename: str) -> str:
    # A random name: the original one may hold personal data, and nobody can guess a path.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"budget/invoices/{expense.experiment_id}/{uuid.uuid4().hex}{suffix}"


class Expense(models.Model):
    """Money spent (or about to be) on a budget line; it moves committed → invoiced → paid."""

    class Status(models.TextChoices):
        COMMITTED = "committed", _("Committed")
        INVOICED = "invoiced", _("Invoiced")
        PAID = "paid", _("Paid")

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="expenses")
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("budget line"),
        on_delete=models.PROTECT,
        related_name="expenses",
    )
    supplier = models.CharField(_("supplier"), max_length=200)
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), **MONEY)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.COMMITTED
    )
    invoice = models.FileField(_("invoice"), upload_to=invoice_path, blank=True, max_length=200)
    invoice_name = models.CharField(max_length=200, blank=True)  # as uploaded, for downloads
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="expense_amount_not_negative"
            )
        ]
        indexes = [models.Index(fields=["experiment", "date"])]

    def __str__(self):
        return f"{self.supplier} — {self.date:%d/%m/%Y}"


# The order in which an expense moves; "committed" totals count every step of it.
STATUS_FLOW = [Expense.Status.COMMITTED, Expense.Status.INVOICED, Expense.Status.PAID]
