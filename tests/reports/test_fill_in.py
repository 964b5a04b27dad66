"""The Excel fill-in template: downloaded, filled in as a district clerk would, uploaded,
previewed and applied; and every file that is not an honest template refused."""

import io
import os
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from directives.models import Directive
from indicators.models import IndicatorTarget
from reports import fill_in, workflow
from reports.history import report_history
from reports.models import IndicatorValue, ProgressReport, TaskAnswer
from tests.reports.conftest import complete_input, make_period

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def template(report) -> Workbook:
    return load_workbook(io.BytesIO(fill_in.build_template(report)))


def saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "bao-cao.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def rows(ws) -> dict[int, int]:
    """Excel row of each task or indicator id (the hidden column A)."""
    return {ws[f"A{r}"].value: r for r in range(5, ws.max_row + 1) if ws[f"A{r}"].value}


def indicator_rows(report, ws) -> dict[int, int]:
    """Excel row of each indicator, by its order (TT)."""
    by_id = rows(ws)
    return {i.order: by_id[i.pk] for i in workflow.indicators_for(report)}


def fill(workbook: Workbook, report, *, status="Hoàn thành", numerator=4990, denominator=5000):
    """What a district clerk types: a status from the list, results, the figures."""
    tasks = workbook["Nhiệm vụ"]
    for row in rows(tasks).values():
        tasks[f"E{row}"] = status
        tasks[f"F{row}"] = "Đã tổ chức hội nghị triển khai tới 100% trường học."
        tasks[f"G{row}"] = "Thiếu phòng học ở điểm trường lẻ."
        tasks[f"H{row}"] = "Đề nghị bổ sung kinh phí."
    values = workbook["Chỉ tiêu"]
    order = indicator_rows(report, values)
    values[f"G{order[2]}"] = numerator
    values[f"H{order[2]}"] = denominator
    values[f"F{order[8]}"] = 3
    values[f"I{order[8]}"] = "Xã Mồ Sì San, Pa Vây Sử, Sì Lở Lầu."
    return workbook


def filled(report, **options) -> bytes:
    return saved(fill(template(report), report, **options))


def snapshot(report) -> tuple:
    """Everything an upload could change, to show that nothing did."""
    report = ProgressReport.objects.get(pk=report.pk)
    return (
        report.version,
        report.status,
        list(TaskAnswer.objects.filter(report=report).values()),
        list(IndicatorValue.objects.filter(report=report).values()),
        len(report_history(report)),
    )


# --- the template --------------------------------------------------------------------


def test_template_is_prefilled_protected_validated_and_identified(phongtho_report, unit_user):
    report = workflow.save_report(
        report=phongtho_report,
        data=complete_input(phongtho_report),
        expected_version=1,
        by=unit_user,
    )
    wb = template(report)
    assert wb.sheetnames == ["Nhiệm vụ", "Chỉ tiêu", "edu_plans"]
    assert wb.security.lockStructure

    meta = wb["edu_plans"]
    assert meta.sheet_state == "veryHidden"
    identity = {row[0]: row[1] for row in meta.iter_rows(values_only=True)}
    assert identity["report"] == report.pk
    assert identity["agency"] == "lc-phongtho-ubnd"
    assert identity["period"] == report.period_id
    assert identity["report_version"] == report.version == 2
    assert identity["template_version"] == fill_in.TEMPLATE_VERSION

    tasks = wb["Nhiệm vụ"]
    assert tasks.protection.sheet
    assert tasks.freeze_panes == "A5"
    assert tasks["C4"].value == "Nhiệm vụ" and tasks["E4"].value == "Tình trạng (*)"
    task_rows = list(rows(tasks).values())
    assert len(task_rows) == 2  # IV.2 (lead) and IV.4 (coordinating)
    for row in task_rows:
        assert tasks[f"E{row}"].value == "Đang triển khai"  # what was entered already
        assert tasks[f"F{row}"].value == "Đã triển khai kế hoạch tới 100% trường học."
        for column in "EFGH":
            assert not tasks[f"{column}{row}"].protection.locked
        for column in "ABCD":
            assert tasks[f"{column}{row}"].protection.locked
    (status,) = tasks.data_validations.dataValidation
    assert status.type == "list"
    assert status.formula1 == '"Chưa triển khai,Đang triển khai,Hoàn thành,Chậm tiến độ"'
    assert {f"E{row}" for row in task_rows} == {str(r) for r in status.sqref.ranges}

    values = wb["Chỉ tiêu"]
    assert values.protection.sheet
    order = indicator_rows(report, values)
    ratio_row, sum_row = order[2], order[8]
    assert values[f"G{ratio_row}"].value == 995 and values[f"H{ratio_row}"].value == 1000
    assert isinstance(values[f"H{ratio_row}"].value, int)
    assert values[f"F{sum_row}"].value == 3
    assert values[f"E{ratio_row}"].value == pytest.approx(99.8)  # the unit's target
    assert not values[f"G{ratio_row}"].protection.locked
    assert not values[f"H{ratio_row}"].protection.locked
    assert values[f"F{ratio_row}"].protection.locked  # computed from the two
    assert not values[f"F{sum_row}"].protection.locked
    assert values[f"G{sum_row}"].protection.locked
    checks = {
        str(cell_range): (v.type, v.operator, v.formula1, v.formula2)
        for v in values.data_validations.dataValidation
        for cell_range in v.sqref.ranges
    }
    assert checks[f"G{ratio_row}"] == ("decimal", "greaterThanOrEqual", "0", None)
    assert checks[f"H{ratio_row}"] == ("decimal", "greaterThan", "0", None)
    assert checks[f"F{sum_row}"] == ("decimal", "greaterThanOrEqual", "0", None)


