"""Report builder: blocks chosen and ordered by the team become a Document with each figure's
source and hypothesis; templates; who may build, see and download."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pptx import Presentation

from civiclab.collection.services import Submission, submit
from civiclab.experiments.models import Membership
from civiclab.impact.models import Measurement
from civiclab.qualitative import services as qualitative
from civiclab.qualitative.models import Source
from civiclab.reports import builder, services
from civiclab.reports.document import IndicatorCard, Quote, Table, Text, Timeline
from civiclab.reports.models import BlockKind, Report, ReportBlock, ReportTemplate
from tests.analysis.conftest import campaign, questionnaire  # noqa: F401
from tests.collection.conftest import adult_answers
from tests.conftest import give_role, make_user
from tests.impact.conftest import (  # noqa: F401
    analyst_a,
    hypothesis_a,
    impact_a,
    manual_a,
    questionnaire_a,
    share_a,
)

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def report(experiment_a, analyst_a):  # noqa: F811
    return services.create_report(
        analyst_a, experiment_a, Report(title="Point d'étape", audience="COPIL de décembre")
    )


def add(report, kind, **fields):
    return services.save_block(report.created_by, ReportBlock(report=report, kind=kind, **fields))


def test_an_indicator_card_says_where_its_figure_comes_from(report, manual_a, analyst_a):  # noqa: F811
    Measurement.objects.create(indicator=manual_a, value=42, measured_on="2026-10-01")
    add(report, BlockKind.INDICATOR, indicator=manual_a)
    [card] = builder.build(report, draw=False).blocks
    assert isinstance(card, IndicatorCard)
    assert card.title == "Présence aux séances"
    assert "42" in card.value
    assert card.note.chain == (
        "H1. Le tirage au sort diversifie les conseils.",
        "Des conseils plus divers",
        "Présence aux séances",
    )


def test_every_indicator_becomes_a_card_with_its_question_and_weighting(
    report,
    share_a,  # noqa: F811
    manual_a,  # noqa: F811
):
    add(report, BlockKind.INDICATORS)
    cards = builder.build(report, draw=False).blocks
    assert [c.title for c in cards] == ["Part des femmes", "Présence aux séances"]
    share = cards[0]
    assert "Question sexe" in share.note.text  # the wording, as the questionnaire has it
    assert "non pondéré" in share.note.text  # the lab's language


def test_text_timeline_and_quotes(report, experiment_a, analyst_a):  # noqa: F811
    experiment_a.milestones.create(name="Conseils installés", due_date="2026-03-31")
    source = qualitative.save_source(
        analyst_a,
        Source(experiment=experiment_a, kind="interview", title="Entretien Mme R."),
        "Mme R. : On m'écoutait enfin, rue Pasteur.",
    )
    start = source.text.index("On m'")
    verbatim = qualitative.save_verbatim(
        analyst_a, source, start, len(source.text), replacements=[("rue Pasteur", "[rue]")]
    )
    add(report, BlockKind.TEXT, title="Décisions", text="Valider.\n\nArbitrer.")
    add(report, BlockKind.TIMELINE)
    add(report, BlockKind.VERBATIM, verbatim=verbatim)
    text, timeline, quote = builder.build(report, draw=False).blocks
    assert isinstance(text, Text) and text.paragraphs == ("Valider.", "Arbitrer.")
    assert isinstance(timeline, Timeline) and timeline.items[0].label == "Conseils installés"
    assert isinstance(quote, Quote)
    assert quote.text == "On m'écoutait enfin, [rue]."
    assert "rue Pasteur" not in quote.text
    # Attributed to its source by default: the source is named once, not twice.
    assert quote.attribution == "Entretien Mme R." and "Entretien" not in quote.source


def test_a_report_for_the_public_leaves_out_quotes_nobody_pseudonymised(
    report,
    experiment_a,
    analyst_a,  # noqa: F811
):
    source = qualitative.save_source(
        analyst_a,
        Source(experiment=experiment_a, kind="interview", title="Entretien"),
        "Nadia : je viens de Fives.",
    )
    raw = qualitative.save_verbatim(analyst_a, source, 0, len(source.text))
    add(report, BlockKind.VERBATIMS)
    add(report, BlockKind.VERBATIM, verbatim=raw)
    assert len(builder.build(report, draw=False, raw_quotes=True).blocks) == 2
    assert builder.build(report, draw=False).blocks == ()  # a reader without the transcripts
    report.public = True
    report.save()
    assert builder.build(report, draw=False, raw_quotes=True).blocks == ()


def test_partners_get_the_deck_without_quotes_nobody_pseudonymised(
    client,
    report,
    experiment_a,
    analyst_a,  # noqa: F811
):
    """A partner may read the experiment's reports, not its transcripts: a quote still
    naming someone stays out of what the partner sees and downloads."""
    source = qualitative.save_source(
        analyst_a,
        Source(experiment=experiment_a, kind="interview", title="Entretien"),
        "Nadia Benali : je viens de Fives.",
    )
    add(report, BlockKind.VERBATIM, verbatim=qualitative.save_verbatim(analyst_a, source, 0, 33))
    partner = make_user("elue")
    give_role(partner, experiment_a, Membership.Role.PARTNER)
    deck = reverse("reports:download", args=[experiment_a.slug, report.pk, "pptx"])
    page = reverse("reports:report", args=[experiment_a.slug, report.pk])
    for reader, shown in ((analyst_a, True), (partner, False)):
        client.force_login(reader)
        slides = Presentation(io.BytesIO(client.get(deck).content)).slides
        texts = [
            shape.text_frame.text for s in slides for shape in s.shapes if shape.has_text_frame
        ]
        assert any("Nadia Benali" in text for text in texts) is shown
        assert ("Nadia Benali" in client.get(page).content.decode()) is shown


def test_a_block_cannot_point_to_another_experiments_indicator(report, experiment_b):
    from civiclab.impact.models import Impact, Indicator

    impact = Impact.objects.create(experiment=experiment_b, title="Ailleurs")
    foreign = Indicator.objects.create(
        experiment=experiment_b, impact=impact, name="Autre", kind="manual"
    )
    with pytest.raises(ValidationError, match="indicateur de cette expérimentation"):
        add(report, BlockKind.INDICATOR, indicator=foreign)
    assert not report.blocks.exists()


def test_a_report_is_made_from_a_template_and_saved_as_one(
    report,
    experiment_a,
    analyst_a,  # noqa: F811
    manual_a,  # noqa: F811
):
    add(report, BlockKind.INDICATOR, indicator=manual_a)
    add(report, BlockKind.TEXT, title="Prochaines étapes", text="À décider.")
    add(report, BlockKind.BUDGET)
    template = services.save_as_template(analyst_a, report, "Mon modèle")
    assert [b["kind"] for b in template.blocks] == ["indicators", "text", "budget"]
    again = services.create_report(analyst_a, experiment_a, Report(title="Deuxième"), template)
    assert list(again.blocks.values_list("kind", "title")) == [
        ("indicators", ""),
        ("text", "Prochaines étapes"),
        ("budget", ""),
    ]


def test_the_lab_templates_come_with_the_database():
    assert set(ReportTemplate.objects.values_list("name", flat=True)) >= {
        "Diaporama COPIL",
        "Rapport final",
    }


def test_blocks_move_up_and_down(report, analyst_a):  # noqa: F811
    first = add(report, BlockKind.TEXT, title="Un")
    second = add(report, BlockKind.TEXT, title="Deux")
    services.move_block(analyst_a, second, -1)
    assert list(report.blocks.values_list("title", flat=True)) == ["Deux", "Un"]
    services.move_block(analyst_a, first, -1)
    services.move_block(analyst_a, first, -1)  # already first: nothing moves
    assert list(report.blocks.values_list("title", flat=True)) == ["Un", "Deux"]


# --- pages -----------------------------------------------------------------------------------


def url(name, report, *args):
    return reverse(f"reports:{name}", args=[report.experiment.slug, report.pk, *args])


def member(experiment, role):
    user = make_user(f"user-{role}")
    give_role(user, experiment, role)
    return user


def test_the_builder_page_previews_the_report(client, report, analyst_a, manual_a):  # noqa: F811
    add(report, BlockKind.INDICATOR, indicator=manual_a)
    add(report, BlockKind.TEXT, title="<script>alert(1)</script>", text="Texte")
    client.force_login(analyst_a)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Présence aux séances" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "role, sees, edits",
    [
        (Role.COMMUNICATOR, True, True),
        (Role.TEAM_MEMBER, True, True),
        (Role.PARTNER, True, False),
        (Role.OBSERVER, False, False),
    ],
)
def test_who_sees_and_builds_reports(client, report, experiment_a, role, sees, edits):
    client.force_login(member(experiment_a, role))
    expected = 200 if sees else 403
    assert client.get(report.get_absolute_url()).status_code == expected
    response = client.post(url("block_add", report), {"kind": "text", "title": "Ajout"})
    assert response.status_code == (302 if edits else 403)
    assert report.blocks.filter(title="Ajout").exists() == edits


def test_outsiders_do_not_see_reports(client, report, outsider):
    client.force_login(outsider)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(url("download", report, "pdf")).status_code == 404


def test_a_report_of_another_experiment_is_not_found(client, report, experiment_b):
    user = member(experiment_b, Role.COORDINATOR)
    client.force_login(user)
    address = reverse("reports:report", args=[experiment_b.slug, report.pk])
    assert client.get(address).status_code == 404


def test_a_new_report_from_the_copil_template(client, experiment_a, analyst_a):  # noqa: F811
    client.force_login(analyst_a)
    template = ReportTemplate.objects.get(name="Diaporama COPIL")
    response = client.post(
        reverse("reports:index", args=[experiment_a.slug]),
        {"title": "COPIL de mars", "template": template.pk},
    )
    created = Report.objects.get(title="COPIL de mars")
    assert response.url == created.get_absolute_url()
    assert created.blocks.count() == len(template.blocks)


def test_only_lab_staff_set_the_look(client, coordinator_a, lab_admin):
    client.force_login(coordinator_a)
    assert client.get(reverse("reports:look")).status_code == 403
    client.force_login(lab_admin)
    response = client.post(
        reverse("reports:look"),
        {"lab_name": "Lab des Hauts", "primary": "#203040", "accent": "#c04000", "font": "Arial"},
    )
    assert response.status_code == 302
    look = builder.look()
    assert (look.lab_name, look.primary) == ("Lab des Hauts", "#203040")
    bad = client.post(
        reverse("reports:look"),
        {"lab_name": "Lab", "primary": "rouge", "accent": "#c04000", "font": "Arial"},
    )
    assert bad.status_code == 200 and builder.look().lab_name == "Lab des Hauts"


def test_the_logo_is_previewed_through_a_checked_address(client, lab_admin, settings, tmp_path):
    """The look page shows the current logo from the app, not from MEDIA_URL (which no
    server exposes), and only to signed-in people."""
    settings.MEDIA_ROOT = tmp_path
    logo = io.BytesIO()
    Image.new("RGB", (120, 40), (18, 49, 79)).save(logo, "PNG")
    client.force_login(lab_admin)
    upload = SimpleUploadedFile("logo.png", logo.getvalue(), "image/png")
    fields = {"lab_name": "Lab", "primary": "#203040", "accent": "#c04000", "font": "Arial"}
    assert client.post(reverse("reports:look"), {**fields, "logo": upload}).status_code == 302
    page = client.get(reverse("reports:look")).content.decode()
    assert f'<img src="{reverse("reports:logo")}?v=' in page and "/media/" not in page
    response = client.get(reverse("reports:logo"))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == logo.getvalue()
    client.logout()
    assert client.get(reverse("reports:logo")).status_code == 302


def test_a_breakdown_table_lists_each_group(report, share_a, questionnaire_a):  # noqa: F811
    share_a.breakdowns = ["tranche_age"]
    share_a.save()
    add(report, BlockKind.BREAKDOWN, indicator=share_a, breakdown="tranche_age")
    blocks = builder.build(report, draw=False).blocks
    assert all(isinstance(b, Table) for b in blocks)


def test_a_chart_of_the_results_tab_goes_into_a_report(
    client,
    report,
    experiment_a,
    analyst_a,  # noqa: F811
    campaign,  # noqa: F811
):
    for trust in ("2", "3", "3", "4"):
        submit(campaign, Submission(answers=adult_answers(confiance=trust), version_number=1))
    client.force_login(analyst_a)
    response = client.post(
        reverse("reports:chart_add", args=[experiment_a.slug]),
        {
            "report": report.pk,
            "questionnaire": campaign.questionnaire.pk,
            "question": "confiance",
            "wave": "before",
            "breakdown": "",
        },
    )
    block = report.blocks.get()
    assert response.url == report.get_absolute_url() + f"#block-{block.pk}"
    [chart] = builder.build(report, draw=False).blocks
    assert chart.spec["$schema"].startswith("https://vega.github.io/schema/vega-lite")
    assert "n = 4" in chart.note.text
    assert "J'ai confiance dans le conseil de quartier" in chart.note.text


def test_a_chart_of_an_unknown_question_is_refused(
    client,
    report,
    experiment_a,
    analyst_a,  # noqa: F811
    campaign,  # noqa: F811
):
    client.force_login(analyst_a)
    client.post(
        reverse("reports:chart_add", args=[experiment_a.slug]),
        {"report": report.pk, "questionnaire": campaign.questionnaire.pk, "question": "nope"},
    )
    assert not report.blocks.exists()


def test_the_steering_deck_covers_every_experiment_under_way(experiment_a, experiment_b):
    from civiclab.reports.steering import steering_deck

    experiment_a.status = experiment_b.status = "running"
    experiment_a.save()
    experiment_b.save()
    experiment_a.milestones.create(name="Conseils installés", due_date="2026-03-31")
    deck = steering_deck()
    overview = deck.blocks[0]
    assert isinstance(overview, Table)
    assert {row[0] for row in overview.rows} == {experiment_a.title, experiment_b.title}
    [timeline] = [b for b in deck.blocks if isinstance(b, Timeline)]
    assert timeline.title == f"{experiment_a.title} — jalons"  # the lab's language


def test_the_steering_deck_names_key_indicators_in_the_lab_s_language(share_a, experiment_a):  # noqa: F811
    from civiclab.reports.steering import steering_deck

    experiment_a.status = "running"
    experiment_a.save()
    titles = [block.title for block in steering_deck().blocks]
    assert f"{experiment_a.title} — indicateurs clés" in titles


def test_only_lab_staff_get_the_steering_deck(client, coordinator_a):
    client.force_login(coordinator_a)
    assert client.get(reverse("reports:steering", args=["pptx"])).status_code == 403


def test_photos_follow_their_image_rights(report, experiment_a, analyst_a, settings, tmp_path):  # noqa: F811
    from civiclab.gallery import services as gallery
    from tests.gallery.conftest import jpeg

    settings.MEDIA_ROOT = tmp_path / "media"
    for caption, consent in (("Atelier", "consented"), ("Marché", "unknown"), ("Fête", "refused")):
        gallery.upload_media(
            analyst_a,
            experiment_a,
            [jpeg()],
            caption=caption,
            credit="Lab",
            alt_text=f"Photo : {caption}",
            consent=consent,
        )
    add(report, BlockKind.PHOTOS)
    internal = [p.caption for p in builder.build(report, draw=False).blocks]
    assert internal == ["Atelier", "Marché"]  # a refusal is never shown
    report.public = True
    report.save()
    public = builder.build(report, draw=False).blocks
    assert [p.caption for p in public] == ["Atelier"]
    assert public[0].jpeg.startswith(b"\xff\xd8") and public[0].width_px <= 1600


def test_a_dropped_block_goes_before_the_one_it_is_dropped_on(client, report, coordinator_a):
    """What dragging does on the page: `before` another block, or `end`; a block of another
    report is not a place to drop."""
    first, _second, third = (
        add(report, BlockKind.TEXT, title=title) for title in ("Un", "Deux", "Trois")
    )

    def order():
        return [b.title for b in report.blocks.order_by("position", "pk")]

    def drop(block, before):
        url = reverse("reports:block_move", args=[report.experiment.slug, report.pk, block.pk])
        return client.post(url, {"before": before})

    client.force_login(coordinator_a)
    assert drop(third, first.pk).status_code == 302
    assert order() == ["Trois", "Un", "Deux"]
    drop(third, "end")
    assert order() == ["Un", "Deux", "Trois"]
    drop(first, third.pk)
    assert order() == ["Deux", "Un", "Trois"]
    other = Report.objects.create(experiment=report.experiment, title="Autre")
    foreign = add(other, BlockKind.TEXT, title="Ailleurs")
    assert drop(first, foreign.pk).status_code == 404
    assert order() == ["Deux", "Un", "Trois"]
