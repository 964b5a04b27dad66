"""Every named URL outside the admin: anonymous users are sent to log in, roles get in."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

PUBLIC = {
    "login",
    "healthz",
    "set_language",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
    "password_reset_confirm",
}
SKIPPED_NAMESPACES = {"admin"}


def named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def url_for(name, pattern, plan_pk):
    if name == "password_reset_confirm":
        return reverse(name, args=["MQ", "set-password"])
    values = {"pk": plan_pk, "fmt": "pdf"}
    return reverse(name, kwargs={key: values[key] for key in pattern.pattern.converters})


def test_anonymous_users_reach_only_public_pages(client, plan_3707):
    for name, pattern in named_urls():
        url = url_for(name, pattern, plan_3707.pk)
        response = client.get(url)
        if name.split(":")[-1] in PUBLIC:
            assert response.status_code in (200, 302, 405), name
            if response.status_code == 302:
                assert not response["Location"].startswith(reverse("login")), name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("login")), name


STAFF_ONLY = {"directives:directive_import"}


def test_every_role_opens_the_directive_pages(client, request, any_user, plan_3707):
    client.force_login(any_user)
    staff = any_user.has_perm("directives.add_directive")
    for name, pattern in named_urls():
        if not name.startswith("directives:"):
            continue
        expected = 403 if name in STAFF_ONLY and not staff else 200
        assert client.get(url_for(name, pattern, plan_3707.pk)).status_code == expected, name
