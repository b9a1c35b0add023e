"""Read-mostly admin of publications and news posts (the team works in the Publication tab)."""

from django.contrib import admin

from civiclab.public.models import NewsPost, Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["experiment", "is_published", "published_at", "updated_at"]
    list_filter = ["is_published"]
    readonly_fields = ["published_at", "updated_at", "updated_by"]
    raw_id_fields = ["experiment", "cover", "report"]
    filter_horizontal = ["themes", "indicators", "documents"]


@admin.register(NewsPost)
class NewsPostAdmin(admin.ModelAdmin):
    list_display = ["title", "experiment", "is_published", "published_at"]
    list_filter = ["is_published"]
    readonly_fields = ["slug", "published_at", "author", "created_at", "updated_at"]
    raw_id_fields = ["experiment", "image"]
