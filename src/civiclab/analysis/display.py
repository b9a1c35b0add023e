"""Computed results as a reader sees them: formatted figures, caveats in words, charts."""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from civiclab.analysis.messages import caveat_message
from civiclab.collection.models import Campaign
from civiclab.collection.pages import in_language
from civiclab.stats import charts

WAVE_LABELS = dict(Campaign.Wave.choices)


def figure(value: float | None, share: bool, unit: str = "") -> str:
    """0.4213 as a share → "42 %"; 3.456 → "3,46"; nothing → "—"."""
    if value is None:
        return "—"
    # Rounded here: number_format cuts extra decimals off rather than rounding them.
    if share:
        return f"{number_format(round(value * 100), use_l10n=True)}\u202f%"
    decimals = 0 if float(value).is_integer() else 2
    shown = number_format(
        round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )
    return f"{shown}\u00a0{unit}" if unit else shown


def interval(result: dict, share: bool) -> str:
    if result.get("low") is None or result.get("high") is None:
        return ""
    return _("%(low)s to %(high)s") % {
        "low": figure(result["low"], share),
        "high": figure(result["high"], share),
    }


@dataclass
class Shown:
    """One indicator's result, ready for the page."""

    value: str
    interval: str
    n: int
    wave: str
    warnings: list[str]
    baseline: str
    target: str
    chart: dict | None
    breakdowns: list[tuple[str, list[tuple[str, str, str, int, list[str]]]]] = field(
        default_factory=list
    )
    missing_question: str = ""
    chart_id: str = ""
    change: dict | None = None


def _trend_chart(indicator, result: dict, share: bool) -> dict | None:
    if not result.get("waves"):
        return None
    points = [
        charts.Point(
            str(WAVE_LABELS.get(w["wave"], w["wave"])), w["value"], w["low"], w["high"], w["n"]
        )
        for w in result["waves"]
    ]
    description = _("%(name)s, by wave") % {"name": indicator.name}
    return charts.trend(
        points,
        description=description,
        value_title=indicator.unit or indicator.name,
        share=share,
        baseline=result.get("baseline"),
        target=result.get("target"),
        baseline_label=str(_("baseline")),
        target_label=str(_("target")),
    )


def _signed(value: float | None, share: bool) -> str:
    """+12 points for a share's change, +0,35 for a mean's."""
    if value is None:
        return "—"
    if share:
        points = round(value * 100)
        return _("%(sign)s%(points)s points") % {
            "sign": "+" if points > 0 else "",
            "points": number_format(points, use_l10n=True),
        }
    shown = number_format(round(value, 2), decimal_pos=2, use_l10n=True)
    return f"+{shown}" if value > 0 else shown


def _change(change: dict | None, share: bool) -> dict | None:
    if not change or change.get("difference") is None:
        return None
    low, high, p_value = change.get("low"), change.get("high"), change.get("p_value")
    clear = low is not None and high is not None and (low > 0 or high < 0)
    p_shown = _p(p_value)
    return {
        "label": _("From wave “%(first)s” to wave “%(last)s”:")
        % {
            "first": WAVE_LABELS.get(change["from"], change["from"]),
            "last": WAVE_LABELS.get(change["to"], change["to"]),
        },
        "difference": _signed(change["difference"], share),
        "interval": _("%(low)s to %(high)s")
        % {"low": _signed(low, share), "high": _signed(high, share)}
        if low is not None
        else "",
        "verdict": (
            _("A clear change: chance alone would rarely produce it (p %(p)s).")
            if clear
            else _("Not distinguishable from chance with these numbers of answers (p %(p)s).")
        )
        % {"p": p_shown},
        "clear": clear,
        "warnings": [caveat_message(c) for c in change.get("caveats", [])],
        "panel": _panel(change.get("panel"), share),
    }


def _p(p_value: float | None) -> str:
    """ "= 0,012", or "< 0,001" rather than a p-value of zero."""
    if p_value is None:
        return "= —"
    if p_value < 0.001:
        return f"< {number_format(0.001, 3, use_l10n=True)}"
    return f"= {number_format(round(p_value, 3), 3, use_l10n=True)}"


def _panel(panel: dict | None, share: bool) -> dict | None:
    """The same people at both waves, in a sentence."""
    if not panel:
        return None
    values = {"n": panel["n"], "difference": _signed(panel["difference"], share)}
    values["p"] = _p(panel["p_value"])
    if panel["p_value"] is None:
        sentence = _("The same %(n)s people at both waves: %(difference)s (no change to test).")
    elif panel["test"] == "mcnemar":
        sentence = _(
            "The same %(n)s people at both waves: %(difference)s (McNemar's test, p %(p)s)."
        )
    else:
        sentence = _(
            "The same %(n)s people at both waves: median change %(difference)s "
            "(Wilcoxon's signed-rank test, p %(p)s)."
        )
    return {
        "sentence": sentence % values,
        "warnings": [caveat_message(c) for c in panel.get("caveats", [])],
    }


