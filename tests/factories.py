"""Test data built through factory_boy; seed documents come from fixtures/ instead."""

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import ensure_role_groups
from directives.models import (
    Agency,
    Assignment,
    Directive,
    SchoolYear,
    Section,
    Task,
    TaskGroup,
)
from indicators.models import Indicator


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"test-agency-{n}")
    name = factory.Sequence(lambda n: f"Phòng Giáo dục và Đào tạo thử nghiệm {n}")
    short_name = factory.Sequence(lambda n: f"Phòng GD&ĐT {n}")
    kind = Agency.Kind.DISTRICT_OFFICE


class SchoolYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolYear
        django_get_or_create = ["start_year"]

    start_year = 2030


class DirectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directive

    doc_type = Directive.DocType.KE_HOACH
    number = factory.Sequence(lambda n: str(9000 + n))
    symbol = "KH-SGDĐT"
    issuer = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Kế hoạch thử nghiệm số {n} về nhiệm vụ năm học")
    school_year = factory.SubFactory(SchoolYearFactory)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    directive = factory.SubFactory(DirectiveFactory)
    order = factory.Sequence(lambda n: n + 1)
    number = "I"
    title = "NHIỆM VỤ, GIẢI PHÁP"


class TaskGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskGroup

    directive = factory.SubFactory(DirectiveFactory)
    order = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda group: str(group.order))
    title = factory.Sequence(lambda n: f"Nhóm nhiệm vụ {n}")


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    group = factory.SubFactory(TaskGroupFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Nhiệm vụ thử nghiệm số {n}.")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    task = factory.SubFactory(TaskFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Assignment.Role.LEAD


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    directive = factory.SubFactory(DirectiveFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Tỷ lệ thử nghiệm {n}")
    unit = "%"
    baseline_value = "50.5"
    target_value = "60.25"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "test-password")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            ensure_role_groups()
            self.groups.add(Group.objects.get(name=extracted))
            self.save()
