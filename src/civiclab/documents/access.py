"""Which document tree a request may use: an experiment's (via the access helper) or the lab's."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from civiclab.documents.models import Document, Folder, space_url
from civiclab.documents.tree import FolderTree
from civiclab.experiments.access import ExperimentAccess, experiment_for
from civiclab.experiments.models import Experiment
from civiclab.experiments.permissions import Capability


@dataclass(frozen=True)
class Space:
    """A document tree: an experiment's, or the lab's own when `experiment` is None."""

    experiment: Experiment | None
    access: ExperimentAccess | None
    can_edit: bool

    def url(self, name: str, *args) -> str:
        return space_url(name, self.experiment, *args)

    @property
    def index_url(self) -> str:
        return self.url("index")

    def folders(self) -> QuerySet[Folder]:
        return Folder.objects.filter(experiment=self.experiment)

    def tree(self) -> FolderTree:
        """All the folders of this tree, in one query, knowing their experiment (for URLs)."""
        folders = list(self.folders())
        for folder in folders:
            folder.experiment = self.experiment
        return FolderTree(folders)

    def documents(self) -> QuerySet[Document]:
        return Document.live.filter(experiment=self.experiment)

    def folder(self, folder_id: int | None) -> Folder | None:
        return None if folder_id is None else get_object_or_404(self.folders(), pk=folder_id)

    def document(self, document_id: int) -> Document:
        documents = self.documents().select_related("experiment", "folder", "current_version")
        return get_object_or_404(documents, pk=document_id)


def space_for(user, slug: str | None, capability: str = Capability.VIEW_DOCUMENTS) -> Space:
    """The tree of experiment `slug` (or the lab's when None) if `user` may use it so.

    Experiments go through `experiment_for` (404 for strangers, 403 for a role without the
    capability). The lab's own tree is for lab staff only; others get a 404, as for an
    experiment they are not part of.
    """
    if slug is None:
        if not (user.is_authenticated and user.is_lab_staff):
            raise Http404
        return Space(None, None, can_edit=True)
    access = experiment_for(user, slug, capability)
    return Space(access.experiment, access, can_edit=access.can(Capability.EDIT_DOCUMENTS))
