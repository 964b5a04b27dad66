"""Agencies, school years, directives and their structure (sections, task groups, tasks)."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts import roles
from accounts.audit import AuditedHistory


class Agency(models.Model):
    """An agency or unit (cơ quan, đơn vị) in a tree of any depth.

    Agencies open and close over time (the 2025 reform removed the district level), so
    they carry validity dates and are never deleted; which agencies took over a closed
    one is recorded by the reorganisation that closed it.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Provincial People's Committee")
        DEPARTMENT = "department", _("Provincial department")
        DISTRICT = "district", _("District-level People's Committee")
        DISTRICT_OFFICE = "district_office", _("District office")
        COMMUNE = "commune", _("Commune-level People's Committee")
        SCHOOL = "school", _("School")
        MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
        MEDIA = "media", _("Press and broadcasting")
        UNIT = "unit", _("Internal unit")
        OTHER = "other", _("Other")

    code = models.SlugField(
        _("code"),
        max_length=64,
        unique=True,
        help_text=_("A short stable identifier used by imports, e.g. lc-sgddt."),
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("Created by the demo data, not taken from a real document."),
    )
    followed_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed by department staff"),
        blank=True,
        related_name="followed_agencies",
        limit_choices_to={"groups__name": roles.DEPARTMENT_STAFF},
        help_text=_(
            "Department staff who follow this unit: they are told when its report is long overdue."
        ),
    )
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="agency_valid_until_after_valid_from",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="agency_not_its_own_parent"),
        ]

    def __str__(self):
        return self.short_name or self.name

    def is_valid_on(self, day) -> bool:
        """An agency exists on a day between its validity dates (open-ended when blank)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def is_valid_between(self, first_day, last_day) -> bool:
        """An agency exists during a span of days if it exists on at least one of them."""
        return (self.valid_from is None or self.valid_from <= last_day) and (
            self.valid_until is None or first_day <= self.valid_until
        )

    @property
    def closed_from(self) -> datetime.date | None:
        """The first day the agency no longer exists (the day after its last), or None
        while it has no end."""
        if self.valid_until is None:
            return None
        return self.valid_until + datetime.timedelta(days=1)

    @property
    def closed_since(self) -> datetime.date | None:
        """The day it stopped, once that day has come: what pages viewed after a
        reorganisation mark beside the name the agency's old reports carry."""
        closed_from = self.closed_from
        if closed_from is None or closed_from > timezone.localdate():
            return None
        return closed_from


