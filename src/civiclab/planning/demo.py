"""The demo lab's planning: a year of phases, milestones and tasks per running experiment."""

from datetime import date, timedelta

from django.utils import timezone

from civiclab.experiments.models import Experiment
from civiclab.planning.models import Milestone, Phase, Task

# (phase, start offset in days from the experiment's start, length in days,
#  milestones as (name, offset from phase start),
#  tasks as (title, owner's last name or None, start offset, length, depends on previous))
PLANS = {
    "conseils-de-quartier-lille": [
        (
            "Tirage au sort et installation",
            0,
            80,
            [("Conseils installés", 78)],
            [
                ("Tirage au sort sur les listes électorales", "Benali", 0, 14, False),
                ("Courriers et relances en porte-à-porte", "Mercier", 14, 30, True),
                ("Séance d'accueil commune anciens / nouveaux membres", "Lefebvre", 50, 20, True),
                ("Questionnaire « avant » aux membres", "Dubois", 10, 40, False),
            ],
        ),
        (
            "Séances pilotes",
            80,
            400,
            [("Mi-parcours : COPIL", 200), ("Dernière séance pilote", 395)],
            [
                ("Animer les séances de Fives et Moulins", "Benali", 0, 390, False),
                ("Grille d'observation de la qualité délibérative", "Moreau", 10, 30, False),
                ("Observation de 16 séances", "Moreau", 40, 340, True),
                ("Suivi du budget d'initiative", "Lefebvre", 30, 360, False),
                ("Entretiens avec 6 agents", "Dubois", 220, 60, False),
            ],
        ),
        (
            "Évaluation et restitution",
            480,
            120,
            [("Rapport final", 110)],
            [
                ("Questionnaire « après » aux membres", "Dubois", 0, 30, False),
                ("Analyse et rédaction du rapport", "Dubois", 30, 70, True),
            ],
        ),
    ],
    "engagement-citoyen-hauts-de-france": [
        (
            "Préparation avec les centres sociaux",
            0,
            150,
            [("Habitants-relais formés", 140)],
            [
                ("Choisir les 8 territoires", "Lambert", 0, 30, False),
                ("Recruter les habitants-relais", "Diallo", 30, 60, True),
                ("Former les habitants-relais", "Diallo", 95, 40, True),
                ("Paramétrer la collecte hors ligne", "Roux", 60, 60, False),
            ],
        ),
        (
            "Vague 1 (printemps)",
            180,
            75,
            [("Fin de la vague 1", 75)],
            [
                ("Stands sur les marchés", "Diallo", 0, 70, False),
                ("Campagne SMS via les centres sociaux", "Petit", 10, 30, False),
                ("Bilan de la vague 1", "Dubois", 72, 30, True),
            ],
        ),
        (
            "Vague 2 (automne)",
            360,
            75,
            [("Fin de la vague 2", 75)],
            [
                ("Porte-à-porte dans les QPV", "Diallo", 0, 70, False),
                ("Comparer les profils par canal", "Dubois", 60, 40, False),
            ],
        ),
    ],
    "participation-espace-public-oignies": [
        (
            "Maison mobile sur la place",
            0,
            180,
            [("Installation de la maison mobile", 5), ("Synthèse des contributions", 175)],
            [
                ("Planning des permanences", "Lefebvre", 0, 10, False),
                ("Marches exploratoires avec les femmes", "Dupuis", 40, 30, False),
                ("Marches exploratoires avec les jeunes", "Dupuis", 75, 30, True),
                ("Matrice de traçabilité des contributions", "Lefebvre", 20, 150, False),
            ],
        ),
        (
            "Co-conception",
            180,
            110,
            [("Projet d'aménagement présenté en conseil municipal", 105)],
            [
                ("Trois ateliers avec les services techniques", "Vasseur", 0, 80, False),
                ("Restitution publique sur la place", "Petit", 90, 15, True),
            ],
        ),
    ],
}


def build_demo_planning(experiment: Experiment) -> None:
    """Add the demo planning of `experiment` unless it already has one."""
    if experiment.slug not in PLANS or experiment.phases.exists():
        return
    today = timezone.localdate()
    team = {m.person.last_name: m.person for m in experiment.memberships.select_related("person")}
    for name, offset, length, milestones, tasks in PLANS[experiment.slug]:
        start = experiment.start_date + timedelta(days=offset)
        phase = Phase.objects.create(
            experiment=experiment,
            name=name,
            start_date=start,
            end_date=start + timedelta(days=length),
        )
        for milestone_name, day in milestones:
            due = start + timedelta(days=day)
            Milestone.objects.create(
                experiment=experiment,
                phase=phase,
                name=milestone_name,
                due_date=due,
                reached_on=due if due < today - timedelta(days=10) else None,
            )
        previous = None
        for title, owner, task_offset, task_length, after_previous in tasks:
            task_start = start + timedelta(days=task_offset)
            due = task_start + timedelta(days=task_length)
            previous = Task.objects.create(
                experiment=experiment,
                phase=phase,
                title=title,
                owner=team.get(owner),
                start_date=task_start,
                due_date=due,
                depends_on=previous if after_previous else None,
                **_state(task_start, due, today, title),
            )


def _state(start: date, due: date, today: date, title: str) -> dict:
    """Past tasks are done, except a few left overdue so the demo shows what late looks like."""
    if due >= today:
        return {"status": Task.Status.IN_PROGRESS if start <= today else Task.Status.TODO}
    if len(title) % 4 == 0:  # a stable, arbitrary few
        return {"status": Task.Status.IN_PROGRESS}
    return {"status": Task.Status.DONE, "completed_on": due}
