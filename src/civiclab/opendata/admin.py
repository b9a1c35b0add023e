from django.contrib import admin

from civiclab.opendata.models import ExportJob, OpenDataSettings


@admin.register(OpenDataSettings)
class OpenDataSettingsAdmin(admin.ModelAdmin):
    list_display = ["experiment", "publish_aggregates", "publish_answers", "min_cell"]


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["questionnaire", "kind", "format", "status", "progress", "created_at"]
    list_filter = ["kind", "format", "status"]
    readonly_fields = ["file", "codebook", "stamp", "publication_key"]
