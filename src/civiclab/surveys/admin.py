"""Questionnaires in Django's admin, for lab staff fixing data (changes made here are not
audited)."""

from django.contrib import admin

from civiclab.surveys.models import (
    Choice,
    ChoiceList,
    Question,
    Questionnaire,
    QuestionnaireVersion,
)


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "experiment", "form_id", "status"]
    list_filter = ["status", "experiment"]
    search_fields = ["title", "form_id"]


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(admin.ModelAdmin):
    list_display = ["questionnaire", "number", "created_at", "frozen"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "type", "version", "required", "is_personal_data"]
    list_filter = ["type", "is_personal_data"]
    search_fields = ["code", "label_fr"]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(ChoiceList)
class ChoiceListAdmin(admin.ModelAdmin):
    list_display = ["name", "version"]
    inlines = [ChoiceInline]
