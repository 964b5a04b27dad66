import datetime

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.db import models
from django.db.models import Case, CharField, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Concat
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.forms import SelectableFieldsExportForm

from accounts.admin import AuditedHistoryAdmin
from directives.forms import VietnameseDateField, VietnameseDecimalField
from directives.lineage import successions_on
from directives.models import (
    Agency,
    Assignment,
    Directive,
    DirectiveReference,
    Reorganisation,
    ReorganisationLine,
    SchoolYear,
    Section,
    Task,
    TaskGroup,
)
from directives.resources import AgencyResource

# Numbers and dates in the admin's forms are read by the same fields as on the pages:
# "32,7" as well as "32.7", and 01/12/2024 (or 2024-12-01), nothing else.
VIETNAMESE_INPUTS = {
    models.DecimalField: {"form_class": VietnameseDecimalField},
    models.DateField: {"form_class": VietnameseDateField},
}


class ColumnNamedExportForm(SelectableFieldsExportForm):
    """The export page names each column as the workbook will ("TT", "Tên"), not by the
    English attribute behind it ("Order (TT)")."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        if field is not None and field.column_name:
            return str(field.column_name)
        return super()._get_field_label(resource, field_name)


class PermissionCheckedImportExportAdmin(ImportExportModelAdmin):
    """Import and export under the model's own permissions.

    django-import-export lets anyone who can open the admin import unless told otherwise;
    an import adds and changes rows, so it needs both permissions, and an export reads
    them, so it needs the view permission.
    """

    export_form_class = ColumnNamedExportForm

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)


# Deep enough for province → district → commune → school → division and more.
TREE_DEPTH = 7


def _ancestor(level: int, name: str) -> str:
    return "__".join(["parent"] * level + [name])


def tree_annotations() -> dict:
    """Each agency's depth in the tree and its path of codes from the root, in SQL, so that
    the admin lists the tree in order (a parent, then its children) in one query."""
    depth_cases, path_cases = [], []
    for depth in range(TREE_DEPTH):
        condition = Q(**{f"{_ancestor(depth, 'parent')}__isnull": True})
        parts = []
        for level in range(depth, -1, -1):
            parts += [F(_ancestor(level, "code")), Value("/")]
        depth_cases.append(When(condition, then=Value(depth)))
        path = Concat(*parts[:-1], output_field=CharField()) if depth else F("code")
        path_cases.append(When(condition, then=path))
    return {
        "tree_depth": Case(*depth_cases, default=Value(TREE_DEPTH), output_field=IntegerField()),
        "tree_path": Case(*path_cases, default=F("code"), output_field=CharField()),
        "child_count": Count("children", distinct=True),
    }


class AgencyTreeChangeList(ChangeList):
    """The agency list in tree order unless the user sorts by a column."""

    def get_ordering(self, request, queryset):
        if ORDER_VAR in self.params:
            return super().get_ordering(request, queryset)
        return ["tree_path", "pk"]


def _is_autocomplete(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "autocomplete"


class ValidityFilter(admin.SimpleListFilter):
    """Agencies open today, closed, or not open yet."""

    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return [
            ("open", _("Open today")),
            ("closed", _("Closed")),
            ("future", _("Not open yet")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "open":
            return queryset.exclude(valid_from__gt=today).exclude(valid_until__lt=today)
        if self.value() == "closed":
            return queryset.filter(valid_until__lt=today)
        if self.value() == "future":
            return queryset.filter(valid_from__gt=today)
        return queryset


@admin.register(Agency)
class AgencyAdmin(PermissionCheckedImportExportAdmin, AuditedHistoryAdmin):
    resource_classes = [AgencyResource]
    list_display = [
        "name_in_tree",
        "children",
        "short_name",
        "code",
        "kind",
        "valid_from",
        "closed_and_replaced_by",
    ]
    list_filter = ["kind", ValidityFilter, "valid_until"]
    search_fields = ["name", "short_name", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["followed_by"]
    formfield_overrides = VIETNAMESE_INPUTS

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(**tree_annotations())

    def get_changelist(self, request, **kwargs):
        return AgencyTreeChangeList

    def get_changelist_instance(self, request):
        """The page's agencies, each closed one with what replaced it, read at once."""
        changelist = super().get_changelist_instance(request)
        rows = list(changelist.result_list)
        closed = [agency for agency in rows if agency.valid_until is not None]
        if closed:
            today = timezone.localdate()
            last = max(agency.valid_until for agency in closed)
            found = successions_on(closed, max(today, last + datetime.timedelta(days=1)))
            for agency in closed:
                succession = found.get(agency.pk)
                agency.replaced_by = succession.successors if succession else ()
        return changelist

    def get_search_results(self, request, queryset, search_term):
        """The autocomplete of other pages' agency fields offers the agencies open today,
        unless it is asked for closed ones too (?closed=1)."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if _is_autocomplete(request):
            if request.GET.get("closed") != "1":
                queryset = queryset.exclude(valid_until__lt=timezone.localdate())
            queryset = queryset.order_by("name", "pk")  # the tree's count drops the ordering
        return queryset, may_have_duplicates

    @admin.display(description=_("valid until"), ordering="valid_until")
    def closed_and_replaced_by(self, obj):
        if obj.valid_until is None:
            return "—"
        day = formats.date_format(obj.valid_until, "SHORT_DATE_FORMAT")
        replaced = getattr(obj, "replaced_by", ())
        if not replaced:
            return day
        return format_html(
            "{} → {}", day, ", ".join(agency.short_name or agency.name for agency in replaced)
        )

    @admin.display(description=_("name"), ordering="tree_path")
    def name_in_tree(self, obj):
        return format_html(
            '<span class="agency-tree agency-tree--{}">{}</span>', min(obj.tree_depth, 6), obj.name
        )

    @admin.display(description=_("sub-agencies"), ordering="child_count")
    def children(self, obj):
        return obj.child_count or "—"

    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "code", "kind", "parent"]}),
        (_("Validity"), {"fields": ["valid_from", "valid_until"]}),
    ]


@admin.register(SchoolYear)
class SchoolYearAdmin(admin.ModelAdmin):
    list_display = ["__str__", "starts_on", "ends_on"]
    search_fields = ["start_year"]
    formfield_overrides = VIETNAMESE_INPUTS


class DirectiveReferenceInline(admin.TabularInline):
    model = DirectiveReference
    fk_name = "directive"
    extra = 0
    fields = ["order", "relation", "doc_type", "number", "symbol", "issued_on", "text", "target"]
    autocomplete_fields = ["target"]
    formfield_overrides = VIETNAMESE_INPUTS


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ["order", "number", "title", "text"]


class TaskGroupInline(admin.TabularInline):
    model = TaskGroup
    extra = 0
    fields = ["order", "number", "title", "section"]
    show_change_link = True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only the sections of the directive being edited.
        if db_field.name == "section":
            directive_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Section.objects.filter(directive_id=directive_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Directive)
class DirectiveAdmin(AuditedHistoryAdmin):
    list_display = ["reference", "short_title", "doc_type", "issuer", "issued_on", "school_year"]
    list_filter = ["doc_type", "school_year", "issuer"]
    search_fields = ["number", "symbol", "title", "theme"]
    list_select_related = ["issuer", "school_year"]
    autocomplete_fields = ["issuer"]
    date_hierarchy = "issued_on"
    inlines = [DirectiveReferenceInline, SectionInline, TaskGroupInline]
    formfield_overrides = VIETNAMESE_INPUTS
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("doc_type", "number", "symbol"),
                    "issuer",
                    ("place", "issued_on"),
                    "title",
                    "school_year",
                    "theme",
                    "motto",
                ]
            },
        ),
        (_("Signature"), {"fields": ["signer_capacity", "signer_name"]}),
        (
            _("Source"),
            {
                "fields": ["preamble", "recipients", "source_name", "source_text"],
                "classes": ["collapse"],
            },
        ),
    ]

    @admin.display(description=_("number and symbol"), ordering="number")
    def reference(self, obj):
        return obj.reference or "—"

    @admin.display(description=_("title"))
    def short_title(self, obj):
        return obj.title[:90]


@admin.register(DirectiveReference)
class DirectiveReferenceAdmin(AuditedHistoryAdmin):
    list_display = ["directive", "order", "doc_type", "number", "symbol", "issued_on", "target"]
    list_filter = ["relation", "doc_type"]
    search_fields = ["text", "number", "symbol"]
    list_select_related = ["directive", "target"]
    autocomplete_fields = ["directive", "target"]
    formfield_overrides = VIETNAMESE_INPUTS


@admin.register(Section)
class SectionAdmin(AuditedHistoryAdmin):
    list_display = ["__str__", "directive", "order"]
    list_filter = ["directive"]
    search_fields = ["title", "text"]
    list_select_related = ["directive"]


class TaskInline(admin.StackedInline):
    model = Task
    extra = 0
    fields = ["order", "number", "text", ("deadline_text", "due_on", "recurs_yearly")]
    show_change_link = True
    formfield_overrides = VIETNAMESE_INPUTS


@admin.register(TaskGroup)
class TaskGroupAdmin(AuditedHistoryAdmin):
    list_display = ["__str__", "directive", "order", "section"]
    list_filter = ["directive"]
    search_fields = ["title"]
    list_select_related = ["directive", "section"]
    autocomplete_fields = ["directive"]
    inlines = [TaskInline]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(Task)
class TaskAdmin(AuditedHistoryAdmin):
    list_display = ["__str__", "group", "order", "due_on"]
    list_filter = ["group__directive", "recurs_yearly"]
    search_fields = ["text", "deadline_text"]
    list_select_related = ["group"]
    autocomplete_fields = ["group"]
    inlines = [AssignmentInline]
    formfield_overrides = VIETNAMESE_INPUTS


@admin.register(Assignment)
class AssignmentAdmin(AuditedHistoryAdmin):
    list_display = ["task", "agency", "role"]
    list_filter = ["role", "agency"]
    search_fields = ["task__text", "agency__name"]
    list_select_related = ["task", "agency"]
    autocomplete_fields = ["task", "agency"]


class ReorganisationLineInline(admin.StackedInline):
    """The changes of a reorganisation; read-only once it is applied."""

    model = ReorganisationLine
    extra = 0
    fields = [
        "order",
        "kind",
        "predecessors",
        "successors",
        "new_agencies",
        "new_parent",
        "old_parent",
        "users_to",
        "mapping_stated",
        "note",
    ]
    readonly_fields = ["old_parent"]
    autocomplete_fields = ["predecessors", "successors", "new_parent", "users_to"]

    def _applied(self, obj) -> bool:
        return obj is not None and obj.applied_at is not None

    def has_add_permission(self, request, obj=None):
        return not self._applied(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._applied(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._applied(obj) and super().has_delete_permission(request, obj)


@admin.register(Reorganisation)
class ReorganisationAdmin(AuditedHistoryAdmin):
    """Reorganisations are applied on their page (Sắp xếp đơn vị), which previews them;
    once applied, nothing of them changes here."""

    list_display = ["basis", "effective_on", "applied_at", "applied_by", "is_demo"]
    list_filter = ["effective_on", "is_demo"]
    search_fields = ["basis", "note"]
    list_select_related = ["applied_by"]
    date_hierarchy = "effective_on"
    inlines = [ReorganisationLineInline]
    formfield_overrides = VIETNAMESE_INPUTS
    fields = ["effective_on", "basis", "note", "is_demo", "created_by", "applied_by", "applied_at"]
    readonly_fields = ["created_by", "applied_by", "applied_at"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.applied_at is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.applied_at is not None:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
