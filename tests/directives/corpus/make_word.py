"""Write the Word documents of corpus/word/ and what a careful reader takes from each.

Run from the repository root: ``.venv/bin/python tests/directives/corpus/make_word.py``.
The .docx files and their .expected.json are committed; this script is how they were made.
Each document is written as Word writes real ones: the header as a two-column table without
borders, lists numbered by Word (the number is not in the paragraph's text), bullets from a
symbol font, a task table, the signature block as a two-column table. The texts are written
for this corpus; places and agencies are real.
"""

import json
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent / "word"

# Word's own numbering definitions: sections "I.", groups "1.", items "a)", bullets.
OUTLINE = """
<w:abstractNum {ns} w:abstractNumId="{id}">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
"""
SYMBOL_BULLETS = """
<w:abstractNum {ns} w:abstractNumId="{id}">
  <w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>
    <w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/></w:lvl>
</w:abstractNum>
"""
LETTERS = """
<w:abstractNum {ns} w:abstractNumId="{id}">
  <w:multiLevelType w:val="singleLevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl>
</w:abstractNum>
"""
DECIMAL = """
<w:abstractNum {ns} w:abstractNumId="{id}">
  <w:multiLevelType w:val="singleLevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
"""


class Writer:
    """A Word document built paragraph by paragraph, with lists numbered by Word."""

    def __init__(self):
        self.document = docx.Document()
        style = self.document.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(14)
        self.numbering = self.document.part.numbering_part.element
        self._next_abstract = 50
        self._next_num = 50

    def new_list(self, template: str, restart_of: int | None = None) -> int:
        """A numbering id; ``restart_of`` gives a new list of the same kind counting from 1."""
        if restart_of is None:
            abstract_id = self._next_abstract
            self._next_abstract += 1
            node = parse_xml(template.format(ns=nsdecls("w"), id=abstract_id))
            first_num = self.numbering.find(qn("w:num"))
            first_num.addprevious(node)
        else:
            abstract_id = self._abstract_of[restart_of]
        num_id = self._next_num
        self._next_num += 1
        override = (
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
            if restart_of is not None
            else ""
        )
        self.numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                f"{override}</w:num>"
            )
        )
        self._abstract_of = getattr(self, "_abstract_of", {})
        self._abstract_of[num_id] = abstract_id
        return num_id

    def para(self, text: str = "", *, bold=False, center=False, style=None, num=None, level=0):
        paragraph = self.document.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(text)
            run.bold = bold
        if center:
            paragraph.alignment = 1
        if num is not None:
            properties = paragraph._p.get_or_add_pPr()
            properties.append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                    f'<w:numId w:val="{num}"/></w:numPr>'
                )
            )
        return paragraph

    def layout_table(self, rows: list[tuple[list[str], list[str]]]):
        """A two-column table without borders, as the header and signature blocks are."""
        table = self.document.add_table(rows=len(rows), cols=2)
        for index, (left, right) in enumerate(rows):
            for cell, lines in zip(table.rows[index].cells, (left, right), strict=True):
                cell.paragraphs[0].text = lines[0] if lines else ""
                for line in lines[1:]:
                    cell.add_paragraph(line)
        return table

    def grid(self, rows: list[list[str]]):
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        return table

    def save(self, name: str, expected: dict) -> None:
        HERE.mkdir(exist_ok=True)
        self.document.core_properties.author = "edu-plans corpus"
        self.document.save(HERE / f"{name}.docx")
        (HERE / f"{name}.expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def task(text, number="-", deadline=None, due_on=None, recurs=False, agencies=()):
    return {
        "number": number,
        "text": text,
        "deadline": deadline,
        "due_on": due_on,
        "recurs_yearly": recurs,
        "agencies": [{"name": n, "role": r} for n, r in agencies],
    }


def group(number, title, section, tasks):
    return {"number": number, "title": title, "section": section, "tasks": tasks}


def dienbien_plan():
    """UBND tỉnh Điện Biên: sections, groups and items all numbered by Word's outline list."""
    w = Writer()
    w.layout_table(
        [
            (
                ["ỦY BAN NHÂN DÂN", "TỈNH ĐIỆN BIÊN"],
                ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
            ),
            (["Số: 2841/KH-UBND"], ["Điện Biên, ngày 12 tháng 9 năm 2024"]),
        ]
    )
    w.para("KẾ HOẠCH", bold=True, center=True)
    w.para("Tổ chức Ngày hội đọc sách trong trường học năm học 2024 - 2025", bold=True, center=True)
    w.para(
        "Thực hiện Quyết định số 1862/QĐ-TTg ngày 04/11/2021 của Thủ tướng Chính phủ phê duyệt "
        "Đề án Phát triển văn hóa đọc trong cộng đồng, Ủy ban nhân dân tỉnh ban hành Kế hoạch "
        "như sau:"
    )
    outline = w.new_list(OUTLINE)
    w.para("MỤC ĐÍCH, YÊU CẦU", bold=True, num=outline, level=0)
    w.para("Hình thành thói quen đọc sách cho học sinh các cấp học.", num=outline, level=1)
    w.para("Tổ chức thiết thực, tiết kiệm, phù hợp điều kiện từng trường.", num=outline, level=1)
    w.para("NHIỆM VỤ VÀ GIẢI PHÁP", bold=True, num=outline, level=0)
    w.para("Phát triển thư viện trường học", bold=True, num=outline, level=1)
    w.para(
        "Bổ sung sách tham khảo bằng tiếng dân tộc Thái, Mông cho thư viện các trường vùng "
        "cao, hoàn thành trước ngày 30/11/2024.",
        num=outline,
        level=2,
    )
    w.para("Xây dựng tủ sách lớp học ở các điểm trường lẻ.", num=outline, level=2)
    w.para("Tổ chức hoạt động đọc", bold=True, num=outline, level=1)
    w.para("Tổ chức Ngày hội đọc sách cấp trường trước ngày 21/4/2025.", num=outline, level=2)
    w.para("Giới thiệu sách hay dưới cờ mỗi tháng một lần.", num=outline, level=2)
    w.para("TỔ CHỨC THỰC HIỆN", bold=True, num=outline, level=0)
    w.para("Sở Giáo dục và Đào tạo", bold=True, num=outline, level=1)
    w.para(
        "Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch hướng "
        "dẫn các trường tổ chức Ngày hội đọc sách.",
        num=outline,
        level=3,
    )
    w.para("Sở Tài chính", bold=True, num=outline, level=1)
    w.para(
        "Sở Tài chính tham mưu bố trí kinh phí bổ sung sách cho thư viện trường học.",
        num=outline,
        level=3,
    )
    w.layout_table(
        [
            (
                [
                    "Nơi nhận:",
                    "- Bộ GD&ĐT;",
                    "- TT. Tỉnh ủy;",
                    "- Các sở, ban, ngành tỉnh;",
                    "- Lưu: VT, KGVX.",
                ],
                ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Vừ A Bằng"],
            )
        ]
    )
    section = "II"
    w.save(
        "dienbien-ubnd-ngay-hoi-doc-sach",
        {
            "doc_type": "KH",
            "number": "2841",
            "symbol": "KH-UBND",
            "issuer": "Ủy ban nhân dân tỉnh Điện Biên",
            "place": "Điện Biên",
            "issued_on": "2024-09-12",
            "school_year": "2024-2025",
            "title": "Tổ chức Ngày hội đọc sách trong trường học năm học 2024 - 2025",
            "task_groups": [
                group(
                    "1",
                    "Phát triển thư viện trường học",
                    section,
                    [
                        task(
                            "Bổ sung sách tham khảo bằng tiếng dân tộc Thái, Mông cho thư viện các trường vùng cao, hoàn thành trước ngày 30/11/2024.",
                            "a",
                            "hoàn thành trước ngày 30/11/2024",
                            "2024-11-30",
                        ),
                        task("Xây dựng tủ sách lớp học ở các điểm trường lẻ.", "b"),
                    ],
                ),
                group(
                    "2",
                    "Tổ chức hoạt động đọc",
                    section,
                    [
                        task(
                            "Tổ chức Ngày hội đọc sách cấp trường trước ngày 21/4/2025.",
                            "a",
                            "trước ngày 21/4/2025",
                            "2025-04-21",
                        ),
                        task("Giới thiệu sách hay dưới cờ mỗi tháng một lần.", "b"),
                    ],
                ),
                group(
                    "1",
                    "Sở Giáo dục và Đào tạo",
                    "III",
                    [
                        task(
                            "Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch hướng dẫn các trường tổ chức Ngày hội đọc sách.",
                            agencies=[
                                ("Sở Giáo dục và Đào tạo", "lead"),
                                ("Sở Văn hóa, Thể thao và Du lịch", "coordinate"),
                            ],
                        )
                    ],
                ),
                group(
                    "2",
                    "Sở Tài chính",
                    "III",
                    [
                        task(
                            "Sở Tài chính tham mưu bố trí kinh phí bổ sung sách cho thư viện trường học.",
                            agencies=[("Sở Tài chính", "lead")],
                        )
                    ],
                ),
            ],
            "indicators": [],
            "signer": {
                "name": "Vừ A Bằng",
                "capacity": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            },
        },
    )


def thanhhoa_list_styles():
    """Sở GD&ĐT Thanh Hóa: Word's own List Number and List Bullet styles."""
    w = Writer()
    w.layout_table(
        [
            (
                ["UBND TỈNH THANH HÓA", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
                ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
            ),
            (["Số: 3160/KH-SGDĐT"], ["Thanh Hóa, ngày 05 tháng 9 năm 2024"]),
        ]
    )
    w.para("KẾ HOẠCH", bold=True, center=True)
    w.para(
        "Tuyên truyền phòng, chống đuối nước cho học sinh năm học 2024 - 2025",
        bold=True,
        center=True,
    )
    w.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    w.para("Nâng cao nhận thức của học sinh, cha mẹ học sinh về phòng, chống đuối nước.")
    w.para("II. NỘI DUNG THỰC HIỆN", bold=True)
    w.para("Tuyên truyền trong nhà trường", style="List Number")
    w.para("Lồng ghép nội dung phòng, chống đuối nước vào tiết sinh hoạt lớp.", style="List Bullet")
    w.para(
        "Treo áp phích cảnh báo tại bảng tin của trường trước ngày 15/10/2024.", style="List Bullet"
    )
    w.para("Dạy bơi an toàn", style="List Number")
    w.para(
        "Các trường có bể bơi tổ chức dạy bơi cho học sinh tiểu học.",
        style="List Bullet",
    )
    w.para("Phối hợp với gia đình", style="List Number")
    w.para("Gửi thư khuyến cáo tới cha mẹ học sinh về phòng, chống đuối nước.", style="List Bullet")
    w.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    w.para(
        "Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố chỉ đạo các trường triển khai Kế hoạch; báo cáo kết quả về Sở trước ngày 30/5/2025."
    )
    w.layout_table(
        [
            (
                ["Nơi nhận:", "- UBND tỉnh (để b/c);", "- Các phòng GD&ĐT;", "- Lưu: VT, CTTT."],
                ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Nguyễn Văn Hiền"],
            )
        ]
    )
    w.save(
        "thanhhoa-sgddt-phong-chong-duoi-nuoc",
        {
            "doc_type": "KH",
            "number": "3160",
            "symbol": "KH-SGDĐT",
            "issuer": "Sở Giáo dục và Đào tạo tỉnh Thanh Hóa",
            "place": "Thanh Hóa",
            "issued_on": "2024-09-05",
            "school_year": "2024-2025",
            "title": "Tuyên truyền phòng, chống đuối nước cho học sinh năm học 2024 - 2025",
            "task_groups": [
                group(
                    "1",
                    "Tuyên truyền trong nhà trường",
                    "II",
                    [
                        task("Lồng ghép nội dung phòng, chống đuối nước vào tiết sinh hoạt lớp."),
                        task(
                            "Treo áp phích cảnh báo tại bảng tin của trường trước ngày 15/10/2024.",
                            deadline="trước ngày 15/10/2024",
                            due_on="2024-10-15",
                        ),
                    ],
                ),
                group(
                    "2",
                    "Dạy bơi an toàn",
                    "II",
                    [task("Các trường có bể bơi tổ chức dạy bơi cho học sinh tiểu học.")],
                ),
                group(
                    "3",
                    "Phối hợp với gia đình",
                    "II",
                    [task("Gửi thư khuyến cáo tới cha mẹ học sinh về phòng, chống đuối nước.")],
                ),
                group(
                    "",
                    "TỔ CHỨC THỰC HIỆN",
                    "III",
                    [
                        task(
                            "Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố chỉ đạo các trường triển khai Kế hoạch; báo cáo kết quả về Sở trước ngày 30/5/2025.",
                            "",
                            "trước ngày 30/5/2025",
                            "2025-05-30",
                            agencies=[
                                ("Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố", "lead")
                            ],
                        )
                    ],
                ),
            ],
            "indicators": [],
            "signer": {"name": "Nguyễn Văn Hiền", "capacity": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"},
        },
    )


def xa_chi_thi_letters():
    """UBND xã (after the 2025 reform): a Chỉ thị whose items "a)" restart in each group."""
    w = Writer()
    w.layout_table(
        [
            (
                ["ỦY BAN NHÂN DÂN", "XÃ MƯỜNG THAN"],
                ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
            ),
            (["Số: 07/CT-UBND"], ["Mường Than, ngày 22 tháng 8 năm 2025"]),
        ]
    )
    w.para("CHỈ THỊ", bold=True, center=True)
    w.para("Về việc chuẩn bị các điều kiện cho năm học mới 2025 - 2026", bold=True, center=True)
    w.para(
        "Năm học 2025 - 2026 là năm học đầu tiên các trường trên địa bàn xã hoạt động theo mô "
        "hình chính quyền địa phương hai cấp. Để chuẩn bị tốt các điều kiện cho năm học mới, "
        "Chủ tịch Ủy ban nhân dân xã yêu cầu:"
    )
    groups = w.new_list(DECIMAL)
    letters = w.new_list(LETTERS)
    w.para("Các trường mầm non, tiểu học, trung học cơ sở trên địa bàn xã", bold=True, num=groups)
    w.para(
        "Rà soát, sửa chữa phòng học, nhà vệ sinh, hoàn thành trước ngày 31/8/2025.", num=letters
    )
    w.para(
        "Huy động trẻ em trong độ tuổi ra lớp, báo cáo danh sách trước ngày 05/9/2025.", num=letters
    )
    w.para("Trạm Y tế xã", bold=True, num=groups)
    second = w.new_list(LETTERS, restart_of=letters)
    w.para("Tổ chức khám sức khỏe ban đầu cho học sinh lớp 1 và lớp 6.", num=second)
    w.para("Kiểm tra an toàn thực phẩm tại các bếp ăn bán trú.", num=second)
    w.para("Công an xã", bold=True, num=groups)
    third = w.new_list(LETTERS, restart_of=letters)
    w.para("Bảo đảm an ninh, trật tự khu vực cổng trường trong ngày khai giảng.", num=third)
    w.para(
        "Chủ tịch Ủy ban nhân dân xã yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện Chỉ thị này."
    )
    w.layout_table(
        [
            (
                ["Nơi nhận:", "- Đảng ủy xã;", "- Các trường trên địa bàn xã;", "- Lưu: VT."],
                ["CHỦ TỊCH", "", "", "Lò Văn Thành"],
            )
        ]
    )
    w.save(
        "muongthan-ubnd-xa-chi-thi-nam-hoc",
        {
            "doc_type": "CT",
            "number": "07",
            "symbol": "CT-UBND",
            "issuer": "Ủy ban nhân dân xã Mường Than",
            "place": "Mường Than",
            "issued_on": "2025-08-22",
            "school_year": "2025-2026",
            "title": "Về việc chuẩn bị các điều kiện cho năm học mới 2025 - 2026",
            "task_groups": [
                group(
                    "1",
                    "Các trường mầm non, tiểu học, trung học cơ sở trên địa bàn xã",
                    None,
                    [
                        task(
                            "Rà soát, sửa chữa phòng học, nhà vệ sinh, hoàn thành trước ngày 31/8/2025.",
                            "a",
                            "hoàn thành trước ngày 31/8/2025",
                            "2025-08-31",
                        ),
                        task(
                            "Huy động trẻ em trong độ tuổi ra lớp, báo cáo danh sách trước ngày 05/9/2025.",
                            "b",
                            "trước ngày 05/9/2025",
                            "2025-09-05",
                        ),
                    ],
                ),
                group(
                    "2",
                    "Trạm Y tế xã",
                    None,
                    [
                        task("Tổ chức khám sức khỏe ban đầu cho học sinh lớp 1 và lớp 6.", "a"),
                        task("Kiểm tra an toàn thực phẩm tại các bếp ăn bán trú.", "b"),
                    ],
                ),
                group(
                    "3",
                    "Công an xã",
                    None,
                    [
                        task(
                            "Bảo đảm an ninh, trật tự khu vực cổng trường trong ngày khai giảng.",
                            "a",
                        )
                    ],
                ),
            ],
            "indicators": [],
            "signer": {"name": "Lò Văn Thành", "capacity": "CHỦ TỊCH"},
        },
    )


def phongtho_task_table():
    """Phòng GD&ĐT of a district (before 2025): the tasks as a Word table."""
    w = Writer()
    w.layout_table(
        [
            (
                ["UBND HUYỆN TAM ĐƯỜNG", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"],
                ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
            ),
            (["Số: 112/KH-PGDĐT"], ["Tam Đường, ngày 18 tháng 9 năm 2023"]),
        ]
    )
    w.para("KẾ HOẠCH", bold=True, center=True)
    w.para("Kiểm tra nội bộ trường học năm học 2023 - 2024", bold=True, center=True)
    w.para("I. MỤC ĐÍCH", bold=True)
    w.para("Đánh giá đúng thực trạng công tác quản lý của các nhà trường.")
    w.para("II. NỘI DUNG VÀ THỜI GIAN", bold=True)
    w.grid(
        [
            ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"],
            [
                "1",
                "Xây dựng kế hoạch kiểm tra nội bộ của trường",
                "Các trường học",
                "Công đoàn trường",
                "Trước 30/9/2023",
            ],
            [
                "2",
                "Kiểm tra hồ sơ chuyên môn của giáo viên",
                "Các trường học",
                "Tổ chuyên môn",
                "Trước 15/12/2023",
            ],
            [
                "3",
                "Tổng hợp, báo cáo kết quả kiểm tra",
                "Phòng Giáo dục và Đào tạo",
                "Các trường học",
                "Trước 25/5/2024",
            ],
        ]
    )
    w.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    w.para("Các trường triển khai Kế hoạch và báo cáo theo đúng thời gian quy định.")
    w.layout_table(
        [
            (
                ["Nơi nhận:", "- Các trường MN, TH, THCS;", "- Lưu: VT."],
                ["TRƯỞNG PHÒNG", "", "", "Hoàng Thị Mai"],
            )
        ]
    )
    w.save(
        "tamduong-pgddt-bang-nhiem-vu",
        {
            "doc_type": "KH",
            "number": "112",
            "symbol": "KH-PGDĐT",
            "issuer": "Phòng Giáo dục và Đào tạo huyện Tam Đường",
            "place": "Tam Đường",
            "issued_on": "2023-09-18",
            "school_year": "2023-2024",
            "title": "Kiểm tra nội bộ trường học năm học 2023 - 2024",
            "task_groups": [
                group(
                    "",
                    "NỘI DUNG VÀ THỜI GIAN",
                    "II",
                    [
                        task(
                            "Xây dựng kế hoạch kiểm tra nội bộ của trường",
                            "1",
                            "Trước 30/9/2023",
                            "2023-09-30",
                            agencies=[
                                ("Các trường học", "lead"),
                                ("Công đoàn trường", "coordinate"),
                            ],
                        ),
                        task(
                            "Kiểm tra hồ sơ chuyên môn của giáo viên",
                            "2",
                            "Trước 15/12/2023",
                            "2023-12-15",
                            agencies=[("Các trường học", "lead"), ("Tổ chuyên môn", "coordinate")],
                        ),
                        task(
                            "Tổng hợp, báo cáo kết quả kiểm tra",
                            "3",
                            "Trước 25/5/2024",
                            "2024-05-25",
                            agencies=[
                                ("Phòng Giáo dục và Đào tạo", "lead"),
                                ("Các trường học", "coordinate"),
                            ],
                        ),
                    ],
                ),
                group(
                    "",
                    "TỔ CHỨC THỰC HIỆN",
                    "III",
                    [
                        task(
                            "Các trường triển khai Kế hoạch và báo cáo theo đúng thời gian quy định.",
                            "",
                            agencies=[("Các trường", "lead")],
                        )
                    ],
                ),
            ],
            "indicators": [],
            "signer": {"name": "Hoàng Thị Mai", "capacity": "TRƯỞNG PHÒNG"},
        },
    )


def quangninh_appendix():
    """Sở GD&ĐT Quảng Ninh: groups numbered by Word, symbol-font bullets, an appendix table."""
    w = Writer()
    w.layout_table(
        [
            (
                ["UBND TỈNH QUẢNG NINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
                ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
            ),
            (["Số: 2675/KH-SGDĐT"], ["Quảng Ninh, ngày 10 tháng 9 năm 2024"]),
        ]
    )
    w.para("KẾ HOẠCH", bold=True, center=True)
    w.para("Nâng cao chất lượng dạy và học ngoại ngữ năm học 2024 - 2025", bold=True, center=True)
    w.para("I. NHIỆM VỤ TRỌNG TÂM", bold=True)
    groups = w.new_list(DECIMAL)
    bullets = w.new_list(SYMBOL_BULLETS)
    w.para("Đội ngũ giáo viên", bold=True, num=groups)
    w.para(
        "Bồi dưỡng giáo viên tiếng Anh đạt chuẩn năng lực bậc 5 trước ngày 30/6/2025.", num=bullets
    )
    w.para("Tuyển dụng đủ giáo viên tiếng Anh cho các trường tiểu học vùng khó khăn.", num=bullets)
    w.para("Hoạt động trải nghiệm", bold=True, num=groups)
    w.para("Tổ chức câu lạc bộ tiếng Anh ở tất cả các trường trung học cơ sở.", num=bullets)
    w.layout_table(
        [
            (
                ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Lưu: VT, GDPT."],
                ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Vũ Liên Oanh"],
            )
        ]
    )
    w.para("PHỤ LỤC", bold=True, center=True)
    w.para("CHỈ TIÊU NGOẠI NGỮ NĂM HỌC 2024 - 2025", bold=True, center=True)
    w.grid(
        [
            ["TT", "Chỉ tiêu", "Đơn vị", "Năm học 2023-2024", "Năm học 2024-2025"],
            ["1", "Tỷ lệ trường tiểu học dạy tiếng Anh từ lớp 1", "%", "78,5", "85"],
            ["2", "Tỷ lệ giáo viên tiếng Anh đạt chuẩn", "%", "92,3", "95"],
            ["3", "Số câu lạc bộ tiếng Anh", "Câu lạc bộ", "146", "180"],
        ]
    )
    w.save(
        "quangninh-sgddt-ngoai-ngu-phu-luc",
        {
            "doc_type": "KH",
            "number": "2675",
            "symbol": "KH-SGDĐT",
            "issuer": "Sở Giáo dục và Đào tạo tỉnh Quảng Ninh",
            "place": "Quảng Ninh",
            "issued_on": "2024-09-10",
            "school_year": "2024-2025",
            "title": "Nâng cao chất lượng dạy và học ngoại ngữ năm học 2024 - 2025",
            "task_groups": [
                group(
                    "1",
                    "Đội ngũ giáo viên",
                    "I",
                    [
                        task(
                            "Bồi dưỡng giáo viên tiếng Anh đạt chuẩn năng lực bậc 5 trước ngày 30/6/2025.",
                            deadline="trước ngày 30/6/2025",
                            due_on="2025-06-30",
                        ),
                        task(
                            "Tuyển dụng đủ giáo viên tiếng Anh cho các trường tiểu học vùng khó khăn."
                        ),
                    ],
                ),
                group(
                    "2",
                    "Hoạt động trải nghiệm",
                    "I",
                    [task("Tổ chức câu lạc bộ tiếng Anh ở tất cả các trường trung học cơ sở.")],
                ),
            ],
            "indicators": [
                {
                    "order": 1,
                    "name": "Tỷ lệ trường tiểu học dạy tiếng Anh từ lớp 1",
                    "unit": "%",
                    "baseline": "78.5",
                    "baseline_year": "2023-2024",
                    "target": "85",
                    "target_year": "2024-2025",
                },
                {
                    "order": 2,
                    "name": "Tỷ lệ giáo viên tiếng Anh đạt chuẩn",
                    "unit": "%",
                    "baseline": "92.3",
                    "baseline_year": "2023-2024",
                    "target": "95",
                    "target_year": "2024-2025",
                },
                {
                    "order": 3,
                    "name": "Số câu lạc bộ tiếng Anh",
                    "unit": "Câu lạc bộ",
                    "baseline": "146",
                    "baseline_year": "2023-2024",
                    "target": "180",
                    "target_year": "2024-2025",
                },
            ],
            "signer": {"name": "Vũ Liên Oanh", "capacity": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"},
        },
    )


if __name__ == "__main__":
    for make in (
        dienbien_plan,
        thanhhoa_list_styles,
        xa_chi_thi_letters,
        phongtho_task_table,
        quangninh_appendix,
    ):
        make()
