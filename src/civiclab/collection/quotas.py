"""Live counts of a campaign's answers against its quotas and its target.

`count_quotas` is a pure function over plain data. `quota_report` feeds it from the database
with one GROUP BY per set of quota questions (in practice one): the database groups the
responses by their answers to those one or two questions, so Python receives at most one row
per combination of choices (plus one for "no answer"), however many thousand responses the
campaign has. Reading every response's JSON (`values_list("answers")`) would move the whole
answer table to Python instead.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.fields.json import KeyTextTransform

from civiclab.collection.models import Campaign, Response


@dataclass(frozen=True)
class CellCount:
    cell: dict  # question code -> choice value
    target: int
    count: int

    @property
    def reached(self) -> bool:
        return self.count >= self.target

    @property
    def percent(self) -> int:
        """Share of the target reached, rounded down (can pass 100)."""
        return self.count * 100 // self.target if self.target else 0

    @property
    def missing(self) -> int:
        return max(self.target - self.count, 0)


@dataclass(frozen=True)
class QuotaReport:
    cells: list[CellCount]
    total: int  # every answer of the campaign, in a quota cell or not
    target: int | None  # the campaign's target number of answers

    @property
    def percent(self) -> int | None:
        return self.total * 100 // self.target if self.target else None

    @property
    def reached(self) -> bool:
        return bool(self.target) and self.total >= self.target

    @property
    def cells_reached(self) -> int:
        return sum(1 for c in self.cells if c.reached)


def _matches(answers: Mapping, cell: Mapping) -> bool:
    for code, value in cell.items():
        given = answers.get(code)
        if isinstance(given, list | tuple):
            if value not in given:
                return False
        elif given is None or str(given) != value:
            return False
    return True


def count_quotas(
    quotas: Iterable[tuple[Mapping, int]],
    groups: Iterable[tuple[Mapping, int]],
    target: int | None = None,
) -> QuotaReport:
    """Count answers per quota cell.

    `quotas`: (cell {question code: choice value}, target) pairs. `groups`: (answers, number
    of responses that gave them) pairs — one pair per response works too. An answer counts in
    every cell whose choices it gave (for a multiple choice, among its choices)."""
    groups = [(answers, n) for answers, n in groups]
    cells = [
        CellCount(
            cell=dict(cell),
            target=target_n,
            count=sum(n for answers, n in groups if _matches(answers, cell)),
        )
        for cell, target_n in quotas
    ]
    return QuotaReport(cells=cells, total=sum(n for _answers, n in groups), target=target)


def grouped_answers(campaign: Campaign, codes: Iterable[str]) -> list[tuple[dict, int]]:
    """(answers to `codes`, number of responses) for every combination given in `campaign`,
    counted by the database in one query."""
    codes = list(codes)
    keys = {f"q{i}": KeyTextTransform(code, "answers") for i, code in enumerate(codes)}
    rows = (
        Response.objects.filter(campaign=campaign).values(**keys).annotate(n=Count("pk")).order_by()
    )
    return [
        ({code: row[f"q{i}"] for i, code in enumerate(codes) if row[f"q{i}"] is not None}, row["n"])
        for row in rows
    ]


def quota_report(campaign: Campaign) -> QuotaReport:
    """Live counts of `campaign` against its quotas and target: two queries when it has quotas
    (quotas, grouped answers), two when it has none (quotas, count)."""
    quotas = list(campaign.quotas.order_by("pk").values_list("cell", "target"))
    code_sets = list(dict.fromkeys(tuple(sorted(cell)) for cell, _target in quotas))
    if not code_sets:
        total = Response.objects.filter(campaign=campaign).count()
        return QuotaReport(cells=[], total=total, target=campaign.target_size)
    # Quotas set through campaigns.set_quotas all cross the same questions: one query.
    counted: dict[int, CellCount] = {}
    total = 0
    for codes in code_sets:
        indexes = [i for i, (cell, _t) in enumerate(quotas) if tuple(sorted(cell)) == codes]
        report = count_quotas([quotas[i] for i in indexes], grouped_answers(campaign, codes))
        counted.update(zip(indexes, report.cells, strict=True))
        total = report.total
    cells = [counted[i] for i in range(len(quotas))]  # in the quotas' own order
    return QuotaReport(cells=cells, total=total, target=campaign.target_size)
