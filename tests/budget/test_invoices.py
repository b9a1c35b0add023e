"""Invoices: PDF or images only, size-limited, downloaded through an access-checked view."""

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civiclab.budget.models import Expense

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _post(client, experiment, line, upload, pk=None):
    data = {
        "budget_line": line.pk,
        "supplier": "Imprimerie",
        "date": "2026-04-02",
        "amount": "120",
        "status": "invoiced",
        "invoice": upload,
    }
    if pk:
        url = reverse("budget:expense_edit", args=[experiment.slug, pk])
    else:
        url = reverse("budget:expense_new", args=[experiment.slug])
    return client.post(url, data)


def test_pdf_invoice_is_stored_under_a_random_name_and_downloaded_as_attachment(
    client, coordinator_a, experiment_a, budget_a
):
    client.force_login(coordinator_a)
    upload = SimpleUploadedFile("Facture Dupont 2026.pdf", PDF, "application/pdf")
    assert _post(client, experiment_a, budget_a["affiches"], upload).status_code == 302
    expense = Expense.objects.latest("pk")
    assert "Dupont" not in expense.invoice.name and expense.invoice.name.endswith(".pdf")
    assert expense.invoice_name == "Facture Dupont 2026.pdf"
    response = client.get(reverse("budget:invoice", args=[experiment_a.slug, expense.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Facture Dupont 2026.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    form = client.get(reverse("budget:expense_edit", args=[experiment_a.slug, expense.pk]))
    page = form.content.decode()
    # The edit form links the current invoice to that checked view, by its uploaded name.
    assert f'href="{response.request["PATH_INFO"]}">Facture Dupont 2026.pdf</a>' in page
    assert "/media/" not in page and "Fichier actuel" in page


def test_invoice_is_hidden_from_people_of_other_experiments(
    client, coordinator_a, partner_b, outsider, experiment_a, budget_a
):
    client.force_login(coordinator_a)
    upload = SimpleUploadedFile("facture.pdf", PDF, "application/pdf")
    _post(client, experiment_a, budget_a["affiches"], upload)
    url = reverse("budget:invoice", args=[experiment_a.slug, Expense.objects.latest("pk").pk])
    for user in (partner_b, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_disguised_and_unwanted_files_are_refused(client, coordinator_a, experiment_a, budget_a):
    client.force_login(coordinator_a)
    before = Expense.objects.count()
    cases = [
        (SimpleUploadedFile("facture.pdf", b"<html><script>alert(1)</script>"), "file_content"),
        (SimpleUploadedFile("facture.exe", b"MZ\x90\x00"), "file_type"),
        (SimpleUploadedFile("facture.svg", b"<svg></svg>"), "file_type"),
        (SimpleUploadedFile("scan.jpg", b"\x89PNG\r\n\x1a\n"), "file_content"),
    ]
    for upload, code in cases:
        response = _post(client, experiment_a, budget_a["affiches"], upload)
        assert response.status_code == 200
        assert response.context["form"].has_error("invoice", code), upload.name
    assert Expense.objects.count() == before


def test_too_large_invoice_is_refused(client, coordinator_a, experiment_a, budget_a, settings):
    settings.BUDGET_MAX_INVOICE_MB = 1
    client.force_login(coordinator_a)
    before = Expense.objects.count()
    big = SimpleUploadedFile("facture.pdf", PDF + b"0" * (1024 * 1024), "application/pdf")
    response = _post(client, experiment_a, budget_a["affiches"], big)
    assert response.context["form"].has_error("invoice", "too_large")
    assert Expense.objects.count() == before


def test_replacing_and_clearing_an_invoice(
    client, coordinator_a, experiment_a, budget_a, django_capture_on_commit_callbacks
):
    """The old file is removed from the disk once the new one is saved."""
    client.force_login(coordinator_a)
    line = budget_a["affiches"]
    _post(client, experiment_a, line, SimpleUploadedFile("a.pdf", PDF))
    expense = Expense.objects.latest("pk")
    first_file = expense.invoice.name
    png = SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, experiment_a, line, png, pk=expense.pk).status_code == 302
    assert not default_storage.exists(first_file)
    expense.refresh_from_db()
    assert expense.invoice_name == "b.png" and expense.invoice.name.endswith(".png")
    url = reverse("budget:expense_edit", args=[experiment_a.slug, expense.pk])
    data = {
        "budget_line": line.pk,
        "supplier": "Imprimerie",
        "date": "2026-04-02",
        "amount": "120",
        "status": "paid",
        "invoice-clear": "on",
    }
    assert client.post(url, data).status_code == 302
    expense.refresh_from_db()
    assert not expense.invoice and expense.invoice_name == ""
    response = client.get(reverse("budget:invoice", args=[experiment_a.slug, expense.pk]))
    assert response.status_code == 404
