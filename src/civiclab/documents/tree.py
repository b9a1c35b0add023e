"""A document tree's folders, loaded in one query and walked in memory."""

from django.utils.translation import gettext_lazy as _

from civiclab.documents.models import Folder

TOP = _("Top of the tree")


class FolderTree:
    def __init__(self, folders):
        self.folders = list(folders)
        self.by_id = {f.pk: f for f in self.folders}
        self.children: dict[int | None, list[Folder]] = {}
        for folder in sorted(self.folders, key=lambda f: f.name.lower()):
            self.children.setdefault(folder.parent_id, []).append(folder)

    def path(self, folder: Folder | None) -> list[Folder]:
        """The folder and its parents, from the top down."""
        chain: list[Folder] = []
        while folder is not None and len(chain) < len(self.folders) + 1:
            chain.insert(0, folder)
            folder = self.by_id.get(folder.parent_id)
        return chain

    def label(self, folder: Folder | None) -> str:
        return " / ".join(f.name for f in self.path(folder)) or str(TOP)

    def rows(self) -> list[tuple[Folder, int]]:
        """Every folder with its depth, parents before children (for an indented list)."""
        rows: list[tuple[Folder, int]] = []

        def walk(parent_id, depth):
            for folder in self.children.get(parent_id, []):
                rows.append((folder, depth))
                walk(folder.pk, depth + 1)

        walk(None, 0)
        return rows

    def descendants(self, folder: Folder) -> set[int]:
        found, todo = set(), [folder.pk]
        while todo:
            for child in self.children.get(todo.pop(), []):
                found.add(child.pk)
                todo.append(child.pk)
        return found

    def choices(self) -> list[tuple[str, str]]:
        return [("", str(TOP))] + [(str(f.pk), self.label(f)) for f, _depth in self.rows()]
