"""Accepted online submissions per second, served by gunicorn as in production, on SQLite.

Run from the repository root:  .venv/bin/python bench/submit_throughput.py  (or `make bench`).

What it does, on a throwaway SQLite database (WAL) in a temporary directory:
  1. migrates, collects the static files (DEBUG is off: WhiteNoise's manifest storage), and
     imports a 25-question XLSForm (four pages, show-if on a page and on questions, numeric,
     count and regex constraints, a calculation, a personal-data question);
  2. opens a public online campaign and writes DRAFTS answers in progress straight to the
     database, each already on its last page with valid answers (the consent and the earlier
     pages are not what is measured);
  3. starts `gunicorn civiclab.wsgi --workers <cores>` (docs/deployment.md: one worker per
     core on SQLite) with DEBUG off, and
     hammers it from a separate process: CLIENTS threads, one new connection per request
     (gunicorn's sync workers close it anyway). Before the timed window each thread GETs one
     draft's last page, keeping its CSRF cookie and token as a browser would, and sends
     WARMUP submissions. During DURATION seconds the threads send the final POST
     `action=submit` of `collection:answer_page`, one per draft: the server re-checks every
     answer and stores the Response under the draft's UUID;
  4. stops it and starts the same command on the bare site (bench/_bare_site.py: the same
     settings and middleware, URLconf bench/_bare_urls.py): a csrf-exempt view that inserts
     one row through the ORM. Same client, same duration.

An answer is accepted when the server redirects the POST to the draft's own address, as a
browser is sent once the answers are stored (the GET that follows shows the thank-you page, and
reloading it never sends the answers again). After the run the database must hold exactly one
Response per accepted answer (warm-up included), each under its draft's UUID, none twice, and
the addresses of submitted drafts must show the thank-you page: otherwise the script fails.

The last line printed is machine-readable:
  BENCH submit_throughput value=<accepted per s> unit=req/s baseline=<bare rows per s>
        ratio=<value/baseline> workers=<n> clients=<n> requests=<n> errors=<n> ...
(on one line). The script exits with status 1 when ratio < 0.5 (the target), when an answer
was refused or lost, or when the drafts ran out before the time was up.

BENCH_PROFILE=1 also submits 200 more drafts in-process (Django's test client, no HTTP) under
cProfile and prints where the time goes; BENCH_WORKERS, BENCH_CLIENTS, BENCH_DURATION and
BENCH_DRAFTS change the load.
"""

import cProfile
import http.client
import io
import multiprocessing
import os
import pstats
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from datetime import timedelta

import _harness as harness
import openpyxl
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from civiclab.accounts.models import User
from civiclab.collection.models import Campaign, Draft, PersonalData, Response
from civiclab.collection.pages import build_pages
from civiclab.collection.services import spec_for
from civiclab.collection.validation import check, is_relevant
from civiclab.experiments.models import Experiment, Territory
from civiclab.surveys.models import Questionnaire
from civiclab.surveys.services import import_xlsform

# docs/deployment.md runs one worker per processor core on SQLite.
WORKERS = int(os.environ.get("BENCH_WORKERS", os.cpu_count() or 2))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
DURATION = float(os.environ.get("BENCH_DURATION", "15"))  # seconds of load on each site
ROUNDS = 5  # the sites take turns, DURATION / ROUNDS seconds at a time
WARMUP = 3  # submissions per client thread before the timed window
DRAFTS = int(os.environ.get("BENCH_DRAFTS", "24000"))
TARGET_RATIO = 0.5
GUNICORN = harness.REPO / ".venv" / "bin" / "gunicorn"
SERVER_LOG = f"{harness.TMP_DIR}/gunicorn.log"

# --- The questionnaire ---------------------------------------------------------------------

