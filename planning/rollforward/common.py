"""What a roll-forward would write, unsaved, and what it could not carry."""

from dataclasses import dataclass, field
from decimal import Decimal

from directives.models import (
    Agency,
    Assignment,
    Directive,
    DirectiveReference,
    SchoolYear,
    Section,
    Task,
    TaskGroup,
)
from indicators.models import Indicator, IndicatorTarget
from planning.baselines import YearEnd
from planning.models import RollForwardIssue

Kind = RollForwardIssue.Kind


@dataclass
class IssueSpec:
    """What could not be carried, about a task, indicator or agency of the new plan."""

    kind: str
    text: str
    task: Task | None = None
    indicator: Indicator | None = None
    agency: Agency | None = None


@dataclass
class BaselineRow:
    """An indicator's new baseline beside last year's target, for the preview."""

    previous: Indicator
    baseline: Decimal | None
    previous_target: Decimal | None


@dataclass
class RollForwardPlan:
    """Everything roll-forward would write, unsaved: the preview shows it, the write
    saves it."""

    source: Directive
    school_year: SchoolYear
    directive: Directive
    year_end: YearEnd
    references: list[DirectiveReference] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    groups: list[TaskGroup] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    unit_targets: list[IndicatorTarget] = field(default_factory=list)
    baselines: list[BaselineRow] = field(default_factory=list)
    issues: list[IssueSpec] = field(default_factory=list)
