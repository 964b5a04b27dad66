"""A number too large for the report is refused on every door a value comes in by, with a
message; the largest accepted one is stored and shown exactly on both databases; and the
database itself refuses a figure its columns cannot give back."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, IntegrityError, connection, transaction
from django.urls import reverse
from pypdf import PdfReader

from indicators.models import IndicatorTarget
from reports import workflow
from reports.models import IndicatorValue, ProvinceValue
from tests.reports.test_views import form_data

pytestmark = pytest.mark.django_db

TOO_LARGE = "999999999999,9999"  # 16 digits: SQLite cannot give it back
TOO_LARGE_MESSAGE = "Số này quá lớn: số lớn nhất được chấp nhận là 99.999.999.999,9999."
NOT_A_NUMBER = "Hãy nhập một số, ví dụ 32,7."


def largest(model, name: str) -> Decimal:
    """The largest number the model field's digits hold."""
    field = model._meta.get_field(name)
    return Decimal(10) ** (field.max_digits - field.decimal_places) - Decimal(1).scaleb(
        -field.decimal_places
    )


def typed(number: Decimal) -> str:
    return str(number).replace(".", ",")


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )


def assert_report_still_opens(client, report):
    """Every page and file of the report answers, for the unit that owns it."""
    for name in ("report_detail", "report_edit", "report_template"):
        assert client.get(reverse(f"reports:{name}", args=[report.pk])).status_code == 200, name
    for fmt in ("pdf", "xlsx"):
        url = reverse("reports:report_export", args=[report.pk, fmt])
        assert client.get(url).status_code == 200, fmt


# --- the report form ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "entered", "message"),
    [
        ("value", TOO_LARGE, TOO_LARGE_MESSAGE),
        ("numerator", TOO_LARGE, TOO_LARGE_MESSAGE),
        ("denominator", TOO_LARGE, TOO_LARGE_MESSAGE),
        ("value", "-" + TOO_LARGE, TOO_LARGE_MESSAGE),
        ("value", "3,12345", "Chỉ được nhập tối đa 4 chữ số sau dấu thập phân."),
        ("value", "١٢٣", NOT_A_NUMBER),
        ("value", "1_000", NOT_A_NUMBER),
        ("value", "1e3", NOT_A_NUMBER),
    ],
)
def test_the_report_form_refuses_a_number_it_cannot_hold(
    client, unit_user, phongtho_report, field, entered, message
):
    client.force_login(unit_user)
    url = reverse("reports:report_edit", args=[phongtho_report.pk])
    data = form_data(phongtho_report)
    name = next(k for k in data if k.endswith(f"-{field}"))
    data[name] = entered
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors[name] == [message]
    page = response.content.decode()
    assert message in page
    assert f'value="{entered}"' in page  # what was typed stays in the box
    assert not phongtho_report.values.exists()
    assert_report_still_opens(client, phongtho_report)
    assert client.post(url, {**form_data(phongtho_report), "submit": "1"}).status_code == 302


