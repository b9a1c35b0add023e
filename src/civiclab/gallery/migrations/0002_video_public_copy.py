import civiclab.gallery.models
from django.db import migrations, models


def copy_existing_videos(apps, schema_editor):
    """Videos uploaded before public copies existed get theirs now; without one they would
    silently leave the public pages."""
    from civiclab.gallery.video import public_copy_of

    MediaItem = apps.get_model("gallery", "MediaItem")
    for item in MediaItem.objects.filter(kind="video", public_video="").iterator():
        if not item.file:
            continue
        try:
            with public_copy_of(item.file, item.content_type) as copy:
                if copy is not None:
                    item.public_video.save("public", copy, save=False)
                    item.save(update_fields=["public_video"])
        except OSError:  # the original is missing from the disk: nothing to copy
            continue


class Migration(migrations.Migration):
    dependencies = [
        ("gallery", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="mediaitem",
            name="public_video",
            field=models.FileField(
                blank=True, max_length=200, upload_to=civiclab.gallery.models.media_storage_path
            ),
        ),
        migrations.RunPython(copy_existing_videos, migrations.RunPython.noop),
    ]