def test_input_cells_are_the_unlocked_cells_a_clerk_fills(phongtho_report):
    cells = fill_in.input_cells(template(phongtho_report), report=phongtho_report)
    assert [kind for _cell, kind in cells] == ["progress", "text", "text", "text"] * 2 + [
        "numerator",
        "denominator",
        "text",
        "value",
        "text",
    ]
    assert not any(cell.protection.locked for cell, _kind in cells)


def test_a_percentage_entered_as_a_value_is_checked_between_0_and_100(phongtho_report, plan_3707):
    province_rate = plan_3707.indicators.get(order=15)  # unit "%", not a ratio
    IndicatorTarget.objects.create(
        indicator=province_rate, agency=phongtho_report.agency, target_value=Decimal(100)
    )
    wb = fill(template(phongtho_report), phongtho_report)
    values = wb["Chỉ tiêu"]
    row = indicator_rows(phongtho_report, values)[15]
    checks = {
        str(r): (v.operator, v.formula1, v.formula2)
        for v in values.data_validations.dataValidation
        for r in v.sqref.ranges
    }
    assert checks[f"F{row}"] == ("between", "0", "100")
    values[f"F{row}"] = 100.5
    preview = fill_in.read_upload(upload(saved(wb)), report=phongtho_report)
    assert [(p.sheet, p.row, p.column) for p in preview.problems] == [("Chỉ tiêu", row, "F")]
    assert preview.problems[0].message == "Tỷ lệ phần trăm phải từ 0 đến 100."


# --- the round trip --------------------------------------------------------------------


