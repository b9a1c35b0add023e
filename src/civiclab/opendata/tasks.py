"""Background work of open data, run by `manage.py db_worker`."""

from django_tasks import task

from civiclab.opendata import services


@task()
def run_export(job_id: int) -> None:
    """Write one export file (see services.run_export)."""
    services.run_export(job_id)


@task()
def compute_aggregates(experiment_id: int) -> None:
    """Compute and cache an experiment's aggregate results (see services.refresh_aggregates)."""
    services.refresh_aggregates(experiment_id)
