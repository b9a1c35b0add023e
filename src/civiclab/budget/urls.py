"""Addresses of the budget pages: under each experiment, and the lab's portfolio."""

from django.urls import path

from civiclab.budget import views

app_name = "budget"

BASE = "experiments/<slug:slug>/budget/"

urlpatterns = [
    path("budget/", views.portfolio, name="portfolio"),
    path("budget/export.xlsx", views.portfolio_export, name="portfolio_export"),
    path(BASE, views.overview, name="overview"),
    path(f"{BASE}export.xlsx", views.export, name="export"),
    path(f"{BASE}expenses/", views.expense_list, name="expenses"),
    path(f"{BASE}expenses/new/", views.item_edit, {"kind": "expense"}, name="expense_new"),
    path(f"{BASE}expenses/<int:pk>/", views.item_edit, {"kind": "expense"}, name="expense_edit"),
    path(
        f"{BASE}expenses/<int:pk>/delete/",
        views.item_delete,
        {"kind": "expense"},
        name="expense_delete",
    ),
    path(f"{BASE}expenses/<int:pk>/advance/", views.expense_advance, name="expense_advance"),
    path(f"{BASE}expenses/<int:pk>/invoice/", views.invoice, name="invoice"),
    path(f"{BASE}lines/new/", views.item_edit, {"kind": "line"}, name="line_new"),
    path(f"{BASE}lines/<int:pk>/", views.item_edit, {"kind": "line"}, name="line_edit"),
    path(f"{BASE}lines/<int:pk>/delete/", views.item_delete, {"kind": "line"}, name="line_delete"),
    path(f"{BASE}fundings/new/", views.item_edit, {"kind": "funding"}, name="funding_new"),
    path(f"{BASE}fundings/<int:pk>/", views.item_edit, {"kind": "funding"}, name="funding_edit"),
    path(
        f"{BASE}fundings/<int:pk>/delete/",
        views.item_delete,
        {"kind": "funding"},
        name="funding_delete",
    ),
]
