"""Proposals from a directive's implementation section ("Tổ chức thực hiện").

Most tasks of a plan name no agency in their own paragraph: the implementation section
says who carries the whole plan ("Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở,
ngành tổ chức triển khai thực hiện Kế hoạch này") and who carries it out in their area
("UBND các huyện, thành phố căn cứ Kế hoạch này triển khai thực hiện trên địa bàn"). The
rules below read those sentences the way Vietnamese plans write them, whatever the
province: the subject of a sentence must be agencies the tree knows, and its verb must
govern the plan as a whole. A sentence that only "phối hợp" proposes nobody. When in
doubt the rules propose nothing: a wrong proposal that looks right is worse than none.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import one_save
from directives import permissions
from directives.agency_matching import AgencyIndex, normalize_name
from directives.assigning import assign, tasks_without_lead
from directives.models import Agency, Assignment, Directive, Section, Task, TaskGroup

# Headings of the implementation part: "IV. TỔ CHỨC THỰC HIỆN", "Trách nhiệm thực hiện",
# "Phân công nhiệm vụ", and the closing group of a Chỉ thị: "Để thực hiện tốt ...".
_HEADING_RE = re.compile(
    r"^(?:tổ chức (?:triển khai )?thực hiện|(?:trách nhiệm|phân công) (?:tổ chức )?"
    r"(?:thực hiện|nhiệm vụ|trách nhiệm)|để (?:tổ chức )?(?:triển khai )?thực hiện tốt)"
)
_LIST_MARK_RE = re.compile(r"^\s*(?:(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]|[-+•*–—])\s*")
# Who gives the task ("Giao", "UBND tỉnh giao", "Chủ tịch UBND tỉnh đã giao", "Đề nghị").
_GIVER_RE = re.compile(
    r"^(?:(?:chủ tịch )?(?:ubnd|chủ tịch)(?: [^\s,;:]+){0,4}? )?(?:đã |trân trọng )?"
    r"(?:giao(?: cho)?|đề nghị|yêu cầu) "
)
# A clause before the subject: "Để triển khai thực hiện Kế hoạch này, Sở ...".
_INTRO_RE = re.compile(r"^(?:để|căn cứ|trên cơ sở|nhằm|thực hiện) ")
_HEADING_PREFIX_RE = re.compile(r"^(?:trách nhiệm của|đối với|nhiệm vụ của) ")
# Words that end a sentence's subject. A name holding one ("Sở Xây dựng", "Phòng Tổ
# chức cán bộ") is read whole when the tree knows it.
_VERB_RE = re.compile(
    r"\b(?:chủ trì|chủ động|là cơ quan|là đầu mối|làm đầu mối|tham mưu|xây dựng|xây "
    r"kế hoạch|tổ chức|triển khai|căn cứ|phối hợp|hướng dẫn|chỉ đạo|có trách nhiệm|"
    r"chịu trách nhiệm|thực hiện|bám sát|tăng cường|đẩy mạnh|theo dõi|kiểm tra|đôn đốc|"
    r"bố trí|cân đối|quán triệt|tuyên truyền|rà soát|trên cơ sở|nghiêm túc|khẩn trương|"
    r"tập trung|định kỳ|tổng hợp|ban hành|đảm bảo|bảo đảm|quan tâm|cụ thể hóa|vận động|"
    r"huy động|nghiên cứu|giám sát|phổ biến|tiếp tục|thường xuyên|theo chức năng|"
    r"trong phạm vi|giúp|là)\b|:"
)
_SEPARATOR_RE = re.compile(r"(\s*(?:,|;|/|\bvà\b|\bcùng\b)\s*)")
# Collective words that name nobody in particular: "các sở, ban, ngành, đoàn thể tỉnh".
_GENERIC_RE = re.compile(
    r"^(?:(?:các|những)(?: [^\s,;/]+){1,6}|(?:ban|ngành|ban ngành|sở|đoàn thể|hội|đơn vị|"
    r"địa phương|cơ quan|mặt trận)(?: tỉnh| huyện| liên quan| các cấp)?)$"
)
_GENERIC_NOUN_RE = re.compile(r"^(?:các|những) tổ chức\b")
_COORDINATE_RE = re.compile(r"\bphối hợp\b")
_LEAD_VERB_RE = re.compile(
    r"\b(?:chủ trì|là cơ quan (?:thường trực|đầu mối|chủ trì)|(?:là|làm) đầu mối|tham mưu|"
    r"xây dựng kế hoạch|tổ chức triển khai|tổ chức thực hiện|triển khai thực hiện|"
    r"triển khai|theo dõi|đôn đốc|hướng dẫn|chỉ đạo)\b"
)
_EXPLICIT_LEAD_RE = re.compile(r"\b(?:chủ trì|cơ quan thường trực|đầu mối)\b")
_IMPLEMENT_VERB_RE = re.compile(
    r"\b(?:căn cứ|triển khai|tổ chức thực hiện|thực hiện|xây dựng kế hoạch|xây kế hoạch|"
    r"ban hành kế hoạch|cụ thể hóa|chỉ đạo)\b"
)
# The plan as a whole: "Kế hoạch này", "nội dung Chỉ thị", "nhiệm vụ năm học", "các
# nhiệm vụ, giải pháp trên".
_WHOLE_PLAN_RE = re.compile(
    r"\b(?:(?:kế hoạch|chỉ thị|quyết định|đề án|chương trình|văn bản) (?:này|trên|nêu trên)|"
    r"nội dung (?:của )?(?:kế hoạch|chỉ thị)(?! số)|kế hoạch năm học|"
    r"(?:các )?nhiệm vụ(?:,| và)? (?:các )?(?:giải pháp )?(?:trọng tâm |chủ yếu |cơ bản )?"
    r"(?:của |trong )?(?:năm học|nêu trên|trên)\b)"
)
_LOCAL_SCOPE_RE = re.compile(
    r"\b(?:trên địa bàn|tại địa phương|của địa phương|ở địa phương|"
    r"phù hợp với (?:điều kiện|tình hình|thực tế))\b"
)
# Between a verb and the plan it governs only the words of running a plan may stand:
# "tổ chức triển khai thực hiện tốt Kế hoạch này", not "bố trí kinh phí thực hiện ...".
_RUNNING = (
    "tốt có hiệu quả việc thực hiện triển khai kiểm tra đôn đốc theo dõi hướng dẫn tổ chức và "
    "các nội dung của nghiêm túc kịp thời đồng bộ chi tiết sơ kết tổng kết đánh giá báo cáo "
    "hợp xây dựng kế hoạch giám sát chỉ đạo toàn diện quán triệt ban hành cụ thể hóa nhiệm vụ "
    "giải pháp thắng lợi hoàn thành trọng tâm chủ yếu trì động tham mưu để sâu rộng đầy đủ"
)
_RUNNING_WORDS = frozenset(_RUNNING.split())
_MAX_SUBJECT = 200  # characters: no subject is longer


@dataclass
class Proposal:
    """Who the implementation section says carries the plan, and the tasks it would cover."""

    lead: Agency | None
    lead_text: str
    implementers: list[Agency]
    implementers_text: str
    tasks: list[Task]  # without a lead: what accepting would cover


@dataclass
class _Subject:
    specific: list[Agency]  # agencies named one by one, open or closed
    collective: list[Agency]  # open units that collective names stand for
    generic: bool  # a collective word that names nobody ("các sở, ban, ngành")
    unknown: bool  # a name the tree does not know


@dataclass
class _Reading:
    agency: Agency
    explicit: bool
    text: str


def _gap_is_running(text: str) -> bool:
    words = re.findall(r"\w+", text)
    return all(word in _RUNNING_WORDS for word in words)


def _governs(text: str, verbs: re.Pattern, objects: re.Pattern) -> bool:
    """Some verb of ``verbs`` governs some object of ``objects``: only words of running a
    plan stand between them."""
    starts = [m.end() for m in verbs.finditer(text)]
    return any(
        _gap_is_running(text[start : found.start()])
        for found in objects.finditer(text)
        for start in starts
        if start <= found.start()
    )


class _Reader:
    """Reads the sentences of one directive against the agencies of its province."""

    def __init__(self, directive: Directive):
        self.directive = directive
        self.on = directive.issued_on or (
            directive.school_year.span[0] if directive.school_year else None
        )
        self.index = AgencyIndex(issuer=directive.issuer)
        self._segments: dict[str, tuple[str, list[Agency]]] = {}
        implemented = [
            f"{ref.number}/{ref.symbol}".lower()
            for ref in directive.references.all()
            if ref.relation == ref.Relation.IMPLEMENTS and ref.number and ref.symbol
        ]
        self.whole_plan = (
            re.compile(_WHOLE_PLAN_RE.pattern + "|" + "|".join(re.escape(r) for r in implemented))
            if implemented
            else _WHOLE_PLAN_RE
        )
        self.leads: list[_Reading] = []
        self.implementers: list[Agency] = []
        self.implementer_texts: list[str] = []

    # Names -----------------------------------------------------------------------------

    def _segment(self, text: str) -> tuple[str, list[Agency]]:
        """What one name of a list is: specific, collective, generic or unknown."""
        if text not in self._segments:
            self._segments[text] = self._classify(text)
        return self._segments[text]

    def _classify(self, text: str) -> tuple[str, list[Agency]]:
        collective = self.index.collective(text, on=self.on)
        if collective is not None:
            return "collective", collective
        marker_free = _GENERIC_NOUN_RE.sub("các", text)
        if _GENERIC_RE.match(text) and not _VERB_RE.search(marker_free):
            return "generic", []
        if len(text.split()) >= 2:
            found = self.index.match(text, on=self.on)
            if len(found) > 1 and self.on is not None:
                found = [a for a in found if a.is_valid_on(self.on)]
            if len(found) == 1:
                return "specific", found
        return "unknown", []

    def _subject(self, text: str) -> _Subject | None:
        """The names a subject lists ("Sở Tài chính, Sở Kế hoạch và Đầu tư, UBND các huyện,
        thành phố"), read so that as many as possible are known; None when it is not a
        subject: it opens with an unknown name, knows none or holds a verb."""
        pieces = _SEPARATOR_RE.split(text)
        parts, seps = pieces[0::2], pieces[1::2]
        n = len(parts)
        if n > 24:
            return None
        # best[j]: the cheapest reading of parts[:j]: fewest unknown names, then fewest
        # generic ones, then fewest names; with its readings.
        best: list[tuple | None] = [None] * (n + 1)
        best[0] = (0, 0, 0, [])
        for j in range(1, n + 1):
            for i in range(max(0, j - 8), j):
                if best[i] is None:
                    continue
                segment = "".join(
                    parts[k] + (seps[k] if k < j - 1 else "") for k in range(i, j)
                ).strip()
                if not segment:
                    continue
                if _VERB_RE.match(segment):
                    continue  # a name never opens with a verb
                kind, agencies = self._segment(segment)
                if kind in ("unknown", "generic") and _VERB_RE.search(
                    _GENERIC_NOUN_RE.sub("các", segment)
                ):
                    continue
                if kind == "unknown" and i == 0:
                    continue
                cost = (
                    best[i][0] + (kind == "unknown"),
                    best[i][1] + (kind == "generic"),
                    best[i][2] + 1,
                )
                if best[j] is None or cost < best[j][:3]:
                    best[j] = (*cost, [*best[i][3], (kind, agencies)])
        if best[n] is None:
            return None
        readings = best[n][3]
        if not any(kind in ("specific", "collective") for kind, _ in readings):
            return None
        return _Subject(
            specific=[a for kind, found in readings if kind == "specific" for a in found],
            collective=[a for kind, found in readings if kind == "collective" for a in found],
            generic=any(kind == "generic" for kind, _ in readings),
            unknown=any(kind == "unknown" for kind, _ in readings),
        )

    def _split_subject(self, text: str) -> tuple[_Subject, str] | None:
        """The subject a sentence opens with and the rest of it (its predicate)."""
        for cut in _VERB_RE.finditer(text, 0, _MAX_SUBJECT):
            prefix = text[: cut.start()].strip(" ,;:-–")
            if not prefix:
                continue
            subject = self._subject(prefix)
            if subject is not None:
                return subject, text[cut.start() :].lstrip(" :")
        return None

    def heading(self, text: str) -> _Subject | None:
        """The agencies a heading names as a whole ("1. Sở Giáo dục và Đào tạo:",
        "Trách nhiệm của UBND các huyện, thành phố"), else None."""
        plain = _HEADING_PREFIX_RE.sub("", normalize_name(_LIST_MARK_RE.sub("", text)))
        if not plain or len(plain) > _MAX_SUBJECT:
            return None
        subject = self._subject(plain)
        return subject if subject is not None and not subject.unknown else None

    # Sentences -------------------------------------------------------------------------

    def read_paragraph(self, text: str, heading: _Subject | None) -> None:
        """Read each sentence of a paragraph; one without a subject of its own takes the
        previous sentence's, else the heading's."""
        current = heading
        for sentence in _sentences(_LIST_MARK_RE.sub("", text)):
            plain = normalize_name(sentence)
            explicit_aside = bool(re.search(r"\((?:là )?cơ quan (?:thường trực|đầu mối)", plain))
            plain = re.sub(r"\([^)]*\)", " ", plain)
            plain = re.sub(r"\s+", " ", plain).strip()
            found = self._read_sentence(plain)
            if found is not None:
                current, predicate, before = found
            elif current is not None:
                predicate, before = plain, ""
            else:
                continue
            self._judge(current, predicate, before, sentence, explicit_aside)

    def _read_sentence(self, plain: str) -> tuple[_Subject, str, str] | None:
        """(subject, predicate, text before the subject), trying after an opening clause
        ("Để ..., ") and after who gives the task ("Giao", "UBND tỉnh giao")."""
        starts = [0]
        if _INTRO_RE.match(plain):
            starts += [m.end() for m in re.finditer(r",\s*", plain[:_MAX_SUBJECT])]
        for start in starts:
            rest = plain[start:]
            giver = _GIVER_RE.match(rest)
            if giver:
                rest = rest[giver.end() :]
            found = self._split_subject(rest)
            if found is not None:
                return found[0], found[1], plain[:start]
        return None

    def _judge(
        self, subject: _Subject, predicate: str, before: str, sentence: str, aside: bool
    ) -> None:
        coordinate = _COORDINATE_RE.search(predicate)
        own_part = predicate[: coordinate.start()] if coordinate else predicate
        # A lead: one agency, which itself leads (not "phối hợp") the plan as a whole.
        if (
            len(subject.specific) == 1
            and not (subject.collective or subject.generic or subject.unknown)
            and _LEAD_VERB_RE.search(own_part)
            and (
                _governs(predicate, _LEAD_VERB_RE, self.whole_plan)
                or (self.whole_plan.search(before) and _LEAD_VERB_RE.match(own_part))
            )
        ):
            self.leads.append(
                _Reading(
                    agency=subject.specific[0],
                    explicit=aside or bool(_EXPLICIT_LEAD_RE.search(own_part)),
                    text=sentence.strip(),
                )
            )
        # Implementers: local units that carry the plan out in their own area.
        local = subject.collective
        if (
            local
            and _IMPLEMENT_VERB_RE.search(own_part)
            and (
                _governs(predicate, _IMPLEMENT_VERB_RE, self.whole_plan)
                or _governs(predicate, _IMPLEMENT_VERB_RE, _LOCAL_SCOPE_RE)
                or self.whole_plan.search(before)
            )
        ):
            self.implementers.extend(a for a in local if a not in self.implementers)
            self.implementer_texts.append(sentence.strip())

    def lead(self) -> _Reading | None:
        """The lead the sentences agree on: an explicit "chủ trì" first, then the
        education department; two others equally strong are no answer."""
        open_leads = [r for r in self.leads if self.on is None or r.agency.is_valid_on(self.on)]
        if not open_leads:
            return None

        def strength(reading: _Reading) -> tuple[bool, bool]:
            return reading.explicit, _is_education(reading.agency)

        top = max(strength(r) for r in open_leads)
        best = [r for r in open_leads if strength(r) == top]
        if len({r.agency.pk for r in best}) > 1:
            return None
        return best[0]


def _is_education(agency: Agency) -> bool:
    name = normalize_name(agency.name)
    return "gd&đt" in name or "giáo dục" in name


def _sentences(text: str) -> list[str]:
    """A paragraph's sentences: a full stop followed by a capital starts a new one."""
    pieces, start = [], 0
    for stop in re.finditer(r"[.!?]\s+", text):
        following = text[stop.end() : stop.end() + 1]
        if following[:1].isupper() or following in ('"', "“"):
            pieces.append(text[start : stop.end()].strip())
            start = stop.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _is_heading(title: str) -> bool:
    return bool(_HEADING_RE.match(normalize_name(_LIST_MARK_RE.sub("", title))))


def _implementation_part(
    directive: Directive, groups: list[TaskGroup]
) -> tuple[list[Section], list[TaskGroup], bool]:
    """The sections and groups that hold the implementation part, and whether a heading
    says so (else the last group is read: a Chỉ thị ends with who carries it)."""
    sections = [s for s in directive.sections.all() if _is_heading(s.title)]
    section_ids = {s.pk for s in sections}
    part = [g for g in groups if g.section_id in section_ids or _is_heading(g.title)]
    if sections or part:
        return sections, part, True
    return [], groups[-1:], False


def _read(reader: _Reader, sections: list[Section], groups: list[TaskGroup]) -> None:
    """Read the sections' text line by line, then the groups' tasks, each under the
    heading that names its agencies."""
    for section in sections:
        heading = None
        for line in section.text.splitlines():
            if not line.strip():
                continue
            named = reader.heading(line.rstrip().rstrip(":")) if _ends_heading(line) else None
            if named is not None:
                heading = named
                continue
            reader.read_paragraph(line, heading)
    for group in groups:
        heading = reader.heading(group.title) if not _is_heading(group.title) else None
        for task in group.tasks.all():
            named = (
                reader.heading(task.text.rstrip().rstrip(":")) if _ends_heading(task.text) else None
            )
            if named is not None:
                heading = named
                continue
            reader.read_paragraph(task.text, heading)


def _ends_heading(line: str) -> bool:
    """A line that may be a heading: short and ending with a colon or no stop at all."""
    text = line.strip()
    return len(text) <= _MAX_SUBJECT and not text.endswith((".", ";", ","))


def propose(directive: Directive) -> Proposal | None:
    """Who the implementation section says leads the plan and who implements it in their
    area, with the tasks without a lead that accepting would cover. None when the
    implementation section names neither."""
    groups = list(directive.task_groups.order_by("order").prefetch_related("tasks"))
    sections, part, headed = _implementation_part(directive, groups)
    reader = _Reader(directive)
    _read(reader, sections, part)
    lead = reader.lead()
    implementers = [a for a in reader.implementers if lead is None or a.pk != lead.agency.pk]
    if lead is None and not implementers:
        return None
    # A paragraph of the implementation part that names its own agencies is their charge
    # ("Sở Tài chính chủ trì ... bố trí kinh phí"), not a task of the plan's lead.
    own_charge = set()
    if headed:
        own_charge = set(
            Assignment.objects.filter(task__group__in=part).values_list("task_id", flat=True)
        )
    tasks = [task for task in tasks_without_lead(directive) if task.pk not in own_charge]
    for task in tasks:
        task.group.directive = directive  # assign() checks each task's directive
    return Proposal(
        lead=lead.agency if lead else None,
        lead_text=lead.text if lead else "",
        implementers=implementers,
        implementers_text="\n".join(reader.implementer_texts) if implementers else "",
        tasks=tasks,
    )


@transaction.atomic
@one_save
def accept_proposal(
    *,
    directive: Directive,
    by,
    groups: Iterable[TaskGroup] | None = None,
    sections: Iterable[Section] | None = None,
) -> list[Assignment]:
    """Give every task without a lead in the given groups and sections (all of them when
    both are None) to the proposal's lead (chủ trì) and implementers (thực hiện). An agency
    already on a task keeps its role.

    Raises PermissionDenied, and ValidationError when the document proposes nobody.
    """
    if not permissions.can_assign(by):
        raise PermissionDenied
    proposal = propose(directive)
    if proposal is None:
        raise ValidationError(
            _("The implementation section of this directive names no lead and no implementers.")
        )
    tasks = proposal.tasks
    if groups is not None or sections is not None:
        group_ids = {g.pk for g in groups or ()}
        section_ids = {s.pk for s in sections or ()}
        tasks = [t for t in tasks if t.group_id in group_ids or t.group.section_id in section_ids]
    if not tasks:
        return []
    on_task: dict[int, set[int]] = {}
    for task_id, agency_id in Assignment.objects.filter(task__in=tasks).values_list(
        "task_id", "agency_id"
    ):
        on_task.setdefault(task_id, set()).add(agency_id)
    wanted = [(proposal.lead, Assignment.Role.LEAD)] if proposal.lead else []
    wanted += [(agency, Assignment.Role.IMPLEMENT) for agency in proposal.implementers]
    # One call of assign per role and set of agencies missing, so that history and checks
    # are those of every other assignment.
    batches: dict[tuple[str, frozenset[int]], list[Task]] = {}
    agencies = {agency.pk: agency for agency, _ in wanted}
    for task in tasks:
        present = on_task.get(task.pk, set())
        for role in (Assignment.Role.LEAD, Assignment.Role.IMPLEMENT):
            missing = frozenset(a.pk for a, r in wanted if r == role and a.pk not in present)
            if missing:
                batches.setdefault((role, missing), []).append(task)
    created: list[Assignment] = []
    for (role, missing), batch in batches.items():
        created += assign(
            tasks=batch,
            agencies=[agencies[pk] for pk in sorted(missing)],
            role=role,
            by=by,
            source=Assignment.Source.PROPOSAL,
        )
    return created
