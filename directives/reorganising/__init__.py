"""Sắp xếp đơn vị: recording and applying a reorganisation of the agency tree.

A reorganisation is recorded first (its date, its legal basis and its lines), previewed,
then applied in one transaction: the agencies it closes get their last day, their whole
sub-tree with them (a district's Phòng GD&ĐT and offices); the agencies it creates open
on its date; transfers move an agency, which stays open, under another parent; the users
of closed agencies move to the agency stated for them. Nothing is deleted: reports,
assignments and targets of closed agencies stay theirs, as history.
"""

from directives.reorganising.applying import (
    ClosedAgency,
    MovedAgency,
    ReorganisationSummary,
    ToReview,
    UserLeft,
    UserMove,
    apply_reorganisation,
)
from directives.reorganising.recording import LineInput, NewAgency, record_reorganisation

__all__ = [
    "ClosedAgency",
    "LineInput",
    "MovedAgency",
    "NewAgency",
    "ReorganisationSummary",
    "ToReview",
    "UserLeft",
    "UserMove",
    "apply_reorganisation",
    "record_reorganisation",
]