def test_a_filled_template_is_previewed_then_saved_with_its_history(phongtho_report, unit_user):
    content = filled(phongtho_report)
    before = snapshot(phongtho_report)

    preview = fill_in.read_upload(upload(content), report=phongtho_report)
    assert preview.problems == []
    assert preview.version == 1
    assert snapshot(phongtho_report) == before  # a preview saves nothing
    changes = {(c.label[:9], c.field, c.old, c.new) for c in preview.changes}
    assert ("Nhiệm vụ ", "tình trạng", "", "Hoàn thành") in changes
    assert ("Chỉ tiêu ", "tử số", "", "4.990") in changes
    assert ("Chỉ tiêu ", "mẫu số", "", "5.000") in changes
    assert ("Chỉ tiêu ", "giá trị", "", "99,8") in changes
    assert ("Chỉ tiêu ", "giá trị", "", "3") in changes
    assert len(preview.changes) == 2 * 4 + 3 + 2  # 2 tasks × 4 fields, the ratio's 3, the sum's 2

    report = fill_in.apply_upload(preview, report=phongtho_report, by=unit_user)
    assert report.version == 2 and report.status == Status.DRAFT
    answers = list(report.answers.order_by("task__order"))
    assert [a.progress for a in answers] == ["done", "done"]
    assert answers[0].results == "Đã tổ chức hội nghị triển khai tới 100% trường học."
    ratio = report.values.get(indicator__order=2)
    assert (ratio.numerator, ratio.denominator, ratio.value) == (4990, 5000, Decimal("99.80"))
    communes = report.values.get(indicator__order=8)
    assert communes.value == 3 and communes.note == "Xã Mồ Sì San, Pa Vây Sử, Sì Lở Lầu."
    entry = report_history(report)[0]  # one entry for the whole upload
    assert entry.who == unit_user.username and entry.action == "Lưu báo cáo"
    assert any(c.field == "tình trạng" and c.new == "Hoàn thành" for c in entry.changes)
    assert any(c.field == "tử số" and c.new == "4.990" for c in entry.changes)
    uploaded = [c for c in entry.changes if c.field in ("tình trạng", "kết quả đạt được", "tử số")]
    assert len(uploaded) == 5
    # Nothing left to fill: the unit can submit what it uploaded.
    assert workflow.missing_items(report) == []

    # A second template carries what was saved; one figure changed shows old → new.
    again = template(report)
    order = indicator_rows(report, again["Chỉ tiêu"])
    assert again["Chỉ tiêu"][f"G{order[2]}"].value == 4990
    again["Chỉ tiêu"][f"G{order[2]}"] = 5000
    preview = fill_in.read_upload(upload(saved(again)), report=report)
    assert preview.problems == [] and preview.version == 2
    assert [(c.field, c.old, c.new) for c in preview.changes] == [
        ("giá trị", "99,8", "100"),
        ("tử số", "4.990", "5.000"),
    ]
    fill_in.apply_upload(preview, report=report, by=unit_user)
    assert report.values.get(indicator__order=2).numerator == 5000


def test_numbers_typed_as_vietnamese_text_are_read_as_numbers(phongtho_report):
    wb = fill(template(phongtho_report), phongtho_report)
    values = wb["Chỉ tiêu"]
    order = indicator_rows(phongtho_report, values)
    # Cells formatted as text, typed the Vietnamese way: as the pages show 4990 and 5000.
    values[f"G{order[2]}"] = "4.990"
    values[f"H{order[2]}"] = "5.000,0"
    preview = fill_in.read_upload(upload(saved(wb)), report=phongtho_report)
    assert preview.problems == []
    (ratio,) = [v for v in preview.data.values if v.numerator is not None]
    assert (ratio.numerator, ratio.denominator) == (Decimal("4990"), Decimal("5000"))


# --- cells that are refused ------------------------------------------------------------


def cell_problems(report, edit) -> list[tuple]:
    """Fill the template, apply ``edit`` to it, upload it: the problems found, and proof
    that nothing was saved."""
    wb = fill(template(report), report)
    edit(wb, rows(wb["Nhiệm vụ"]), indicator_rows(report, wb["Chỉ tiêu"]))
    before = snapshot(report)
    preview = fill_in.read_upload(upload(saved(wb)), report=report)
    with pytest.raises(fill_in.FillInError):
        fill_in.apply_upload(preview, report=report, by=None)
    assert snapshot(report) == before
    return [(p.sheet, p.row, p.column, p.message) for p in preview.problems]


def first_task(tasks):
    return min(tasks.values())


def test_text_in_a_number_cell_is_a_problem(phongtho_report):
    def edit(wb, tasks, order):
        wb["Chỉ tiêu"][f"F{order[8]}"] = "khoảng 3 xã"

    def expected(order):
        return ("Chỉ tiêu", order, "F", "“khoảng 3 xã” không phải là số.")

    problems = cell_problems(phongtho_report, edit)
    assert problems == [expected(problems[0][1])]


