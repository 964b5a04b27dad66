"""Demo agencies: divisions (phòng chuyên môn) of a Sở GD&ĐT, for trying the Sở's own
reporting. Created only with the demo data and marked as demo data: a real department
enters its own divisions."""

from django.db import transaction

from directives.models import Agency

# code suffix, name, short name: the divisions most Sở GD&ĐT have.
DIVISIONS = [
    ("vp", "Văn phòng Sở", "Văn phòng Sở"),
    ("tccb", "Phòng Tổ chức cán bộ", "Phòng TCCB"),
    ("khtc", "Phòng Kế hoạch - Tài chính", "Phòng KH-TC"),
    ("gdmn", "Phòng Giáo dục Mầm non", "Phòng GDMN"),
    ("gdpt", "Phòng Giáo dục Phổ thông", "Phòng GDPT"),
]


@transaction.atomic
def ensure_demo_divisions(department: Agency) -> dict[str, Agency]:
    """The demo divisions under ``department``, by code suffix; created when missing."""
    divisions = {}
    for suffix, name, short_name in DIVISIONS:
        divisions[suffix], _created = Agency.objects.get_or_create(
            code=f"{department.code}-{suffix}",
            defaults={
                "name": name,
                "short_name": f"{short_name} ({department.short_name or department.name})",
                "kind": Agency.Kind.UNIT,
                "parent": department,
                "is_demo": True,
            },
        )
    return divisions
