"""Experiments, their territories, teams and versioned protocols."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civiclab.accounts.models import Organisation, Person


class Territory(models.Model):
    class Level(models.TextChoices):
        COMMUNE = "commune", _("Commune")
        EPCI = "epci", _("Intercommunality (EPCI)")
        DEPARTMENT = "department", _("Department")
        REGION = "region", _("Region")
        COUNTRY = "country", _("Country")

    name = models.CharField(_("name"), max_length=200)
    insee_code = models.CharField(
        _("INSEE code"),
        max_length=9,
        blank=True,
        help_text=_("Official geographic code (commune, EPCI SIREN, department or region)."),
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        constraints = [
            models.UniqueConstraint(fields=["level", "name"], name="unique_territory_per_level")
        ]

    def __str__(self):
        return self.name


class Method(models.Model):
    """A democratic-innovation method of the lab's taxonomy (labels live in code, translated)."""

    class Code(models.TextChoices):
        NEIGHBOURHOOD_COUNCIL = "neighbourhood_council", _("Neighbourhood council")
        PARTICIPATORY_BUDGET = "participatory_budget", _("Participatory budget")
        CITIZENS_ASSEMBLY = "citizens_assembly", _("Citizens' assembly by sortition")
        ONLINE_CONSULTATION = "online_consultation", _("Online consultation")
        WORKSHOP = "workshop", _("Participatory workshop")
        PUBLIC_SPACE_OUTREACH = "public_space_outreach", _("Outreach in public space")
        DOOR_TO_DOOR = "door_to_door", _("Door to door")
        PUBLIC_MEETING = "public_meeting", _("Public meeting")
        CITIZEN_PANEL = "citizen_panel", _("Citizen panel")
        YOUTH_COUNCIL = "youth_council", _("Youth council")
        CO_DESIGN = "co_design", _("Co-design of a public service")
        CIVIC_TECH_PLATFORM = "civic_tech_platform", _("Civic-tech participation platform")
        PARTICIPATORY_EVALUATION = "participatory_evaluation", _("Participatory evaluation")

    code = models.CharField(_("code"), max_length=40, choices=Code.choices, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("method")
        verbose_name_plural = _("methods")

    def __str__(self):
        # Not get_code_display(): it rebuilds the translated choices on every call.
        return str(Method.Code(self.code).label)


class Experiment(models.Model):
    class Status(models.TextChoices):
        PROPOSAL = "proposal", _("Proposal")
        DESIGN = "design", _("Design")
        RUNNING = "running", _("Running")
        EVALUATION = "evaluation", _("Evaluation")
        CLOSED = "closed", _("Closed")
        ABANDONED = "abandoned", _("Abandoned")

    class Iap2Level(models.TextChoices):
        INFORM = "inform", _("Inform")
        CONSULT = "consult", _("Consult")
        INVOLVE = "involve", _("Involve")
        COLLABORATE = "collaborate", _("Collaborate")
        EMPOWER = "empower", _("Empower")

    class Recruitment(models.TextChoices):
        OPEN = "open", _("Open to all")
        TARGETED = "targeted", _("Targeted")
        RANDOM = "random", _("Random selection")
        STRATIFIED_RANDOM = "stratified_random", _("Stratified random selection")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="experiments",
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSAL
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    methods = models.ManyToManyField(
        Method, verbose_name=_("methods"), blank=True, related_name="experiments"
    )
    iap2_level = models.CharField(
        _("IAP2 participation level"), max_length=16, choices=Iap2Level.choices, blank=True
    )
    recruitment = models.CharField(
        _("recruitment of participants"), max_length=20, choices=Recruitment.choices, blank=True
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public experiments can appear on the lab's public site."),
    )
    budget_visible_to_partners = models.BooleanField(
        _("partners see the budget details"),
        default=False,
        help_text=_("Elected officials, agents and researchers of this experiment see its budget."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="experiment_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("experiments:detail", args=[self.slug])

    def team(self) -> models.QuerySet:
        """Memberships with people and organisations, coordinators first."""
        return self.memberships.select_related("person__organisation").order_by(
            BY_ROLE, "person__last_name"
        )


class Membership(models.Model):
    """A person's role on one experiment; the role decides what they may see and do."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        TEAM_MEMBER = "team_member", _("Team member")
        IMPACT_ANALYST = "impact_analyst", _("Impact analyst")
        RESEARCHER = "researcher", _("Researcher")
        PARTNER = "partner", _("Partner (elected official or agent)")
        INNOVATOR = "innovator", _("Democratic innovator")
        COMMUNICATOR = "communicator", _("Communication officer")
        OBSERVER = "observer", _("Observer")

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "person__last_name"]
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "person"], name="one_role_per_person_per_experiment"
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()} — {self.experiment}"


def in_order_of(field: str, values: list[str]) -> models.Case:
    """An ordering expression that sorts `field` in the order of `values` (e.g. a lifecycle)."""
    whens = [models.When(**{field: value}, then=models.Value(i)) for i, value in enumerate(values)]
    return models.Case(*whens, default=models.Value(len(values)))


# The registry entry as its edit form shows it (the status moves through its own buttons).
EXPERIMENT_EDITABLE_FIELDS = [
    "title",
    "summary",
    "territory",
    "partners",
    "start_date",
    "end_date",
    "methods",
    "iap2_level",
    "recruitment",
    "is_public",
    "budget_visible_to_partners",
]

BY_LIFECYCLE = in_order_of("status", Experiment.Status.values)
BY_ROLE = in_order_of("role", Membership.Role.values)
BY_TAXONOMY = in_order_of("code", Method.Code.values)


class ProtocolSection(models.TextChoices):
    """The text sections of a protocol, in reading order. Hypotheses are records, not text."""

    CONTEXT = "context", _("Context")
    PROBLEM = "problem", _("Problem and question")
    OBJECTIVES = "objectives", _("Objectives")
    METHOD = "method", _("Method")
    ACTORS = "actors", _("Actors and roles")
    EVALUATION_PLAN = "evaluation_plan", _("Evaluation plan")
    BUDGET_PLAN = "budget_plan", _("Budget plan")
    TIMELINE = "timeline", _("Timeline")
    RISKS = "risks", _("Risks")


HYPOTHESES_SECTION = "hypotheses"


class Hypothesis(models.Model):
    """A hypothesis of the protocol; indicators point to it, so it keeps its id across edits."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="hypotheses")
    text = models.TextField(_("hypothesis"))
    position = models.PositiveIntegerField(default=0)
    is_retired = models.BooleanField(_("retired"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("hypothesis")
        verbose_name_plural = _("hypotheses")

    def __str__(self):
        return f"H{self.position}. {self.text[:80]}"


class ProtocolVersion(models.Model):
    """One saved state of an experiment's protocol. Versions are never changed, only added."""

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="protocol_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    # {section code: text} for every ProtocolSection, and the hypotheses as
    # [{"id": pk, "text": ...}] in order, so any two versions can be compared.
    sections = models.JSONField(default=dict)
    hypotheses = models.JSONField(default=list)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    copil_validated_on = models.DateField(
        _("validated by the steering committee (COPIL) on"), null=True, blank=True
    )
    copil_validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("protocol version")
        verbose_name_plural = _("protocol versions")
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "number"], name="unique_protocol_version_number"
            )
        ]

    def __str__(self):
        return f"{self.experiment} — v{self.number}"

    def text_of(self, section: str) -> str:
        return self.sections.get(section, "")

    def hypotheses_text(self) -> str:
        return "\n".join(f"H{i}. {h['text']}" for i, h in enumerate(self.hypotheses, start=1))
