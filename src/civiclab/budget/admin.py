"""The budget in Django's admin, for lab staff fixing data (changes made here are not audited)."""

from django.contrib import admin

from civiclab.budget.models import BudgetLine, Expense, Funding


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["label", "experiment", "category", "funder", "planned"]
    list_filter = ["category", "experiment"]
    search_fields = ["label"]


@admin.register(Funding)
class FundingAdmin(admin.ModelAdmin):
    list_display = ["funder", "experiment", "requested", "granted", "received"]
    list_filter = ["experiment"]


@admin.register(Expense)
class ExpenseAdmin(admin.ModelAdmin):
    list_display = ["supplier", "experiment", "date", "amount", "status"]
    list_filter = ["status", "experiment"]
    search_fields = ["supplier", "note"]
    date_hierarchy = "date"
