"""Write the PDFs and scans of corpus/pdf/ and what a careful reader takes from each.

Run from the repository root: ``.venv/bin/python tests/directives/corpus/make_pdf.py``
(WeasyPrint, Pillow and poppler's pdftoppm). The files and their .expected.json are
committed; this script is how they were made. Text PDFs are laid out as offices print plans:
A4, a Times-metric serif (Liberation Serif), the header as two columns without rules, page
numbers, a footer repeated on each page, an appendix table with rules. Scans are such PDFs
rendered at 300 dpi, turned a little, speckled and reduced to black and white, as an office
scanner does; one is kept as a PDF of page images, one as a PNG.
"""

import html
import json
import random
import subprocess
import tempfile
from pathlib import Path

import weasyprint
from make_word import group, task  # the expectations' shape, as for the Word files
from PIL import Image

HERE = Path(__file__).resolve().parent / "pdf"

STYLE = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm;
  @top-center { content: counter(page); font: 13pt "Liberation Serif"; } %(footer)s }
@page :first { @top-center { content: none; } }
body { font-family: "Liberation Serif"; font-size: 14pt; line-height: 1.3; }
table.head { width: 100%%; border-collapse: collapse; font-size: 12pt; }
table.head td { vertical-align: top; text-align: center; padding: 0; }
table.head td.left { width: 42%%; }
p { margin: 0 0 5pt; text-align: justify; text-indent: 1cm; }
p.center { text-align: center; text-indent: 0; font-weight: bold; }
p.plain { text-indent: 0; }
h2, h3 { font-size: 14pt; margin: 6pt 0 4pt; text-indent: 1cm; }
table.grid { width: 100%%; border-collapse: collapse; font-size: 13pt; margin-top: 6pt; }
table.grid th, table.grid td { border: 0.6pt solid black; padding: 2pt 4pt; }
table.grid td.num { text-align: right; }
table.sign { width: 100%%; margin-top: 12pt; font-size: 12pt; }
table.sign td { vertical-align: top; }
table.sign td.right { text-align: center; font-weight: bold; font-size: 14pt; width: 50%%; }
.appendix { page-break-before: always; }
"""


def header_html(left: list[str], right: list[str], number: str, place_date: str) -> str:
    esc = html.escape
    return (
        '<table class="head"><tr><td class="left">'
        + "<br>".join(f"<b>{esc(line)}</b>" for line in left)
        + "</td><td><b>"
        + "<br>".join(esc(line) for line in right)
        + "</b></td></tr>"
        + f'<tr><td class="left" style="padding-top:6pt">{esc(number)}</td>'
        + f'<td style="padding-top:6pt"><i>{esc(place_date)}</i></td></tr></table>'
    )


MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def signature_html(recipients: list[str], capacity: list[str], name: str) -> str:
    esc = html.escape
    return (
        '<table class="sign"><tr><td><b><i>Nơi nhận:</i></b><br>'
        + "<br>".join(esc(r) for r in recipients)
        + '</td><td class="right">'
        + "<br>".join(esc(c) for c in capacity)
        + f"<br><br><br><br>{esc(name)}</td></tr></table>"
    )


def body_html(blocks: list[tuple[str, str]]) -> str:
    out = []
    for kind, text in blocks:
        text = html.escape(text)
        if kind == "h2":
            out.append(f"<h2>{text}</h2>")
        elif kind == "h3":
            out.append(f"<h3>{text}</h3>")
        elif kind == "center":
            out.append(f'<p class="center">{text}</p>')
        else:
            out.append(f"<p>{text}</p>")
    return "\n".join(out)


def write_pdf(path: Path, content: str, footer: str = "") -> bytes:
    footer_css = (
        f'@bottom-right {{ content: "{footer} - Trang " counter(page) "/" counter(pages); '
        f'font: italic 11pt "Liberation Serif"; }}'
        if footer
        else ""
    )
    page = f"<html><head><meta charset='utf-8'><style>{STYLE % {'footer': footer_css}}</style></head><body>{content}</body></html>"
    data = weasyprint.HTML(string=page).write_pdf()
    if path is not None:
        path.write_bytes(data)
    return data


def scan_pages(pdf: bytes, *, seed: int, angle: float) -> list[Image.Image]:
    """The pages of a PDF as an office scanner gives them: 300 dpi, turned a little,
    specks of dust, black and white."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "300", "-gray", "-png", str(source), f"{folder}/p"], check=True
        )
        pages = []
        for png in sorted(Path(folder).glob("p-*.png")):
            with Image.open(png) as image:
                page = image.convert("L").rotate(angle, resample=Image.BICUBIC, fillcolor=255)
            pixels = page.load()
            for _ in range(1500):
                x, y = rng.randrange(page.width), rng.randrange(page.height)
                pixels[x, y] = rng.randrange(0, 120)
            pages.append(page.point(lambda p: 255 if p > 110 else 0).convert("1"))
    return pages


