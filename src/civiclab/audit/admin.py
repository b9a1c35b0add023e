from django.contrib import admin

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import record

Action = AuditEvent.Action


def _experiment_of(obj):
    """The experiment an object belongs to, for the per-experiment journal."""
    if obj._meta.label_lower == "experiments.experiment":
        return obj
    return getattr(obj, "experiment", None)


def _form_changes(form) -> dict:
    return {name: [None, str(form.cleaned_data.get(name))] for name in form.changed_data}


class AuditedAdmin(admin.ModelAdmin):
    """Changes made in the admin reach the journal like those made in the application."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        action = Action.CHANGED if change else Action.CREATED
        record(request.user, action, obj, _experiment_of(obj), _form_changes(form))

    def delete_model(self, request, obj):
        experiment = _experiment_of(obj)
        # An experiment's own deletion is kept in the lab-wide trail, not in its vanishing journal.
        keep_in = None if experiment is obj else experiment
        record(request.user, Action.DELETED, obj, keep_in)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record(request.user, Action.CREATED, obj, _experiment_of(obj))
        for obj, fields in formset.changed_objects:
            changes = {name: [None, str(getattr(obj, name))] for name in fields}
            record(request.user, Action.CHANGED, obj, _experiment_of(obj), changes)
        for obj in formset.deleted_objects:
            record(request.user, Action.DELETED, obj, _experiment_of(obj))


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_type", "object_repr", "experiment"]
    list_filter = ["action", "object_type"]
    list_select_related = ["actor", "experiment"]
    search_fields = ["object_repr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
