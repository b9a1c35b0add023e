"""Forms of the public site: the catalogue's filters, and the team's publication choices."""

from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from civiclab.documents.models import DocumentVersion
from civiclab.experiments.models import BY_TAXONOMY, Experiment, Method, ProtocolSection, Territory
from civiclab.gallery.models import MediaItem
from civiclab.impact.models import Indicator
from civiclab.public.figures import PublicFigure
from civiclab.public.models import NewsPost, Publication, Theme, is_pseudonymised
from civiclab.public.selectors import public_photos
from civiclab.qualitative.models import Verbatim
from civiclab.reports.models import Report


class CatalogueFilterForm(forms.Form):
    """GET filters of the catalogue; each offers only values some published experiment has."""

    method = forms.ChoiceField(label=_("Method"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    territory = forms.ChoiceField(label=_("Territory"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data, published):
        super().__init__(data)
        everything = [("", _("All"))]
        methods = Method.objects.filter(experiments__in=published).distinct().order_by(BY_TAXONOMY)
        self.fields["method"].choices = everything + [(m.code, str(m)) for m in methods]
        themes = Theme.objects.filter(
            pk__in=Publication.themes.through.objects.filter(
                publication__experiment__in=published
            ).values("theme_id")
        )
        theme_choices = sorted(((t.code, str(t)) for t in themes), key=lambda c: c[1])
        self.fields["theme"].choices = everything + theme_choices
        territories = Territory.objects.filter(experiments__in=published).distinct()
        self.fields["territory"].choices = everything + [(str(t.pk), t.name) for t in territories]
        statuses = set(published.values_list("status", flat=True))
        self.fields["status"].choices = everything + [
            (code, label) for code, label in Experiment.Status.choices if code in statuses
        ]

    def values(self) -> dict:
        """The valid filters; an unknown value (an old link) is ignored, not an error."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class PublicationForm(forms.Form):
    """What the coordinator chooses to publish. The service checks every rule again."""

    is_published = forms.BooleanField(label=_("Publish this experiment's page"), required=False)
    summary = forms.CharField(
        label=_("Public summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=Publication._meta.get_field("summary").help_text,
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        required=False,
        choices=Theme.Code.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    cover = forms.ModelChoiceField(
        label=_("Cover photo"),
        required=False,
        queryset=None,
        empty_label=_("The first public photo of the gallery"),
        help_text=Publication._meta.get_field("cover").help_text,
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("Published indicators"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            # xgettext:no-python-format
            "Each with its latest value, its 95% interval and its number of answers. A figure "
            "that counts too few people is replaced by “too few answers to publish”."
        ),
    )
    verbatims = forms.ModelMultipleChoiceField(
        label=_("Published verbatims"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only pseudonymised quotes: names and places replaced in the Qualitative tab."),
    )
    confirmed = forms.ModelMultipleChoiceField(
        label=_("Quotes with nothing to replace"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick a quote only after reading it again: nobody can be recognised from it. "
            "Editing the quote later withdraws it from the site until it is confirmed again."
        ),
    )
    report = forms.ModelChoiceField(
        label=_("Public report"),
        required=False,
        queryset=None,
        empty_label=_("No report"),
        help_text=_(
            "Only reports marked “meant for the public”. Its public version shows only the "
            "indicators and quotes published on the page, and leaves out budget blocks and "
            "question charts."
        ),
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Published documents"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The version chosen now is the one published: a new version uploaded later is "
            "not, until it is chosen here."
        ),
    )
    kit_sections = forms.MultipleChoiceField(
        label=_("Protocol sections in the replication kit"),
        required=False,
        choices=ProtocolSection.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The hypotheses are always in it. Budget plan and risks are left out unless "
            "you tick them."
        ),
    )

    def __init__(self, *args, experiment, figures: dict[int, PublicFigure], **kwargs):
        super().__init__(*args, **kwargs)
        self.experiment = experiment
        self.fields["cover"].queryset = public_photos(experiment)
        self.fields["indicators"].queryset = Indicator.objects.filter(
            experiment=experiment
        ).order_by("impact__position", "position", "pk")
        self.fields["indicators"].label_from_instance = lambda i: _indicator_label(i, figures)
        verbatims = Verbatim.objects.filter(experiment=experiment).select_related("source")
        self.fields["verbatims"].queryset = verbatims.order_by("created_at", "pk")
        self.fields["verbatims"].label_from_instance = _verbatim_label
        unreplaced = [v.pk for v in verbatims if not is_pseudonymised(v)]
        self.fields["confirmed"].queryset = verbatims.filter(pk__in=unreplaced).order_by("pk")
        self.fields["confirmed"].label_from_instance = lambda v: f"« {v.text} »"
        self.fields["report"].queryset = Report.objects.filter(experiment=experiment, public=True)
        chosen = Q(pk__in=experiment.publication.documents.all()) if _saved(experiment) else Q()
        current = Q(document__current_version=F("pk")) | chosen
        self.fields["documents"].queryset = (
            DocumentVersion.objects.filter(current)
            .filter(document__experiment=experiment, document__deleted_at__isnull=True)
            .select_related("document")
            .order_by("document__name", "-number")
        )
        self.fields["documents"].label_from_instance = _document_label
        if not experiment.is_public:
            self.fields["is_published"].help_text = _(
                "This experiment is not marked public in its registry entry: its page stays "
                "offline until it is."
            )


def _saved(experiment) -> bool:
    try:
        return experiment.publication.pk is not None
    except Publication.DoesNotExist:
        return False


def _indicator_label(indicator: Indicator, figures: dict[int, PublicFigure]) -> str:
    figure = figures.get(indicator.pk)
    if figure is None or figure.state == "pending":
        note = _("no value yet")
    elif figure.is_withheld:
        note = _("too few answers: will be shown as “too few answers to publish”")
    elif figure.n:
        note = _("%(value)s, n = %(n)s") % {"value": figure.value, "n": figure.n}
    else:
        note = figure.value
    return f"{indicator.name} — {note}"


def _verbatim_label(verbatim: Verbatim) -> str:
    state = (
        _("names replaced")
        if is_pseudonymised(verbatim)
        else _("nothing replaced: confirm below before publishing")
    )
    attribution = f" — {verbatim.attribution}" if verbatim.attribution else ""
    return f"« {verbatim.text} »{attribution} ({state})"


def _document_label(version: DocumentVersion) -> str:
    return _("%(name)s (version %(number)s, %(file)s)") % {
        "name": version.document.name,
        "number": version.number,
        "file": version.original_name,
    }


class NewsPostForm(forms.ModelForm):
    class Meta:
        model = NewsPost
        fields = ["title", "summary", "body", "image", "is_published"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, experiment, **kwargs):
        super().__init__(*args, **kwargs)
        # A chosen photo no longer public stays listed, so that saving says what is wrong.
        allowed = Q(pk__in=public_photos(experiment).values("pk")) | Q(pk=self.instance.image_id)
        self.fields["image"].queryset = MediaItem.objects.filter(allowed, experiment=experiment)
        self.fields["image"].empty_label = _("No photo")
        self.fields["is_published"].label = _("Published on the public site")
