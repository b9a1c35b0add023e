"""URLs of the shared documents: each page exists for an experiment's tree and the lab's."""

from django.urls import path

from civiclab.documents import views

app_name = "documents"


def in_both_trees(route: str, view, name: str) -> list:
    """`route` under an experiment (name) and under the lab's own tree (lab_name)."""
    return [
        path(f"experiments/<slug:slug>/documents/{route}", view, name=name),
        path(f"lab/documents/{route}", view, name=f"lab_{name}"),
    ]


urlpatterns = [
    *in_both_trees("", views.index, "index"),
    *in_both_trees("folders/<int:folder_id>/", views.index, "folder"),
    *in_both_trees("folders/new/", views.folder_create, "folder_create"),
    *in_both_trees("folders/<int:folder_id>/edit/", views.folder_edit, "folder_edit"),
    *in_both_trees("upload/", views.upload, "upload"),
    *in_both_trees("<int:document_id>/", views.detail, "detail"),
    *in_both_trees("<int:document_id>/edit/", views.edit, "edit"),
    *in_both_trees("<int:document_id>/delete/", views.delete, "delete"),
    *in_both_trees("<int:document_id>/versions/new/", views.version_upload, "version_upload"),
    *in_both_trees("<int:document_id>/download/", views.download, "download"),
    *in_both_trees("<int:document_id>/v<int:number>/download/", views.download, "version_download"),
    # The stable address other pages (meeting agendas...) link to.
    path("documents/<int:document_id>/", views.permalink, name="permalink"),
]
