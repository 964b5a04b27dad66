"""The official Vietnamese wording of the workbooks, independent of the interface language:
status, role and judgement labels, and the sheet names and headers that more than one
workbook uses."""

from reports.models import ProgressReport, TaskAnswer

PROGRESS_LABELS = {
    TaskAnswer.Progress.NOT_STARTED: "Chưa triển khai",
    TaskAnswer.Progress.IN_PROGRESS: "Đang triển khai",
    TaskAnswer.Progress.DONE: "Hoàn thành",
    TaskAnswer.Progress.DELAYED: "Chậm tiến độ",
}
JUDGEMENT_LABELS = {"met": "Đạt", "progress": "Tiến bộ", "not_met": "Chưa đạt"}
REPORT_STATUS_LABELS = {
    ProgressReport.Status.NOT_STARTED: "Chưa nộp",
    ProgressReport.Status.DRAFT: "Đang soạn",
    ProgressReport.Status.SUBMITTED: "Đã nộp",
    ProgressReport.Status.RETURNED: "Trả lại",
    ProgressReport.Status.APPROVED: "Đã duyệt",
}
ROLE_LABELS = {"lead": "Chủ trì", "coordinate": "Phối hợp", "implement": "Thực hiện"}

INDICATOR_SHEET = "Chỉ tiêu"
TASK_SHEET = "Nhiệm vụ"

UNIT_VALUE_HEADERS = (
    "TT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Chỉ tiêu giao",
    "Thực hiện",
    "Tử số",
    "Mẫu số",
    "Đánh giá",
)