def save_expected(name: str, expected: dict) -> None:
    (HERE / f"{name}.expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def laichau_multipage():
    """A two-page plan of UBND tỉnh Lai Châu: page numbers, hard-wrapped lines, an appendix."""
    name = "laichau-ubnd-chuyen-doi-so-nhieu-trang"
    content = header_html(
        ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"],
        MOTTO,
        "Số: 4125/KH-UBND",
        "Lai Châu, ngày 08 tháng 10 năm 2024",
    )
    blocks = [
        ("center", "KẾ HOẠCH"),
        ("center", "Chuyển đổi số trong giáo dục và đào tạo tỉnh Lai Châu năm học 2024 - 2025"),
        (
            "p",
            "Thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ phê duyệt "
            "Đề án Tăng cường ứng dụng công nghệ thông tin và chuyển đổi số trong giáo dục và đào "
            "tạo giai đoạn 2022 - 2025, định hướng đến năm 2030, Ủy ban nhân dân tỉnh ban hành Kế "
            "hoạch chuyển đổi số trong giáo dục và đào tạo năm học 2024 - 2025 như sau:",
        ),
        ("h2", "I. MỤC ĐÍCH, YÊU CẦU"),
        (
            "p",
            "Ứng dụng công nghệ thông tin trong quản lý, dạy và học một cách thực chất, bảo đảm "
            "an toàn thông tin; khai thác hiệu quả cơ sở dữ liệu ngành giáo dục.",
        ),
        ("h2", "II. NHIỆM VỤ, GIẢI PHÁP"),
        ("h3", "1. Hoàn thiện hạ tầng công nghệ thông tin"),
        (
            "p",
            "- Rà soát, bổ sung thiết bị kết nối Internet cho các điểm trường vùng sâu, vùng xa "
            "của các huyện Mường Tè, Nậm Nhùn, Sìn Hồ, hoàn thành trước ngày 31/12/2024.",
        ),
        (
            "p",
            "- Trang bị phòng học trực tuyến cho các trường trung học phổ thông trên địa bàn "
            "tỉnh, bảo đảm mỗi trường có ít nhất một phòng đáp ứng yêu cầu dạy học kết hợp.",
        ),
        ("h3", "2. Số hóa hồ sơ, học bạ"),
        (
            "p",
            "- Triển khai học bạ số đối với học sinh tiểu học từ lớp 1 đến lớp 5 trong học kỳ I "
            "năm học 2024 - 2025; các trường cập nhật đầy đủ dữ liệu trước ngày 15/01/2025.",
        ),
        (
            "p",
            "- Cập nhật thông tin đội ngũ, học sinh lên cơ sở dữ liệu ngành trước ngày 30/9 hằng "
            "năm, bảo đảm đúng, đủ, kịp thời.",
        ),
        ("h3", "3. Bồi dưỡng năng lực số cho giáo viên"),
        (
            "p",
            "- Tổ chức tập huấn kỹ năng khai thác học liệu số cho giáo viên cốt cán các cấp học "
            "trong quý I năm 2025.",
        ),
        (
            "p",
            "- Khuyến khích giáo viên xây dựng bài giảng điện tử, chia sẻ trên kho học liệu số "
            "dùng chung của ngành.",
        ),
        ("h2", "III. TỔ CHỨC THỰC HIỆN"),
        ("h3", "1. Sở Giáo dục và Đào tạo"),
        (
            "p",
            "Chủ trì, phối hợp với Sở Thông tin và Truyền thông hướng dẫn các đơn vị triển khai "
            "Kế hoạch; tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện trước ngày "
            "31/5/2025.",
        ),
        ("h3", "2. Sở Tài chính"),
        (
            "p",
            "Tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí thực hiện Kế hoạch theo khả năng cân "
            "đối ngân sách.",
        ),
    ]
    content += body_html(blocks)
    content += signature_html(
        [
            "- Bộ GD&ĐT (b/c);",
            "- TT. Tỉnh ủy;",
            "- Sở GD&ĐT, Sở TT&TT, Sở Tài chính;",
            "- Lưu: VT, KGVX.",
        ],
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "Hà Trọng Hải",
    )
    content += (
        '<section class="appendix"><p class="center">PHỤ LỤC</p>'
        '<p class="center">CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM HỌC 2024 - 2025</p>'
        '<p class="center" style="font-weight:normal"><i>(Kèm theo Kế hoạch số 4125/KH-UBND '
        "ngày 08 tháng 10 năm 2024 của Ủy ban nhân dân tỉnh Lai Châu)</i></p>"
        '<table class="grid"><thead><tr><th>TT</th><th>Chỉ tiêu</th><th>Đơn vị</th>'
        "<th>Năm học 2023-2024</th><th>Năm học 2024-2025</th></tr></thead><tbody>"
        '<tr><td>1</td><td>Tỷ lệ trường có kết nối Internet cáp quang</td><td>%</td><td class="num">87,5</td><td class="num">95</td></tr>'
        '<tr><td>2</td><td>Tỷ lệ học sinh tiểu học có học bạ số</td><td>%</td><td class="num">0</td><td class="num">100</td></tr>'
        '<tr><td>3</td><td>Số phòng học trực tuyến ở các trường trung học phổ thông</td><td>Phòng</td><td class="num">12</td><td class="num">31</td></tr>'
        '<tr><td>4</td><td>Tỷ lệ giáo viên được tập huấn năng lực số</td><td>%</td><td class="num">64,2</td><td class="num">80</td></tr>'
        "</tbody></table></section>"
    )
    write_pdf(HERE / f"{name}.pdf", content)
    section = "II"
    save_expected(
        name,
        {
            "doc_type": "KH",
            "number": "4125",
            "symbol": "KH-UBND",
            "issuer": "Ủy ban nhân dân tỉnh Lai Châu",
            "place": "Lai Châu",
            "issued_on": "2024-10-08",
            "school_year": "2024-2025",
            "title": "Chuyển đổi số trong giáo dục và đào tạo tỉnh Lai Châu năm học 2024 - 2025",
            "task_groups": [
                group(
                    "1",
                    "Hoàn thiện hạ tầng công nghệ thông tin",
                    section,
                    [
                        task(
                            "Rà soát, bổ sung thiết bị kết nối Internet cho các điểm trường vùng sâu, vùng xa của các huyện Mường Tè, Nậm Nhùn, Sìn Hồ, hoàn thành trước ngày 31/12/2024.",
                            deadline="hoàn thành trước ngày 31/12/2024",
                            due_on="2024-12-31",
                        ),
                        task(
                            "Trang bị phòng học trực tuyến cho các trường trung học phổ thông trên địa bàn tỉnh, bảo đảm mỗi trường có ít nhất một phòng đáp ứng yêu cầu dạy học kết hợp."
                        ),
                    ],
                ),
                group(
                    "2",
                    "Số hóa hồ sơ, học bạ",
                    section,
                    [
                        task(
                            "Triển khai học bạ số đối với học sinh tiểu học từ lớp 1 đến lớp 5 trong học kỳ I năm học 2024 - 2025; các trường cập nhật đầy đủ dữ liệu trước ngày 15/01/2025.",
                            deadline="trước ngày 15/01/2025",
                            due_on="2025-01-15",
                        ),
                        task(
                            "Cập nhật thông tin đội ngũ, học sinh lên cơ sở dữ liệu ngành trước ngày 30/9 hằng năm, bảo đảm đúng, đủ, kịp thời.",
                            deadline="trước ngày 30/9 hằng năm",
                            due_on="2025-09-30",
                            recurs=True,
                        ),
                    ],
                ),
                group(
                    "3",
                    "Bồi dưỡng năng lực số cho giáo viên",
                    section,
                    [
                        task(
                            "Tổ chức tập huấn kỹ năng khai thác học liệu số cho giáo viên cốt cán các cấp học trong quý I năm 2025.",
                            deadline="trong quý I năm 2025",
                            due_on="2025-03-31",
                        ),
                        task(
                            "Khuyến khích giáo viên xây dựng bài giảng điện tử, chia sẻ trên kho học liệu số dùng chung của ngành."
                        ),
                    ],
                ),
                group(
                    "1",
                    "Sở Giáo dục và Đào tạo",
                    "III",
                    [
                        task(
                            "Chủ trì, phối hợp với Sở Thông tin và Truyền thông hướng dẫn các đơn vị triển khai Kế hoạch; tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện trước ngày 31/5/2025.",
                            "",
                            "trước ngày 31/5/2025",
                            "2025-05-31",
                            agencies=[
                                ("Sở Giáo dục và Đào tạo", "lead"),
                                ("Sở Thông tin và Truyền thông", "coordinate"),
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
                            "Tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí thực hiện Kế hoạch theo khả năng cân đối ngân sách.",
                            "",
                            agencies=[("Sở Tài chính", "lead")],
                        )
                    ],
                ),
            ],
            "indicators": [
                _indicator(1, "Tỷ lệ trường có kết nối Internet cáp quang", "%", "87.5", "95"),
                _indicator(2, "Tỷ lệ học sinh tiểu học có học bạ số", "%", "0", "100"),
                _indicator(
                    3,
                    "Số phòng học trực tuyến ở các trường trung học phổ thông",
                    "Phòng",
                    "12",
                    "31",
                ),
                _indicator(4, "Tỷ lệ giáo viên được tập huấn năng lực số", "%", "64.2", "80"),
            ],
            "signer": {
                "name": "Hà Trọng Hải",
                "capacity": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            },
        },
    )


def _indicator(order, name, unit, baseline, target):
    return {
        "order": order,
        "name": name,
        "unit": unit,
        "baseline": baseline,
        "baseline_year": "2023-2024",
        "target": target,
        "target_year": "2024-2025",
    }


def haiphong_footer():
    """A plan of Sở GD&ĐT Hải Phòng with a footer repeated on each page."""
    name = "haiphong-sgddt-an-toan-thuc-pham-chan-trang"
    content = header_html(
        ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
        MOTTO,
        "Số: 1893/KH-SGDĐT",
        "Hải Phòng, ngày 20 tháng 8 năm 2024",
    )
    tasks_a = [
        "Kiểm tra điều kiện an toàn thực phẩm của bếp ăn bán trú trước ngày 15/9/2024.",
        "Ký hợp đồng cung cấp thực phẩm với cơ sở có giấy chứng nhận đủ điều kiện.",
        "Lưu mẫu thức ăn hằng ngày theo quy định của Bộ Y tế.",
    ]
    tasks_b = [
        "Tuyên truyền kiến thức an toàn thực phẩm cho cha mẹ học sinh trong buổi họp đầu năm.",
        "Tổ chức cho học sinh tham quan mô hình vườn rau sạch của trường.",
    ]
    blocks = [
        ("center", "KẾ HOẠCH"),
        ("center", "Bảo đảm an toàn thực phẩm trong trường học năm học 2024 - 2025"),
        ("h2", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("p", "Phòng ngừa ngộ độc thực phẩm trong các cơ sở giáo dục có tổ chức bán trú."),
        ("h2", "II. NHIỆM VỤ CỤ THỂ"),
        ("h3", "1. Đối với các cơ sở giáo dục có bếp ăn bán trú"),
        *[("p", f"- {t}") for t in tasks_a],
        ("h3", "2. Công tác truyền thông"),
        *[("p", f"- {t}") for t in tasks_b],
        ("h2", "III. TỔ CHỨC THỰC HIỆN"),
        (
            "p",
            "Phòng Giáo dục và Đào tạo các quận, huyện chỉ đạo các trường thực hiện; báo cáo kết "
            "quả về Sở Giáo dục và Đào tạo trước ngày 20/12/2024.",
        ),
    ]
    # Long enough to run onto a second page, so that the footer repeats.
    blocks[4:4] = [
        (
            "p",
            "Các cơ sở giáo dục quán triệt đến từng cán bộ, giáo viên, nhân viên nhà bếp các quy "
            "định về an toàn thực phẩm; công khai nguồn gốc thực phẩm, thực đơn hằng tuần tại "
            "bảng tin của trường để cha mẹ học sinh cùng giám sát.",
        ),
        (
            "p",
            "Việc kiểm tra được thực hiện thường xuyên, đột xuất, gắn với trách nhiệm của người "
            "đứng đầu cơ sở giáo dục; mọi trường hợp nghi ngộ độc phải được báo cáo ngay cho cơ "
            "quan y tế gần nhất và Phòng Giáo dục và Đào tạo.",
        ),
        (
            "p",
            "Năm học 2023 - 2024, toàn thành phố có 412 cơ sở giáo dục tổ chức bán trú với hơn "
            "180.000 trẻ em, học sinh ăn tại trường; không để xảy ra vụ ngộ độc thực phẩm nào là "
            "yêu cầu xuyên suốt của năm học này.",
        ),
        (
            "p",
            "Các đơn vị chủ động bố trí kinh phí từ nguồn thu hợp pháp để mua sắm tủ lưu mẫu, "
            "dụng cụ chia thức ăn bằng inox và trang phục bảo hộ cho nhân viên nhà bếp.",
        ),
    ]
    content += body_html(blocks)
    content += signature_html(
        ["- UBND thành phố (b/c);", "- Các phòng GD&ĐT;", "- Lưu: VT, CTTT."],
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        "Phạm Văn Thép",
    )
    write_pdf(HERE / f"{name}.pdf", content, footer="Kế hoạch 1893/KH-SGDĐT")
    save_expected(
        name,
        {
            "doc_type": "KH",
            "number": "1893",
            "symbol": "KH-SGDĐT",
            "issuer": "Sở Giáo dục và Đào tạo thành phố Hải Phòng",
            "place": "Hải Phòng",
            "issued_on": "2024-08-20",
            "school_year": "2024-2025",
            "title": "Bảo đảm an toàn thực phẩm trong trường học năm học 2024 - 2025",
            "task_groups": [
                group(
                    "1",
                    "Đối với các cơ sở giáo dục có bếp ăn bán trú",
                    "II",
                    [
                        task(tasks_a[0], deadline="trước ngày 15/9/2024", due_on="2024-09-15"),
                        task(tasks_a[1]),
                        task(tasks_a[2]),
                    ],
                ),
                group("2", "Công tác truyền thông", "II", [task(t) for t in tasks_b]),
                group(
                    "",
                    "TỔ CHỨC THỰC HIỆN",
                    "III",
                    [
                        task(
                            "Phòng Giáo dục và Đào tạo các quận, huyện chỉ đạo các trường thực hiện; báo cáo kết quả về Sở Giáo dục và Đào tạo trước ngày 20/12/2024.",
                            "",
                            "trước ngày 20/12/2024",
                            "2024-12-20",
                            agencies=[("Phòng Giáo dục và Đào tạo các quận, huyện", "lead")],
                        )
                    ],
                ),
            ],
            "indicators": [],
            "signer": {"name": "Phạm Văn Thép", "capacity": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"},
        },
    )


def phuong_chi_thi(path: Path | None = None) -> tuple[bytes, dict]:
    """A Chỉ thị of UBND phường (after the 2025 reform), one page."""
    content = header_html(
        ["ỦY BAN NHÂN DÂN", "PHƯỜNG ĐÔNG HẢI"],
        MOTTO,
        "Số: 03/CT-UBND",
        "Đông Hải, ngày 25 tháng 8 năm 2025",
    )
    items = [
        (
            "Các trường học trên địa bàn phường",
            [
                "Hoàn thành sửa chữa phòng học, bàn ghế trước ngày 31/8/2025.",
                "Công khai các khoản thu đầu năm học theo đúng quy định.",
            ],
        ),
        (
            "Công an phường",
            [
                "Bảo đảm trật tự, an toàn giao thông khu vực cổng trường trong tháng 9/2025.",
            ],
        ),
    ]
    blocks = [
        ("center", "CHỈ THỊ"),
        ("center", "Về tăng cường công tác chuẩn bị năm học 2025 - 2026"),
        (
            "p",
            "Để năm học 2025 - 2026 bắt đầu an toàn, đúng kế hoạch, Chủ tịch Ủy ban nhân dân "
            "phường yêu cầu:",
        ),
    ]
    for index, (title, tasks) in enumerate(items, start=1):
        blocks.append(("h3", f"{index}. {title}"))
        blocks.extend(("p", f"- {t}") for t in tasks)
    content += body_html(blocks)
    content += signature_html(
        ["- Đảng ủy phường;", "- Các trường học;", "- Lưu: VT."], ["CHỦ TỊCH"], "Trần Văn Tuấn"
    )
    data = write_pdf(path, content)
    expected = {
        "doc_type": "CT",
        "number": "03",
        "symbol": "CT-UBND",
        "issuer": "Ủy ban nhân dân phường Đông Hải",
        "place": "Đông Hải",
        "issued_on": "2025-08-25",
        "school_year": "2025-2026",
        "title": "Về tăng cường công tác chuẩn bị năm học 2025 - 2026",
        "task_groups": [
            group(
                "1",
                "Các trường học trên địa bàn phường",
                None,
                [
                    task(items[0][1][0], deadline="trước ngày 31/8/2025", due_on="2025-08-31"),
                    task(items[0][1][1]),
                ],
            ),
            group(
                "2",
                "Công an phường",
                None,
                [task(items[1][1][0], deadline="trong tháng 9/2025", due_on="2025-09-30")],
            ),
        ],
        "indicators": [],
        "signer": {"name": "Trần Văn Tuấn", "capacity": "CHỦ TỊCH"},
    }
    return data, expected


def xa_ke_hoach() -> tuple[bytes, dict]:
    """A one-page plan of UBND xã Phong Thổ (after the 2025 reform), for the scans."""
    content = header_html(
        ["ỦY BAN NHÂN DÂN", "XÃ PHONG THỔ"],
        MOTTO,
        "Số: 58/KH-UBND",
        "Phong Thổ, ngày 03 tháng 9 năm 2025",
    )
    tasks = [
        "Vận động trẻ em 5 tuổi ra lớp, hoàn thành trước ngày 15/9/2025.",
        "Tổ chức lớp xóa mù chữ cho người dân tại các bản vùng cao.",
    ]
    blocks = [
        ("center", "KẾ HOẠCH"),
        ("center", "Phổ cập giáo dục, xóa mù chữ năm 2025"),
        ("h2", "I. MỤC ĐÍCH"),
        ("p", "Duy trì kết quả phổ cập giáo dục mầm non cho trẻ em 5 tuổi trên địa bàn xã."),
        ("h2", "II. NHIỆM VỤ"),
        ("h3", "1. Huy động học sinh ra lớp"),
        *[("p", f"- {t}") for t in tasks],
        ("h3", "2. Kiểm tra hồ sơ phổ cập"),
        (
            "p",
            "- Các trường hoàn thiện hồ sơ phổ cập, nộp về Ủy ban nhân dân xã trước ngày 30/10/2025.",
        ),
    ]
    content += body_html(blocks)
    content += signature_html(
        ["- Các trường trên địa bàn xã;", "- Lưu: VT."],
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        "Sùng A Páo",
    )
    data = write_pdf(None, content)
    expected = {
        "doc_type": "KH",
        "number": "58",
        "symbol": "KH-UBND",
        "issuer": "Ủy ban nhân dân xã Phong Thổ",
        "place": "Phong Thổ",
        "issued_on": "2025-09-03",
        "school_year": None,
        "title": "Phổ cập giáo dục, xóa mù chữ năm 2025",
        "task_groups": [
            group(
                "1",
                "Huy động học sinh ra lớp",
                "II",
                [
                    task(tasks[0], deadline="hoàn thành trước ngày 15/9/2025", due_on="2025-09-15"),
                    task(tasks[1]),
                ],
            ),
            group(
                "2",
                "Kiểm tra hồ sơ phổ cập",
                "II",
                [
                    task(
                        "Các trường hoàn thiện hồ sơ phổ cập, nộp về Ủy ban nhân dân xã trước ngày 30/10/2025.",
                        deadline="trước ngày 30/10/2025",
                        due_on="2025-10-30",
                    )
                ],
            ),
        ],
        "indicators": [],
        "signer": {"name": "Sùng A Páo", "capacity": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"},
    }
    return data, expected


def main():
    HERE.mkdir(exist_ok=True)
    laichau_multipage()
    haiphong_footer()
    name = "donghai-ubnd-phuong-chi-thi"
    _, expected = phuong_chi_thi(HERE / f"{name}.pdf")
    save_expected(name, expected)
    # The scans: a PDF of page images, and a PNG.
    data, expected = xa_ke_hoach()
    pages = scan_pages(data, seed=13, angle=0.3)
    name = "phongtho-ubnd-xa-scan"
    pages[0].save(HERE / f"{name}.pdf", save_all=True, append_images=pages[1:], resolution=300)
    save_expected(name, expected)
    data, expected = phuong_chi_thi()
    name = "donghai-ubnd-phuong-scan"
    scan_pages(data, seed=7, angle=-0.25)[0].save(
        HERE / f"{name}.png", dpi=(300, 300), optimize=True
    )
    save_expected(name, expected)


if __name__ == "__main__":
    main()
