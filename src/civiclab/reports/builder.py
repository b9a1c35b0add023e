"""From a report's blocks to a Document: the experiment's figures, charts, quotes and photos,
with the source and the hypothesis of every figure, in the reader's language."""

from collections.abc import Iterator
from io import BytesIO

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from PIL import Image

from civiclab.analysis import cache, display
from civiclab.analysis.dashboard import dashboard_data, dashboard_key
from civiclab.analysis.display import Shown, shown
from civiclab.analysis.questions import question_labels, questions_data, questions_key, waves_of
from civiclab.budget.money import format_euros
from civiclab.budget.selectors import budget_of
from civiclab.collection.models import Response
from civiclab.collection.pages import in_language
from civiclab.experiments.models import ProtocolSection
from civiclab.impact.models import Indicator, Kind, current_questions
from civiclab.qualitative.models import Verbatim
from civiclab.reports import document as doc
from civiclab.reports.media import photos_for
from civiclab.reports.models import BlockKind, LabLook, Report, ReportBlock
from civiclab.stats import charts

CHART_SCALE = 2  # PNGs twice the CSS size: crisp on a projected slide and in print
PROTOCOL_SECTIONS = (ProtocolSection.CONTEXT, ProtocolSection.OBJECTIVES, ProtocolSection.METHOD)


def look() -> doc.Look:
    saved = LabLook.objects.first()
    if saved is None:
        return doc.Look()
    logo = None
    if saved.logo:
        with saved.logo.open("rb") as file:
            logo = _as_png(file.read())
    return doc.Look(saved.lab_name, saved.primary, saved.accent, saved.font, logo)


def _as_png(data: bytes) -> bytes | None:
    try:
        with Image.open(BytesIO(data)) as image:
            out = BytesIO()
            image.save(out, "PNG")
            return out.getvalue()
    except (OSError, ValueError):  # a damaged logo must not stop every report
        return None


def build(report: Report, draw: bool = True, raw_quotes: bool = False) -> doc.Document:
    """The report as a Document; `draw` False leaves charts undrawn (the browser draws them
    from their specification, which is much faster for a preview). `raw_quotes` True lets
    an internal report show quotes nobody pseudonymised: only for readers who may read the
    transcripts themselves."""
    experiment = report.experiment
    context = Context(report, draw, raw_quotes)
    blocks = []
    for block in report.blocks.select_related("indicator", "verbatim__source"):
        blocks.extend(BUILDERS[block.kind](block, context))
    territory = experiment.territory.name if experiment.territory_id else ""
    return doc.Document(
        title=report.title,
        subtitle=" — ".join(filter(None, [experiment.title, territory])),
        made_on=timezone.localdate(),
        look=look(),
        blocks=tuple(blocks),
        audience=report.audience,
        footer=report.footer,
    )


def results_of(experiment, weighted: bool) -> dict:
    """Every indicator's result by id: the cached one when the answers have not changed
    since, else computed now (a document must show current figures)."""
    key = dashboard_key(weighted)
    data, fresh = cache.cached(experiment.pk, key)
    if not fresh:
        data = cache.compute(
            experiment.pk, key, lambda: dashboard_data(experiment, weighted=weighted)
        )
    return data.get("indicators", {})


class Context:
    """What several blocks share, read once: the indicators' results, the questionnaires."""

    def __init__(self, report: Report, draw: bool, raw_quotes: bool = False):
        self.report, self.draw = report, draw
        self.raw_quotes = raw_quotes and not report.public
        self.experiment = report.experiment
        self._results = None
        self._questions = {}
        self._periods = {}

    @property
    def results(self) -> dict:
        if self._results is None:
            self._results = results_of(self.experiment, self.report.weighted)
        return self._results

    def period(self, indicator: Indicator, wave: str | None) -> str:
        """When the answers of the indicator's latest wave were collected."""
        if indicator.questionnaire_id is None or not wave:
            return ""
        key = (indicator.questionnaire_id, wave)
        if key not in self._periods:
            span = Response.objects.filter(
                campaign__questionnaire_id=indicator.questionnaire_id, campaign__wave=wave
            ).aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
            self._periods[key] = _span(span["first"], span["last"])
        return self._periods[key]

    def question_label(self, indicator: Indicator) -> str:
        if indicator.questionnaire_id is None:
            return ""
        if indicator.questionnaire_id not in self._questions:
            self._questions[indicator.questionnaire_id] = current_questions(indicator.questionnaire)
        question = self._questions[indicator.questionnaire_id].get(indicator.question_code)
        return in_language(question.label_fr, question.label_en) if question else ""


def _span(first, last) -> str:
    if first is None:
        return ""
    first, last = (date_format(timezone.localtime(d), "SHORT_DATE_FORMAT") for d in (first, last))
    if first == last:
        return _("collected on %(date)s") % {"date": first}
    return _("collected from %(first)s to %(last)s") % {"first": first, "last": last}


