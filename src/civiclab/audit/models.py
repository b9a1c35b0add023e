"""The audit trail: who created, changed or deleted what, and when."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        DELETED = "deleted", _("deleted")

    experiment = models.ForeignKey(
        "experiments.Experiment",
        # The trail outlives what it describes: a deleted experiment's events stay readable.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    # {"field": [old, new]} for changes, so a reader sees what moved without a diff tool.
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"

    def readable_changes(self) -> list[tuple[str, object, object]]:
        """(field label in the reader's language, old value, new value) for each change."""
        try:
            meta = apps.get_model(self.object_type)._meta
        except (LookupError, ValueError):
            meta = None
        rows = []
        for name, (old, new) in self.changes.items():
            try:
                # A reverse relation ("responses") has no verbose name: show the key itself.
                label = getattr(meta.get_field(name), "verbose_name", name) if meta else name
            except FieldDoesNotExist:
                label = name
            rows.append((label, old, new))
        return rows

    @property
    def object_type_label(self) -> str:
        """The object's kind in the reader's language (stored as an app label, not translated)."""
        try:
            return apps.get_model(self.object_type)._meta.verbose_name
        except (LookupError, ValueError):
            return self.object_type
