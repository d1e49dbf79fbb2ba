"""Hand-written PDFs for the PDF reader tests: text, ruling lines, images, encryption.

Text uses the standard CJK font STSong-Light with the UniGB-UCS2-H encoding, which
pdfminer maps to Unicode from its own tables, so any Chinese text can be written
without embedding a font. Every glyph is one em wide. Coordinates are points from
the top-left corner of an A4 page. Encryption is the standard security handler,
revision 2 (RC4, 40 bits), so both "needs a password" and "owner password only"
files can be made.
"""

from __future__ import annotations

import hashlib
import re

W, H = 595.0, 842.0
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def text(x: float, top: float, s: str, size: float = 10.5) -> str:
    base = H - top - size * 0.88
    return f"BT /F1 {size} Tf 1 0 0 1 {x:.2f} {base:.2f} Tm <{s.encode('utf-16-be').hex()}> Tj ET"


def spaced(x: float, top: float, s: str, gap: float, size: float = 10.5) -> str:
    """Each character drawn on its own, ``gap`` points after the previous one (letter spacing)."""
    ops = []
    for ch in s:
        ops.append(text(x, top, ch, size))
        x += size + gap
    return "\n".join(ops)


def centred(x0: float, x1: float, top: float, s: str, size: float = 10.5) -> str:
    return text((x0 + x1 - len(s) * size) / 2, top, s, size)


def line(x0: float, top: float, x1: float, bottom: float, width: float = 0.5) -> str:
    return f"{width} w 0 G {x0:.2f} {H - top:.2f} m {x1:.2f} {H - bottom:.2f} l S"


def rect(x0: float, top: float, x1: float, bottom: float, gray: float = 1.0, paint: str = "f") -> str:
    """A filled rectangle (``f``), or a clipping path that paints nothing (``W n``)."""
    return f"q {gray} g {x0:.2f} {H - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re {paint} Q"


