"""The template's layout: what identifies it, its sheets, rows and columns. Writing the
template and reading it back both follow it, so it changes only with TEMPLATE_VERSION."""

from indicators.models import Indicator

TEMPLATE_KIND = "edu-plans: mẫu báo cáo định kỳ"
TEMPLATE_VERSION = 2  # raise when the layout below changes; older templates are refused

META_SHEET = "edu_plans"
TASK_SHEET = "Nhiệm vụ"
INDICATOR_SHEET = "Chỉ tiêu"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1

# Columns. A holds the task's or indicator's id (hidden); B onward are what people see.
# A task group an implementing unit answers as a whole has "G" and the group's id there.
KEY = 1
GROUP_KEY = "G"
TASK_COLUMNS = {"progress": "E", "results": "F", "difficulties": "G", "proposals": "H"}
TASK_HEADERS = (
    "Mã",
    "TT",
    "Nhiệm vụ",
    "Vai trò",
    "Tình trạng (*)",
    "Kết quả đạt được (*)",
    "Tồn tại, hạn chế, nguyên nhân",
    "Đề xuất, kiến nghị",
)
VALUE_COLUMNS = {"value": "F", "numerator": "G", "denominator": "H", "note": "I"}
INDICATOR_HEADERS = (
    "Mã",
    "TT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Chỉ tiêu giao",
    "Giá trị thực hiện (*)",
    "Tử số (*)",
    "Mẫu số (*)",
    "Ghi chú",
)


def is_percentage(indicator: Indicator) -> bool:
    return indicator.unit.strip() == "%"
