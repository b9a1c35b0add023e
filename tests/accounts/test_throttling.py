"""The address used to throttle logins cannot be forged by the visitor."""

from django.test import RequestFactory

from civiclab.accounts.throttling import client_ip


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_served_directly_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_one_proxy_the_address_it_saw_is_used(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The visitor forged "1.2.3.4"; our proxy appended the real address 203.0.113.7.
    request = _request("10.0.0.2", "1.2.3.4, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"


def test_behind_two_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("10.0.0.3", "1.2.3.4, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"


def test_missing_header_falls_back_to_remote_addr(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("10.0.0.2")) == "10.0.0.2"
