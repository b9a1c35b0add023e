from django.contrib import admin

from civiclab.impact.models import LibraryIndicator


@admin.register(LibraryIndicator)
class LibraryIndicatorAdmin(admin.ModelAdmin):
    """The lab's library is kept by lab staff; experiments' frameworks have their own pages."""

    list_display = ["name", "category", "kind", "question_code"]
    list_filter = ["category", "kind"]
    search_fields = ["name", "code", "question_code"]
