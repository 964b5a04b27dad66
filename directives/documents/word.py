"""The lines of a Word document as a reader sees them on the page.

Two things Word shows that a paragraph's text does not hold:

- automatic numbering and bullets ("List Number", "List Bullet", or numbering set on the
  paragraph): the label ("1.", "a)", "I.", "-") is drawn by Word from numbering.xml, counted
  per list and level; it is written here in front of the paragraph's text;
- a header laid out as a two-column table (issuer left, national motto right; number left,
  place and date right) and a signature block laid out likewise: read left column first,
  then right, as a text copy of such a document reads, not cell by cell across.

Other tables come out one cell per line (see the package's docstring).
"""

from dataclasses import dataclass

from docx.oxml.ns import qn

# Bullets Word draws from a symbol font (Symbol's "", Wingdings' "§") or as "•", "o", "▪":
# the reader knows list items by a dash. A dash or a plus typed as the bullet is kept.
_KEPT_BULLETS = ("-", "–", "+", "*")


@dataclass
class _Level:
    format: str
    text: str
    start: int


class Numbering:
    """Counters of a document's lists, per list (numbering id) and level, in reading order."""

    def __init__(self, document) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}
        self._starts: dict[str, dict[int, int]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._styles: dict[str, tuple[str, int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for level in node.findall(qn("w:lvl")):
                levels[int(level.get(qn("w:ilvl"), "0"))] = _Level(
                    format=_value(level, "w:numFmt") or "decimal",
                    text=_value(level, "w:lvlText") or "",
                    start=int(_value(level, "w:start") or "1"),
                )
                style = _value(level, "w:pStyle")
                if style:
                    self._styles.setdefault(
                        f"abstract:{node.get(qn('w:abstractNumId'))}",
                        (style, int(level.get(qn("w:ilvl"), "0"))),
                    )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for node in root.findall(qn("w:num")):
            number = node.get(qn("w:numId"))
            levels = abstract.get(_value(node, "w:abstractNumId"), {})
            self._levels[number] = levels
            self._starts[number] = {
                int(override.get(qn("w:ilvl"), "0")): int(_value(override, "w:startOverride"))
                for override in node.findall(qn("w:lvlOverride"))
                if _value(override, "w:startOverride")
            }

    def label(self, paragraph) -> str:
        """The label Word shows before this paragraph ("" for none), counting it."""
        number, level = _numbering_of(paragraph)
        if not number or number == "0" or number not in self._levels:
            return ""
        levels = self._levels[number]
        if level not in levels:
            return ""
        counters = self._counters.setdefault(number, {})
        start = self._starts[number].get(level, levels[level].start)
        counters[level] = counters[level] + 1 if level in counters else start
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]  # a higher level starts its sublists again
        return self._render(number, level)

    def _render(self, number: str, level: int) -> str:
        spec = self._levels[number][level]
        if spec.format == "bullet":
            bullet = spec.text.strip()
            return bullet if bullet in _KEPT_BULLETS else "-"
        if spec.format == "none":
            return ""
        text = spec.text
        for index in range(level, -1, -1):  # %10 is not a level: replace from the deepest
            placeholder = f"%{index + 1}"
            if placeholder in text:
                counter = self._counters[number].get(index, self._levels[number][index].start)
                text = text.replace(placeholder, _format(counter, self._levels[number][index]))
        return text.strip()


def _value(node, tag: str) -> str | None:
    child = node.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _numbering_of(paragraph) -> tuple[str | None, int]:
    """The paragraph's list and level: its own numPr, else its style's (or a base style's)."""
    properties = paragraph._p.pPr
    numbering = properties.find(qn("w:numPr")) if properties is not None else None
    if numbering is not None and numbering.find(qn("w:numId")) is not None:
        return _value(numbering, "w:numId"), int(_value(numbering, "w:ilvl") or "0")
    style = paragraph.style
    seen = 0
    while style is not None and seen < 10:
        properties = style.element.pPr
        numbering = properties.find(qn("w:numPr")) if properties is not None else None
        if numbering is not None and numbering.find(qn("w:numId")) is not None:
            return _value(numbering, "w:numId"), int(_value(numbering, "w:ilvl") or "0")
        style = style.base_style
        seen += 1
    return None, 0


def _format(counter: int, level: _Level) -> str:
    if level.format in ("lowerLetter", "upperLetter"):
        letters = ""
        value = counter
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if level.format == "lowerLetter" else letters.upper()
    if level.format in ("lowerRoman", "upperRoman"):
        roman = _roman(counter)
        return roman.lower() if level.format == "lowerRoman" else roman
    if level.format == "decimalZero":
        return f"{counter:02d}"
    return str(counter)


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while number >= value:
            out += letters
            number -= value
    return out


def paragraph_line(paragraph, numbering: Numbering) -> str:
    """The paragraph's text with the label Word draws before it."""
    label = numbering.label(paragraph)
    text = paragraph.text
    if label and text.strip():
        return f"{label} {text.lstrip()}"
    return text


def table_lines(table, numbering: Numbering) -> list[str]:
    """A table's lines: a two-column layout table by columns, any other one cell per line."""
    rows: list[list[list[str]]] = []
    for row in table.rows:
        seen = set()
        cells = []
        for cell in row.cells:
            # A merged cell appears once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append([paragraph_line(p, numbering) for p in cell.paragraphs])
        rows.append(cells)
    if rows and all(len(cells) == 2 for cells in rows):
        left = [line for cells in rows for line in cells[0] if line.strip()]
        right = [line for cells in rows for line in cells[1] if line.strip()]
        return left + right
    return ["\n".join(paragraphs) for cells in rows for paragraphs in cells]
