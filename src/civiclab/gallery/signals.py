"""Files follow their rows: when an item goes (alone or with its experiment), so do its files."""

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from civiclab.gallery.models import MediaItem


@receiver(post_delete, sender=MediaItem, dispatch_uid="gallery_files_follow_rows")
def remove_files_after_commit(sender, instance: MediaItem, **kwargs) -> None:
    # After the commit only: a rolled-back deletion must find its files still there.
    paths = instance.stored_files
    transaction.on_commit(lambda: [default_storage.delete(path) for path in paths])
