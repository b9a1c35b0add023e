"""Delete online answers in progress that nobody came back to: they may hold personal data."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from civiclab.collection.models import Draft


class Command(BaseCommand):
    help = "Delete online drafts not touched for DAYS days (90 by default), submitted or not."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, days: int, **options):
        if days < 1:
            self.stderr.write("--days must be at least 1.")
            return
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _detail = Draft.objects.filter(updated_at__lt=cutoff).delete()
        self.stdout.write(f"{deleted} drafts deleted (untouched since {cutoff:%d/%m/%Y}).")
