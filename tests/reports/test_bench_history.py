"""The load run's report carrying a year of history (make bench): written through the
workflow, its saves spread over the year gone, and left for the unit to edit."""

import datetime

from django.utils import timezone

from reports.bench import DRAFTS_PER_MONTH, HISTORY_MONTHS, add_year_of_history
from reports.history import report_history
from reports.workflow import can_be_edited_by

DAY = datetime.timedelta(days=1)


def test_a_report_is_given_a_year_of_drafts_submissions_and_returns(
    phongtho_report, unit_user, staff_user
):
    saves = add_year_of_history(report=phongtho_report, writer=unit_user, reviewer=staff_user)

    now = timezone.now()
    # The saves written before (opening the period, the targets) stay where they were.
    events = [e for e in report_history(phongtho_report) if e.when < now - DAY]
    assert saves == HISTORY_MONTHS * (DRAFTS_PER_MONTH + 2)
    assert len(events) == saves
    actions = [event.action for event in events]
    assert actions.count("Trả lại báo cáo") == HISTORY_MONTHS
    assert actions.count("Gửi báo cáo") + actions.count("Gửi lại báo cáo") == HISTORY_MONTHS
    assert actions.count("Lưu báo cáo") == HISTORY_MONTHS * DRAFTS_PER_MONTH
    # Newest first, spread over the year gone, a month's drafts before its return.
    whens = [event.when for event in events]
    assert whens == sorted(whens, reverse=True)
    assert whens[0] - whens[-1] > datetime.timedelta(days=330)
    assert whens[-1] >= now - datetime.timedelta(days=366)
    assert actions[:2] == ["Trả lại báo cáo", "Gửi lại báo cáo"]
    phongtho_report.refresh_from_db()
    assert phongtho_report.status == "returned"
    assert can_be_edited_by(phongtho_report, unit_user)