def test_a_formula_where_a_value_belongs_is_a_problem(phongtho_report):
    def edit(wb, tasks, order):
        wb["Chỉ tiêu"][f"F{order[8]}"] = "=1+2"
        wb["Chỉ tiêu"][f"G{order[2]}"] = "=SUM(4000,990)"
        wb["Nhiệm vụ"][f"F{first_task(tasks)}"] = '=CONCATENATE("Đã ","xong")'

    problems = cell_problems(phongtho_report, edit)
    message = "Ô này chứa công thức; hãy nhập trực tiếp giá trị."
    assert {(p[0], p[2], p[3]) for p in problems} == {
        ("Nhiệm vụ", "F", message),
        ("Chỉ tiêu", "F", message),
        ("Chỉ tiêu", "G", message),
    }


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("F8", -1, "Giá trị không được âm."),
        ("G2", 5001, "Tử số (5.001) không được lớn hơn mẫu số (5.000)."),
        ("G2", -5, "Tử số không được âm."),
        ("H2", 0, "Mẫu số phải lớn hơn 0."),
        ("G2", 10**13, "Số này quá lớn: số lớn nhất được chấp nhận là 99.999.999.999,9999."),
    ],
)
def test_values_out_of_range_are_problems(phongtho_report, column, value, message):
    letter, order = column[0], int(column[1:])

    def edit(wb, tasks, rows_by_order):
        wb["Chỉ tiêu"][f"{letter}{rows_by_order[order]}"] = value

    problems = cell_problems(phongtho_report, edit)
    assert [(p[0], p[2], p[3]) for p in problems] == [("Chỉ tiêu", letter, message)]


def test_an_unknown_status_and_missing_answers_are_problems(phongtho_report):
    def edit(wb, tasks, order):
        first, second = sorted(tasks.values())
        wb["Nhiệm vụ"][f"E{first}"] = "Xong rồi"
        wb["Nhiệm vụ"][f"E{second}"] = None
        wb["Nhiệm vụ"][f"F{second}"] = "   "
        wb["Chỉ tiêu"][f"H{order[2]}"] = None
        wb["Chỉ tiêu"][f"F{order[8]}"] = None

    problems = cell_problems(phongtho_report, edit)
    assert [(p[0], p[2], p[3]) for p in problems] == [
        (
            "Nhiệm vụ",
            "E",
            "“Xong rồi” không phải là một tình trạng: "
            "Chưa triển khai, Đang triển khai, Hoàn thành, Chậm tiến độ.",
        ),
        ("Nhiệm vụ", "E", "Hãy chọn tình trạng của nhiệm vụ trong danh sách."),
        ("Nhiệm vụ", "F", "Hãy nêu kết quả đạt được."),
        ("Chỉ tiêu", "H", "Hãy nhập mẫu số."),
        ("Chỉ tiêu", "F", "Hãy nhập giá trị."),
    ]
    rows_seen = [p[1] for p in problems]
    assert all(isinstance(r, int) and r >= 5 for r in rows_seen)


def test_a_problem_reads_with_its_sheet_row_and_column():
    problem = fill_in.Problem("Chỉ tiêu", 6, "G", "Hãy nhập tử số.")
    assert str(problem) == "Trang tính “Chỉ tiêu”, dòng 6, cột G: Hãy nhập tử số."


# --- templates of another unit, period, version or state --------------------------------


def test_a_template_of_another_unit_is_refused(phongtho_report, tamduong_report):
    content = filled(tamduong_report)
    before = snapshot(phongtho_report)
    preview = fill_in.read_upload(upload(content), report=phongtho_report)
    assert [p.message for p in preview.problems] == [
        "Mẫu này là của Ủy ban nhân dân huyện Tam Đường, không phải của UBND huyện Phong Thổ."
    ]
    assert preview.changes == []
    with pytest.raises(fill_in.FillInError):
        fill_in.apply_upload(preview, report=phongtho_report, by=None)
    assert snapshot(phongtho_report) == before


