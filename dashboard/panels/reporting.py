"""Reporting panels: the headline reporting rates and each unit's reporting discipline."""


def reporting_panels(choice, *, user):
    raise NotImplementedError  # written by the reporting-panels branch
