"""Matching the agencies a document names ("Sở Tài chính", "UBND các huyện, thành phố")
to agencies of the tree, within the issuer's province."""

import datetime
import re
import unicodedata

from directives.models import Agency

_ABBREVIATIONS = [
    (r"\bủy ban nhân dân\b", "ubnd"),
    (r"\bgiáo dục và đào tạo\b", "gd&đt"),
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


def match_agencies(
    name: str, *, issuer: Agency | None, on: datetime.date | None = None
) -> list[Agency]:
    """The agencies a name stands for, in the issuer's province; [] when unknown.

    "UBND các huyện, thành phố" stands for every district-level unit open on the day.
    """
    agencies = {a.pk: a for a in Agency.objects.all()}
    if issuer is not None:
        root = province_root(issuer, agencies)
        scope = [a for a in agencies.values() if province_root(a, agencies).pk == root.pk]
    else:
        scope = list(agencies.values())
    wanted = normalize_name(name)
    if re.search(r"\bcác (huyện|thành phố)", wanted) and "ubnd" in wanted:
        return sorted(
            (
                a
                for a in scope
                if a.kind == Agency.Kind.DISTRICT and (on is None or a.is_valid_on(on))
            ),
            key=lambda a: a.name,
        )
    exact = [a for a in scope if wanted in (normalize_name(a.name), normalize_name(a.short_name))]
    if exact:
        return exact
    prefixed = [
        a
        for a in scope
        if normalize_name(a.name).startswith(wanted + " ")
        or normalize_name(a.short_name).startswith(wanted)
    ]
    if len(prefixed) > 1 and issuer is not None:
        # "Phòng Giáo dục và Đào tạo" in a district's plan is that district's office.
        if issuer in prefixed:
            return [issuer]
        prefixed = [a for a in prefixed if a.parent_id == issuer.parent_id]
    return prefixed if len(prefixed) == 1 else []


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