# --- indicators ------------------------------------------------------------------------------


def _chain(indicator: Indicator) -> tuple[str, ...]:
    impact = indicator.impact
    links = []
    if impact.hypothesis_id:
        links.append(f"H{impact.hypothesis.position}. {impact.hypothesis.text}")
    links += [impact.title, indicator.name]
    return tuple(links)


def _note(indicator: Indicator, result: dict, figures: Shown, context: Context) -> doc.SourceNote:
    parts = []
    question = context.question_label(indicator)
    if question:
        parts.append(_("Question “%(question)s”") % {"question": question})
    elif indicator.kind == Kind.MANUAL:
        parts.append(indicator.data_source or _("Value entered by hand"))
    if figures.n:
        parts.append(_("n = %(n)s") % {"n": figures.n})
    if figures.wave:
        parts.append(_("wave “%(wave)s”") % {"wave": figures.wave})
    period = context.period(indicator, result.get("wave"))
    if period:
        parts.append(period)
    if indicator.kind != Kind.MANUAL:
        parts.append(_("weighted") if result.get("weighted") else _("not weighted"))
    return doc.SourceNote(" · ".join(str(p) for p in parts), _chain(indicator))


def _chart(title: str, spec: dict | None, note: doc.SourceNote, draw: bool) -> doc.Chart | None:
    if not spec:
        return None
    if not draw:
        return doc.Chart(title, spec, b"", 0, 0, spec.get("description", title), note)
    png = charts.to_png(spec, scale=CHART_SCALE)
    with Image.open(BytesIO(png)) as image:
        width, height = image.size
    return doc.Chart(title, spec, png, width, height, spec.get("description", title), note)


def indicator_card(indicator: Indicator, context: Context) -> doc.IndicatorCard:
    result = context.results.get(str(indicator.pk)) or {}
    figures = shown(indicator, result)
    note = _note(indicator, result, figures, context)
    change = ""
    if figures.change:
        change = f"{figures.change['label']} {figures.change['difference']}. "
        change += figures.change["verdict"]
    return doc.IndicatorCard(
        title=indicator.name,
        value=figures.value,
        interval=figures.interval,
        n=figures.n or None,
        wave=figures.wave,
        baseline=figures.baseline if figures.baseline != "—" else "",
        target=figures.target if figures.target != "—" else "",
        change=change,
        warnings=tuple(figures.warnings),
        chart=_chart(indicator.name, figures.chart, note, context.draw)
        if len(result.get("waves", [])) > 1
        else None,
        note=note,
    )


def _indicators(block: ReportBlock, context: Context) -> Iterator[doc.Block]:
    indicators = Indicator.objects.filter(experiment=context.experiment).select_related(
        "impact__hypothesis", "questionnaire"
    )
    for indicator in indicators.order_by("impact__position", "position", "pk"):
        yield indicator_card(indicator, context)


def _indicator(block: ReportBlock, context: Context) -> Iterator[doc.Block]:
    if block.indicator is not None:
        yield indicator_card(block.indicator, context)


def breakdown_tables(block: ReportBlock, context: Context) -> Iterator[doc.Block]:
    indicator = block.indicator
    if indicator is None:
        return
    result = context.results.get(str(indicator.pk)) or {}
    figures = shown(indicator, result)
    note = _note(indicator, result, figures, context)
    codes = list(result.get("breakdowns", {}))  # in the order `shown` lists them
    for code, (label, rows) in zip(codes, figures.breakdowns, strict=True):
        if block.breakdown and code != block.breakdown:
            continue
        yield doc.Table(
            title=block.title or f"{indicator.name} — {label}",
            headers=(
                label,
                _("Value"),
                _("Interval at %(level)s") % {"level": "95\u202f%"},
                _("Answers"),
            ),
            rows=tuple((group, value, interval, str(n)) for group, value, interval, n, _w in rows),
            note=note,
        )


def _question(block: ReportBlock, context: Context) -> Iterator[doc.Block]:
    """A question's answers at a wave (the latest by default), as the Results tab charts it."""
    questionnaire = block.questionnaire
    if questionnaire is None:
        return
    waves = waves_of(questionnaire)
    wave = block.wave if block.wave in waves else (waves or [""])[-1]
    if not wave:
        return
    key = questions_key(questionnaire.pk, wave, context.report.weighted)
    data, fresh = cache.cached(context.experiment.pk, key)
    if not fresh:
        data = cache.compute(
            context.experiment.pk,
            key,
            lambda: questions_data(questionnaire, wave, context.report.weighted),
        )
    labels = question_labels(questionnaire)
    for item in display.questions(data, block.breakdown, labels):
        if item["code"] != block.question:
            continue
        summary = data["questions"][item["code"]]
        n = summary["by"].get("", [{}])[0].get("n") if summary.get("by") else None
        parts = [
            _("Question “%(question)s”") % {"question": item["label"]},
            _("n = %(n)s") % {"n": n or data.get("n", 0)},
            _("wave “%(wave)s”") % {"wave": display.WAVE_LABELS.get(wave, wave)},
            _("weighted") if data.get("weighted") else _("not weighted"),
        ]
        note = doc.SourceNote(" · ".join(str(p) for p in parts))
        title = block.title or item["label"]
        chart = _chart(title, item["chart"], note, context.draw)
        if chart is not None:
            yield chart


