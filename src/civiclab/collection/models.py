"""Campaigns (waves) of a questionnaire, the respondents and the answers they gave."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    # 128 bits of randomness: a public link or an invitation cannot be guessed.
    return secrets.token_urlsafe(16)


def new_pseudonym() -> str:
    # No look-alike characters, so a pseudonym can be read out loud or copied from paper.
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "R-" + "".join(secrets.choice(alphabet) for _ in range(8))


class Campaign(models.Model):
    """One wave of collection of a questionnaire (before, during, after...)."""

    class Wave(models.TextChoices):
        BEFORE = "before", _("Before")
        DURING = "during", _("During")
        AFTER = "after", _("After")
        OTHER = "other", _("Other")

    class Access(models.TextChoices):
        PUBLIC = "public", _("Public link: anyone with the link may answer")
        INVITATION = "invitation", _("One-time links only (panel)")

    questionnaire = models.ForeignKey(
        "surveys.Questionnaire",
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="campaigns",
    )
    label = models.CharField(_("label"), max_length=120)
    wave = models.CharField(_("wave"), max_length=10, choices=Wave.choices, default=Wave.BEFORE)
    online = models.BooleanField(_("online"), default=True)
    face_to_face = models.BooleanField(_("face to face (tablet)"), default=False)
    paper = models.BooleanField(_("paper"), default=False)
    access = models.CharField(
        _("online access"), max_length=12, choices=Access.choices, default=Access.PUBLIC
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    target_size = models.PositiveIntegerField(_("target number of answers"), null=True, blank=True)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    # What respondents read before answering (GDPR art. 13): who, why, how long, their rights.
    consent_purpose = models.TextField(_("purpose of the survey"), blank=True)
    consent_controller = models.CharField(_("data controller"), max_length=200, blank=True)
    consent_retention = models.CharField(_("retention period"), max_length=200, blank=True)
    consent_contact = models.CharField(_("contact for data requests"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["questionnaire", "opens_at", "pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return f"{self.questionnaire} — {self.label}"

    def state(self, now=None) -> str:
        """ "not_open", "open" or "closed": answers are accepted only when open."""
        now = now or timezone.now()
        if self.questionnaire.status == "closed" or (self.closes_at and now >= self.closes_at):
            return "closed"
        if self.questionnaire.status != "open" or (self.opens_at and now < self.opens_at):
            return "not_open"
        return "open"


class Quota(models.Model):
    """A target number of answers for one combination of choices, e.g. women aged 15–24."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="quotas"
    )
    # {"sexe": "f", "age": "15_24"}: question code -> choice value.
    cell = models.JSONField(_("combination"))
    target = models.PositiveIntegerField(_("target"))

    class Meta:
        ordering = ["campaign", "pk"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")

    def __str__(self):
        return ", ".join(f"{k}={v}" for k, v in self.cell.items())


class Respondent(models.Model):
    """A person who answered, known only by a pseudonym; links their answers across waves."""

    # No index of its own: the experiment heads the unique (experiment, pseudonym) one.
    experiment = models.ForeignKey(
        "experiments.Experiment",
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        related_name="respondents",
        db_index=False,
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=20, default=new_pseudonym)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        ordering = ["experiment", "pseudonym"]
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "pseudonym"], name="unique_respondent_pseudonym"
            )
        ]

    def __str__(self):
        return self.pseudonym