def shown(indicator, result: dict) -> Shown:
    share = bool(result.get("share"))
    unit = "" if share else indicator.unit
    breakdowns = []
    for breakdown in result.get("breakdowns", {}).values():
        rows = [
            (
                in_language(*g["label"]),
                figure(g["value"], share, unit),
                interval(g, share),
                g["n"],
                [caveat_message(c) for c in g["caveats"]],
            )
            for g in breakdown["groups"]
            if g["n"] > 0  # a category nobody in this wave chose says nothing
        ]
        breakdowns.append((in_language(*breakdown["label"]), rows))
    return Shown(
        value=figure(result.get("value"), share, unit),
        interval=interval(result, share),
        n=result.get("n", 0),
        wave=str(WAVE_LABELS.get(result.get("wave"), "")),
        warnings=[caveat_message(c) for c in result.get("caveats", [])],
        baseline=figure(result.get("baseline"), share, unit),
        target=figure(result.get("target"), share, unit),
        chart=_trend_chart(indicator, result, share),
        breakdowns=breakdowns,
        missing_question=result.get("missing_question", ""),
        chart_id=f"trend-{indicator.pk}",
        change=_change(result.get("change"), share),
    )


def attach_results(framework, results: dict) -> None:
    """Give each indicator of `framework` its `result` (None when not computed yet)."""
    impacts = [i for branch in framework.branches for i in branch.impacts] + framework.unlinked
    for impact in impacts:
        for indicator in impact.indicator_list:
            found = results.get(str(indicator.pk))
            indicator.result = shown(indicator, found) if found else None


def _ratio(value: float | None) -> str:
    return "—" if value is None else number_format(round(value, 2), decimal_pos=2, use_l10n=True)


def _profile_variable(variable: dict, chart_id: str) -> dict:
    label = in_language(*variable["label"])
    rows = [
        {
            "label": in_language(*c["label"]),
            "count": c["count"],
            "share": figure(c["share"], True),
            "weighted_share": figure(c["weighted_share"], True),
            "population_share": figure(c["population_share"], True),
            "ratio": _ratio(c["ratio"]),
            "under": c["ratio"] is not None and c["ratio"] < 0.8,
            "over": c["ratio"] is not None and c["ratio"] > 1.25,
        }
        for c in variable["categories"]
    ]
    chart = charts.profile_vs_population(
        [
            (in_language(*c["label"]), c["share"], c["population_share"])
            for c in variable["categories"]
        ],
        description=_("Participants and population by %(variable)s") % {"variable": label},
        participants_label=str(_("Participants")),
        population_label=str(_("Population")),
        value_title=str(_("Share")),
    )
    return {
        "label": label,
        "n": variable["n"],
        "missing": variable["missing"],
        "dissimilarity": figure(variable["dissimilarity"], True),
        "weighted_dissimilarity": figure(variable["weighted_dissimilarity"], True),
        "rows": rows,
        "warnings": [caveat_message(c) for c in variable["caveats"]],
        "chart": chart,
        "chart_id": chart_id,
    }


def _labelled(caveat: dict, names: dict) -> dict:
    """A weighting caveat with the question's label and the answer's label for its codes."""
    variable = caveat.get("variable")
    if variable not in names:
        return caveat
    label, choices = names[variable]
    category = caveat.get("category")
    return {**caveat, "variable": label, "category": choices.get(category, category)}


def _weighting(weighting: dict | None, names: dict) -> dict | None:
    if weighting is None:
        return None
    return {
        "efficiency": figure(weighting["efficiency"], True),
        "effective_n": number_format(round(weighting["effective_n"]), use_l10n=True),
        "range": _("from %(min)s to %(max)s")
        % {"min": _ratio(weighting["min"]), "max": _ratio(weighting["max"])},
        "converged": weighting["converged"],
        "warnings": [caveat_message(_labelled(c, names)) for c in weighting["caveats"]],
    }


def _names(variables: list[dict]) -> dict:
    return {
        v["variable"]: (
            in_language(*v["label"]),
            {c["key"]: in_language(*c["label"]) for c in v["categories"]},
        )
        for v in variables
    }


def participants(data: dict) -> list[dict]:
    """The participants' profiles of each questionnaire and wave, ready for the page."""
    shown_questionnaires = []
    for questionnaire in data.get("questionnaires", []):
        waves = []
        for wave in questionnaire["waves"]:
            prefix = f"profile-{questionnaire['id']}-{wave['wave']}"
            waves.append(
                {
                    "label": str(WAVE_LABELS.get(wave["wave"], wave["wave"])),
                    "n": wave["n"],
                    "variables": [
                        _profile_variable(v, f"{prefix}-{v['variable']}") for v in wave["variables"]
                    ],
                    "weighting": _weighting(wave["weighting"], _names(wave["variables"])),
                }
            )
        shown_questionnaires.append({"title": questionnaire["title"], "waves": waves})
    return shown_questionnaires


