"""Shared documents in the admin: readable, for support; changes go through the application."""

from django.contrib import admin

from civiclab.audit.admin import AuditedAdmin
from civiclab.documents.models import Document, DocumentVersion, Folder, Tag


class ReadOnlyAdmin(AuditedAdmin):
    # Files and versions change only through the services, which check content and keep the
    # disk and the database in step.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Folder)
class FolderAdmin(ReadOnlyAdmin):
    list_display = ["name", "parent", "experiment", "created_at"]
    list_select_related = ["parent", "experiment"]
    search_fields = ["name"]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["name", "folder", "experiment", "created_by", "created_at", "deleted_at"]
    list_filter = ["deleted_at"]
    list_select_related = ["folder", "experiment", "created_by"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin):
    list_display = ["document", "number", "original_name", "size", "content_type", "uploaded_at"]
    list_select_related = ["document"]
    search_fields = ["original_name", "sha256"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Tag)
class TagAdmin(AuditedAdmin):
    search_fields = ["name"]
