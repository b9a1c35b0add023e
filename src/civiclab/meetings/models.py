"""Meetings (COPIL, COTECH, lab steering committee...): agenda, attendance, minutes, outcomes."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civiclab.accounts.models import Organisation, Person
from civiclab.experiments.models import Experiment


class Meeting(models.Model):
    class Kind(models.TextChoices):
        COPIL = "copil", _("Steering committee (COPIL)")
        COTECH = "cotech", _("Technical committee (COTECH)")
        LAB_COMMITTEE = "lab_committee", _("Lab steering committee")
        WORKSHOP = "workshop", _("Workshop")
        OTHER = "other", _("Other meeting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CLOSED = "closed", _("Closed")

    experiment = models.ForeignKey(
        Experiment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("Empty for the lab's own meetings, across all experiments."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveIntegerField(_("length (minutes)"), default=120)
    location = models.CharField(_("place"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class AgendaSection(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("section"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agenda section")
        verbose_name_plural = _("agenda sections")

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    section = models.ForeignKey(AgendaSection, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("item"), max_length=200)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=10)
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("presenter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveIntegerField(default=0)
    minutes = models.TextField(_("minutes"), blank=True)
    documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("documents"), blank=True, related_name="agenda_items"
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class Attendance(models.Model):
    """Someone invited: a person, or an organisation to send someone."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, null=True, blank=True
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("attendance"), max_length=10, choices=Status.choices, default=Status.INVITED
    )

    class Meta:
        ordering = ["person__last_name", "organisation__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organisation__isnull=False),
                name="attendance_names_someone",
            ),
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person"),
        ]

    def __str__(self):
        return str(self.person or self.organisation)


class Outcome(models.Model):
    """What came out of an agenda item: an information, a decision or an action to carry out."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        DECISION = "decision", _("Decision")
        ACTION = "action", _("Action")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("text"))
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_actions",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self):
        return self.text[:80]

    @property
    def is_open_action(self) -> bool:
        return self.kind == self.Kind.ACTION and self.status == self.Status.OPEN