# --- words and pictures ----------------------------------------------------------------------


def _quote(verbatim: Verbatim) -> doc.Quote:
    source = verbatim.source
    when = date_format(source.held_on, "SHORT_DATE_FORMAT") if source.held_on else ""
    # A verbatim attributed to its source (the default when quoting) names it once.
    title = "" if verbatim.attribution.strip() == source.title.strip() else source.title
    return doc.Quote(verbatim.text, verbatim.attribution, ", ".join(filter(None, [title, when])))


def _may_quote(verbatim: Verbatim, context: Context) -> bool:
    """A quote nobody hid names in only reaches readers of the transcripts themselves, in a
    document not meant for the public; anyone else (a partner, the public) never sees it."""
    return bool(verbatim.replacements) or context.raw_quotes


def _verbatims(block: ReportBlock, context: Context) -> Iterator[doc.Block]:
    verbatims = Verbatim.objects.filter(experiment=context.experiment).select_related("source")
    for verbatim in verbatims.order_by("created_at", "pk"):
        if _may_quote(verbatim, context):
            yield _quote(verbatim)


def _verbatim(block: ReportBlock, context: Context) -> Iterator[doc.Block]:
    if block.verbatim is not None and _may_quote(block.verbatim, context):
        yield _quote(block.verbatim)


def _photos(block: ReportBlock, context: Context) -> Iterator[doc.Block]:
    yield from photos_for(context.experiment, public=context.report.public)


def text_block(block: ReportBlock, context: Context) -> Iterator[doc.Block]:
    paragraphs = tuple(p.strip() for p in block.text.split("\n\n") if p.strip())
    if block.title or paragraphs:
        yield doc.Text(block.title, paragraphs)


def _protocol(block: ReportBlock, context: Context) -> Iterator[doc.Block]:
    version = context.experiment.protocol_versions.order_by("-number").first()
    if version is None:
        return
    paragraphs = []
    for section in PROTOCOL_SECTIONS:
        text = (version.sections or {}).get(section, "").strip()
        if text:
            paragraphs.append(f"{section.label}. {text}")
    hypotheses = context.experiment.hypotheses.filter(is_retired=False).order_by("position")
    for hypothesis in hypotheses:
        paragraphs.append(f"H{hypothesis.position}. {hypothesis.text}")
    yield doc.Text(block.title or _("The experiment"), tuple(paragraphs))


def milestones_block(block: ReportBlock, context: Context) -> Iterator[doc.Block]:
    today = timezone.localdate()
    items = []
    for milestone in context.experiment.milestones.order_by("due_date", "pk"):
        if milestone.reached_on:
            state = _("reached on %(date)s") % {
                "date": date_format(milestone.reached_on, "SHORT_DATE_FORMAT")
            }
        elif milestone.due_date < today:
            state = _("late")
        else:
            state = _("planned")
        items.append(
            doc.Milestone(
                date_format(milestone.due_date, "SHORT_DATE_FORMAT"), milestone.name, state
            )
        )
    if items:
        yield doc.Timeline(block.title or _("Milestones"), tuple(items))


def _budget(block: ReportBlock, context: Context) -> Iterator[doc.Block]:
    budget = budget_of(context.experiment)
    if not budget.lines and not budget.total.planned:
        return

    def money(value) -> str:
        return format_euros(value, 0)

    rows = tuple(
        (row.label, money(row.planned), money(row.committed), money(row.paid))
        for row in budget.categories
    )
    total = budget.total
    consumed = ""
    if total.consumed_percent is not None:
        consumed = _("%(percent)s %% of the planned budget committed, %(paid)s %% paid.") % {
            "percent": total.consumed_percent,
            "paid": total.paid_percent,
        }
    yield doc.BudgetSummary(
        title=block.title or _("Budget"),
        headers=(_("Category"), _("Planned"), _("Committed"), _("Paid")),
        rows=rows,
        total=(_("Total"), money(total.planned), money(total.committed), money(total.paid)),
        consumed=consumed,
    )


BUILDERS = {
    BlockKind.INDICATORS: _indicators,
    BlockKind.INDICATOR: _indicator,
    BlockKind.BREAKDOWN: breakdown_tables,
    BlockKind.QUESTION: _question,
    BlockKind.VERBATIMS: _verbatims,
    BlockKind.VERBATIM: _verbatim,
    BlockKind.PHOTOS: _photos,
    BlockKind.TEXT: text_block,
    BlockKind.PROTOCOL: _protocol,
    BlockKind.TIMELINE: milestones_block,
    BlockKind.BUDGET: _budget,
}
