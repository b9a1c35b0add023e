from django.contrib import admin

from civiclab.audit.admin import AuditedAdmin
from civiclab.experiments.models import (
    Experiment,
    Hypothesis,
    Membership,
    Method,
    ProtocolVersion,
    Territory,
)


@admin.register(Territory)
class TerritoryAdmin(AuditedAdmin):
    list_display = ["name", "level", "insee_code"]
    list_filter = ["level"]
    search_fields = ["name", "insee_code"]


@admin.register(Method)
class MethodAdmin(AuditedAdmin):
    list_display = ["__str__", "code"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["person"]


@admin.register(Experiment)
class ExperimentAdmin(AuditedAdmin):
    list_display = ["title", "status", "territory", "start_date", "end_date", "is_public"]
    list_filter = ["status", "iap2_level", "is_public", "methods"]
    list_select_related = ["territory"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["partners", "methods"]
    inlines = [MembershipInline]


@admin.register(Hypothesis)
class HypothesisAdmin(AuditedAdmin):
    """Read-only: hypotheses change through the protocol page, so that each edit is versioned."""

    list_display = ["__str__", "experiment", "is_retired"]
    list_filter = ["is_retired"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProtocolVersion)
class ProtocolVersionAdmin(AuditedAdmin):
    """Versions are history: readable here, never edited (deleted only with their experiment,
    or by a superuser)."""

    list_display = ["experiment", "number", "author", "created_at", "copil_validated_on"]
    list_select_related = ["experiment", "author"]

    def has_change_permission(self, request, obj=None):
        return False
