"""Matching the agencies a document names ("Sở Tài chính", "UBND các huyện, thành phố")
to agencies of the tree, within the issuer's province."""

import datetime
import re
import unicodedata

from directives.models import Agency

_ABBREVIATIONS = [
    (r"\bủy ban nhân dân\b", "ubnd"),
    (r"\bgiáo dục và đào tạo\b", "gd&đt"),
    (r"\bgd(?:đt| và đt|-đt)", "gd&đt"),
    (r"\bthông tin và truyền thông\b", "tt&tt"),
    (r"\bphát thanh và truyền hình\b", "pt-th"),
    (r"\bmặt trận tổ quốc việt nam\b", "mttq"),
]


def normalize_name(name: str) -> str:
    """Lower case, NFC, one spelling of "Ủy"/"Uỷ", the usual abbreviations."""
    text = unicodedata.normalize("NFC", name).lower().replace("uỷ", "ủy").replace("ủy", "ủy")
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    for pattern, short in _ABBREVIATIONS:
        text = re.sub(pattern, short, text)
    return text


def province_root(agency: Agency, agencies: dict[int, Agency]) -> Agency:
    while agency.parent_id and agency.parent_id in agencies:
        agency = agencies[agency.parent_id]
    return agency


_DISTRICT_LEVEL = r"(?:huyện|quận|thị xã|thành phố|tp)"
_COMMUNE_LEVEL = r"(?:xã|phường|thị trấn|đặc khu)"


def _levels(level: str) -> str:
    return rf"{level}(?:\s*(?:,|/|và)\s*{level})*"


# "UBND các huyện, thị xã, thành phố", "UBND cấp xã", "Phòng GD&ĐT các huyện, thành phố".
_COLLECTIVE_RE = re.compile(
    rf"^(?P<head>[^,;/]*?)\s*(?:các|cấp)\s+"
    rf"(?:(?P<district>{_levels(_DISTRICT_LEVEL)})|(?P<commune>{_levels(_COMMUNE_LEVEL)}))"
    r"(?:\s+(?:trên địa bàn(?: tỉnh| huyện)?|trong tỉnh|trong huyện|trực thuộc))?$"
)
_COUNCIL_HEAD_RE = re.compile(r"^(?:chủ tịch\s+)?(?:ubnd)?$")
# The units a plan's own area holds: a province's districts, a district's communes.
_AREA_KINDS = (Agency.Kind.PROVINCE, Agency.Kind.DISTRICT, Agency.Kind.COMMUNE)


