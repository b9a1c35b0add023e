"""The portfolio dashboard and the partners' progress report."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from civiclab.accounts.models import Organisation
from civiclab.budget.models import BudgetLine, Expense
from civiclab.experiments.models import Membership
from civiclab.meetings.models import Meeting, Outcome
from civiclab.planning.models import Milestone, Task
from tests.conftest import give_role, make_experiment, make_user

TODAY = timezone.localdate()


def _fill(experiment):
    Milestone.objects.create(
        experiment=experiment,
        name="Conseils installés",
        due_date=TODAY - timedelta(days=30),
        reached_on=TODAY - timedelta(days=29),
    )
    Milestone.objects.create(
        experiment=experiment, name="Rapport final", due_date=TODAY + timedelta(days=60)
    )
    Task.objects.create(
        experiment=experiment, title="En retard", due_date=TODAY - timedelta(days=2)
    )
    Task.objects.create(experiment=experiment, title="Finie", status="done")
    meeting = Meeting.objects.create(
        experiment=experiment,
        kind="copil",
        title="COPIL passé",
        starts_at=timezone.now() - timedelta(days=10),
        status="held",
    )
    Outcome.objects.create(meeting=meeting, kind="decision", text="On indemnise.")
    Outcome.objects.create(meeting=meeting, kind="action", text="Écrire la délibération.")
    Meeting.objects.create(
        experiment=experiment,
        kind="copil",
        title="COPIL suivant",
        starts_at=timezone.now() + timedelta(days=10),
    )
    funder, _ = Organisation.objects.get_or_create(name="Région", kind="funder")
    line = BudgetLine.objects.create(
        experiment=experiment,
        category="staff",
        funder=funder,
        label="Animation",
        planned=Decimal("10000.00"),
    )
    Expense.objects.create(
        experiment=experiment,
        budget_line=line,
        supplier="Asso",
        date=TODAY,
        amount=Decimal("2500.00"),
        status="paid",
    )


def test_dashboard_columns(client, lab_admin, experiment_a):
    _fill(experiment_a)
    client.force_login(lab_admin)
    response = client.get(reverse("portfolio:index"))
    row = next(e for e in response.context["experiments"] if e.pk == experiment_a.pk)
    assert (row.next_milestone_name, row.overdue_tasks, row.open_actions) == ("Rapport final", 1, 1)
    assert row.next_meeting_title == "COPIL suivant"
    page = response.content.decode()
    assert "Conseils installés" in page and "On indemnise." in page  # since the last committee
    assert "2 500 € engagés, dont 2 500 € payés" in page.replace("\u202f", " ").replace("\xa0", " ")


def test_dashboard_queries_do_not_grow(client, lab_admin):
    client.force_login(lab_admin)
    _fill(make_experiment("Première"))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("portfolio:index")).status_code == 200
        return len(queries)

    small = count()
    for i in range(4):
        experiment = make_experiment(f"Autre {i}")
        _fill(experiment)
        give_role(make_user(f"coord-{i}"), experiment, "coordinator")
    assert count() == small


@pytest.mark.parametrize("visible", [False, True])
def test_progress_report_for_partners_budget_only_if_allowed(client, experiment_a, visible):
    _fill(experiment_a)
    experiment_a.budget_visible_to_partners = visible
    experiment_a.save()
    partner = make_user("elue")
    give_role(partner, experiment_a, Membership.Role.PARTNER)
    client.force_login(partner)
    page = client.get(reverse("portfolio:progress", args=[experiment_a.slug])).content.decode()
    assert "Conseils installés" in page and "Rapport final" in page and "On indemnise." in page
    assert ("10 000 €" in page.replace("\u202f", " ").replace("\xa0", " ")) == visible
    pdf = client.get(reverse("portfolio:progress_pdf", args=[experiment_a.slug]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Conseils installés" in text and "On indemnise." in text
    assert ("2 500,00 €" in text.replace("\u202f", " ").replace("\xa0", " ")) == visible


def test_partner_of_b_cannot_read_a_progress(client, partner_b, experiment_a):
    client.force_login(partner_b)
    assert client.get(reverse("portfolio:progress", args=[experiment_a.slug])).status_code == 404
    assert (
        client.get(reverse("portfolio:progress_pdf", args=[experiment_a.slug])).status_code == 404
    )


def test_observers_progress_report_leaves_out_meetings(client, experiment_a):
    """Observers may follow the planning but not the meetings: the report respects that."""
    _fill(experiment_a)
    observer = make_user("observateur")
    give_role(observer, experiment_a, Membership.Role.OBSERVER)
    client.force_login(observer)
    page = client.get(reverse("portfolio:progress", args=[experiment_a.slug])).content.decode()
    assert "Rapport final" in page  # planning: yes
    assert "On indemnise." not in page and "COPIL suivant" not in page  # meetings: no
    pdf = client.get(reverse("portfolio:progress_pdf", args=[experiment_a.slug]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Rapport final" in text and "On indemnise." not in text
