"""Demo accounts for evaluating the product; never created outside debug settings."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from accounts import roles
from accounts.models import User
from directives.demo import ensure_demo_divisions
from directives.models import Agency

DEMO_PASSWORD = "demo-edu-plans"
# Demo accounts get addresses under a reserved domain (RFC 2606) that no mail reaches: in
# development the reminders to them are written to files (EMAIL_FILE_PATH) to read.
DEMO_MAIL_DOMAIN = "demo.edu-plans.invalid"

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
    roles: tuple[str, ...]  # capabilities a user combines (accounts/roles.py)
    agency: Agency | None
    full_name: str
    is_superuser: bool = False

    @property
    def is_staff(self) -> bool:
        """Whether the account opens the admin: one of its roles says so."""
        return any(role in roles.ADMIN_SITE_ROLES for role in self.roles)

    @property
    def role_names(self) -> str:
        return " + ".join(self.roles)


# Division staff: username, division code suffix (directives/demo.py), full name.
DIVISION_STAFF = [
    ("cv_gdpt", "gdpt", "Chuyên viên Phòng Giáo dục Phổ thông"),
    ("cv_tccb", "tccb", "Chuyên viên Phòng Tổ chức cán bộ"),
    ("cv_khtc", "khtc", "Chuyên viên Phòng Kế hoạch - Tài chính"),
    ("cv_vanphong", "vp", "Chuyên viên Văn phòng Sở"),
]
# A Sở staff member reports the work of their own agency and reviews other agencies'.
SO_STAFF = (roles.DEPARTMENT_STAFF, roles.REPORTING_UNIT)


def demo_account_specs() -> list[DemoAccount]:
    department = Agency.objects.filter(code="lc-sgddt").first()
    divisions = ensure_demo_divisions(department) if department else {}
    agencies = {a.code: a for a in Agency.objects.all()}
    specs = [
        DemoAccount("quantri", (roles.ADMIN,), department, "Quản trị hệ thống", is_superuser=True),
        DemoAccount("chuyenvien", SO_STAFF, department, "Chuyên viên Sở"),
        DemoAccount("lanhdao", (roles.LEADERSHIP,), department, "Lãnh đạo Sở"),
    ]
    for username, suffix, full_name in DIVISION_STAFF:
        if suffix in divisions:
            specs.append(DemoAccount(username, SO_STAFF, divisions[suffix], full_name))
    for slug, place in LAI_CHAU_DISTRICTS:
        # A district's report is prepared by its Phòng GD&ĐT on behalf of the district.
        specs.append(
            DemoAccount(
                f"pgd_{slug}",
                (roles.REPORTING_UNIT,),
                agencies.get(f"lc-{slug}-ubnd"),
                f"Phòng GD&ĐT {place}",
            )
        )
    # From 1 July 2025 a commune's education is the business of the Phòng Văn hóa - Xã
    # hội of its UBND, which prepares the commune's report: xa_binhlu, phuong_doanket...
    for agency in commune_agencies(agencies.values()):
        kind, slug = agency.code.removeprefix("lc-").split("-", 1)
        place = agency.short_name.removeprefix("UBND ")
        specs.append(
            DemoAccount(
                f"{kind}_{slug}",
                (roles.REPORTING_UNIT,),
                agency,
                f"Phòng Văn hóa - Xã hội {place}",
            )
        )
    return specs


def commune_agencies(agencies) -> list[Agency]:
    """Lai Châu's commune-level units since the 2025 reform, by code."""
    return sorted(
        (
            agency
            for agency in agencies
            if agency.code.startswith(("lc-xa-", "lc-phuong-")) and agency.valid_until is None
        ),
        key=lambda agency: agency.code,
    )


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
                "email": f"{spec.username}@{DEMO_MAIL_DOMAIN}",
                "agency": spec.agency,
                "is_staff": spec.is_staff,
                "is_superuser": spec.is_superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            user.groups.add(*(groups[role] for role in spec.roles))
        results.append((spec, created))
    if any(created and spec.username == "chuyenvien" for spec, created in results):
        # The Sở's staff member follows the communes, so a report overdue past the
        # period's M days is also told to them (and shows in make run's sent-mail/).
        follower = User.objects.get(username="chuyenvien")
        follower.followed_agencies.add(*commune_agencies(Agency.objects.all()))
    return results
