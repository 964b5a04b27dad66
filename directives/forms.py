import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from directives.documents import UPLOAD_SUFFIXES
from directives.importing import indicator_rules
from directives.localization import (
    AmbiguousNumber,
    NumberKind,
    decimal_for_field,
    figure_of_kind,
    format_decimal_input,
    parse_decimal,
)
from directives.models import (
    Agency,
    Assignment,
    DeadlineExtension,
    Directive,
    SchoolYear,
    Section,
    Task,
    TaskGroup,
)
from directives.parsing import unsure
from directives.selectors import AssignmentPlan, issuers
from directives.task_state import REASON_LENGTH, Category
from indicators.models import Indicator  # the review form is the importer's: an appendix


class VietnameseDecimalField(forms.DecimalField):
    """A number box that takes "32,7", "32.7", "1.000" and "1.234,5" as ``parse_decimal``
    reads them, and shows "99,85"; a number its digits cannot hold is refused, saying the
    largest it takes. With ``kind``, a count takes whole numbers only and what is
    ambiguous for the kind is refused, saying both readings."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {"invalid": _("Enter a number, for example 32,7.")}

    def __init__(self, *, kind: NumberKind = NumberKind.ANY, **kwargs):
        self.kind = kind
        super().__init__(**kwargs)

    def to_python(self, value):
        return self.read(value, kind=self.kind)

    def read(self, value, *, kind: NumberKind):
        """The number in ``value`` (what was typed) as a figure of ``kind``; for forms that
        know the kind only once another field is clean. Raises ValidationError."""
        if value in self.empty_values:
            return None
        try:
            if isinstance(value, str):
                number = parse_decimal(value, kind=kind)
            else:
                number = Decimal(str(value))
        except AmbiguousNumber as exc:
            raise ValidationError(str(exc), code="ambiguous") from None
        except (ValueError, InvalidOperation):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        try:
            number = decimal_for_field(
                number, max_digits=self.max_digits, decimal_places=self.decimal_places
            )
        except ValueError as exc:
            raise ValidationError(str(exc), code="out_of_range") from None
        try:
            return figure_of_kind(number, kind)
        except ValueError as exc:
            raise ValidationError(str(exc), code="not_whole") from None

    def prepare_value(self, value):
        return format_decimal_input(value)

    def widget_attrs(self, widget):
        # No min/max/step attributes: they would make browsers refuse "32,7".
        return {}


def reread_figures(form: forms.Form, kinds: dict[str, NumberKind]) -> None:
    """Read the typed figures again as the kinds given ({field name: kind}), once the
    fields they depend on (the indicator, its unit) are clean; a figure that the kind
    refuses gets its message beside the field."""
    for name, kind in kinds.items():
        field = form.fields.get(name)
        if not isinstance(field, VietnameseDecimalField) or name not in form.cleaned_data:
            continue
        try:
            form.cleaned_data[name] = field.read(form[name].data, kind=kind)
        except ValidationError as exc:
            form.add_error(name, exc)


# Shown beside every date box; the formats are those of edu_plans/formats/vi.
DATE_HINT = _("Day/month/year, for example 01/12/2024 or 1/12/2024; 2024-12-01 also works.")


class DayFirstDateFormats:
    """The Vietnamese input formats, whatever the interface language."""

    def __iter__(self):
        yield from formats.get_format("DATE_INPUT_FORMATS", lang="vi")


class VietnameseDateField(forms.DateField):
    """A date box that takes 01/12/2024 and 1/12/2024 (day first) and the unambiguous ISO
    2024-12-01, shows 01/12/2024, and refuses anything else saying how to write it.

    The admin's date boxes read the same formats (edu_plans/formats), so every date input
    of the product accepts and refuses the same text.
    """

    widget = forms.DateInput(
        format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"}
    )
    input_formats = DayFirstDateFormats()
    default_error_messages = {
        "invalid": _("Enter the date as day/month/year, for example 01/12/2024."),
    }


class DirectiveFilterForm(forms.Form):
    """The filters above the directive list; every field is optional."""

    query = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words of the title, the number or symbol, the issuer or the tasks."),
    )
    school_year = forms.ModelChoiceField(
        label=_("School year"),
        queryset=SchoolYear.objects.all(),
        required=False,
        empty_label=_("All school years"),
    )
    doc_type = forms.ChoiceField(
        label=_("Document type"),
        choices=[("", _("All types")), *Directive.DocType.choices],
        required=False,
    )
    issuer = forms.ModelChoiceField(
        label=_("Issuing agency"),
        queryset=issuers(),
        required=False,
        empty_label=_("All issuers"),
    )


class DocumentSourceForm(forms.Form):
    """Paste the text of a directive, or upload the file received."""

    text = forms.CharField(
        label=_("Text of the document"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Paste the whole document, from its header to the appendix."),
    )
    file = forms.FileField(
        label=_("Or upload the file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
        help_text=_(
            "A Word file (.docx), a PDF (with its text or scanned), a scanned page (.png, .jpg, "
            ".tif) or a text file (.txt), at most 10 MB. Scans are read by text recognition: "
            "check the marked fields."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text", "").strip() and not cleaned.get("file"):
            raise forms.ValidationError(_("Paste the text or choose a file."))
        return cleaned


class DirectiveReviewForm(forms.Form):
    """What the reader understood, every field editable before anything is created."""

    payload = forms.CharField(widget=forms.HiddenInput)
    doc_type = forms.ChoiceField(label=_("Document type"), choices=Directive.DocType.choices)
    number = forms.CharField(label=_("Number"), required=False, max_length=20)
    symbol = forms.CharField(label=_("Symbol"), required=False, max_length=60)
    issuer = forms.ModelChoiceField(
        label=_("Issuing agency"),
        queryset=None,
        help_text=_("Create a missing agency in the administration first."),
    )
    place = forms.CharField(label=_("Place of issue"), required=False, max_length=120)
    issued_on = VietnameseDateField(label=_("Date of issue"), required=False, help_text=DATE_HINT)
    school_year = forms.CharField(
        label=_("School year"), required=False, max_length=20, help_text=_("e.g. 2024-2025")
    )
    title = forms.CharField(label=_("Title"), widget=forms.Textarea(attrs={"rows": 2}))
    theme = forms.CharField(label=_("Theme of the school year"), required=False)
    motto = forms.CharField(label=_("Motto"), required=False)
    signer_capacity = forms.CharField(
        label=_("Signing capacity"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    signer_name = forms.CharField(label=_("Signer"), required=False, max_length=120)

    HEADER = [
        "doc_type",
        "number",
        "symbol",
        "issuer",
        "place",
        "issued_on",
        "school_year",
        "title",
        "theme",
        "motto",
        "signer_capacity",
        "signer_name",
    ]

    def __init__(self, *args, parsed: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed = parsed
        self.fields["issuer"].queryset = Agency.objects.order_by("name")
        self.agency_choices = list(Agency.objects.order_by("name").values_list("code", "name"))
        signer = parsed.get("signer") or {}
        initial = {
            **{key: parsed.get(key) or "" for key in self.HEADER if key in parsed},
            "issuer": Agency.objects.filter(code=parsed.get("issuer_code") or "").first(),
            # The reader gives ISO text; the box shows the date as 17/09/2024.
            "issued_on": _iso_date(parsed.get("issued_on")),
            "signer_capacity": signer.get("capacity") or "",
            "signer_name": signer.get("name") or "",
        }
        for i, group in enumerate(parsed.get("task_groups", [])):
            self.fields[f"group-{i}-title"] = forms.CharField(
                label=_("Task group"), widget=forms.Textarea(attrs={"rows": 1})
            )
            initial[f"group-{i}-title"] = group.get("title") or ""
            for j, task in enumerate(group.get("tasks", [])):
                self.fields[f"group-{i}-task-{j}-text"] = forms.CharField(
                    label=_("Task"), widget=forms.Textarea(attrs={"rows": 3})
                )
                self.fields[f"group-{i}-task-{j}-deadline"] = forms.CharField(
                    label=_("Deadline"), required=False, max_length=255
                )
                self.fields[f"group-{i}-task-{j}-due_on"] = VietnameseDateField(
                    label=_("Due date"), required=False, help_text=DATE_HINT
                )
                initial[f"group-{i}-task-{j}-due_on"] = _iso_date(task.get("due_on"))
                for m, mention in enumerate(task.get("agencies", [])):
                    prefix = f"group-{i}-task-{j}-agency-{m}"
                    self.fields[prefix] = forms.MultipleChoiceField(
                        label=mention.get("name") or "",
                        choices=self.agency_choices,
                        required=False,
                        widget=forms.SelectMultiple(attrs={"size": 3}),
                    )
                    initial[prefix] = mention.get("codes") or []
                    if not mention.get("codes"):
                        self.fields[f"{prefix}-new"] = forms.BooleanField(
                            label=_("Add “%(name)s” as a new agency")
                            % {"name": mention.get("name")},
                            required=False,
                        )
                initial[f"group-{i}-task-{j}-text"] = task.get("text") or ""
                initial[f"group-{i}-task-{j}-deadline"] = task.get("deadline") or ""
        for k, indicator in enumerate(parsed.get("indicators", [])):
            self.fields[f"indicator-{k}-name"] = forms.CharField(label=_("Indicator"))
            self.fields[f"indicator-{k}-unit"] = forms.CharField(label=_("Unit"), max_length=60)
            for key, label in (("baseline", _("Achieved")), ("target", _("Target"))):
                # The appendix is written as Indicator rows: the same digits.
                self.fields[f"indicator-{k}-{key}"] = Indicator._meta.get_field(
                    f"{key}_value"
                ).formfield(form_class=VietnameseDecimalField, label=label, required=False)
                value = indicator.get(key)
                initial[f"indicator-{k}-{key}"] = (
                    Decimal(value) if value not in (None, "") else None
                )
            initial[f"indicator-{k}-name"] = indicator.get("name") or ""
            initial[f"indicator-{k}-unit"] = indicator.get("unit") or ""
        if not self.is_bound:
            self.initial = {**initial, **self.initial}
        self.unsure = self._place_unsure(parsed.get("unsure") or [])

    def _place_unsure(self, marks: list[dict]) -> list[dict]:
        """Each mark of the reader on the field that shows it, for the page's list of what to
        check first; the field itself carries the reason (``field.unsure``)."""
        placed = []
        for mark in marks:
            name = unsure_field_name(mark.get("field") or "")
            reason = UNSURE_REASONS.get(mark.get("reason"), UNSURE_REASONS[unsure.AMBIGUOUS])
            field = self.fields.get(name) if name else None
            if field is not None and not getattr(field, "unsure", None):
                field.unsure = reason
            placed.append(
                {
                    "label": self._unsure_label(name),
                    "reason": reason,
                    "anchor": name and f"id_{name}",
                }
            )
        return placed

    def _unsure_label(self, name: str | None) -> str:
        if not name or name not in self.fields:
            return str(_("Another part of the document"))
        match = _FIELD_NAME_RE.match(name)
        label = self.fields[name].label
        if not match:
            return str(label)
        group, task, indicator = match.group("group"), match.group("task"), match.group("ind")
        if indicator is not None:
            return _("Indicator %(order)s: %(field)s") % {
                "order": int(indicator) + 1,
                "field": label,
            }
        if task is not None:
            return _("Group %(group)s, task %(task)s: %(field)s") % {
                "group": int(group) + 1,
                "task": int(task) + 1,
                "field": label,
            }
        return _("Group %(group)s: title") % {"group": int(group) + 1}

    def clean(self):
        cleaned = super().clean()
        for k, item in enumerate(self.parsed.get("indicators", [])):
            unit = cleaned.get(f"indicator-{k}-unit")
            if unit is None:
                continue
            # The figures of the indicator the confirmation will create, unit as edited.
            indicator = Indicator(unit=unit, **indicator_rules({**item, "unit": unit}))
            reread_figures(
                self,
                {
                    f"indicator-{k}-{key}": indicator.figure_kind(f"{key}_value")
                    for key in ("baseline", "target")
                },
            )
        return cleaned

    def header_fields(self):
        return [self[name] for name in self.HEADER]

    def group_blocks(self):
        """Each group with its title field and its tasks' fields and agency mentions."""
        blocks = []
        for i, group in enumerate(self.parsed.get("task_groups", [])):
            tasks = []
            for j, task in enumerate(group.get("tasks", [])):
                agencies = []
                for m, mention in enumerate(task.get("agencies", [])):
                    prefix = f"group-{i}-task-{j}-agency-{m}"
                    new = self[f"{prefix}-new"] if f"{prefix}-new" in self.fields else None
                    agencies.append((mention, self[prefix], new))
                tasks.append(
                    (
                        self[f"group-{i}-task-{j}-text"],
                        self[f"group-{i}-task-{j}-deadline"],
                        self[f"group-{i}-task-{j}-due_on"],
                        agencies,
                    )
                )
            blocks.append((group, self[f"group-{i}-title"], tasks))
        return blocks

    def indicator_rows(self):
        return [
            (
                indicator,
                [self[f"indicator-{k}-{key}"] for key in ("name", "unit", "baseline", "target")],
            )
            for k, indicator in enumerate(self.parsed.get("indicators", []))
        ]

    def edited(self) -> dict:
        """The parsed structure with the staff member's corrections applied."""
        data = self.cleaned_data
        result = {**self.parsed}
        for key in (
            "doc_type",
            "number",
            "symbol",
            "place",
            "school_year",
            "title",
            "theme",
            "motto",
        ):
            result[key] = data.get(key) or None
        result["issuer"] = data["issuer"].name
        result["issuer_code"] = data["issuer"].code
        result["issued_on"] = data["issued_on"].isoformat() if data.get("issued_on") else None
        result["signer"] = {
            "name": data.get("signer_name") or None,
            "capacity": data.get("signer_capacity") or None,
        }
        groups = []
        for i, group in enumerate(self.parsed.get("task_groups", [])):
            tasks = []
            for j, task in enumerate(group.get("tasks", [])):
                mentions = []
                for m, mention in enumerate(task.get("agencies", [])):
                    prefix = f"group-{i}-task-{j}-agency-{m}"
                    codes = list(data.get(prefix) or [])
                    if data.get(f"{prefix}-new"):
                        codes.append(self._new_agency(mention["name"], data["issuer"]))
                    mentions.append({**mention, "codes": codes})
                tasks.append(
                    {
                        **task,
                        "text": data[f"group-{i}-task-{j}-text"],
                        "deadline": data.get(f"group-{i}-task-{j}-deadline") or None,
                        "due_on": _iso_text(data.get(f"group-{i}-task-{j}-due_on")),
                        "agencies": mentions,
                    }
                )
            groups.append({**group, "title": data[f"group-{i}-title"], "tasks": tasks})
        result["task_groups"] = groups
        indicators = []
        for k, indicator in enumerate(self.parsed.get("indicators", [])):
            values = {key: data.get(f"indicator-{k}-{key}") for key in ("baseline", "target")}
            indicators.append(
                {
                    **indicator,
                    "name": data[f"indicator-{k}-name"],
                    "unit": data[f"indicator-{k}-unit"],
                    **{key: (str(v) if v is not None else None) for key, v in values.items()},
                }
            )
        result["indicators"] = indicators
        result["new_agencies"] = list(getattr(self, "new_agencies", {}).values())
        return result

    def _new_agency(self, name: str, issuer) -> str:
        """A new agency row for a name the tree does not know, under the issuer's province."""
        from directives.agency_matching import new_agency_row

        if not hasattr(self, "new_agencies"):
            self.new_agencies = {}
        if name not in self.new_agencies:
            taken = {row["code"] for row in self.new_agencies.values()}
            self.new_agencies[name] = new_agency_row(name, issuer=issuer, taken=taken)
        return self.new_agencies[name]["code"]