def test_a_template_of_another_period_is_refused(phongtho_report, staff_user):
    other = make_period(staff=staff_user, due_in_days=20, lock_in_days=40)
    content = filled(other.reports.get(agency__code="lc-phongtho-ubnd"))
    preview = fill_in.read_upload(upload(content), report=phongtho_report)
    assert [p.message for p in preview.problems] == [
        "Mẫu này là của một kỳ báo cáo khác, không phải kỳ “Sơ kết học kỳ I năm học "
        "2024 - 2025”. Hãy tải mẫu của kỳ này."
    ]


def test_a_template_of_another_version_is_refused(phongtho_report):
    wb = fill(template(phongtho_report), phongtho_report)
    meta = wb["edu_plans"]
    row = next(r for r in range(1, meta.max_row + 1) if meta[f"A{r}"].value == "template_version")
    meta[f"B{row}"] = 0
    preview = fill_in.read_upload(upload(saved(wb)), report=phongtho_report)
    assert len(preview.problems) == 1
    assert preview.problems[0].message.startswith("Mẫu này thuộc phiên bản khác (0;")


def test_a_template_downloaded_before_another_save_is_stale(phongtho_report, unit_user):
    content = filled(phongtho_report)
    early = fill_in.read_upload(upload(content), report=phongtho_report)
    assert early.problems == []
    workflow.save_report(
        report=phongtho_report,
        data=complete_input(phongtho_report),
        expected_version=1,
        by=unit_user,
    )
    before = snapshot(phongtho_report)
    late = fill_in.read_upload(upload(content), report=phongtho_report)
    assert [p.message for p in late.problems] == [
        "Báo cáo đã được thay đổi sau khi tải mẫu này. Hãy tải mẫu mới và chép nội dung đã "
        "nhập sang, để không ghi đè những gì đã lưu."
    ]
    with pytest.raises(workflow.StaleReport):
        fill_in.apply_upload(early, report=phongtho_report, by=unit_user)
    assert snapshot(phongtho_report) == before


def test_nothing_is_imported_into_an_approved_report(submitted_report, unit_user, staff_user):
    content = filled(submitted_report)
    workflow.return_report(report=submitted_report, reason="Bổ sung số liệu.", by=staff_user)
    submitted_report.refresh_from_db()
    clean = fill_in.read_upload(upload(filled(submitted_report)), report=submitted_report)
    assert clean.problems == []
    report = workflow.submit_report(report=submitted_report, by=unit_user)
    report = workflow.approve_report(report=report, by=staff_user)
    before = snapshot(report)

    preview = fill_in.read_upload(upload(content), report=report)
    assert "Báo cáo này đã được duyệt và đã khóa; không thể thay đổi." in [
        p.message for p in preview.problems
    ]
    with pytest.raises(fill_in.FillInError):
        fill_in.apply_upload(preview, report=report, by=unit_user)
    with pytest.raises(workflow.TransitionNotAllowed):
        fill_in.apply_upload(clean, report=report, by=unit_user)
    assert snapshot(report) == before


def test_a_preview_read_for_another_report_is_not_applied(phongtho_report, tamduong_report):
    preview = fill_in.read_upload(upload(filled(phongtho_report)), report=phongtho_report)
    before = snapshot(tamduong_report)
    with pytest.raises(fill_in.FillInError):
        fill_in.apply_upload(preview, report=tamduong_report, by=None)
    assert snapshot(tamduong_report) == before


# --- files that are not honest templates -----------------------------------------------


def rezip(content: bytes, *, add: dict | None = None, replace: dict | None = None) -> bytes:
    """The same package with members added or rewritten."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if replace and item.filename in replace:
                data = replace[item.filename](data)
            target.writestr(item, data)
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def xlsm(content: bytes) -> bytes:
    macro_type = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    return rezip(
        content,
        add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + os.urandom(2000)},
        replace={
            "[Content_Types].xml": lambda xml: xml.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                macro_type,
            )
        },
    )


def macro_type_only(content: bytes) -> bytes:
    return rezip(
        content,
        replace={
            "[Content_Types].xml": lambda xml: xml.replace(
                b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml"
            )
        },
    )


def zip_bomb(content: bytes) -> bytes:
    return rezip(content, add={"xl/media/image1.png": bytes(60 * 1024 * 1024)})


def many_members(content: bytes) -> bytes:
    return rezip(content, add={f"xl/media/p{i}.png": b"x" for i in range(600)})


def corrupt_member(content: bytes) -> bytes:
    """Damage the compressed sheet data while keeping the archive's directory intact."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    damaged = bytearray(content)
    for offset in range(start + 10, start + min(info.compress_size, 400)):
        damaged[offset] ^= 0x5A
    return bytes(damaged)


