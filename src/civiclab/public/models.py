"""What an experiment shows on the lab's public site (its publication) and its news posts."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civiclab.documents.models import DocumentVersion
from civiclab.experiments.models import Experiment, ProtocolSection
from civiclab.gallery.models import MediaItem
from civiclab.impact.models import Indicator
from civiclab.qualitative.models import Verbatim
from civiclab.reports.models import Report


class Theme(models.Model):
    """A public-policy theme of the public catalogue (labels live in code, translated).

    Rows are created on demand (`Theme.ensure`), not by a data migration: a database emptied
    by a test's flush then still gets them."""

    class Code(models.TextChoices):
        LOCAL_DEMOCRACY = "local_democracy", _("Local democracy")
        LIVING_ENVIRONMENT = "living_environment", _("Living environment")
        PUBLIC_SPACE = "public_space", _("Public space and urban planning")
        ECOLOGICAL_TRANSITION = "ecological_transition", _("Ecological transition")
        MOBILITY = "mobility", _("Mobility")
        YOUTH = "youth", _("Youth")
        SOLIDARITY = "solidarity", _("Solidarity and social cohesion")
        PUBLIC_SERVICES = "public_services", _("Public services")
        CULTURE = "culture", _("Culture and heritage")
        HEALTH = "health", _("Health")

    code = models.CharField(_("code"), max_length=40, choices=Code.choices, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return str(Theme.Code(self.code).label)

    @classmethod
    def ensure(cls, codes) -> list["Theme"]:
        """The rows of `codes`, created when missing."""
        return [cls.objects.get_or_create(code=code)[0] for code in codes]


# Left out of the replication kit unless the coordinator chooses them: amounts, names of
# funders and frank notes on risks are rarely meant for other territories as written.
PRIVATE_BY_DEFAULT = (ProtocolSection.BUDGET_PLAN, ProtocolSection.RISKS)


def default_kit_sections() -> list[str]:
    return [code for code in ProtocolSection.values if code not in PRIVATE_BY_DEFAULT]


class Publication(models.Model):
    """What the team chose to show of an experiment on the public site.

    Nothing is public until `is_published` is set, and only while the experiment itself is
    marked public (`Experiment.is_public`): either switch alone takes every page down."""

    experiment = models.OneToOneField(
        Experiment,
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        related_name="publication",
    )
    is_published = models.BooleanField(
        _("published on the public site"),
        default=False,
        help_text=_("The experiment must also be marked public in its registry entry."),
    )
    summary = models.TextField(
        _("public summary"),
        blank=True,
        help_text=_(
            "What residents and other territories read first: the question, what was tried, "
            "where, with whom. Plain text; leave an empty line between paragraphs."
        ),
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    cover = models.ForeignKey(
        MediaItem,
        verbose_name=_("cover photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Shown in the catalogue and in link previews. Only public photos."),
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("published indicators"), blank=True, related_name="+"
    )
    verbatims = models.ManyToManyField(
        Verbatim,
        verbose_name=_("published verbatims"),
        through="PublishedVerbatim",
        blank=True,
        related_name="+",
    )
    report = models.ForeignKey(
        Report,
        verbose_name=_("public report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"public": True},
    )
    # Versions, not documents: a new version uploaded later is not published without review.
    documents = models.ManyToManyField(
        DocumentVersion, verbose_name=_("published documents"), blank=True, related_name="+"
    )
    kit_sections = models.JSONField(
        _("protocol sections in the replication kit"), default=default_kit_sections, blank=True
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return str(self.experiment)

    def get_absolute_url(self):
        return reverse("public:experiment", args=[self.experiment.slug])

    @property
    def is_online(self) -> bool:
        return self.is_published and self.experiment.is_public


class PublishedVerbatim(models.Model):
    """A verbatim chosen for the public page. One without replacements is published only if
    someone confirmed that its text, as it stands, identifies nobody."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="+")
    verbatim = models.ForeignKey(Verbatim, on_delete=models.CASCADE, related_name="+")
    # The text as it was when someone confirmed it needs no pseudonymisation: a later edit of
    # the quote voids the confirmation.
    confirmed_text = models.TextField(blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "verbatim"], name="verbatim_published_once"
            )
        ]

    def __str__(self):
        return str(self.verbatim)


def is_pseudonymised(verbatim: Verbatim, confirmed_text: str = "") -> bool:
    """May be shown to the public: names were replaced in it, or a person confirmed that the
    quote, exactly as it reads now, needs no replacement."""
    replaced = bool(verbatim.replacements) and verbatim.text != verbatim.original
    return replaced or (bool(confirmed_text) and confirmed_text == verbatim.text)


class NewsPost(models.Model):
    """News of an experiment for the public site and its Atom feed."""

    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        related_name="news_posts",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown in lists, the feed and link previews."),
    )
    body = models.TextField(
        _("text"), help_text=_("Plain text; leave an empty line between paragraphs.")
    )
    image = models.ForeignKey(
        MediaItem,
        verbose_name=_("photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Only photos that may be public can be chosen."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        # Drafts (not yet published) first, on every database.
        ordering = [models.F("published_at").desc(nulls_first=True), "-created_at", "-pk"]
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        constraints = [
            models.UniqueConstraint(fields=["experiment", "slug"], name="news_slug_per_experiment")
        ]
        indexes = [models.Index(fields=["is_published", "-published_at"], name="news_published")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:news", args=[self.experiment.slug, self.slug])