def _offered_name(agency: Agency) -> str:
    """An agency's name in a picker; a closed one says since when."""
    if agency.valid_until is None:
        return agency.name
    return _("%(name)s (closed after %(date)s)") % {
        "name": agency.name,
        "date": formats.date_format(agency.valid_until, "SHORT_DATE_FORMAT"),
    }


class AssignForm(forms.Form):
    """Give agencies, with a role and optionally a due date of their own, every task
    ticked, every task of the groups ticked and of the sections ticked, in one save.

    The agencies offered are those of the directive's province open on its date, in tree
    order; any agency of the province is looked up, so that the domain names one closed
    before the directive instead of the form refusing it without saying why.
    """

    tasks = forms.ModelMultipleChoiceField(
        label=_("Tasks"), queryset=Task.objects.none(), required=False
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Task groups"), queryset=TaskGroup.objects.none(), required=False
    )
    sections = forms.ModelMultipleChoiceField(
        label=_("Sections"), queryset=Section.objects.none(), required=False
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one agency.")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Assignment.Role.choices,
        widget=forms.RadioSelect,
        initial=Assignment.Role.LEAD,
        help_text=_("An agency already on a task takes the new role."),
    )
    due_on = VietnameseDateField(
        label=_("Due date (hạn hoàn thành)"),
        required=False,
        help_text=format_lazy(
            "{} {}", _("Blank: the task's own deadline, if it has one."), DATE_HINT
        ),
    )
    PICKED = ("tasks", "groups", "sections")

    def __init__(self, *args, plan: AssignmentPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.directive = plan.directive
        self.fields["tasks"].queryset = Task.objects.filter(group__directive=self.directive)
        self.fields["groups"].queryset = TaskGroup.objects.filter(directive=self.directive)
        self.fields["sections"].queryset = Section.objects.filter(directive=self.directive)
        agencies = self.fields["agencies"]
        agencies.queryset = Agency.objects.filter(pk__in=[agency.pk for agency in plan.province])
        agencies.choices = [(agency.pk, _offered_name(agency)) for agency, _depth in plan.agencies]
        self.depths = {agency.pk: depth for agency, depth in plan.agencies}

    def clean(self):
        cleaned = super().clean()
        if not any(self.errors.get(name) for name in self.PICKED) and not any(
            cleaned.get(name) for name in self.PICKED
        ):
            raise ValidationError(_("Tick at least one task, task group or section below."))
        return cleaned

    def chosen_tasks(self) -> list[Task]:
        """The union of the tasks ticked and those of the groups and sections ticked."""
        cleaned = self.cleaned_data
        return list(
            Task.objects.filter(group__directive=self.directive)
            .filter(
                Q(pk__in=cleaned["tasks"])
                | Q(group__in=cleaned["groups"])
                | Q(group__section__in=cleaned["sections"])
            )
            .select_related("group__directive")
            .order_by("group__order", "order")
        )

    def checked(self) -> dict[str, set[int]]:
        """What was ticked, as sent, so that the page ticks it again after an error."""
        if not self.is_bound:
            return {name: set() for name in self.PICKED}
        return {
            name: {int(v) for v in self.data.getlist(self.add_prefix(name)) if v.isdigit()}
            for name in self.PICKED
        }

    def agency_boxes(self) -> list[tuple]:
        """Each agency's checkbox with its depth in the province tree."""
        return [(box, self.depths.get(box.data["value"], 0)) for box in self["agencies"]]


class DueDateForm(forms.Form):
    """A due date for one task (every agency without its own) or one assignment."""

    due_on = VietnameseDateField(label=_("Due date (hạn hoàn thành)"), required=False)


def _iso_text(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


UNSURE_REASONS = {
    unsure.GUESSED: _("inferred from elsewhere in the text: check it against the document"),
    unsure.MISSING: _("not found where the document should state it"),
    unsure.OCR: _("read from a scan, some characters uncertain"),
    unsure.AMBIGUOUS: _("the text can be read more than one way"),
}
_HEADER_PATHS = {
    "signer": "signer_name",
    "signer.name": "signer_name",
    "signer.capacity": "signer_capacity",
}
_PATH_RE = re.compile(
    r"^(?:task_groups\[(?P<group>\d+)\](?:\.tasks\[(?P<task>\d+)\](?:\.(?P<tfield>\w+)"
    r"(?:\[(?P<agency>\d+)\])?)?|\.\w+)?|indicators\[(?P<ind>\d+)\](?:\.(?P<ifield>\w+))?)"
)
_FIELD_NAME_RE = re.compile(
    r"^(?:group-(?P<group>\d+)(?:-task-(?P<task>\d+))?|indicator-(?P<ind>\d+))-"
)
_TASK_FIELDS = {"deadline": "deadline", "due_on": "due_on", "recurs_yearly": "due_on"}
_INDICATOR_FIELDS = ("name", "unit", "baseline", "target")


def unsure_field_name(path: str) -> str | None:
    """The review form's field that shows a reader's mark ("issuer", "task_groups[1].tasks[0]
    .due_on" → "group-1-task-0-due_on"); None for what the form does not show."""
    if path in _HEADER_PATHS:
        return _HEADER_PATHS[path]
    if path in DirectiveReviewForm.HEADER:
        return path
    match = _PATH_RE.match(path)
    if not match:
        return None
    if match.group("ind") is not None:
        field = match.group("ifield")
        return f"indicator-{match.group('ind')}-{field if field in _INDICATOR_FIELDS else 'name'}"
    group, task = match.group("group"), match.group("task")
    if task is None:
        return f"group-{group}-title"
    prefix = f"group-{group}-task-{task}"
    field = match.group("tfield")
    if field == "agencies" and match.group("agency") is not None:
        return f"{prefix}-agency-{match.group('agency')}"
    return f"{prefix}-{_TASK_FIELDS.get(field, 'text')}"


def _iso_date(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


class ExtensionRequestForm(forms.Form):
    """A unit asks to move a task's deadline (xin gia hạn)."""

    requested_due_on = VietnameseDateField(
        label=_("New deadline"),
        help_text=DATE_HINT,
        error_messages={"required": _("Give the new deadline you ask for.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say why the deadline should move."),
            "max_length": _("This text is too long: at most %(limit_value)s characters."),
        },
    )


class ExtensionDecisionForm(forms.Form):
    """Staff grant or refuse a request; the button pressed is the decision."""

    GRANT, REFUSE = "grant", "refuse"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(GRANT, _("Grant the extension")), (REFUSE, _("Refuse"))],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(
        label=_("Note on the decision"),
        required=False,
        max_length=DeadlineExtension._meta.get_field("decision_note").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to refuse: the unit reads it."),
        error_messages={
            "max_length": _("This text is too long: at most %(limit_value)s characters."),
        },
    )


class AccountingFilterForm(forms.Form):
    """The date the tasks are counted on, the role counted, and the category listed."""

    on = VietnameseDateField(label=_("As of"), required=False, help_text=DATE_HINT)
    role = forms.ChoiceField(
        label=_("Role"), choices=Assignment.Role.choices, required=False, initial="lead"
    )
    category = forms.ChoiceField(
        choices=[(c, label) for c, label in Category.LABELS.items()],
        required=False,
        widget=forms.HiddenInput,
    )


class AgencyChoiceForm(forms.Form):
    """Staff and leadership choose whose tasks to read."""

    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.order_by("name"),
        required=False,
        empty_label=_("Choose an agency"),
    )
