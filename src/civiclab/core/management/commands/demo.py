"""`manage.py demo`: build (or complete) the demo lab and print how to log in."""

from django.core.management.base import BaseCommand

from civiclab.demo.build import build_demo_lab
from civiclab.demo.people import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Builds the demo lab (idempotent) and prints the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000", help="Address to print for the site."
        )

    def handle(self, *args, quiet=False, url="", **options):
        counts = build_demo_lab()
        if quiet:
            return
        self.stdout.write(
            self.style.SUCCESS(f"Demo lab ready: {counts['experiments']} experiments.")
        )
        self.stdout.write("")
        self.stdout.write(f"  URL: {url}")
        self.stdout.write(f"  Password for every demo login: {DEMO_PASSWORD}")
        for username, role in DEMO_LOGINS:
            self.stdout.write(f"    {username:<15} {role}")
        self.stdout.write("")
