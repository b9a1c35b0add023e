"""What changed between two versions of a questionnaire, question by question (matched by
code, as in the analysis): a plain function over the two versions' rows."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from civiclab.surveys.models import Question, QuestionnaireVersion

COMPARED_FIELDS = [
    "type",
    "section",
    "label_fr",
    "label_en",
    "hint_fr",
    "hint_en",
    "required",
    "relevant",
    "constraint",
    "constraint_message_fr",
    "constraint_message_en",
    "choice_list",
    "min_value",
    "max_value",
    "max_choices",
    "calculation",
    "is_personal_data",
]


@dataclass
class FieldChange:
    name: str
    old: object
    new: object

    @property
    def label(self):
        return Question._meta.get_field(self.name).verbose_name

    @property
    def old_text(self) -> str:
        return self._text(self.old)

    @property
    def new_text(self) -> str:
        return self._text(self.new)

    def _text(self, value) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return str(_("yes") if value else _("no"))
        if self.name == "type":
            return str(type_label(value))
        return str(value)


@dataclass
class QuestionChange:
    code: str
    label: str
    fields: list[FieldChange] = field(default_factory=list)
    choices_added: list[tuple] = field(default_factory=list)
    choices_removed: list[tuple] = field(default_factory=list)
    # (value, old French label, new French label, old English label, new English label)
    choices_relabelled: list[tuple] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.fields or self.choices_added or self.choices_removed or self.choices_relabelled
        )


@dataclass
class VersionDiff:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[QuestionChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff_rows(old: list[dict], new: list[dict]) -> VersionDiff:
    """Compare two versions given as question rows (see `version_rows`), matched by code."""
    old_by_code = {row["code"]: row for row in old}
    new_by_code = {row["code"]: row for row in new}
    result = VersionDiff(
        added=[row for row in new if row["code"] not in old_by_code],
        removed=[row for row in old if row["code"] not in new_by_code],
    )
    for row in new:
        before = old_by_code.get(row["code"])
        if before is None:
            continue
        change = QuestionChange(row["code"], row.get("label_fr") or row.get("label_en", ""))
        for name in COMPARED_FIELDS:
            if before.get(name) != row.get(name):
                change.fields.append(FieldChange(name, before.get(name), row.get(name)))
        old_choices = {c[0]: c for c in before.get("choices", [])}
        new_choices = {c[0]: c for c in row.get("choices", [])}
        change.choices_added = [c for v, c in new_choices.items() if v not in old_choices]
        change.choices_removed = [c for v, c in old_choices.items() if v not in new_choices]
        for value, choice in new_choices.items():
            previous = old_choices.get(value)
            if previous and previous[1:] != choice[1:]:
                change.choices_relabelled.append(
                    (value, previous[1], choice[1], previous[2], choice[2])
                )
        if not change.is_empty:
            result.changed.append(change)
    return result


def version_rows(version: QuestionnaireVersion) -> list[dict]:
    """The questions of a version as plain rows, choices included (three queries)."""
    questions = version.questions.select_related("section", "choice_list").order_by("position")
    lists = {
        cl.pk: [(c.value, c.label_fr, c.label_en) for c in cl.choices.all()]
        for cl in version.choice_lists.prefetch_related("choices")
    }
    rows = []
    for q in questions:
        row = {name: getattr(q, name) for name in COMPARED_FIELDS}
        row["type"] = q.type
        row["code"] = q.code
        row["section"] = q.section.code if q.section else ""
        row["choice_list"] = q.choice_list.name if q.choice_list else ""
        for name in ("min_value", "max_value"):
            value = row[name]
            row[name] = None if value is None else format(value.normalize(), "f")
        row["choices"] = lists.get(q.choice_list_id, [])
        rows.append(row)
    return rows


def diff_versions(old: QuestionnaireVersion, new: QuestionnaireVersion) -> VersionDiff:
    return diff_rows(version_rows(old), version_rows(new))


def type_label(value: str):
    try:
        return Question.Type(value).label
    except ValueError:
        return value
