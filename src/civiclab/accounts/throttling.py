"""The visitor's address for login throttling, right behind a reverse proxy too."""

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the address the last trusted proxy saw, read from X-Forwarded-For.

    Only the rightmost TRUSTED_PROXY_COUNT entries are added by our own proxies; anything to
    their left was written by the visitor and could be forged, so it is never read.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")
