"""The dashboard's tests share a plan of three units and a leader who reads it."""

import pytest

from accounts import roles
from tests.dashboard.test_indicators import Plan
from tests.factories import UserFactory


@pytest.fixture
def plan(db):
    return Plan()


@pytest.fixture
def leader(db):
    return UserFactory(username="lanhdao-dash", role=roles.LEADERSHIP)
