"""Logging in and out, passwords, and throttling of repeated failures."""

from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_in_french(client, db):
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="fr">' in page
    assert "Se connecter" in page


def test_login_with_the_real_form_then_logout(client, coordinator_a):
    response = _login(client, "coordinatrice", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("experiments:list")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("experiments:list")).status_code == 302


def test_wrong_password_is_refused_with_a_message(client, coordinator_a):
    response = _login(client, "coordinatrice", "wrong")
    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()


def test_passwords_are_hashed_with_argon2(coordinator_a):
    assert coordinator_a.password.startswith("argon2")


def test_repeated_failures_lock_the_account_even_with_the_right_password(
    client, coordinator_a, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "coordinatrice", "wrong")
    response = _login(client, "coordinatrice", PASSWORD)
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_by_email(client, coordinator_a):
    response = client.post(reverse("password_reset"), {"email": "coordinatrice@exemple.fr"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_change(client, coordinator_a):
    client.force_login(coordinator_a)
    data = {
        "old_password": PASSWORD,
        "new_password1": "Un-nouveau-mot-de-passe-42",
        "new_password2": "Un-nouveau-mot-de-passe-42",
    }
    assert client.post(reverse("password_change"), data).status_code == 302
    coordinator_a.refresh_from_db()
    assert coordinator_a.check_password("Un-nouveau-mot-de-passe-42")


def test_english_is_available(client, coordinator_a):
    client.force_login(coordinator_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("experiments:list")).content.decode()
    assert '<html lang="en">' in page and "Experiments" in page


def test_dates_are_day_first_in_english_too():
    from datetime import date

    from django.utils import translation
    from django.utils.formats import date_format

    with translation.override("en"):
        assert date_format(date(2026, 3, 31), "SHORT_DATE_FORMAT") == "31/03/2026"
    with translation.override("fr"):
        assert date_format(date(2026, 3, 31), "SHORT_DATE_FORMAT") == "31/03/2026"
