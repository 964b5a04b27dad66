"""Time the directive reader at growing sizes (make bench): seconds per million characters
should stay flat as the text grows, for a real plan and for the shapes that once grew
quadratically. Sizes above the reader's limits are read with the limits lifted."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from directives.parsing import MAX_PARTS, MAX_TEXT_CHARS, parse_text

SOURCE = Path(settings.BASE_DIR) / "fixtures" / "sources" / "001_e1b72a20e9d27a54.txt"
HEAD = (
    "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nSố: 12/KH-UBND\nLai Châu, ngày 05 tháng 10 năm 2025\nKẾ HOẠCH\n"
)
TASKS = "I. NHIỆM VỤ\n1. Nâng cao chất lượng\n"


def repeated(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def plan(size: int) -> str:
    """Kế hoạch 3707: its header, its body repeated, its closing and appendix."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    body_at = next(i for i, line in enumerate(lines) if line.startswith("I. "))
    closing_at = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    head = "\n".join(lines[:body_at]) + "\n"
    body = "\n".join(lines[body_at:closing_at]) + "\n"
    tail = "\n".join(lines[closing_at:])
    return head + repeated(body, size - len(head) - len(tail)) + tail


def one_paragraph(size: int) -> str:
    """Lines that each continue the one before: one paragraph of the whole text."""
    return HEAD + TASKS + "- Sở Giáo dục chủ trì\n" + repeated("tiếp tục rà soát và\n", size)


def text_section(size: int) -> str:
    """A section of plain text (Mục đích, yêu cầu) of many paragraphs."""
    section = "I. MỤC ĐÍCH, YÊU CẦU\n" + repeated("Bảo đảm tính đồng bộ.\n", size)
    return HEAD + section + "II. NHIỆM VỤ\n1. Nhóm\n- Làm.\n"


def references(size: int) -> str:
    """A preamble of documents implemented, each different, none with its number."""
    unit = "Thực hiện Quyết định ngày 01/6/2020 của Bộ GD&ĐT về việc {} tăng cường quản lý.\n"
    lines, length, n = [], 0, 0
    while length < size:
        lines.append(unit.format(n))
        length += len(lines[-1])
        n += 1
    return HEAD + "Triển khai\n" + "".join(lines) + TASKS + "- Làm.\n"


def open_quotations(size: int) -> str:
    """Long lines full of "chủ đề năm học “..." whose quotation never closes."""
    line = "chủ đề năm học “Đổi mới và phương châm nhiệm vụ năm học “x " * 300 + "\n"
    return HEAD + TASKS + repeated(line, size)


def long_blanks(size: int) -> str:
    """Lines of a date, a comma and 19 000 spaces, the shape a news lead starts with."""
    line = "Ngày 11/9/2020, " + " " * 19_000 + "UBND tỉnh\n"
    return HEAD.replace("Số: 12/KH-UBND", "Số" + " " * 19_000 + "x") + repeated(line, size) + TASKS


SHAPES = {
    "plan": (plan, (0.5, 1, 2, 4, 8)),
    "one_paragraph": (one_paragraph, (0.5, 1, 2)),
    "text_section": (text_section, (0.5, 1, 2)),
    "references": (references, (0.5, 1, 2)),
    "open_quotations": (open_quotations, (0.5, 1, 2)),
    "long_blanks": (long_blanks, (0.5, 1)),
}


class Command(BaseCommand):
    help = "Time parse_text at growing sizes; seconds per million characters should stay flat."

    def handle(self, *args, **options):
        self.stdout.write(
            f"Reader (limits: {MAX_TEXT_CHARS} characters, {MAX_PARTS} parts; lifted here)"
        )
        self.stdout.write(f"{'input':<16} {'M chars':>8} {'seconds':>8} {'s per M':>8}")
        for name, (build, sizes) in SHAPES.items():
            for millions in sizes:
                text = build(int(millions * 1_000_000))
                best = min(_seconds(text) for _ in range(2))
                chars = len(text) / 1_000_000
                self.stdout.write(f"{name:<16} {chars:>8.2f} {best:>8.2f} {best / chars:>8.2f}")


def _seconds(text: str) -> float:
    start = time.perf_counter()
    parse_text(text, max_chars=None, max_parts=None)
    return time.perf_counter() - start