class Invitation(models.Model):
    """A one-time link sent to a panel member: it opens the form once, as that respondent."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="invitations"
    )
    respondent = models.ForeignKey(
        Respondent, verbose_name=_("respondent"), on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "respondent"], name="one_invitation_per_wave"
            )
        ]

    def __str__(self):
        return f"{self.campaign} — {self.respondent}"


class Response(models.Model):
    """One completed questionnaire. The client-made UUID is unique, so a resend is no duplicate."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        FACE_TO_FACE = "face_to_face", _("Face to face")
        PAPER = "paper", _("Paper")
        IMPORT = "import", _("Import")

    uuid = models.UUIDField(_("identifier"), unique=True, default=uuid.uuid4, editable=False)
    # Indexes cost every insert: the campaign is the head of the (campaign, submitted_at)
    # index, and people (surveyor, typist) are never searched from their responses.
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="responses",
        db_index=False,
    )
    version = models.ForeignKey(
        "surveys.QuestionnaireVersion",
        verbose_name=_("questionnaire version"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    # Indexed only where set (see Meta): most responses are anonymous.
    respondent = models.ForeignKey(
        Respondent,
        verbose_name=_("respondent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
        db_index=False,
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    # Question code -> value (see collection/validation.py); never personal data.
    answers = models.JSONField(_("answers"), default=dict)
    # SHA-256 of the canonical payload: tells an identical resend from a conflicting one.
    fingerprint = models.CharField(max_length=64, editable=False)
    surveyor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("surveyor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    # Who typed a paper form in, or ran the import, when it is not the respondent.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    # The number written on a paper form, so the same sheet is never typed in twice.
    paper_reference = models.CharField(_("paper form number"), max_length=40, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    # Indexed only where set (see Meta): an answer given online comes from no import.
    import_batch = models.ForeignKey(
        "collection.AnswerImport",
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
        db_index=False,
    )

    class Meta:
        ordering = ["campaign_id", "submitted_at", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [
            models.Index(fields=["campaign", "submitted_at"]),
            models.Index(
                fields=["respondent"],
                condition=models.Q(respondent__isnull=False),
                name="response_respondent_set",
            ),
            models.Index(
                fields=["import_batch"],
                condition=models.Q(import_batch__isnull=False),
                name="response_import_batch_set",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "paper_reference"],
                condition=~models.Q(paper_reference=""),
                name="unique_paper_reference_per_campaign",
            )
        ]

    def __str__(self):
        return str(self.uuid)


class PersonalData(models.Model):
    """Answers to questions flagged as personal data, kept apart so they can be erased."""

    response = models.OneToOneField(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="personal"
    )
    respondent = models.ForeignKey(
        Respondent,
        verbose_name=_("respondent"),
        on_delete=models.CASCADE,
        related_name="personal_data",
    )
    data = models.JSONField(_("personal data"), default=dict)

    class Meta:
        verbose_name = _("personal data")
        verbose_name_plural = _("personal data")

    def __str__(self):
        return str(self.respondent)


class Draft(models.Model):
    """Answers being given online, kept so the respondent can stop and come back."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="drafts"
    )
    version = models.ForeignKey(
        "surveys.QuestionnaireVersion", on_delete=models.CASCADE, related_name="+"
    )
    # Indexed only where set (see Meta): most drafts come from the public link.
    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    # The UUID the response will be stored under: submitting twice stores it once.
    response_uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    answers = models.JSONField(default=dict)
    page = models.PositiveIntegerField(default=0)
    consent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the answers became a Response; the draft's answers are then emptied.
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("answers in progress")
        verbose_name_plural = _("answers in progress")
        indexes = [
            models.Index(
                fields=["invitation"],
                condition=models.Q(invitation__isnull=False),
                name="draft_invitation_set",
            )
        ]

    def __str__(self):
        return self.token


class PaperCheck(models.Model):
    """A second typing of a paper form, compared with the first to catch typing mistakes."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="checks"
    )
    answers = models.JSONField(_("answers typed the second time"), default=dict)
    # Question codes whose two typings differ.
    differences = models.JSONField(_("differences"), default=list)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("typed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["response", "created_at"]
        verbose_name = _("double-entry check")
        verbose_name_plural = _("double-entry checks")

    def __str__(self):
        return str(self.response)


class AnswerImport(models.Model):
    """A file of answers exported by another tool, imported into one campaign."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Refused")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="imports"
    )
    file = models.FileField(_("file"), upload_to="answer-imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows read"), default=0)
    report = models.JSONField(_("report"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("answer import")
        verbose_name_plural = _("answer imports")

    def __str__(self):
        return self.original_name
