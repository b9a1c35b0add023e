"""Background tasks of data collection, run by `manage.py db_worker`."""

from django_tasks import task

from civiclab.collection import imports


@task()
def run_answer_import(import_id: int) -> None:
    """Check and write the answers of one file (see imports.run_import)."""
    imports.run_import(import_id)
