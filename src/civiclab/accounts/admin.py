from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from civiclab.accounts.models import Organisation, Person, User
from civiclab.audit.admin import AuditedAdmin

admin.site.register(User, UserAdmin)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "kind", "city"]
    list_filter = ["kind"]
    search_fields = ["name", "city"]


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["last_name", "first_name", "organisation", "job_title", "user"]
    list_select_related = ["organisation", "user"]
    search_fields = ["last_name", "first_name", "email"]
    autocomplete_fields = ["organisation"]
