from django.urls import path

from civiclab.planning import views

app_name = "planning"

urlpatterns = [
    path("experiments/<slug:slug>/planning/", views.experiment_planning, name="experiment"),
    path("experiments/<slug:slug>/planning/<str:kind>/new/", views.item_edit, name="item_new"),
    path(
        "experiments/<slug:slug>/planning/<str:kind>/<int:pk>/",
        views.item_edit,
        name="item_edit",
    ),
    path(
        "experiments/<slug:slug>/planning/<str:kind>/<int:pk>/delete/",
        views.item_delete,
        name="item_delete",
    ),
    path(
        "experiments/<slug:slug>/planning/task/<int:pk>/status/",
        views.task_status,
        name="task_status",
    ),
    path("tasks/mine/", views.my_tasks, name="my_tasks"),
    path("tasks/overdue/", views.overdue, name="overdue"),
    path("planning/timeline/", views.portfolio_timeline, name="portfolio_timeline"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>/mine.ics", views.feed_person, name="feed_person"),
    path(
        "calendar/<str:token>/experiments/<slug:slug>.ics",
        views.feed_experiment,
        name="feed_experiment",
    ),
]
