"""The browser harness itself: third-party blocking, axe-core checks, the real login form."""

import pytest


def test_requests_to_other_hosts_are_blocked_and_recorded(page):
    """A request to any host but the live server is aborted and listed, never sent."""
    page.goto("/accounts/login/")
    outcome = page.evaluate(
        """async () => {
            try { await fetch('https://cdn.example.com/lib.js'); return 'sent'; }
            catch (error) { return 'blocked'; }
        }"""
    )
    assert outcome == "blocked"
    assert page.third_party_requests == ["https://cdn.example.com/lib.js"]


def test_login_page_makes_no_third_party_request_and_passes_axe(page, assert_no_axe_violations):
    """The login page loads only our own static files and has no accessibility violation."""
    response = page.goto("/accounts/login/")
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.htmx") == "object", "htmx not served: run `make assets`"
    assert_no_axe_violations(page)
    assert page.third_party_requests == []
    assert page.js_errors == []


def test_axe_reports_violations(page, assert_no_axe_violations):
    """axe-core really runs: an image without text alternative is reported."""
    page.goto("/accounts/login/")
    page.evaluate(
        """() => {
            const img = document.createElement('img');
            img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
            document.querySelector('main').append(img);
        }"""
    )
    with pytest.raises(AssertionError, match=r"image-alt \(critical\)"):
        assert_no_axe_violations(page)


def test_wrong_password_keeps_the_user_on_the_login_form(page, login):
    """The login helper fails loudly instead of carrying on anonymously."""
    with pytest.raises(pytest.fail.Exception, match="Login as 'nobody' failed"):
        login(page, "nobody", "not-the-password")


def test_axe_still_runs_under_a_strict_content_security_policy(page, assert_no_axe_violations):
    """A CSP that forbids inline scripts must not silently disable the accessibility checks."""
    html = "<!DOCTYPE html><html lang='fr'><title>CSP</title><main><h1>CSP</h1><img src='x'></main>"
    page.route(
        "**/csp-check/",
        lambda route: route.fulfill(
            body=html,
            content_type="text/html",
            headers={"Content-Security-Policy": "default-src 'self'"},
        ),
    )
    page.goto("/csp-check/")
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page)
