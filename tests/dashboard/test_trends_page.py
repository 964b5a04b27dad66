"""The trends have a page of their own: the dashboard answers at a glance and links to
it, with the same choice; a unit's line is added there; the printed dashboard keeps them."""

import re

import pytest
from django.urls import reverse

from tests.dashboard.test_indicators import dashboard_url
from tests.jobs.worker import download_through_job
from tests.reports.test_pdf_exports import read, text_of

pytestmark = pytest.mark.django_db


def test_the_dashboard_links_to_the_trends_of_its_choice_instead_of_drawing_them(
    client, plan, leader
):
    client.force_login(leader)
    html = client.get(dashboard_url(plan.query())).content.decode()
    section = html.split('id="indicator-trends"')[1].split("</section>")[0]
    assert 'class="trend"' not in html and "<svg" not in section
    link = re.search(r'<a href="([^"]+)">Xem xu hướng của 3 chỉ tiêu</a>', section)
    assert link, section
    trends_url = link.group(1).replace("&amp;", "&")
    assert trends_url.startswith(f"{reverse('dashboard:dashboard_trends')}?{plan.query()}&on=")

    page = client.get(trends_url)
    html = page.content.decode()
    assert "<h1>Xu hướng các chỉ tiêu</h1>" in html
    for indicator in plan.indicators:
        assert f'id="trend-{indicator.order}"' in html
    # The same numbers as the trends computed for the exports.
    trends = page.context["indicators"].trends
    assert trends == plan.panels(leader).trends
    # Back to the dashboard, with the same choice.
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    back = re.search(r'href="([^"]+)">Bảng điều hành<', crumbs).group(1).replace("&amp;", "&")
    assert back == trends_url.replace(
        reverse("dashboard:dashboard_trends"), reverse("dashboard:dashboard")
    )
    assert client.get(back).context["choice"] == page.context["choice"]


def test_a_units_line_is_added_from_the_trends_page(client, plan, leader):
    client.force_login(leader)
    page = client.get(f"{reverse('dashboard:dashboard_trends')}?{plan.query()}")
    html = page.content.decode()
    options = re.findall(
        r'<option value="(\d+)"[^>]*>([^<]+)</option>', html.split('id="id_unit"')[1]
    )
    assert [name for _pk, name in options] == sorted(str(unit) for unit in plan.units)
    assert "Thêm số liệu của đơn vị" in html

    unit = plan.units[2]
    page = client.get(f"{reverse('dashboard:dashboard_trends')}?{plan.query(unit=unit.pk)}")
    html = page.content.decode()
    assert f'<option value="{unit.pk}" selected>' in html
    assert f"Đường nét đứt, điểm hình vuông: {unit.name}." in html
    panels = page.context["indicators"]
    assert panels.trend_unit == unit
    assert [p.unit for p in panels.trends[2].points] == [
        p.unit for p in plan.panels(leader, unit=unit.pk).trends[2].points
    ]


def test_the_scorecards_trend_link_opens_the_units_trends(client, plan, leader):
    client.force_login(leader)
    panels = client.get(dashboard_url(plan.query())).context["indicators"]
    row = next(row for row in panels.scorecard.rows if row.agency == plan.units[1])
    page = client.get(row.trend_url)
    assert page.context["indicators"].trend_unit == plan.units[1]


def test_the_printed_dashboard_keeps_the_trends(client, plan, leader):
    client.force_login(leader)
    response = download_through_job(
        client, reverse("dashboard:dashboard_export", args=["pdf"]) + "?" + plan.query()
    )
    text = text_of(read(response.content))
    assert "Xu hướng" in text
    for indicator in plan.indicators:
        assert indicator.name[:20] in text