def test_the_largest_number_is_stored_and_shown_exactly(client, unit_user, phongtho_report):
    """The largest number the field takes comes back from the database digit for digit and
    shows on the page, in the PDF and in the workbook."""
    biggest = largest(IndicatorValue, "value")
    # Its four decimals are for figures that are not counts of whole units.
    phongtho_report.period.directive.indicators.filter(order__in=(2, 8)).update(is_count=False)
    client.force_login(unit_user)
    url = reverse("reports:report_edit", args=[phongtho_report.pk])
    data = form_data(
        phongtho_report,
        numerator=typed(biggest),
        denominator=typed(biggest),
        communes=typed(biggest),
    )
    assert client.post(url, data).status_code == 302
    stored = phongtho_report.values.get(indicator__order=8)
    assert stored.value == biggest
    ratio = phongtho_report.values.get(indicator__order=2)
    assert (ratio.numerator, ratio.denominator, ratio.value) == (biggest, biggest, 100)

    shown = "99.999.999.999,9999"
    detail = client.get(reverse("reports:report_detail", args=[phongtho_report.pk]))
    assert shown in detail.content.decode()
    edit = client.get(url).content.decode()
    assert f'value="{typed(biggest)}"' in edit
    pdf = client.get(reverse("reports:report_export", args=[phongtho_report.pk, "pdf"]))
    assert shown in pdf_text(pdf.content)
    xlsx = client.get(reverse("reports:report_export", args=[phongtho_report.pk, "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    numbers = [
        Decimal(repr(cell))
        for ws in workbook.worksheets
        for row in ws.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, float | int) and not isinstance(cell, bool)
    ]
    assert numbers.count(biggest) >= 3  # the value, the numerator and the denominator
    template = client.get(reverse("reports:report_template", args=[phongtho_report.pk]))
    assert template.status_code == 200
    assert client.post(url, {**data, "version": 2, "submit": "1"}).status_code == 302


# --- province-only figures ---------------------------------------------------------------


def test_a_province_figure_too_large_is_refused_with_a_message(client, staff_user, period):
    indicator = period.directive.indicators.get(order=16)
    url = reverse("reports:period_rollup", args=[period.pk])
    client.force_login(staff_user)
    response = client.post(url, {"indicator": indicator.pk, "value": TOO_LARGE}, follow=True)
    assert TOO_LARGE_MESSAGE in response.content.decode()
    assert not ProvinceValue.objects.exists()
    assert client.get(url).status_code == 200


# --- the Excel fill-in template ----------------------------------------------------------


def filled_template(client, report, cells: dict) -> SimpleUploadedFile:
    """The template as downloaded, its tasks answered, then ``cells`` typed on the values
    sheet: {(indicator order, column): what the clerk typed}."""
    response = client.get(reverse("reports:report_template", args=[report.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    tasks = workbook["Nhiệm vụ"]
    for row in range(5, tasks.max_row + 1):
        if tasks[f"A{row}"].value:
            tasks[f"E{row}"] = "Hoàn thành"
            tasks[f"F{row}"] = "Đã tổ chức hội nghị triển khai."
    values = workbook["Chỉ tiêu"]
    row_of = {values[f"A{r}"].value: r for r in range(5, values.max_row + 1)}  # hidden ids
    order_row = {i.order: row_of[i.pk] for i in workflow.indicators_for(report)}
    values[f"G{order_row[2]}"] = 995
    values[f"H{order_row[2]}"] = 1000
    values[f"F{order_row[8]}"] = 3
    for (order, column), value in cells.items():
        values[f"{column}{order_row[order]}"] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("bao-cao.xlsx", buffer.getvalue())


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({(8, "F"): float("999999999999.9999")}, TOO_LARGE_MESSAGE),
        ({(8, "F"): TOO_LARGE}, TOO_LARGE_MESSAGE),
        ({(2, "H"): 10**12}, TOO_LARGE_MESSAGE),
        ({(8, "F"): "١٢٣"}, "“١٢٣” không phải là số."),
        ({(8, "F"): "1_000"}, "“1_000” không phải là số."),
    ],
)
def test_the_template_upload_refuses_a_number_the_report_cannot_hold(
    client, unit_user, phongtho_report, cells, message
):
    client.force_login(unit_user)
    upload = filled_template(client, phongtho_report, cells)
    response = client.post(
        reverse("reports:report_upload", args=[phongtho_report.pk]), {"file": upload}
    )
    assert response.status_code == 200
    assert [p.message for p in response.context["preview"].problems] == [message]
    assert message in response.content.decode()
    assert not phongtho_report.values.exists()
    assert_report_still_opens(client, phongtho_report)


def test_the_template_upload_takes_the_largest_number(client, unit_user, phongtho_report):
    biggest = largest(IndicatorValue, "value")
    # Its four decimals are for figures that are not counts of whole units.
    phongtho_report.period.directive.indicators.filter(order=8).update(is_count=False)
    client.force_login(unit_user)
    upload = filled_template(client, phongtho_report, {(8, "F"): float(biggest)})
    response = client.post(
        reverse("reports:report_upload", args=[phongtho_report.pk]), {"file": upload}
    )
    assert response.context["preview"].problems == []
    apply = reverse("reports:report_upload_apply", args=[phongtho_report.pk])
    assert client.post(apply, {"token": response.context["token"]}).status_code == 302
    assert phongtho_report.values.get(indicator__order=8).value == biggest
    assert_report_still_opens(client, phongtho_report)


# --- the domain and the database ---------------------------------------------------------


def test_saving_through_the_workflow_refuses_a_number_too_large(unit_user, phongtho_report):
    indicator = phongtho_report.period.directive.indicators.get(order=8)
    data = workflow.ReportInput(
        values=[workflow.ValueInput(indicator.pk, value=Decimal("999999999999.9999"))]
    )
    with pytest.raises(ValidationError) as exc:
        workflow.save_report(report=phongtho_report, data=data, expected_version=1, by=unit_user)
    assert exc.value.message_dict == {f"indicator-{indicator.pk}-value": [TOO_LARGE_MESSAGE]}
    assert not phongtho_report.values.exists()


def value_rows(report):
    """One row of every model with an indicator figure, and the figure's columns."""
    indicator = report.period.directive.indicators.get(order=8)
    value = IndicatorValue.objects.create(
        report=report, indicator=indicator, value=1, numerator=1, denominator=2
    )
    province = ProvinceValue.objects.create(period=report.period, indicator=indicator, value=1)
    target = IndicatorTarget.objects.filter(indicator=indicator).first()
    return [
        (value, "value"),
        (value, "numerator"),
        (value, "denominator"),
        (province, "value"),
        (indicator, "baseline_value"),
        (indicator, "target_value"),
        (target, "baseline_value"),
        (target, "target_value"),
    ]


@pytest.mark.parametrize("figure", ["999999999999.9999", "-1E+12", "NaN"])
def test_the_database_refuses_a_figure_out_of_range(phongtho_report, figure):
    """Written straight in SQL. SQLite stores any number in any column: only the check
    constraint stops a figure Django could not read back. PostgreSQL's numeric(15, 4)
    refuses too many digits itself (DataError) and takes NaN, which the check refuses."""
    expected = IntegrityError
    if connection.vendor == "postgresql" and figure != "NaN":
        expected = DataError
    quote = connection.ops.quote_name
    for row, name in value_rows(phongtho_report):
        before = getattr(row, name)
        table, column = type(row)._meta.db_table, type(row)._meta.get_field(name).column
        with pytest.raises(expected), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s",
                [Decimal(figure), row.pk],
            )
        row.refresh_from_db()
        assert getattr(row, name) == before, (type(row).__name__, name)


def test_every_figure_column_carries_its_range_constraint():
    names = {
        "indicators_indicator": {"indicator_baseline_in_range", "indicator_target_in_range"},
        "indicators_indicatortarget": {
            "indicatortarget_baseline_in_range",
            "indicatortarget_target_in_range",
        },
        "reports_indicatorvalue": {
            "value_value_in_range",
            "value_numerator_in_range",
            "value_denominator_in_range",
        },
        "reports_provincevalue": {"province_value_in_range"},
    }
    with connection.cursor() as cursor:
        for table, expected in names.items():
            constraints = connection.introspection.get_constraints(cursor, table)
            checks = {name for name, info in constraints.items() if info["check"]}
            assert expected <= checks, table