class AgencyIndex:
    """The agencies of the issuer's province, their names normalised once, for reading
    many names of one document."""

    def __init__(self, *, issuer: Agency | None, agencies: dict[int, Agency] | None = None):
        if agencies is None:
            agencies = {a.pk: a for a in Agency.objects.all()}
        self.issuer = issuer
        self._all = agencies
        if issuer is not None:
            root = province_root(issuer, agencies)
            self.scope = [a for a in agencies.values() if province_root(a, agencies).pk == root.pk]
        else:
            self.scope = list(agencies.values())
        self._names = {
            a.pk: (normalize_name(a.name), normalize_name(a.short_name)) for a in self.scope
        }

    def match(self, name: str, *, on: datetime.date | None = None) -> list[Agency]:
        """The agencies a name stands for; [] when unknown (see ``match_agencies``)."""
        wanted = normalize_name(name)
        collective = self.collective(wanted, on=on)
        if collective is not None:
            return collective
        if re.search(r"\bcác (huyện|thành phố)", wanted) and "ubnd" in wanted:
            return sorted(
                (
                    a
                    for a in self.scope
                    if a.kind == Agency.Kind.DISTRICT and (on is None or a.is_valid_on(on))
                ),
                key=lambda a: a.name,
            )
        exact = [a for a in self.scope if wanted in self._names[a.pk]]
        if exact:
            return exact
        prefixed = [
            a
            for a in self.scope
            if self._names[a.pk][0].startswith(wanted + " ")
            or self._names[a.pk][1].startswith(wanted)
        ]
        issuer = self.issuer
        if len(prefixed) > 1 and issuer is not None:
            # "Phòng Giáo dục và Đào tạo" in a district's plan is that district's office.
            if issuer in prefixed:
                return [issuer]
            children = [a for a in prefixed if a.parent_id == issuer.pk]
            prefixed = children or [a for a in prefixed if a.parent_id == issuer.parent_id]
        return prefixed if len(prefixed) == 1 else []

    def collective(self, name: str, *, on: datetime.date | None = None) -> list[Agency] | None:
        """The open units a collective name stands for in the plan's area, sorted by name
        ("UBND các xã, phường": every commune; "Phòng GD&ĐT các huyện": every district's
        office); None when the name is not a collective one."""
        found = _COLLECTIVE_RE.match(normalize_name(name))
        if found is None:
            return None
        level = Agency.Kind.DISTRICT if found["district"] else Agency.Kind.COMMUNE
        head = found["head"].strip(" ,")
        if _COUNCIL_HEAD_RE.match(head):
            units = [a for a in self.scope if a.kind == level]
        elif len(head.split()) >= 2:
            units = [
                a
                for a in self.scope
                if a.parent_id in self._all
                and self._all[a.parent_id].kind == level
                and any(n.startswith(head + " ") for n in self._names[a.pk])
            ]
            if not units:
                return None  # no unit is called so: not a collective name
        else:
            return None
        area = self._area()
        return sorted(
            (
                a
                for a in units
                if (on is None or a.is_valid_on(on)) and (area is None or self._under(a, area))
            ),
            key=lambda a: a.name,
        )

    def _area(self) -> Agency | None:
        """The local government whose area the issuer's plan covers: the issuer itself or
        the nearest one above it (a Sở's plan covers the province)."""
        agency = self.issuer
        while agency is not None:
            if agency.kind in _AREA_KINDS:
                return agency
            agency = self._all.get(agency.parent_id)
        return None

    def _under(self, agency: Agency, area: Agency) -> bool:
        seen = set()
        while agency is not None and agency.pk not in seen:
            if agency.parent_id == area.pk:
                return True
            seen.add(agency.pk)
            agency = self._all.get(agency.parent_id)
        return False


def match_agencies(
    name: str, *, issuer: Agency | None, on: datetime.date | None = None
) -> list[Agency]:
    """The agencies a name stands for, in the issuer's province; [] when unknown.

    "UBND các huyện, thành phố" stands for every district-level unit open on the day,
    "UBND các xã, phường" (or "cấp xã") for every commune, "Phòng GD&ĐT các huyện" for
    every district's education office, each within the issuer's area.
    """
    return AgencyIndex(issuer=issuer).match(name, on=on)


def resolve_agencies(data: dict, *, issuer: Agency | None = None) -> dict:
    """Fill ``issuer_code`` and every agency mention's ``codes`` that can be matched."""
    on = datetime.date.fromisoformat(data["issued_on"]) if data.get("issued_on") else None
    if issuer is None and data.get("issuer"):
        found = match_agencies(data["issuer"], issuer=None, on=on)
        issuer = found[0] if len(found) == 1 else None
    data["issuer_code"] = issuer.code if issuer else data.get("issuer_code")
    for group in data.get("task_groups", []):
        for task in group.get("tasks", []):
            for mention in task.get("agencies", []):
                if not mention.get("codes"):
                    mention["codes"] = [
                        a.code for a in match_agencies(mention["name"], issuer=issuer, on=on)
                    ]
    return data


def new_agency_row(name: str, *, issuer: Agency, taken: set[str]) -> dict:
    """The row of a new agency a document names, placed under the issuer's province."""
    from django.utils.text import slugify

    agencies = {a.pk: a for a in Agency.objects.all()}
    root = province_root(issuer, agencies)
    prefix = root.code.split("-")[0]
    base = f"{prefix}-{slugify(name)[:48]}".rstrip("-")
    code, n = base, 2
    existing = set(Agency.objects.values_list("code", flat=True)) | taken
    while code in existing:
        code, n = f"{base}-{n}", n + 1
    return {"code": code, "name": name, "short_name": "", "kind": "other", "parent": root.code}
