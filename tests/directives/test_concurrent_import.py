"""Two staff members confirm the same preview at the same moment (real PostgreSQL)."""

import threading
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts import roles
from accounts.roles import ensure_role_groups
from directives.models import Agency, Directive
from directives.seed_data import load_seed_data
from tests.directives.test_directive_import import review_data
from tests.factories import UserFactory

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"


@pytest.mark.django_db(transaction=True)
def test_the_second_of_two_simultaneous_confirmations_is_told_it_exists():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; the race needs PostgreSQL.")
    load_seed_data()
    ensure_role_groups()
    Directive.objects.filter(number="3707", symbol="KH-UBND").delete()
    url = reverse("directives:directive_import")
    text = (SOURCES / "001_e1b72a20e9d27a54.txt").read_text(encoding="utf-8")
    clients, forms = [], []
    for n in range(2):
        user = UserFactory(
            username=f"chuyenvien-{n}",
            is_staff=True,
            role=roles.DEPARTMENT_STAFF,
            agency=Agency.objects.get(code="lc-sgddt"),
        )
        client = Client(raise_request_exception=False)
        client.force_login(user)
        forms.append(review_data(client.post(url, {"text": text}).context["form"]))
        clients.append(client)

    start = threading.Barrier(2)
    responses = [None, None]

    def confirm(n):
        try:
            start.wait()
            responses[n] = clients[n].post(url, forms[n])
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 302], statuses
    loser = next(response for response in responses if response.status_code == 200)
    assert "đã có trong hệ thống" in loser.content.decode()
    assert Directive.objects.filter(number="3707", symbol="KH-UBND").count() == 1