HEADER = ["type", "name", "label", "required", "relevant", "constraint", "appearance"]
HEADER += ["calculation"]
SURVEY = [
    ["begin_group", "profil", "Votre profil", "", "", "", "field-list"],
    ["integer", "age", "Votre âge", "yes", "", ". >= 15 and . <= 110", ""],
    ["select_one sexe", "sexe", "Vous êtes", "", "", "", ""],
    ["select_one pcs", "pcs", "Votre situation professionnelle", "", "", "", ""],
    ["select_one diplome", "diplome", "Votre diplôme le plus élevé", "", "", "", ""],
    ["text", "commune", "Votre commune", "", "", "", ""],
    ["select_one oui_non", "qpv", "Habitez-vous un quartier prioritaire ?", "", "", "", ""],
    ["select_one oui_non", "premiere", "Première participation ?", "yes", "", "", ""],
    ["end_group", "", "", "", "", "", ""],
    ["begin_group", "avis", "Votre avis", "", "", "", "table-list"],
    *[
        ["select_one accord", f"avis_{i}", f"Affirmation {i}", "yes", "", "", "likert"]
        for i in range(1, 9)
    ],
    ["end_group", "", "", "", "", "", ""],
    ["begin_group", "passe", "Vos participations", "", "${premiere} = 'non'", "", ""],
    ["integer", "seances", "Séances suivies", "", "", ". >= 0 and . <= 50", ""],
    ["select_multiple canal", "canal", "Comment l'avez-vous su ?", "", "",
     "count-selected(.) <= 2", ""],
    ["select_one oui_non", "continuer", "Continuerez-vous ?", "yes", "", "", ""],
    ["text", "pourquoi", "Pourquoi ?", "", "${continuer} = 'non'", "", "multiline"],
    ["rank priorite", "priorites", "Vos priorités", "", "", "", ""],
    ["date", "derniere", "Date de votre dernière séance", "", "", ". <= today()", ""],
    ["end_group", "", "", "", "", "", ""],
    ["begin_group", "fin", "Pour finir", "", "", "", ""],
    ["text", "commentaire", "Un commentaire ?", "", "", "", "multiline"],
    ["select_one oui_non", "recontact", "Peut-on vous recontacter ?", "yes", "", "", ""],
    ["text", "courriel", "Votre courriel", "yes", "${recontact} = 'oui'",
     "regex(., '^[^@ ]+@[^@ ]+$')", ""],
    ["calculate", "majeur", "", "", "", "", "", "if(${age} >= 18, 1, 0)"],
    ["end_group", "", "", "", "", "", ""],
]  # fmt: skip
CHOICES = [
    ["list_name", "name", "label"],
    ["sexe", "femme", "Femme"], ["sexe", "homme", "Homme"],
    *[["pcs", str(i), f"Groupe {i}"] for i in range(1, 9)],
    *[["diplome", d, d] for d in ("aucun", "brevet", "cap", "bac", "bac2", "bac3", "bac5")],
    ["oui_non", "oui", "Oui"], ["oui_non", "non", "Non"],
    *[["accord", str(i), f"Accord {i}"] for i in range(1, 6)],
    *[["canal", c, c] for c in ("affiche", "reseaux", "bouche", "courrier")],
    *[["priorite", p, p] for p in ("proprete", "securite", "mobilite", "logement")],
]  # fmt: skip


def xlsform() -> io.BytesIO:
    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    for row in [HEADER, *SURVEY]:
        survey.append(row)
    choices = workbook.create_sheet("choices")
    for row in CHOICES:
        choices.append(row)
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    return output


def raw_answers(rng: random.Random) -> dict:
    """What a browser posts on the four pages: strings, lists for several choices."""
    first_time = rng.random() < 0.4
    recontact = rng.random() < 0.3
    answers = {
        "age": str(rng.randrange(18, 90)),
        "sexe": rng.choice(["femme", "homme"]),
        "pcs": str(rng.randrange(1, 9)),
        "diplome": rng.choice(["cap", "bac", "bac2", "bac5"]),
        "commune": rng.choice(["Lille", "Roubaix", "Lens"]),
        "qpv": rng.choice(["oui", "non"]),
        "premiere": "oui" if first_time else "non",
        **{f"avis_{i}": str(rng.randrange(1, 6)) for i in range(1, 9)},
        "commentaire": rng.choice(["", "Merci.", "Des séances plus courtes, svp."]),
        "recontact": "oui" if recontact else "non",
        "courriel": f"personne{rng.randrange(10**6)}@exemple.fr" if recontact else "",
    }
    if not first_time:
        answers |= {
            "seances": str(rng.randrange(0, 12)),
            "canal": rng.sample(["affiche", "reseaux", "bouche", "courrier"], 2),
            "continuer": rng.choice(["oui", "oui", "non"]),
            "priorites": rng.sample(["proprete", "securite", "mobilite", "logement"], 4),
            "derniere": "2026-10-15",
        }
        answers["pourquoi"] = "Trop tard le soir." if answers["continuer"] == "non" else ""
    return answers


# --- Setting up ------------------------------------------------------------------------------