def not_a_template(content: bytes) -> bytes:
    wb = Workbook()
    wb.active["A1"] = "Báo cáo"
    return saved(wb)


BAD_FILES = {
    "xlsm with macros": (xlsm, "chứa macro"),
    "macro-enabled content type": (macro_type_only, "chứa macro"),
    "xls": (lambda c: bytes.fromhex("D0CF11E0A1B11AE1") + bytes(4096), "(.xls)"),
    "csv renamed": (
        lambda c: "TT;Chỉ tiêu;Giá trị\n2;Tỷ lệ huy động trẻ mẫu giáo;99,8\n".encode(),
        "không phải là sổ tính Excel (.xlsx)",
    ),
    "truncated zip": (lambda c: c[: len(c) // 2], "không phải là sổ tính Excel (.xlsx)"),
    "damaged member": (corrupt_member, "bị hỏng"),
    "over 10 MB": (lambda c: b"PK\x03\x04" + os.urandom(10 * 1024 * 1024), "lớn hơn 10 MB"),
    "zip bomb": (zip_bomb, "giải nén ra"),
    "too many members": (many_members, "giải nén ra"),
    "a zip without a workbook": (
        lambda c: rezip(b"PK\x05\x06" + bytes(18), add={"word/document.xml": b"<w/>"}),
        "không phải là sổ tính Excel (.xlsx)",
    ),
    "another workbook": (not_a_template, "không phải là mẫu báo cáo"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_file_that_is_not_an_honest_template_is_refused(phongtho_report, kind):
    make, words = BAD_FILES[kind]
    content = make(filled(phongtho_report))
    before = snapshot(phongtho_report)
    with pytest.raises(fill_in.FillInError) as refused:
        fill_in.read_upload(upload(content), report=phongtho_report)
    assert words in str(refused.value)
    assert snapshot(phongtho_report) == before


def test_an_uploaded_file_is_read_from_a_plain_file_object_too(phongtho_report):
    preview = fill_in.read_upload(io.BytesIO(filled(phongtho_report)), report=phongtho_report)
    assert preview.problems == []
    assert Directive.objects.filter(pk=phongtho_report.period.directive_id).exists()


def test_a_group_the_unit_implements_is_one_row_filled_offline_too(
    phongtho_report, unit_user, staff_user, plan_3707
):
    """A district answers the task groups it implements in the workbook as on the page:
    one row per group; a workbook without the row is refused."""
    from directives.assigning import assign

    group = plan_3707.task_groups.get(number="1", section__number="III")
    assign(
        tasks=list(group.tasks.all()),
        agencies=[phongtho_report.agency],
        role="implement",
        by=staff_user,
    )
    workbook = template(phongtho_report)
    keys = rows(workbook["Nhiệm vụ"])
    assert f"G{group.pk}" in keys
    assert workbook["Nhiệm vụ"][f"D{keys[f'G{group.pk}']}"].value == "Thực hiện"

    preview = fill_in.read_upload(
        upload(saved(fill(workbook, phongtho_report))), report=phongtho_report
    )
    assert preview.problems == []
    assert any(c.label.startswith("Nhóm nhiệm vụ") for c in preview.changes)
    report = fill_in.apply_upload(preview, report=phongtho_report, by=unit_user)
    answer = report.group_answers.get(group=group)
    assert (answer.progress, answer.results) == (
        "done",
        "Đã tổ chức hội nghị triển khai tới 100% trường học.",
    )
    assert workflow.missing_items(report) == []

    stale = template(report)
    stale["Nhiệm vụ"].delete_rows(rows(stale["Nhiệm vụ"])[f"G{group.pk}"])
    preview = fill_in.read_upload(upload(saved(stale)), report=report)
    assert any("is missing" in str(p) or "thiếu" in str(p) for p in preview.problems)
