"""Demo accounts for evaluating the product; never created outside debug settings."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from accounts import roles
from accounts.models import User
from directives.models import Agency

DEMO_PASSWORD = "demo-edu-plans"

LAI_CHAU_DISTRICTS = [
    ("thanhpholaichau", "thành phố Lai Châu"),
    ("tamduong", "huyện Tam Đường"),
    ("phongtho", "huyện Phong Thổ"),
    ("sinho", "huyện Sìn Hồ"),
    ("muongte", "huyện Mường Tè"),
    ("namnhun", "huyện Nậm Nhùn"),
    ("thanuyen", "huyện Than Uyên"),
    ("tanuyen", "huyện Tân Uyên"),
]


@dataclass
class DemoAccount:
    username: str
    role: str
    agency: Agency | None
    full_name: str
    is_superuser: bool = False

    @property
    def is_staff(self) -> bool:
        """Whether the account opens the admin: its role says so."""
        return self.role in roles.ADMIN_SITE_ROLES


def demo_account_specs() -> list[DemoAccount]:
    agencies = {a.code: a for a in Agency.objects.all()}
    department = agencies.get("lc-sgddt")
    specs = [
        DemoAccount("quantri", roles.ADMIN, department, "Quản trị hệ thống", is_superuser=True),
        DemoAccount("chuyenvien", roles.DEPARTMENT_STAFF, department, "Chuyên viên Sở"),
        DemoAccount("lanhdao", roles.LEADERSHIP, department, "Lãnh đạo Sở"),
    ]
    for slug, place in LAI_CHAU_DISTRICTS:
        # A district's report is prepared by its Phòng GD&ĐT on behalf of the district.
        specs.append(
            DemoAccount(
                f"pgd_{slug}",
                roles.REPORTING_UNIT,
                agencies.get(f"lc-{slug}-ubnd"),
                f"Phòng GD&ĐT {place}",
            )
        )
    return specs


@transaction.atomic
def create_demo_accounts(*, password: str = DEMO_PASSWORD) -> list[tuple[DemoAccount, bool]]:
    """Create the demo accounts that do not exist yet; existing ones are left untouched.

    Raises ImproperlyConfigured unless DEBUG is on: demo passwords never reach production.
    """
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo accounts are only created with DEBUG on.")
    groups = roles.ensure_role_groups()
    results = []
    for spec in demo_account_specs():
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.full_name,
                "agency": spec.agency,
                "is_staff": spec.is_staff,
                "is_superuser": spec.is_superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            user.groups.add(groups[spec.role])
        results.append((spec, created))
    return results
