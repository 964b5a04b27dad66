"""Pages travel compressed: a browser that accepts gzip gets the same page in far fewer
bytes, which matters on a slow provincial connection."""

import gzip

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_large_page_is_sent_compressed_to_a_browser_that_accepts_it(
    client, staff_user, plan_3707
):
    client.force_login(staff_user)
    url = reverse("directives:directive_assignments", args=[plan_3707.pk])
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    text = gzip.decompress(packed.content).decode()
    assert "Phân công nhiệm vụ" in text
    assert len(packed.content) * 4 < len(plain.content)
    assert "Accept-Encoding" in packed["Vary"]
