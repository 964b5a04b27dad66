"""The appendix of indicators: a table, possibly flattened to one cell per line."""

import re

_INT_RE = re.compile(r"^\d{1,3}$")
_NUMBER_RE = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$|^[+-]?\d+\.\d+$")
_YEAR_RE = re.compile(r"(\d{4})\s*[-–—]\s*(\d{4})")
# Cells are separated by "|" with the white space around it, or by tabs. White space before a
# "|" is taken only from where it starts (or a "|" alone): trying at every character of a
# long run of spaces would rescan the rest of the run each time.
_CELL_SPLIT_RE = re.compile(r"(?<!\s)\s*\|\s*|\|\s*|\t+")


def plain_number(cell: str) -> str | None:
    """ "32,7" → "32.7", "1.234" → "1234", "1.234,5" → "1234.5"; None when not a number."""
    value = cell.strip().replace(" ", "").rstrip("%")
    if not _NUMBER_RE.match(value):
        return None
    if "," in value:
        return value.replace(".", "").replace(",", ".")
    if re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+", value):
        return value.replace(".", "")
    return value


def _cells(lines: list[str]) -> list[str]:
    cells: list[str] = []
    for line in lines:
        if "|" in line or "\t" in line:
            parts = [p for p in _CELL_SPLIT_RE.split(line.strip().strip("|")) if p]
            if all(set(p) <= set("-: ") for p in parts):
                continue  # a markdown rule line
            cells.extend(parts)
        elif line:
            cells.append(line)
    return cells


def read_indicators(lines: list[str]) -> tuple[list[dict], list[str]]:
    """Indicator rows of an appendix table, and the lines after the table."""
    cells = _cells(lines)
    years = []
    first = None
    for index, cell in enumerate(cells):
        if cell == "1" and index + 1 < len(cells) and plain_number(cells[index + 1]) is None:
            first = index
            break
        for match in _YEAR_RE.finditer(cell):
            years.append(f"{match.group(1)}-{match.group(2)}")
    if first is None:
        return [], []
    try:
        second = next(i for i in range(first + 2, min(len(cells), first + 12)) if cells[i] == "2")
        width = second - first
    except StopIteration:
        width = min(6, len(cells) - first)
    baseline_year = years[0] if years else None
    target_year = years[1] if len(years) > 1 else None
    indicators = []
    pos = first
    order = 1
    while pos + width <= len(cells) and cells[pos] == str(order):
        row = cells[pos : pos + width]
        numbers = [plain_number(c) for c in row[2:]]
        values = [n for n in numbers if n is not None]
        units = [c for c, n in zip(row[2:], numbers, strict=False) if n is None]
        if len(values) < 2 or plain_number(row[1]) is not None:
            break
        indicators.append(
            {
                "order": order,
                "name": row[1],
                "unit": units[0] if units else None,
                "baseline": values[0],
                "baseline_year": baseline_year,
                "target": values[-1],
                "target_year": target_year,
            }
        )
        pos += width
        order += 1
    rest_lines: list[str] = []
    if indicators:
        leftover = cells[pos:]
        rest_lines = leftover
    return indicators, rest_lines