def _question_rows(code: str, summary: dict, by: str, labels: dict) -> tuple[list, list]:
    """Chart bars and table rows of one question, overall or by the groups of `by`."""
    question = labels.get(code, {})
    choice_labels = question.get("choices", {})
    group_labels = labels.get(by, {}).get("choices", {}) if by else {}
    bars, rows = [], []
    # Groups in the order of the breakdown question's answers, not of their codes.
    order = {value: index for index, value in enumerate(labels.get(by, {}).get("choices", {}))}
    groups = sorted(summary["by"].get(by, []), key=lambda g: order.get(g["group"], len(order)))
    for group in groups:
        group_label = group_labels.get(group["group"], group["group"]) if by else ""
        warnings = [caveat_message(c) for c in group["caveats"]]
        if "shares" in group:
            for option, count, share, low, high in group["shares"]:
                label = choice_labels.get(option, option)
                bars.append(charts.Bar(label, share, low, high, group["n"], group_label))
                shown = interval({"low": low, "high": high}, True)
                rows.append(
                    (group_label, label, count, figure(share, True), shown, group["n"], warnings)
                )
        else:
            mean = group["mean"]
            bars.append(
                charts.Bar(question.get("label", code), mean, group["low"], group["high"],
                           group["n"], group_label)
            )  # fmt: skip
            shown = interval(group, False)
            rows.append(
                (group_label, _("mean"), "", figure(mean, False), shown, group["n"], warnings)
            )
    return bars, rows


def questions(data: dict, by: str, labels: dict) -> list[dict]:
    """Each summarised question with its chart and table, split by `by` ("" for none)."""
    shown_questions = []
    for code, summary in data.get("questions", {}).items():
        if by not in summary["by"]:
            continue
        bars, rows = _question_rows(code, summary, by, labels)
        share = summary["type"] != "integer" and summary["type"] != "decimal"
        label = labels.get(code, {}).get("label", code)
        spec = charts.bars_with_intervals(
            bars,
            description=label,
            value_title=str(_("Share of answers") if share else _("Mean")),
            share=share,
        )
        shown_questions.append(
            {"code": code, "label": label, "chart": spec, "chart_id": f"q-{code}", "rows": rows}
        )
    return shown_questions


def comparison_chart(library, rows: list) -> dict | None:
    """The library indicator's latest value in each experiment, with its interval."""
    bars = [
        charts.Bar(indicator.experiment.title, found.get("value"), found.get("low"),
                   found.get("high"), found.get("n"))
        for indicator, _shown, found in rows
        if found and found.get("value") is not None
    ]  # fmt: skip
    if not bars:
        return None
    share = bool(rows[0][2].get("share")) if rows[0][2] else True
    return charts.bars_with_intervals(
        bars,
        description=_("%(name)s in each experiment") % {"name": library.name},
        value_title=library.name,
        share=share,
    )


def _strength(v: float | None) -> str:
    # Usual rule of thumb for Cramér's V in survey work: a reading aid, not a law.
    if v is None:
        return ""
    if v < 0.1:
        return _("negligible")
    if v < 0.2:
        return _("weak")
    if v < 0.3:
        return _("moderate")
    return _("strong")


def crosstab(data: dict, labels: dict, rows: str, columns: str) -> dict:
    """A cross-tabulation as a reader sees it: counts with row shares, and the test."""
    if data.get("error"):
        return {"error": True}
    row_labels = labels.get(rows, {}).get("choices", {})
    column_labels = labels.get(columns, {}).get("choices", {})
    body = []
    for option, counts, shares in zip(
        data["rows"], data["counts"], data["row_shares"], strict=True
    ):
        if not sum(counts):
            continue  # nobody in this row: it says nothing (and was left out of the test)
        cells = [(count, figure(share, True)) for count, share in zip(counts, shares, strict=True)]
        body.append((row_labels.get(option, option), cells, sum(counts)))
    test = {"chi2": _("chi-square test"), "fisher": _("Fisher's exact test")}.get(data["test"])
    verdict = ""
    if test and data["p_value"] is not None:
        linked = data["p_value"] < 0.05
        linked_text = _(
            "The two questions are linked (%(test)s, p %(p)s); Cramér's V = %(v)s: "
            "%(strength)s link."
        )
        unlinked_text = _(
            "No link can be told apart from chance (%(test)s, p %(p)s); Cramér's V = %(v)s."
        )
        verdict = (linked_text if linked else unlinked_text) % {
            "test": test,
            "p": _p(data["p_value"]),
            "v": number_format(round(data["cramers_v"] or 0, 2), 2, use_l10n=True),
            "strength": _strength(data["cramers_v"]),
        }
    return {
        "columns": [column_labels.get(option, option) for option in data["columns"]],
        "body": body,
        "n": data["n"],
        "missing": data["n_missing"],
        "weighted": data["weighted"],
        "verdict": verdict,
        "warnings": [caveat_message(c) for c in data["caveats"]],
        "row_label": labels.get(rows, {}).get("label", rows),
        "column_label": labels.get(columns, {}).get("label", columns),
    }
