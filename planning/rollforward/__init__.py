"""Rolling a plan into the next school year (tạo kế hoạch năm học mới từ kế hoạch này).

The new plan is a draft copy of last year's: its references, sections, task groups,
tasks (deadlines moved by the years between), assignments and indicators, with last
year's approved year-end values as the new baselines and the targets left for staff to
set. Agencies closed by the new year's first day hand their assignments and unit targets
to their successors through the applied reorganisations; whatever cannot be carried that
way is listed as an issue for staff to settle. Last year's plan is never changed.
"""

from planning.rollforward.common import BaselineRow, IssueSpec, RollForwardPlan
from planning.rollforward.copying import (
    continuation_in,
    next_school_year,
    plan_roll_forward,
    refusal,
    relabel,
    shift_date,
)
from planning.rollforward.writing import roll_forward, settle_issue

__all__ = [
    "BaselineRow",
    "IssueSpec",
    "RollForwardPlan",
    "continuation_in",
    "next_school_year",
    "plan_roll_forward",
    "refusal",
    "relabel",
    "roll_forward",
    "settle_issue",
    "shift_date",
]