def open_campaign() -> Campaign:
    staff = User.objects.create_user("bench-staff", "bench@exemple.fr", None, is_staff=True)
    territory = Territory.objects.create(name="Lille", insee_code="59350", level="commune")
    experiment = Experiment.objects.create(
        title="Banc d'essai", slug="banc-d-essai", territory=territory, status="running"
    )
    questionnaire, report = import_xlsform(staff, experiment, xlsform())
    if questionnaire is None or questionnaire.current_version().questions.count() < 25:
        raise SystemExit(f"the bench questionnaire was not imported: {report}")
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.OPEN)
    now = timezone.now()
    return Campaign.objects.create(
        questionnaire=questionnaire,
        label="Vague de test",
        online=True,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
        consent_purpose="Mesurer le débit des envois.",
    )


def last_page_fields(pages, spec, answers: dict) -> tuple[int, list[tuple[str, str]]]:
    """The index of the last page shown and the fields the browser posts on it."""
    fields = {f.code: f for f in spec.fields}
    checked = check(spec, answers, only=set())
    values = {**checked.answers, **checked.personal}
    shown = [p for p in pages if any(is_relevant(fields[i.code], values) for i in p.items)]
    posted = []
    for item in shown[-1].items:
        value = answers.get(item.code, "")
        posted += (
            [(item.code, v) for v in value] if isinstance(value, list) else [(item.code, value)]
        )
    return len(shown) - 1, posted


def make_drafts(campaign: Campaign, count: int) -> list[tuple[str, bytes, str]]:
    """`count` drafts on their last page; (URL path, POST body without CSRF token, UUID)."""
    version = campaign.questionnaire.current_version()
    spec = spec_for(version)
    pages = build_pages(version, spec)
    rng = random.Random(2026)
    drafts, posts = [], []
    for _ in range(count):
        answers = raw_answers(rng)
        if not check(spec, answers).ok:
            raise SystemExit(f"bench answers refused: {check(spec, answers).errors}")
        index, posted = last_page_fields(pages, spec, answers)
        drafts.append(
            Draft(campaign=campaign, version=version, answers=answers, page=index,
                  consent_at=timezone.now())
        )  # fmt: skip
        posts.append(urllib.parse.urlencode([*posted, ("action", "submit")]).encode())
    Draft.objects.bulk_create(drafts, batch_size=500)
    return [
        (f"/a/{campaign.token}/d/{d.token}/", body, str(d.response_uuid))
        for d, body in zip(drafts, posts, strict=True)
    ]


def create_bare_table() -> None:
    sys.path.insert(0, str(harness.REPO / "bench"))
    from _bare_urls import BareRow

    with connection.schema_editor() as editor:
        editor.create_model(BareRow)


