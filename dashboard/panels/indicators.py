"""Indicator panels: the headline by judgement, targets at risk, the unit scorecard, trends."""


def indicator_panels(choice, *, user):
    raise NotImplementedError  # written by the indicator-panels branch