class SchoolYear(models.Model):
    """A school year (năm học), early September to the end of May."""

    start_year = models.PositiveSmallIntegerField(_("first calendar year"), unique=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("school year")
        verbose_name_plural = _("school years")
        ordering = ["-start_year"]

    def __str__(self):
        return f"{self.start_year} - {self.start_year + 1}"

    @property
    def label(self) -> str:
        """The compact form used in tables and imports: "2024-2025"."""
        return f"{self.start_year}-{self.start_year + 1}"

    @property
    def span(self) -> tuple[datetime.date, datetime.date]:
        """Its first and last day: the dates when set, else 1 September to 31 May."""
        return (
            self.starts_on or datetime.date(self.start_year, 9, 1),
            self.ends_on or datetime.date(self.start_year + 1, 5, 31),
        )


# How much of a title names a directive in a list, a select or a heading.
TITLE_SHORT = 80


class Directive(models.Model):
    """A directive document (văn bản chỉ đạo): Chỉ thị, Kế hoạch, Quyết định..."""

    class DocType(models.TextChoices):
        CHI_THI = "CT", _("Directive (Chỉ thị)")
        KE_HOACH = "KH", _("Plan (Kế hoạch)")
        QUYET_DINH = "QĐ", _("Decision (Quyết định)")
        CONG_VAN = "CV", _("Official letter (Công văn)")
        NGHI_QUYET = "NQ", _("Resolution (Nghị quyết)")
        THONG_BAO = "TB", _("Notice (Thông báo)")
        BAO_CAO = "BC", _("Report (Báo cáo)")

    doc_type = models.CharField(_("document type"), max_length=2, choices=DocType.choices)
    number = models.CharField(
        _("number"),
        max_length=20,
        blank=True,
        help_text=_("Left blank while the document has no number yet (Số: /KH-PGDĐT)."),
    )
    symbol = models.CharField(
        _("symbol"), max_length=60, blank=True, help_text=_("e.g. KH-UBND; blank when unknown.")
    )
    issuer = models.ForeignKey(
        Agency,
        verbose_name=_("issuing agency"),
        on_delete=models.PROTECT,
        related_name="issued_directives",
    )
    place = models.CharField(_("place of issue"), max_length=120, blank=True)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    signer_capacity = models.TextField(
        _("signing capacity"), blank=True, help_text=_("e.g. KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    )
    title = models.TextField(_("title (trích yếu)"))
    school_year = models.ForeignKey(
        SchoolYear,
        verbose_name=_("school year"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directives",
    )
    theme = models.TextField(_("theme of the school year"), blank=True)
    motto = models.TextField(_("motto"), blank=True)
    preamble = models.TextField(_("opening text"), blank=True)
    recipients = models.TextField(
        _("recipients (Nơi nhận)"), blank=True, help_text=_("One recipient per line.")
    )
    source_name = models.CharField(
        _("source file"),
        max_length=255,
        blank=True,
        help_text=_("The file this directive was read from, if any."),
    )
    source_text = models.TextField(_("full source text"), blank=True)
    previous_year = models.ForeignKey(
        "self",
        verbose_name=_("same plan, previous school year"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_years",
        help_text=_(
            "The plan of the year before that this one continues: rolled forward from it, "
            "or linked to it indicator by indicator."
        ),
    )
    is_draft = models.BooleanField(
        pgettext_lazy("directive", "draft"),
        default=False,
        help_text=_("A draft (dự thảo) not yet issued: number and date of issue come later."),
    )
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("Created by the demo data, not taken from a real document."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(bases=[AuditedHistory], excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "symbol", "issued_on"],
                condition=~Q(number=""),
                name="directive_unique_number_symbol_date",
            ),
            models.UniqueConstraint(
                fields=["source_name"],
                condition=~Q(source_name=""),
                name="directive_unique_source_name",
            ),
            # A plan is carried into a school year once (roll-forward refuses a second copy).
            models.UniqueConstraint(
                fields=["previous_year", "school_year"],
                condition=Q(previous_year__isnull=False),
                name="directive_one_continuation_per_year",
            ),
            models.CheckConstraint(
                condition=~Q(previous_year=F("pk")), name="directive_not_its_own_previous_year"
            ),
        ]

    def __str__(self):
        title = self.short_title
        return f"{self.reference} — {title}" if self.reference else title

    def get_absolute_url(self):
        return reverse("directives:directive_detail", args=[self.pk])

    @property
    def short_title(self) -> str:
        """The title in at most about 80 characters, cut between words with an ellipsis."""
        if len(self.title) <= TITLE_SHORT:
            return self.title
        kept = self.title[:TITLE_SHORT].rsplit(" ", 1)[0] or self.title[:TITLE_SHORT]
        return f"{kept.rstrip(' ,;:-–')}…"

    @property
    def reference(self) -> str:
        """Number and symbol as printed: "3707/KH-UBND", "/KH-PGDĐT" before numbering,
        or "" when the source does not give them."""
        if not self.number and not self.symbol:
            return ""
        return f"{self.number}/{self.symbol}"

    @property
    def recipient_list(self) -> list[str]:
        return [line for line in self.recipients.splitlines() if line.strip()]


class DirectiveReference(models.Model):
    """A document this directive implements or rests on ("Thực hiện ...", "Căn cứ ...").

    ``target`` links to the directive when the system holds it; otherwise the reference
    stays as text with whatever type, symbol and date the document states.
    """

    class Relation(models.TextChoices):
        IMPLEMENTS = "implements", _("implements")
        BASED_ON = "based_on", _("is based on")

    directive = models.ForeignKey(
        Directive,
        verbose_name=_("directive"),
        on_delete=models.CASCADE,
        related_name="references",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    relation = models.CharField(
        _("relation"), max_length=16, choices=Relation.choices, default=Relation.IMPLEMENTS
    )
    doc_type = models.CharField(
        _("document type"), max_length=2, choices=Directive.DocType.choices, blank=True
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    symbol = models.CharField(_("symbol"), max_length=60, blank=True)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    text = models.TextField(_("reference as written"))
    target = models.ForeignKey(
        Directive,
        verbose_name=_("directive in the system"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="implemented_by",
    )
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("referenced document")
        verbose_name_plural = _("referenced documents")
        ordering = ["directive", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "order"], name="reference_unique_order_in_directive"
            ),
            models.CheckConstraint(
                condition=~Q(target=F("directive")), name="reference_not_to_itself"
            ),
        ]

    def __str__(self):
        return self.reference or self.text[:80]

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.symbol}" if self.symbol else ""


class Section(models.Model):
    """A section of a directive (I. MỤC ĐÍCH, YÊU CẦU; III. NHIỆM VỤ...), with its own text."""

    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    number = models.CharField(_("number"), max_length=10, blank=True)
    title = models.TextField(_("title"))
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["directive", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "order"], name="section_unique_order_in_directive"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title


class TaskGroup(models.Model):
    """A task group (nhóm nhiệm vụ), numbered as in the document or a bare heading."""

    directive = models.ForeignKey(
        Directive,
        verbose_name=_("directive"),
        on_delete=models.CASCADE,
        related_name="task_groups",
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="task_groups",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    number = models.CharField(
        _("number"), max_length=10, blank=True, help_text=_("As printed; blank for headings.")
    )
    title = models.TextField(_("title"))
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("task group")
        verbose_name_plural = _("task groups")
        ordering = ["directive", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "order"], name="taskgroup_unique_order_in_directive"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title


class Task(models.Model):
    """A task (nhiệm vụ): a paragraph or bullet of a task group, with an optional deadline."""

    group = models.ForeignKey(
        TaskGroup, verbose_name=_("task group"), on_delete=models.CASCADE, related_name="tasks"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    number = models.CharField(
        _("label"), max_length=10, blank=True, help_text=_('As printed: "1", "a", "-" or blank.')
    )
    text = models.TextField(_("text"))
    deadline_text = models.CharField(
        _("deadline as written"),
        max_length=255,
        blank=True,
        help_text=_('e.g. "hoàn thành trong quý III năm 2020"'),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    recurs_yearly = models.BooleanField(
        _("recurs every year"),
        default=False,
        help_text=_('The deadline comes back each year ("trước ngày 20/10 hằng năm").'),
    )
    agencies = models.ManyToManyField(
        Agency, through="Assignment", related_name="tasks", verbose_name=_("agencies")
    )
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "order"], name="task_unique_order_in_group"),
            models.CheckConstraint(
                condition=Q(recurs_yearly=False) | Q(due_on__isnull=False),
                name="task_recurring_deadline_has_date",
            ),
        ]

    def __str__(self):
        return self.text[:100]


class Assignment(models.Model):
    """An agency's part in a task, and the task's state of record for that agency.

    The lead (chủ trì) answers for the task as a whole, a coordinating agency (phối hợp)
    contributes, an implementing unit (thực hiện) carries it out in its own area and
    reports its own result. The state (status, completion date, due date and the
    deadline before any extension) outlives every reporting period: approved reports
    move it.
    """

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead (chủ trì)")
        COORDINATE = "coordinate", _("Coordinating (phối hợp)")
        IMPLEMENT = "implement", _("Implementing (thực hiện)")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Completed")
        DELAYED = "delayed", _("Behind schedule")

    class Source(models.TextChoices):
        DOCUMENT = "document", _("named in the document")
        PROPOSAL = "proposal", _("proposed from the implementation section")
        STAFF = "staff", _("assigned by department staff")

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="assignments"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.LEAD)
    source = models.CharField(
        _("assigned by"), max_length=16, choices=Source.choices, default=Source.DOCUMENT
    )
    due_on = models.DateField(
        _("due date"),
        null=True,
        blank=True,
        help_text=_("This agency's deadline; blank: the task's own deadline, if any."),
    )
    original_due_on = models.DateField(
        _("original due date"),
        null=True,
        blank=True,
        help_text=_("The deadline before the first extension was granted."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["task", "-role", "agency__code"]  # lead, then implementing, coordinating
        constraints = [
            models.UniqueConstraint(fields=["task", "agency"], name="assignment_unique_agency"),
            models.CheckConstraint(
                condition=Q(status="done", completed_on__isnull=False)
                | (~Q(status="done") & Q(completed_on__isnull=True)),
                name="assignment_done_has_completion_date",
            ),
        ]

    def __str__(self):
        return f"{self.agency} — {self.get_role_display()}"

    @property
    def deadline(self) -> datetime.date | None:
        """The date the agency must finish by: its own, else the task's."""
        return self.due_on or self.task.due_on


class DeadlineExtension(models.Model):
    """A request to move an assignment's deadline (gia hạn), and staff's decision on it."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Awaiting a decision")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    previous_due_on = models.DateField(_("deadline when requested"), null=True, blank=True)
    requested_due_on = models.DateField(_("requested deadline"))
    reason = models.TextField(_("reason"), max_length=2_000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decision = models.CharField(
        _("decision"), max_length=16, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), max_length=2_000, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["assignment", "requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="pending") | Q(decided_at__isnull=False),
                name="extension_decision_has_date",
            ),
            models.UniqueConstraint(
                fields=["assignment"],
                condition=Q(decision="pending"),
                name="extension_one_pending_per_assignment",
            ),
        ]

    def __str__(self):
        return f"{self.assignment} — {self.requested_due_on:%d/%m/%Y}"


class Reorganisation(models.Model):
    """A change of the agency tree from a date (sắp xếp đơn vị): some agencies close, others
    open or move, as a legal basis decides (Nghị quyết 1670/NQ-UBTVQH15...).

    Its lines say which old agencies went to which new ones. Applying it closes, opens and
    moves agencies and moves the users of closed ones, in one transaction; nothing is
    deleted, and the agencies' own history records who did it and when.
    """

    effective_on = models.DateField(
        _("takes effect on"), help_text=_("The first day of the new organisation.")
    )
    basis = models.CharField(
        _("legal basis"),
        max_length=255,
        help_text=_(
            "The decision it carries out, e.g. Nghị quyết 1670/NQ-UBTVQH15 ngày 16/6/2025."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")
        ordering = ["-effective_on", "-pk"]

    def __str__(self):
        return f"{self.basis} ({self.effective_on:%d/%m/%Y})"

    @property
    def closes_on(self) -> datetime.date:
        """The last day of the agencies it closes."""
        return self.effective_on - datetime.timedelta(days=1)


class ReorganisationLine(models.Model):
    """One change of a reorganisation: which agencies went into which.

    A merger takes several agencies into one (hợp nhất, sáp nhập), a split one into several
    (chia tách), a regrouping several into several when the basis does not say which went
    where; a transfer moves an agency, which stays open, under another parent (điều chuyển).
    ``mapping_stated`` is false when the basis names the new agencies but not which old one
    each comes from: then nothing follows a unit's figures across the change.
    """

    class Kind(models.TextChoices):
        MERGER = "merger", _("Merger (several into one)")
        SPLIT = "split", _("Split (one into several)")
        REGROUPING = "regrouping", _("Regrouping (several into several)")
        TRANSFER = "transfer", _("Transfer to another parent agency")

    reorganisation = models.ForeignKey(
        Reorganisation,
        verbose_name=_("reorganisation"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind of change"), max_length=16, choices=Kind.choices)
    predecessors = models.ManyToManyField(
        Agency,
        verbose_name=_("agencies before"),
        related_name="reorganised_into",
        help_text=_("The agencies this change closes (for a transfer: the agency moved)."),
    )
    successors = models.ManyToManyField(
        Agency,
        verbose_name=_("agencies after"),
        related_name="reorganised_from",
        blank=True,
        help_text=_("The agencies that take over (for a transfer: the agency moved)."),
    )
    new_parent = models.ForeignKey(
        Agency,
        verbose_name=_("new parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a transfer: the agency it moves under."),
    )
    old_parent = models.ForeignKey(
        Agency,
        verbose_name=_("previous parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    users_to = models.ForeignKey(
        Agency,
        verbose_name=_("users move to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where the users of the closed agencies go (by default the only successor)."),
    )
    mapping_stated = models.BooleanField(
        _("mapping stated by the basis"),
        default=True,
        help_text=_(
            "Clear when the basis lists the new agencies without saying which old agency "
            "each one comes from."
        ),
    )
    new_agencies = models.JSONField(
        _("agencies it creates"),
        default=list,
        blank=True,
        help_text=_(
            "Agencies that do not exist yet and open with this change, created when the "
            "reorganisation is applied: code, name, short name, kind, parent code."
        ),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("change of a reorganisation")
        verbose_name_plural = _("changes of a reorganisation")
        ordering = ["reorganisation", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["reorganisation", "order"], name="reorganisationline_unique_order"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["merger", "split", "regrouping", "transfer"]),
                name="reorganisationline_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.reorganisation} — {self.get_kind_display()} {self.order}"


class ImportedDocument(models.Model):
    """A file uploaded on the import page, read by a background job (directives.tasks):
    kept in private media storage (never a public URL) with what was read from it, for
    its review page, and removed with its job (the job's owner is the one who uploaded)."""

    job = models.OneToOneField(
        "jobs.Job",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="imported_document",
        verbose_name=pgettext_lazy("import", "job"),
    )
    file = models.FileField(pgettext_lazy("import", "file"), upload_to="imports/")
    name = models.CharField(pgettext_lazy("import", "file name"), max_length=255)
    # What the reader understood, as the review page takes it (directive_import); empty
    # until the job has read the file.
    parsed = models.JSONField(pgettext_lazy("import", "what was read"), null=True, blank=True)

    class Meta:
        verbose_name = _("uploaded document")
        verbose_name_plural = _("uploaded documents")

    def __str__(self):
        return self.name


@receiver(post_delete, sender=ImportedDocument)
def _remove_uploaded_file(sender, instance, **kwargs):
    """The upload goes with its record (its job pruned), once the deletion is committed."""
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