# --- The server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(settings_module: str, probe: str) -> tuple[subprocess.Popen, int]:
    """The production command of docs/deployment.md, on a free port, DEBUG off; returns once
    GET `probe` answers."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": os.pathsep.join([str(harness.REPO / "bench"), str(harness.REPO / "src")]),
        "ONLINE_ANSWERS_PER_HOUR": "1000000",
    }
    command = [str(GUNICORN), "civiclab.wsgi", "--workers", str(WORKERS)]
    command += ["--bind", f"127.0.0.1:{port}"]
    log = open(SERVER_LOG, "ab")  # noqa: SIM115 (closed with the server)
    server = subprocess.Popen(command, env=env, cwd=harness.REPO, stdout=log, stderr=log)
    server.log = log
    try:
        return server, wait_until_up(server, port, probe)
    except BaseException:
        stop_server(server)  # never leave a server behind, whatever stopped the start
        raise


def wait_until_up(server: subprocess.Popen, port: int, probe: str) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start-up:\n{tail_log()}")
        try:
            status, _headers, _body = request(port, "GET", probe)
            if status < 500:
                return port
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer GET {probe} within 30 s:\n{tail_log()}")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    server.log.close()


def tail_log() -> str:
    try:
        with open(SERVER_LOG, encoding="utf-8", errors="replace") as log:
            return log.read()[-3000:]
    except OSError:
        return "(no log)"


# --- The client (runs in its own process) ----------------------------------------------------


def request(port: int, method: str, path: str, body: bytes = b"", headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_for(port: int, path: str) -> tuple[dict, str]:
    """Headers and form token of a browser that has loaded `path`."""
    status, headers, body = request(port, "GET", path)
    cookies = [v.split(";")[0] for k, v in headers if k.lower() == "set-cookie"]
    token = TOKEN.search(body)
    if status != 200 or token is None:
        raise RuntimeError(f"GET {path} answered {status} without a CSRF token")
    return {**FORM, "Cookie": "; ".join(cookies)}, token.group(1).decode()


def accepted(kind: str, path: str, status: int, headers: list, body: bytes) -> bool:
    if kind == "bare":
        return status == 200 and body == b"ok"
    # Stored: back to the draft's address, which now shows the thank-you page.
    return status == 302 and dict(headers).get("Location") == path


def post(kind: str, port: int, job: tuple, suffix: bytes, headers: dict) -> str:
    """ "ok" or what went wrong."""
    try:
        status, reply_headers, reply = request(port, "POST", job[0], job[1] + suffix, headers)
    except OSError as error:
        return f"status_{type(error).__name__}"
    return "ok" if accepted(kind, job[0], status, reply_headers, reply) else f"status_{status}"


def hammer(kind: str, port: int, jobs: list, browsing: list, duration: float, results) -> None:
    """CLIENTS threads sending `jobs` (path, body) until they run out or time is up; each
    thread first loads its page of `browsing` for a CSRF cookie and token (not for "bare")."""
    lock, started = threading.Lock(), {}
    queue = iter(jobs)
    outcome = Counter()
    start = threading.Barrier(
        CLIENTS, timeout=120, action=lambda: started.setdefault("t", time.perf_counter())
    )

    def next_job():
        with lock:
            return next(queue, None)

    def client(number: int):
        headers, token = (FORM, "") if kind == "bare" else csrf_for(port, browsing[number])
        suffix = f"&csrfmiddlewaretoken={token}".encode() if token else b""
        for _ in range(WARMUP):
            result = post(kind, port, next_job(), suffix, headers)
            with lock:
                outcome["warmup_ok" if result == "ok" else "warmup_error"] += 1
        start.wait()
        while time.perf_counter() - started["t"] < duration:
            job = next_job()
            if job is None:
                break
            result = post(kind, port, job, suffix, headers)
            with lock:
                outcome[result] += 1
                outcome["last"] = max(outcome["last"], time.perf_counter() - started["t"])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.send(dict(outcome))


def run_load(kind: str, port: int, jobs: list, browsing: list) -> dict:
    """Run `hammer` in a separate process so the client's time is not the server's."""
    receiving, sending = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=hammer, args=(kind, port, jobs, browsing, DURATION / ROUNDS, sending)
    )
    process.start()
    outcome = receiving.recv()
    process.join()
    requests = sum(
        v for k, v in outcome.items() if k not in ("last",) and not k.startswith("warmup")
    )
    outcome["requests"] = requests
    outcome["errors"] = requests - outcome.get("ok", 0)
    return outcome


# --- Measuring -------------------------------------------------------------------------------


def verify_submissions(drafts: list, outcome: dict) -> list[str]:
    """Problems: stored answers that do not match the accepted ones, one for one."""
    stored = [str(u) for u in Response.objects.values_list("uuid", flat=True)]
    expected = {uuid for _path, _body, uuid in drafts}  # the browsing drafts are not in it
    accepted_total = outcome.get("ok", 0) + outcome.get("warmup_ok", 0)
    problems = []
    if len(stored) != accepted_total:
        problems.append(f"{len(stored)} responses stored for {accepted_total} accepted")
    stored_ids = set(stored)
    if len(stored_ids) != len(stored):
        problems.append("a submission was stored twice")
    if not stored_ids <= expected:
        problems.append("a response is not under its draft's UUID")
    submitted = Draft.objects.filter(submitted_at__isnull=False).count()
    if submitted != len(stored):
        problems.append(f"{submitted} drafts marked submitted for {len(stored)} responses")
    client = Client(HTTP_HOST="localhost")
    with override_settings(STORAGES=harness.STORAGES):
        submitted_paths = [path for path, _body, uuid in drafts if uuid in stored_ids]
        for path in submitted_paths[:20]:
            page = client.get(path)
            if page.status_code != 200 or b'role="status"' not in page.content:
                problems.append(f"{path} does not show the thank-you page once submitted")
    return problems


def measure(jobs: list, browsing: list) -> tuple[dict, dict]:
    """Both sites served at once, loaded in turn: ROUNDS slices of DURATION / ROUNDS seconds
    each, so that a machine getting faster or slower during the run weighs on both sides
    alike. Returns the two outcomes summed over the rounds."""
    bare_jobs = [("/bare/", b"payload=bench")] * 1_000_000
    servers = []
    try:
        for settings_module, probe in (("civiclab.settings", "/healthz"), ("_bare_site", "/bare/")):
            servers.append(start_server(settings_module, probe))
        (_submit_server, submit_port), (_bare_server, bare_port) = servers
        totals, done = {"submit": Counter(), "bare": Counter()}, 0
        for _round in range(ROUNDS):
            submit = run_load("submit", submit_port, jobs[done:], browsing)
            done += submit["requests"] + submit.get("warmup_ok", 0) + submit.get("warmup_error", 0)
            totals["submit"].update(submit)
            totals["bare"].update(run_load("bare", bare_port, bare_jobs, []))
    finally:
        for server, _port in servers:
            stop_server(server)
    for outcome in totals.values():
        outcome["per_s"] = outcome["ok"] / outcome["last"] if outcome["last"] else 0.0
    return dict(totals["submit"]), dict(totals["bare"])


def main() -> int:
    began = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    campaign = open_campaign()
    drafts = make_drafts(campaign, DRAFTS + CLIENTS)
    # One draft per client thread is only loaded, for its CSRF cookie, never submitted.
    browsing = [path for path, _body, _uuid in drafts[DRAFTS:]]
    drafts = drafts[:DRAFTS]
    create_bare_table()
    connection.close()  # the client process is forked: it must not share this connection
    questions = campaign.questionnaire.current_version().questions.count()
    print(
        f"setup: {DRAFTS} drafts on the last page of a {questions}-question form "
        f"in {time.perf_counter() - began:.1f} s"
    )
    jobs = [(path, body) for path, body, _uuid in drafts]
    submit, bare = measure(jobs, browsing)
    personal = PersonalData.objects.count()
    problems = verify_submissions(drafts, submit)
    print(
        f"submit: {submit.get('ok', 0)} accepted in {submit.get('last', 0):.1f} s "
        f"= {submit['per_s']:.1f}/s, {submit['errors']} errors {_errors(submit)}, "
        f"{personal} with personal data; gunicorn --workers {WORKERS}, {CLIENTS} client threads"
    )
    print(
        f"bare:   {bare.get('ok', 0)} rows in {bare.get('last', 0):.1f} s "
        f"= {bare['per_s']:.1f}/s, {bare['errors']} errors {_errors(bare)}"
    )
    if len(drafts) <= submit["requests"] + ROUNDS * CLIENTS * WARMUP:
        problems.append("drafts ran out before the time was up: raise BENCH_DRAFTS")
    ratio = submit["per_s"] / bare["per_s"] if bare["per_s"] else 0.0
    if ratio < TARGET_RATIO:
        problems.append(f"ratio {ratio:.2f} is below the target {TARGET_RATIO}")
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    if submit["errors"] or bare["errors"]:
        print(tail_log(), file=sys.stderr)
    if os.environ.get("BENCH_PROFILE"):
        unused = Draft.objects.filter(submitted_at__isnull=True).values_list("token", flat=True)
        left = {f"/a/{campaign.token}/d/{token}/" for token in unused}
        profile_in_process([d for d in drafts if d[0] in left][:200], browsing[0])
    print(f"total run time {time.perf_counter() - began:.1f} s")
    print(
        f"BENCH submit_throughput value={submit['per_s']:.1f} unit=req/s "
        f"baseline={bare['per_s']:.1f} ratio={ratio:.2f} workers={WORKERS} clients={CLIENTS} "
        f"requests={submit['requests']} errors={submit['errors']} "
        f"baseline_requests={bare['requests']} baseline_errors={bare['errors']} "
        f"duration={DURATION:g} target_ratio={TARGET_RATIO}"
    )
    return 1 if problems or submit["errors"] or bare["errors"] else 0


def profile_in_process(drafts: list, browsing: str) -> None:
    """cProfile of the same final submission, in this process: where a request's time goes."""
    client = Client(HTTP_HOST="localhost")
    with override_settings(STORAGES=harness.STORAGES):
        token = TOKEN.search(client.get(browsing).content).group(1).decode()
        profiler = cProfile.Profile()
        for path, body, _uuid in drafts:
            data = body + f"&csrfmiddlewaretoken={token}".encode()
            profiler.enable()
            client.post(path, data, content_type=FORM["Content-Type"])
            profiler.disable()
    print(f"profile of {len(drafts)} submissions in-process (cumulative time):")
    stats = pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative")
    stats.print_stats(
        os.environ.get(
            "BENCH_PROFILE_FILTER", r"civiclab|shortcuts.py.*render|sql/compiler.py.*execute_sql"
        ),
        25,
    )


def _errors(outcome: dict) -> str:
    statuses = {k: v for k, v in outcome.items() if k.startswith(("status_", "warmup_error"))}
    return f"({statuses})" if statuses else ""


if __name__ == "__main__":
    harness.run(main)