def build(pages: list[list[str]], user_pw: str | None = None, owner_pw: str = "owner",
          image_pages: tuple[int, ...] = (), page_box: str = f"/MediaBox [0 0 {W:g} {H:g}]") -> bytes:
    """A PDF of A4 pages, each given as a list of content operators (``page_box``: the page's
    /MediaBox and, where wanted, /Rotate)."""
    objs: dict[int, object] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
            b"/DescendantFonts [4 0 R] >>"),
        4: (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 "
            b"/CIDSystemInfo << /Registry {S:Adobe} /Ordering {S:GB1} /Supplement 2 >> /FontDescriptor 5 0 R >>"),
        5: (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
            b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"),
        6: (b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Length 4 >>", b"\x00\xff\xff\x00"),
    }
    kids = []
    n = 7
    for i, ops in enumerate(pages):
        content = "\n".join(ops).encode()
        if i in image_pages:
            content += b"\nq 400 0 0 600 100 100 cm /Im1 Do Q"
        objs[n] = (f"<< /Length {len(content)} >>".encode(), content)
        objs[n + 1] = (f"<< /Type /Page /Parent 2 0 R {page_box} /Contents {n} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >> >>").encode()
        kids.append(f"{n + 1} 0 R")
        n += 2
    objs[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    file_id = hashlib.md5(b"govinfo-lint test").digest()
    key = None
    encrypt = None
    if user_pw is not None:
        owner = rc4(hashlib.md5((owner_pw.encode() + _PAD)[:32]).digest()[:5], (user_pw.encode() + _PAD)[:32])
        perms = -44
        key = hashlib.md5((user_pw.encode() + _PAD)[:32] + owner + perms.to_bytes(4, "little", signed=True)
                          + file_id).digest()[:5]
        objs[n] = (f"<< /Filter /Standard /V 1 /R 2 /O <{owner.hex()}> /U <{rc4(key, _PAD).hex()}> "
                   f"/P {perms} >>").encode()
        encrypt = n

    def object_key(num: int) -> bytes:
        return hashlib.md5(key + num.to_bytes(3, "little") + b"\x00\x00").digest()[:10]

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        obj = objs[num]
        out += f"{num} 0 obj\n".encode()
        if isinstance(obj, tuple):
            head, data = obj
            if key is not None:
                data = rc4(object_key(num), data)
            out += head + b"\nstream\n" + data + b"\nendstream"
        else:
            def string(m, num=num):
                raw = m.group(1) if key is None or num == encrypt else rc4(object_key(num), m.group(1))
                return b"<" + raw.hex().encode() + b">"
            out += re.sub(rb"\{S:([^}]*)\}", string, obj)
        out += b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for num in range(1, size):
        out += f"{offsets[num]:010d} 00000 n \n".encode()
    trailer = f"<< /Size {size} /Root 1 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]"
    if encrypt:
        trailer += f" /Encrypt {encrypt} 0 R"
    out += f"trailer\n{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# --- ruled tables and a whole report ---------------------------------------------------------

def wrap(s: str, width: float, size: float) -> list[str]:
    per = max(1, int(width // size))
    return [s[i:i + per] for i in range(0, len(s), per)] or [""]


RULED = [True]  # report_pdf(ruled=False) draws every table without rules


def table(xs: list[float], ys: list[float], cells: list[tuple], size: float = 7.0) -> list[str]:
    """A ruled table: each cell (row, col, rowspan, colspan, text) draws its own outline,
    so the inside of a merged cell has no rules; text is wrapped to the cell width."""
    ops = []
    for r, c, rs, cs, s in cells:
        x0, x1, top, bottom = xs[c], xs[c + cs], ys[r], ys[r + rs]
        if RULED[0]:
            ops += [line(x0, top, x1, top), line(x0, bottom, x1, bottom), line(x0, top, x0, bottom),
                    line(x1, top, x1, bottom)]
        lines = wrap(s, x1 - x0 - 8, size) if s else []
        y = (top + bottom) / 2 - len(lines) * size * 1.2 / 2
        for ln in lines:
            ops.append(centred(x0, x1, y, ln, size))
            y += size * 1.2
    return ops


def paragraph(top: float, s: str, size: float = 10.5, left: float = 57.0,
              width: float = 472.5) -> tuple[list[str], float]:
    """A body paragraph: first line indented two characters, wrapped at the right margin."""
    per = int(width // size)
    first = s[:per - 2]
    rest = [s[i:i + per] for i in range(per - 2, len(s), per)]
    ops = [text(left + 2 * size, top, first, size)]
    top += size * 1.6
    for ln in rest:
        ops.append(text(left, top, ln, size))
        top += size * 1.6
    return ops, top


REVIEW_VALUES = [3, 1, 0, 0, 4, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1]
PROACTIVE_VALUES = {"regulations": ["0", "0", "0"], "normative_documents": ["3", "1", "12"], "licensing": ["1136"],
                    "penalty": ["88"], "compulsion": ["2"], "fees": ["12.5"]}
Z = ["0"] * 7
REQUEST_ROWS = [  # (top label, group, leaf, values)
    ("一、本年新收政府信息公开申请数量", None, None, ["5", "1", "0", "0", "0", "0", "6"]),
    ("二、上年结转政府信息公开申请数量", None, None, ["1", "0", "0", "0", "0", "0", "1"]),
    ("三、本年度办理结果", None, "（一）予以公开", ["3", "1", "0", "0", "0", "0", "4"]),
    ("三、本年度办理结果", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Z),
    ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", Z),
    ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开", Z),
    ("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”", Z),
    ("三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益", Z),
    ("三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息", Z),
    ("三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息", Z),
    ("三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷", Z),
    ("三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项", Z),
    ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息", ["2", "0", "0", "0", "0", "0", "2"]),
    ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作", Z),
    ("三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确", Z),
    ("三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请", Z),
    ("三、本年度办理结果", "（五）不予处理", "2.重复申请", Z),
    ("三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物", Z),
    ("三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请", Z),
    ("三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", Z),
    ("三、本年度办理结果", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Z),
    ("三、本年度办理结果", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Z),
    ("三、本年度办理结果", "（六）其他处理", "3.其他", Z),
    ("三、本年度办理结果", None, "（七）总计", ["5", "1", "0", "0", "0", "0", "6"]),
    ("四、结转下年度继续办理", None, None, ["1", "0", "0", "0", "0", "0", "1"]),
]
TITLE = "某县统计局2024年政府信息公开工作年度报告"


def review_table(top: float) -> tuple[list[str], float]:
    xs = [57.5 + 30 * i for i in range(16)]
    ys = [top, top + 16, top + 32, top + 58, top + 74]
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    cells = [(0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼"), (1, 5, 1, 5, "未经复议直接起诉"), (1, 10, 1, 5, "复议后起诉")]
    cells += [(1, c, 2, 1, leaves[c]) for c in range(5)]
    cells += [(2, c, 1, 1, leaves[c % 5]) for c in range(5, 15)]
    cells += [(3, c, 1, 1, str(v)) for c, v in enumerate(REVIEW_VALUES)]
    return table(xs, ys, cells), ys[-1]


def proactive_table(top: float) -> tuple[list[str], float]:
    xs = [57.5, 207.5, 307.5, 407.5, 507.5]
    rows: list[tuple] = []
    spec = [("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], [("规章", "regulations"), ("行政规范性文件", "normative_documents")]),
            ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", "licensing")]),
            ("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", "penalty"), ("行政强制", "compulsion")]),
            ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", "fees")])]
    r = 0
    for caption, heads, items in spec:
        rows.append((r, 0, 1, 4, caption))
        rows.append((r + 1, 0, 1, 1, "信息内容"))
        span = 3 // len(heads)
        rows += [(r + 1, 1 + k * span, 1, span, h) for k, h in enumerate(heads)]
        for k, (label, rid) in enumerate(items):
            rows.append((r + 2 + k, 0, 1, 1, label))
            rows += [(r + 2 + k, 1 + j * span, 1, span, v) for j, v in enumerate(PROACTIVE_VALUES[rid])]
        r += 2 + len(items)
    ys = [top + 18 * i for i in range(r + 1)]
    return table(xs, ys, rows), ys[-1]


def requests_table(top: float, rows: list[tuple], header: bool, offset: int) -> tuple[list[str], float]:
    """Rows of table 三 on one page; a spanning label continued from the page before is blank."""
    xs = [57.5, 77.5, 137.5, 262.5] + [262.5 + 35 * (i + 1) for i in range(7)]
    cells: list[tuple] = []
    r = 0
    if header:
        cells += [(0, 0, 3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
                  (0, 3, 1, 7, "申请人情况"), (1, 3, 2, 1, "自然人"), (1, 4, 1, 5, "法人或其他组织"), (1, 9, 2, 1, "总计")]
        cells += [(2, 4 + k, 1, 1, s) for k, s in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])]
        r = 3
    heights = []
    spans: dict[tuple[int, str], list[int]] = {}
    for i, (top_label, group, leaf, values) in enumerate(rows):
        row = r + i
        heights.append(24 if leaf and len(leaf) > 17 else 14)
        if leaf is None:
            cells.append((row, 0, 1, 3, top_label))
        else:
            spans.setdefault((0, top_label), []).append(row)
            if group:
                spans.setdefault((1, group), []).append(row)
                cells.append((row, 2, 1, 1, leaf))
            else:
                cells.append((row, 1, 1, 2, leaf))
        cells += [(row, 3 + k, 1, 1, v) for k, v in enumerate(values)]
    for (col, label), members in spans.items():
        # A spanning label that started on the page before is continued by a blank cell.
        first = next(i for i, row in enumerate(REQUEST_ROWS) if row[col] == label)
        cells.append((members[0], col, len(members), 1, label if first >= offset else ""))
    ys = [top + 12 * k for k in range(r + 1)]
    for h in heights:
        ys.append(ys[-1] + h)
    return table(xs, ys, cells), ys[-1]


def report_pdf(split_at: int = 14, ruled: bool = True) -> bytes:
    """A complete 2021-format report over three pages, table 三 split across a page break,
    with a running header, page numbers and letter-spaced figures in the text."""
    RULED[0] = ruled
    try:
        return build(_report_pages(split_at))
    finally:
        RULED[0] = True


def _report_pages(split_at: int) -> list[list[str]]:
    pages: list[list[str]] = []
    header = [text(200, 30, TITLE, 8)]

    def footer(n: int) -> str:
        return text(285, 800, f"- {n} -", 9)

    p1 = header + [centred(0, W, 80, "某县统计局", 22), centred(0, W, 110, "2024年政府信息公开工作年度报告", 22),
                   text(57, 160, "一、总体情况", 16)]
    ops, top = paragraph(190, "2024年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息"
                              "1136条，收到政府信息公开申请6件，办结6件，结转下年度1件，依法保障了人民群众的知情权。")
    p1 += ops
    p1.append(spaced(57, top + 4, "全年收到申请6件，主动公开1136条。", 3.5))
    p1.append(text(57, top + 30, "二、主动公开政府信息情况", 16))
    ops, top = proactive_table(top + 60)
    p1 += ops + [footer(1)]
    pages.append(p1)
    p2 = header + [text(57, 70, "三、收到和处理政府信息公开申请情况", 16)]
    ops, _ = requests_table(100, REQUEST_ROWS[:split_at], True, 0)
    p2 += ops + [footer(2)]
    pages.append(p2)
    ops, top = requests_table(60, REQUEST_ROWS[split_at:], False, split_at)
    p3 = header + ops + [text(57, top + 20, "四、政府信息公开行政复议、行政诉讼情况", 16)]
    ops, top = review_table(top + 50)
    p3 += ops + [text(57, top + 20, "五、存在的主要问题及改进情况", 16)]
    ops, top = paragraph(top + 50, "一是公开内容的深度还需加强；二是依申请公开答复的规范性有待提高。下一步将加强培训，"
                                   "提升工作人员的业务能力，并完善信息发布审核制度，确保信息准确、及时、规范。")
    p3 += ops + [text(57, top + 10, "六、其他需要报告的事项", 16), text(78, top + 40, "本年度未收取信息处理费。"), footer(3)]
    pages.append(p3)
    return pages
