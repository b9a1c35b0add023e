"""Forms of the budget: lines, fundings and expenses, with amounts typed the French way."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from civiclab.accounts.models import Organisation
from civiclab.budget.models import BudgetLine, Category, Expense, Funding
from civiclab.budget.money import MESSAGES, parse_amount
from civiclab.budget.selectors import BY_CATEGORY
from civiclab.core.widgets import StoredFileInput
from civiclab.experiments.models import in_order_of

DEFAULT_MAX_INVOICE_MB = 10
# Invoices are PDF or pictures of paper invoices, recognised by their first bytes.
INVOICE_KINDS = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def max_invoice_bytes() -> int:
    return int(getattr(settings, "BUDGET_MAX_INVOICE_MB", DEFAULT_MAX_INVOICE_MB)) * 1024 * 1024


class MoneyInput(forms.TextInput):
    """A text box (a number box would refuse "1 234,56") showing amounts as the reader writes."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float):
            return number_format(value, 2, use_l10n=True, force_grouping=False)
        return super().format_value(value)


class MoneyField(forms.DecimalField):
    """Euros typed as "1 234,56", "1234.56", "1 234,56 €" or "1.234,56"; never negative."""

    widget = MoneyInput

    def __init__(self, **kwargs):
        for option in ("max_value", "min_value", "localize"):
            kwargs.pop(option, None)
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs["widget"] = MoneyInput
        super().__init__(**kwargs)
        self.error_messages["required"] = MESSAGES["required"]

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, Decimal):
            return value
        return parse_amount(value)

    def validate(self, value):
        forms.Field.validate(self, value)

    def widget_attrs(self, widget):
        # Not DecimalField's: it would add step/min/max, which only number boxes use.
        return forms.Field.widget_attrs(self, widget)


def funder_choices():
    """Funders first (the usual case), then every other organisation: any may fund."""
    kinds = [Organisation.Kind.FUNDER, Organisation.Kind.LOCAL_AUTHORITY]
    return Organisation.objects.order_by(in_order_of("kind", kinds), "name")


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "label", "funder", "planned"]
        field_classes = {"planned": MoneyField}

    def __init__(self, *args, experiment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = funder_choices()
        self.fields["funder"].empty_label = str(_("— the lab's own funds —"))


class FundingForm(forms.ModelForm):
    class Meta:
        model = Funding
        fields = [
            "funder",
            "requested",
            "requested_on",
            "granted",
            "granted_on",
            "received",
            "received_on",
            "note",
        ]
        field_classes = {"requested": MoneyField, "granted": MoneyField, "received": MoneyField}
        widgets = {"requested_on": DATE_INPUT, "granted_on": DATE_INPUT, "received_on": DATE_INPUT}
        help_texts = {
            "granted": _("Leave empty while the funder has not decided."),
            "received": _("What has actually reached the lab's bank account."),
        }

    def __init__(self, *args, experiment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = funder_choices()

    def clean(self):
        data = super().clean()
        for amount, day in (("granted", "granted_on"), ("received", "received_on")):
            if data.get(day) and data.get(amount) is None:
                self.add_error(amount, _("Give the amount, or remove the date."))
        granted, received = data.get("granted"), data.get("received")
        if received and granted is not None and received > granted:
            self.add_error("received", _("More was received than granted: check both amounts."))
        return data


class ExpenseForm(forms.ModelForm):
    class Meta:
        model = Expense
        fields = ["budget_line", "supplier", "date", "amount", "status", "invoice", "note"]
        field_classes = {"amount": MoneyField}
        widgets = {
            "date": DATE_INPUT,
            "invoice": StoredFileInput(attrs={"accept": ",".join(INVOICE_KINDS)}),
        }
        help_texts = {
            "status": _(
                "Committed: ordered or signed. Invoiced: the invoice has arrived. "
                "Paid: the money has left the lab's account."
            ),
        }

    def __init__(self, *args, experiment=None, **kwargs):
        super().__init__(*args, **kwargs)
        lines = BudgetLine.objects.filter(experiment=experiment).select_related("funder")
        self.fields["budget_line"].queryset = lines.order_by(BY_CATEGORY, "label")
        self.fields["budget_line"].label_from_instance = line_label
        # The stored name is a short random one; the uploaded name may be long.
        self.fields["invoice"].max_length = None
        if self.instance.pk and self.instance.invoice:
            widget = self.fields["invoice"].widget
            widget.current_url = reverse("budget:invoice", args=[experiment.slug, self.instance.pk])
            widget.current_name = self.instance.invoice_name
        limit = filesizeformat(max_invoice_bytes())
        self.fields["invoice"].help_text = _("PDF, PNG or JPEG, at most %(size)s.") % {
            "size": limit
        }

    def clean_invoice(self):
        upload = self.cleaned_data.get("invoice")
        if not upload or upload is False or not hasattr(upload, "content_type"):
            return upload  # unchanged, or cleared
        check_invoice(upload)
        return upload


def line_label(line: BudgetLine) -> str:
    funder = line.funder.name if line.funder else _("lab's own funds")
    return f"{line.label} — {Category(line.category).label} — {funder}"


def check_invoice(upload) -> None:
    """Refuse anything but a PDF, PNG or JPEG of reasonable size, whatever its name says."""
    if upload.size > max_invoice_bytes():
        raise ValidationError(
            _("This file is too large (%(size)s): an invoice may weigh at most %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_invoice_bytes()),
            },
        )
    name = upload.name.lower()
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix not in INVOICE_KINDS:
        raise ValidationError(_("An invoice must be a PDF, PNG or JPEG file."), code="file_type")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    _content_type, starts = INVOICE_KINDS[suffix]
    if not head.startswith(starts):
        raise ValidationError(
            _("This file is not really a %(kind)s: its content does not match its name."),
            code="file_content",
            params={"kind": suffix[1:].upper()},
        )


class ExpenseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Expense.Status.choices]
    )
    line = forms.ModelChoiceField(
        label=_("Budget line"), required=False, queryset=BudgetLine.objects.none()
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *Category.choices]
    )
    supplier = forms.CharField(label=_("Supplier"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, experiment=None, **kwargs):
        super().__init__(*args, **kwargs)
        lines = BudgetLine.objects.filter(experiment=experiment).order_by(BY_CATEGORY, "label")
        self.fields["line"].queryset = lines
        self.fields["line"].empty_label = str(_("All"))

    def filter(self, expenses):
        if not self.is_valid():
            return expenses
        data = self.cleaned_data
        if data["status"]:
            expenses = expenses.filter(status=data["status"])
        if data["line"]:
            expenses = expenses.filter(budget_line=data["line"])
        if data["category"]:
            expenses = expenses.filter(budget_line__category=data["category"])
        if data["supplier"]:
            expenses = expenses.filter(supplier__icontains=data["supplier"])
        if data["date_from"]:
            expenses = expenses.filter(date__gte=data["date_from"])
        if data["date_to"]:
            expenses = expenses.filter(date__lte=data["date_to"])
        return expenses
