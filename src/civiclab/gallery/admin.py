"""The gallery in the admin: readable, for support; changes go through the application."""

from django.contrib import admin

from civiclab.audit.admin import AuditedAdmin
from civiclab.gallery.models import MediaItem


@admin.register(MediaItem)
class MediaItemAdmin(AuditedAdmin):
    # Files, renditions and consent change only through the services, which check content,
    # keep the disk and the database in step and write the journal.
    list_display = ["caption", "experiment", "kind", "consent", "taken_on", "uploaded_at"]
    list_filter = ["kind", "consent"]
    list_select_related = ["experiment"]
    search_fields = ["caption", "credit", "original_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
