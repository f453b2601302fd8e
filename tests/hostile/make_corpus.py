#!/usr/bin/env python3
"""The hostile-input corpus (issue 8): files that tried to break Gapscope, in
tests/hostile/corpus/, and tests/hostile/manifest.json saying what each must
give. tests/hostile_corpus.rs runs every file through the CLI (native) and
tests/browser/hostile.test.mjs every file marked "browser" through the page.

Whatever the file, the run must end in a clear message or correct numbers:
never a panic, a trap, a hang (over 10 s) or more than 1 GB of memory. The
numbers expected here are computed here, from the answers as written.

Kinds: encodings, quoting, numbers, scales, headers, platform shapes,
workbooks (zip bombs, repeated ODS rows and columns, forged XLS), survey
configurations, HTML / formula / link payloads, sizes and shapes.

Standard library only. Run from the repository root:

    python3 tests/hostile/make_corpus.py
"""

import io
import json
import os
import random
import shutil
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")
REGRESSIONS = os.path.join(HERE, "..", "fixtures", "fuzz_regressions")
RNG = random.Random(8)
CASES = []


def case(name, data, expect, *, args=None, config=None, browser=False, note=""):
    """One file. `expect`: exit codes allowed, diagnostic codes that must (or
    must not) appear, numbers; `config`: a survey.json written beside it."""
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    entry = {"file": name, "expect": expect, "note": note}
    if args:
        entry["args"] = args
    if config is not None:
        cname = name.rsplit(".", 1)[0] + ".config.json"
        with open(os.path.join(OUT, cname), "wb") as f:
            f.write(config if isinstance(config, bytes) else config.encode("utf-8"))
        entry["config"] = cname
    if browser:
        entry["browser"] = True
    CASES.append(entry)


def mean(xs):
    return sum(xs) / len(xs)


def table(n=20, items=3, lo=1, hi=5, seed=1):
    """Complete answers E1..En, P1..Pn; the expected SERVQUAL and SERVPERF when
    all items sit in one dimension (numbers 1–4: tangibles) — the mean over
    respondents of their mean P − E, and of their mean P."""
    rng = random.Random(seed)
    header = [f"E{i + 1}" for i in range(items)] + [f"P{i + 1}" for i in range(items)]
    rows = []
    for _ in range(n):
        e = [rng.randint(lo, hi) for _ in range(items)]
        p = [rng.randint(lo, hi) for _ in range(items)]
        rows.append(e + p)
    gap = mean([mean([r[items + i] - r[i] for i in range(items)]) for r in rows])
    perf = mean([mean(r[items:]) for r in rows])
    return header, rows, gap, perf


def csv_of(header, rows, sep=",", eol="\n"):
    return eol.join(sep.join(str(c) for c in r) for r in [header] + rows) + eol


def numbers(gap, perf, n):
    return {"servqual": gap, "servperf": perf, "respondents": n}


# ------------------------------------------------------------------ encodings

def encodings():
    h, rows, gap, perf = table(seed=11)
    text = csv_of(["网点"] + h, [["朝阳"] + r for r in rows])
    ok = {"exit": [0], **numbers(gap, perf, 20)}
    case("enc_utf8_bom.csv", b"\xef\xbb\xbf" + text.encode("utf-8"), ok, browser=True)
    case("enc_utf16le_bom.txt", b"\xff\xfe" + text.replace("\n", "\r\n").replace(",", "\t").encode("utf-16-le"), ok)
    case("enc_utf16be_bom.txt", b"\xfe\xff" + text.replace(",", "\t").encode("utf-16-be"), ok, browser=True)
    case("enc_utf16le_nobom.txt", text.replace(",", "\t").encode("utf-16-le"), ok)
    case("enc_gb18030.csv", text.encode("gb18030"), {**ok, "codes": ["encoding_detected"]}, browser=True)
    case("enc_big5.csv", text.replace("朝阳", "朝陽").replace("网点", "分行").encode("big5"), {"exit": [0], "respondents": 20})
    case("enc_shift_jis.csv", csv_of(["店舗"] + h, [["東京"] + r for r in rows]).encode("shift_jis"), {"exit": [0], "respondents": 20})
    case("enc_cp1252.csv", csv_of(["région"] + h, [["Genève"] + r for r in rows]).encode("cp1252"), {"exit": [0], "respondents": 20})
    mixed = text.encode("utf-8") + "朝阳,1,2,3,4,5,6\n".encode("gb18030")
    case("enc_mixed_utf8_gbk.csv", mixed, {"exit": [0], "codes": ["mixed_encoding"]})
    case("enc_invalid_utf8.csv", text.encode("utf-8").replace(b"\xe6\x9c\x9d", b"\xff\xfe\x9d", 1),
         {"exit": [0, 1], "respondents": 20})
    case("enc_nul_bytes.csv", text.encode("utf-8").replace(b",", b"\x00,", 3), {"exit": [1], "codes": ["not_text"]}, browser=True)
    case("enc_utf32.txt", text.encode("utf-32"), {"exit": [0, 1]})
    case("enc_unknown_option.csv", text.encode("utf-8"), {"exit": [2], "stderr": "not an encoding"},
         args=["--encoding", "<img src=x onerror=alert(1)>"])


# ------------------------------------------------------------------ quoting

def quoting():
    h, rows, gap, perf = table(n=200, seed=21)
    lines = ["id,comment," + ",".join(h)]
    for k, r in enumerate(rows):
        comment = '"5 stars' if k == 99 else "fine"
        lines.append(f"{k + 1},{comment}," + ",".join(map(str, r)))
    stray = "\n".join(lines) + "\n"
    # Rows 2–100 are read, the row holding the quote (101) swallows the rest.
    case("quote_stray_middle.csv", stray, {"exit": [0], "codes": ["unclosed_quote"], "respondents": 100}, browser=True)
    case("quote_stray_middle_same_line.csv", stray, {"exit": [0], "absent": ["unclosed_quote"], **numbers(gap, perf, 200)},
         args=["--quotes", "same_line"])
    lines2 = list(lines)
    lines2[150] = lines2[150].replace("fine", '"great"" staff', 1)
    case("quote_stray_escaped.csv", "\n".join(lines2) + "\n", {"exit": [0], "codes": ["unclosed_quote"]})
    legit = ["id,comment," + ",".join(h)]
    for k, r in enumerate(rows[:30]):
        comment = '"line one\nline two, with a comma"' if k % 7 == 0 else "ok"
        legit.append(f"{k + 1},{comment}," + ",".join(map(str, r)))
    g30 = mean([mean([r[3 + i] - r[i] for i in range(3)]) for r in rows[:30]])
    p30 = mean([mean(r[3:]) for r in rows[:30]])
    case("quote_multiline_cells.csv", "\n".join(legit) + "\n", {"exit": [0], "absent": ["unclosed_quote"], **numbers(g30, p30, 30)})
    case("quote_in_header.csv", '"E1,P1\n4,3\n5,4\n', {"exit": [0, 1]})
    crlf = csv_of(h, rows[:30], eol="\r\n")
    case("eol_crlf.csv", crlf, {"exit": [0], **numbers(g30, p30, 30)})
    case("eol_cr_only.csv", csv_of(h, rows[:30], eol="\r"), {"exit": [0], **numbers(g30, p30, 30)})
    case("eol_mixed.csv", csv_of(h, rows[:30]).replace("\n", "\r\n", 10), {"exit": [0], **numbers(g30, p30, 30)})
    case("quote_inch_mark.tsv", "E1\tP1\tproduct\n4\t3\t5\" screen\n5\t4\t7\" screen\n", {"exit": [0], "respondents": 2})
    case("quote_empty_fields.csv", 'E1,P1,E2,P2\n"","",4,3\n5,4,"",""\n4,4,4,4\n', {"exit": [0], "respondents": 3})
    case("quote_only.csv", '"""""""""""""""""""', {"exit": [1]})


# ------------------------------------------------------------------ numbers

def numbers_kind():
    h, rows, gap, perf = table(seed=31)
    semi = csv_of(h, [[f"{x},0" if x == 3 else x for x in r] for r in rows], sep=";")
    case("num_decimal_comma.csv", semi, {"exit": [0], **numbers(gap, perf, 20)})
    full = csv_of(h, rows).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    case("num_fullwidth.csv", full, {"exit": [0], **numbers(gap, perf, 20)}, browser=True)
    big = [list(r) for r in rows]
    big[0][0] = "1e308"
    big[5][4] = "1e308"
    case("num_1e308.csv", csv_of(h, big), {"exit": [0], "scale_max": 5, "codes": ["out_of_scale"], "no_text": ["0000000000000000000000"]}, browser=True)
    neg = [list(r) for r in rows]
    neg[2][1] = "-1e308"
    case("num_minus_1e308.csv", csv_of(h, neg), {"exit": [0]})
    nan = [list(r) for r in rows]
    nan[1][1], nan[2][2], nan[3][3] = "NaN", "inf", "-Infinity"
    case("num_nan_inf.csv", csv_of(h, nan), {"exit": [0], "codes": ["non_numeric"]})
    long_digits = [list(r) for r in rows]
    long_digits[4][0] = "9" * 1000
    case("num_1000_digits.csv", csv_of(h, long_digits), {"exit": [0], "no_text": ["9" * 200]})
    pct = "E1,P1\n80%,70%\n90%,75%\n"
    case("num_percent.csv", pct, {"exit": [0, 1]})
    case("num_thousands.csv", 'E1,P1,spend\n4,3,"1,234"\n5,4,"12,345,678"\n', {"exit": [0], "respondents": 2})
    spaces = csv_of(h, [[f" {c} " for c in r] for r in rows])
    case("num_spaces.csv", spaces, {"exit": [0], **numbers(gap, perf, 20)})
    arabic = "E1,P1\n٤,٣\n٥,٤\n"
    case("num_arabic_indic.csv", arabic, {"exit": [0, 1]})
    case("num_hex_and_words.csv", "E1,P1\n0x4,three\n5,four\n4,4\n", {"exit": [0], "codes": ["non_numeric"]})


# ------------------------------------------------------------------ scales

def scales():
    # Two 0s and two 100s in a 1–5 survey: the scale stays 1–5.
    h, rows, _, _ = table(n=40, seed=41)
    r = [list(x) for x in rows]
    r[3][0], r[9][3], r[17][1], r[30][5] = 0, 100, 0, 100
    perf = mean([mean([x for x in row[3:] if 1 <= x <= 5]) for row in r])
    case("scale_strays.csv", csv_of(h, r), {"exit": [0], "scale_max": 5, "codes": ["scale_outliers"], "servperf": perf}, browser=True)
    h, rows, gap, perf = table(n=30, lo=0, hi=10, seed=42)
    case("scale_0_10.csv", csv_of(h, rows), {"exit": [0], "scale_max": 10, **numbers(gap, perf, 30)})
    h, rows, gap, perf = table(n=30, lo=0, hi=100, seed=43)
    case("scale_0_100.csv", csv_of(h, rows), {"exit": [0], "scale_max": 100, **numbers(gap, perf, 30)})
    h, rows, gap, perf = table(n=30, lo=-3, hi=3, seed=44)
    case("scale_bipolar.csv", csv_of(h, rows), {"exit": [0], **numbers(gap, perf, 30)})
    h = ["E1", "P1", "E2", "P2"]
    rows = [[4, 4, 4, 4]] * 10
    case("scale_zero_variance.csv", csv_of(h, rows), {"exit": [0], "respondents": 10})
    h, rows, gap, perf = table(n=30, lo=1, hi=7, seed=45)
    half = [[x - 0.5 if (i + j) % 9 == 0 and x > 1 else x for j, x in enumerate(row)] for i, row in enumerate(rows)]
    g = mean([mean([row[3 + i] - row[i] for i in range(3)]) for row in half])
    p = mean([mean(row[3:]) for row in half])
    case("scale_half_points.csv", csv_of(h, half), {"exit": [0], "servqual": g, "servperf": p})
    case("scale_min_above_max.csv", "E1,P1\n4,3\n", {"exit": [2], "stderr": "scale"},
         config='{"scale":{"min":5,"max":1},"dimensions":[{"id":"d"}],"items":[{"id":"q","dimension":"d"}],"columns":[{"name":"E1","role":"expectation","item":"q"},{"name":"P1","role":"perception","item":"q"}]}')
    seven = ["非常不同意", "不同意", "比较不同意", "一般", "比较同意", "同意", "非常同意"]
    lines = ["E1,P1,E2,P2"]
    vals = []
    for k in range(28):
        v = [k % 7, (k * 3) % 7, (k + 2) % 7, (k * 5) % 7]
        vals.append(v)
        lines.append(",".join(seven[i] for i in v))
    g = mean([((v[1] - v[0]) + (v[3] - v[2])) / 2 for v in vals])
    case("labels_seven_zh.csv", "\n".join(lines) + "\n", {"exit": [0], "scale_max": 7, "servqual": g, "absent": ["labels_folded"]}, browser=True)


# ------------------------------------------------------------------ headers

def headers():
    h, rows, gap, perf = table(seed=51)
    case("hdr_none.csv", csv_of(h, rows).split("\n", 1)[1], {"exit": [1], "codes": ["nothing_to_analyse"]}, browser=True)
    case("hdr_duplicates.csv", csv_of(["E1", "E1", "P1", "P1"], [r[:2] + r[3:5] for r in rows]), {"exit": [0], "codes": ["duplicate_column"]})
    case("hdr_empty_names.csv", csv_of(["", "E1", "", "P1"], [["x", r[0], "y", r[3]] for r in rows]), {"exit": [0]})
    wide = ["c%d" % i for i in range(16_400)]
    case("hdr_16400_columns.csv", ",".join(wide) + "\n" + ",".join("1" for _ in wide) + "\n",
         {"exit": [1], "codes": ["too_many_columns"]})
    html = '<img src=x onerror=alert(1)>'
    case("hdr_html.csv", csv_of([html, "E1", "P1"], [["a", r[0], r[3]] for r in rows]), {"exit": [0]}, browser=True)
    case("hdr_formula.csv", csv_of(['=HYPERLINK("http://evil.example","x")', "E1", "P1"], [["a", r[0], r[3]] for r in rows]), {"exit": [0]})
    case("hdr_100k_header.csv", "x" * 100_000 + ",E1,P1\n" + "".join(f"a,{r[0]},{r[3]}\n" for r in rows), {"exit": [0], "respondents": 20})
    case("hdr_first_comma_200k.csv", "x" * 200_000 + ",E1,P1\n" + "".join(f"a,{r[0]},{r[3]}\n" for r in rows), {"exit": [0], "respondents": 20})
    titles = "某银行服务质量调查\n调查时间：2024年3月\n\n" + csv_of(h, rows)
    case("hdr_title_rows.csv", titles, {"exit": [0], "codes": ["title_rows_skipped"], **numbers(gap, perf, 20)}, browser=True)
    case("hdr_only.csv", ",".join(h) + "\n", {"exit": [1], "codes": ["no_rows"]})
    st = [f"E{i + 1}. Statement {i + 1}" for i in range(3)] + [f"P{i + 1}: Statement {i + 1}" for i in range(3)]
    case("hdr_statements.csv", csv_of(st, rows), {"exit": [0], **numbers(gap, perf, 20)})
    case("hdr_newline_inside.csv", '"E1\n(expectation)","P1\n(perception)"\n4,3\n5,4\n', {"exit": [0, 1]})
    case("hdr_header_row_past_end.csv", csv_of(h, rows), {"exit": [2], "stderr": "header row"}, args=["--header-row", "999999"])
    case("hdr_sheet_on_csv.csv", csv_of(h, rows), {"exit": [2], "stderr": "workbook"}, args=["--sheet", "Data"])
    case("hdr_q_codes.csv", "Q1,Q2,Q3\n1,2,3\n4,5,6\n", {"exit": [1], "codes": ["nothing_to_analyse"]})


# ------------------------------------------------------------------ platform shapes

def platforms():
    src = os.path.join(HERE, "..", "fixtures", "exports22")
    for name, extra in [("surveymonkey_matrix22", {"items": 22}), ("wenjuanxing7", {"items": 22})]:
        with open(os.path.join(src, name + ".csv"), "rb") as f:
            data = f.read()
        with open(os.path.join(src, name + ".expect.json"), encoding="utf-8") as f:
            e = json.load(f)
        case(f"platform_{name}.csv", data, {"exit": [0], **numbers(e["servqual"], e["servperf"], e["respondents"])}, browser=name == "wenjuanxing7")
    h, rows, gap, perf = table(n=8, seed=61)
    long = ["respondent,item,type,value"]
    for k, r in enumerate(rows):
        for i in range(3):
            long.append(f"{k + 1},Q{i + 1},E,{r[i]}")
            long.append(f"{k + 1},Q{i + 1},P,{r[3 + i]}")
    case("layout_long.csv", "\n".join(long) + "\n", {"exit": [0], "codes": ["pivoted_long"], **numbers(gap, perf, 8)})
    transposed = "\n".join(",".join([h[i]] + [str(r[i]) for r in rows]) for i in range(6)) + "\n"
    case("layout_transposed.csv", transposed, {"exit": [0, 1]})
    case("layout_nps_only.csv", "recommend\n" + "".join(f"{RNG.randint(0, 10)}\n" for _ in range(30)), {"exit": [0], "codes": ["nothing_to_analyse"]})
    case("layout_summary.csv", "题项,期望均值,感知均值\nQ1,6.1,5.2\nQ2,5.8,5.5\nQ3,6.4,5.0\n", {"exit": [0], "codes": ["summary_mode"]})


# ------------------------------------------------------------------ workbooks

XLSX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows, dimension=None):
    out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    if dimension:
        out.append(f'<dimension ref="{dimension}"/>')
    out.append("<sheetData>")
    for i, r in enumerate(rows):
        out.append(f'<row r="{i + 1}">')
        for j, v in enumerate(r):
            ref = f"{col_name(j)}{i + 1}"
            if isinstance(v, (int, float)):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def xlsx(sheet, extra=None, prepend=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in XLSX_PARTS.items():
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    data = buf.getvalue()
    return (prepend or b"") + data


def ods(content):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        z.writestr("content.xml", content)
    return buf.getvalue()


ODS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="data">')
ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"


def ods_cell(v, repeat=None):
    rep = f' table:number-columns-repeated="{repeat}"' if repeat else ""
    if isinstance(v, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{v}"{rep}><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"{rep}><text:p>{v}</text:p></table:table-cell>'


def workbooks():
    h, rows, gap, perf = table(seed=71)
    good = xlsx(sheet_xml([h] + rows))
    ok = {"exit": [0], **numbers(gap, perf, 20)}
    case("wb_plain.xlsx", good, ok, browser=True)
    # Trailing empty cells: rows end early, as Excel writes them.
    short = [h] + [r[:4] if k % 3 == 0 else r for k, r in enumerate(rows)]
    case("wb_rows_end_early.xlsx", xlsx(sheet_xml(short)), {"exit": [0], "absent": ["short_row"], "respondents": 20})
    # A zip bomb: one sheet of a few GB of zeros, compressed to a few MB; and
    # the same with a dummy entry prepended, which hid the central directory
    # from the old guard.
    bomb_xml = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + " " * (600 * 1024 * 1024) + "</sheetData></worksheet>"
    bomb = xlsx(bomb_xml)
    case("wb_zip_bomb.xlsx", bomb, {"exit": [1]}, note="600 MB of spaces in sheet1.xml")
    dummy = io.BytesIO()
    with zipfile.ZipFile(dummy, "w") as z:
        z.writestr("dummy.txt", "x")
    case("wb_zip_bomb_prepended.xlsx", dummy.getvalue()[:-22] + bomb, {"exit": [1]}, note="a dummy local entry before the real zip")
    del bomb_xml, bomb
    # 19 M cells declared and present, in little space: shared strings repeated.
    case("wb_dimension_lie.xlsx", xlsx(sheet_xml([h] + rows, dimension="A1:XFD1048576")), {"exit": [0, 1]})
    many = xlsx('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                + "".join(f'<row r="{i + 1}">' + "".join(f'<c r="{col_name(j)}{i + 1}"><v>1</v></c>' for j in range(40)) + "</row>" for i in range(5_000))
                + "</sheetData></worksheet>")
    case("wb_200k_cells.xlsx", many, {"exit": [0, 1]}, note="5 000 rows × 40 numbers")
    # Shared-string index beyond the table.
    sst = '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>E1</t></si></sst>'
    bad_sst = sheet_xml([["E1", "P1"], [4, 3], [5, 4]]).replace('<c r="B1" t="inlineStr"><is><t>P1</t></is></c>', '<c r="B1" t="s"><v>999999</v></c>')
    parts = dict(XLSX_PARTS)
    case("wb_shared_string_out_of_range.xlsx", xlsx(bad_sst, extra={"xl/sharedStrings.xml": sst}), {"exit": [0, 1]})
    case("wb_truncated.xlsx", good[: len(good) // 2], {"exit": [1], "codes": ["workbook_corrupt"]}, browser=True)
    case("wb_empty_zip.xlsx", b"PK\x05\x06" + b"\x00" * 18, {"exit": [1]})
    case("wb_docx_renamed.xlsx", xlsx("<w:document/>").replace(b"xl/worksheets/sheet1.xml", b"word/document.xml0000"), {"exit": [1]})
    # ODS with repeated rows × repeated columns (a few KB, billions of cells).
    rep = ODS_HEAD + '<table:table-row table:number-rows-repeated="1048575">' + ods_cell(1, repeat=16384) + "</table:table-row>" + ODS_TAIL
    case("wb_ods_repeated_rows_cols.ods", ods(rep), {"exit": [1]}, browser=True)
    rep2 = ODS_HEAD + "<table:table-row>" + ods_cell("x", repeat=1_000_000_000) + "</table:table-row>" + ODS_TAIL
    case("wb_ods_repeated_columns.ods", ods(rep2), {"exit": [1]})
    rows_ods = ODS_HEAD + "".join("<table:table-row>" + "".join(ods_cell(v) for v in r) + "</table:table-row>" for r in [h] + rows)
    rows_ods += '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="6"/></table:table-row>' + ODS_TAIL
    case("wb_ods_trailing_empty_rows.ods", ods(rows_ods), ok, note="LibreOffice's empty rows to the sheet's end")
    for name in sorted(os.listdir(REGRESSIONS)):
        if name.startswith("xls_"):
            with open(os.path.join(REGRESSIONS, name), "rb") as f:
                case(f"wb_{name[:-4]}.xls", f.read(), {"exit": [1]})
    case("wb_xlsb.xlsx", b"PK\x03\x04" + b"\x14\x00" * 10 + b"xl/workbook.bin" + b"\x00" * 100, {"exit": [1]})
    case("wb_ole_junk.xls", bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 4000, {"exit": [1]})


# ------------------------------------------------------------------ configurations

def configs():
    data = "E1,P1\n5,4\n6,5\n7,5\n"
    base = '"scale":{"min":1,"max":7},"dimensions":[{"id":"d"}],"items":[{"id":"q","dimension":"d"}],"columns":[{"name":"E1","role":"expectation","item":"q"},{"name":"P1","role":"perception","item":"q"}]'
    nested = "[" * 100_000 + "]" * 100_000
    case("cfg_deeply_nested.csv", data, {"exit": [2]}, config='{"scale":' + nested + "}")
    items = ",".join(f'{{"id":"i{k}","dimension":"d"}}' for k in range(30_000))
    case("cfg_30000_items.csv", data, {"exit": [2], "stderr": "5000"},
         config='{"scale":{"min":1,"max":7},"dimensions":[{"id":"d"}],"items":[' + items + '],"columns":[]}')
    case("cfg_5mb.csv", data, {"exit": [2], "stderr": "MB"}, config="{" + base + "," + '"missing_codes":["' + "x" * (5 * 1024 * 1024) + '"]}')
    case("cfg_unknown_role.csv", data, {"exit": [2]}, config='{"scale":{"min":1,"max":7},"dimensions":[],"items":[],"columns":[{"name":"E1","role":"<script>"}]}')
    case("cfg_unknown_method.csv", data, {"exit": [2], "stderr": "unknown variant"}, config="{" + base + ',"weighting":{"method":"magic"}}')
    case("cfg_ahp_nan.csv", data, {"exit": [2]}, config="{" + base + ',"weighting":{"method":"ahp","matrix":[[1,"NaN"],[1,1]]}}')
    case("cfg_duplicate_items.csv", data, {"exit": [2], "stderr": "more than once"},
         config='{"scale":{"min":1,"max":7},"dimensions":[{"id":"d"}],"items":[{"id":"q","dimension":"d"},{"id":"q","dimension":"d"}],"columns":[]}')
    # 很好 7, 好 6, 一般 5: gaps 6 − 7, 5 − 6, 7 − 7.
    case("cfg_labels_map.csv", "E1,P1\n很好,好\n好,一般\n很好,很好\n", {"exit": [0], "servqual": (-1 - 1 + 0) / 3},
         config="{" + base + ',"labels":{"很好":7,"好":6,"一般":5}}')
    case("cfg_other_data.csv", "E1,P1,Q6,Q7\n5,4,3,3\n6,5,2,2\n7,6,1,1\n", {"exit": [0], "codes": ["columns_not_in_structure"]}, config="{" + base + "}")
    case("cfg_not_json.csv", data, {"exit": [2]}, config="<html><body>not json</body></html>")


# ------------------------------------------------------------------ payloads

def payloads():
    rows = []
    names = ["[click](javascript:alert(1))", "![x](http://evil.example/t.png)", "<script>alert(1)</script>",
             "=cmd|' /C calc'!A0", "+SUM(1)", "@evil", "javascript:alert(1)", "\u202egnp.exe", "zero\u200bwidth"]
    for k in range(27):
        rows.append([names[k % len(names)], 4 + k % 3, 3 + k % 4])
    text = "branch,E1,P1\n" + "".join(f'"{r[0]}",{r[1]},{r[2]}\n' for r in rows)
    case("pay_segments.csv", text, {"exit": [0], "md_safe": True}, browser=True)
    case("pay_cells_html.csv", "E1,P1,comment\n4,3,<b>bold</b>\n5,<img src=x onerror=alert(1)>,x\n", {"exit": [0], "codes": ["non_numeric"], "md_safe": True})
    case("pay_long_cell.csv", "E1,P1,comment\n4,3," + "长" * 200_000 + "\n5,4,ok\n", {"exit": [0], "respondents": 2})
    case("pay_header_markdown.csv", "[x](javascript:alert(1)),E1,P1\na,4,3\nb,5,4\n", {"exit": [0], "md_safe": True})
    case("pay_labels_html.csv", "E1,P1\n<img src=x>,非常同意\n同意,一般\n", {"exit": [0], "codes": ["unmapped_label"], "md_safe": True})


# ------------------------------------------------------------------ sizes and shapes

def shapes():
    case("shape_10k_columns.csv", ",".join(f"E{i + 1}" for i in range(5000)) + "," + ",".join(f"P{i + 1}" for i in range(5000)) + "\n"
         + "\n".join(",".join(str(RNG.randint(1, 5)) for _ in range(10_000)) for _ in range(3)) + "\n",
         {"exit": [0, 1]}, note="5 000 item pairs, 3 rows")
    case("shape_one_column_20k.csv", "comment\n" + "".join(f"text {k}\n" for k in range(20_000)), {"exit": [1], "codes": ["nothing_to_analyse"]})
    h, rows, _, _ = table(seed=91)
    ragged = "\n".join(",".join(map(str, r[: 6 - k % 4])) for k, r in enumerate([h] + rows)) + "\n"
    case("shape_ragged.csv", ragged, {"exit": [0], "codes": ["short_row"]})
    blanks = "\n\n\n" + csv_of(h, rows).replace("\n", "\n\n") + "\n\n"
    case("shape_blank_lines.csv", blanks, {"exit": [0], "respondents": 20})
    case("shape_only_delimiters.csv", ",,,,\n,,,,\n;;;;\n", {"exit": [1]}, browser=True)
    case("shape_only_commas.csv", ",,,,\n,,,,\n , ,\n", {"exit": [1], "codes": ["empty_input"]})
    case("shape_binary_junk.csv", bytes(RNG.randrange(256) for _ in range(20_000)), {"exit": [1]}, browser=True)
    case("shape_empty.csv", b"", {"exit": [1], "codes": ["empty_file"]})
    case("shape_png.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, {"exit": [1], "codes": ["not_text"]})
    # A free-text column taken for an item, 100 000 distinct texts: the label
    # choice once compared each with every other (found by fuzzing: a hang).
    free = ["E1,P1,E2,P2"] + [f"{1 + k % 5},{1 + (k * 3) % 5},remark number {k},{1 + k % 4}" for k in range(100_000)]
    case("shape_free_text_item.csv", "\n".join(free) + "\n", {"exit": [0], "codes": ["non_numeric"], "respondents": 100_000})
    dup = ["E1,E2,E3,P1,P2,P3"] + [",".join(str(RNG.randint(1, 5)) for _ in range(6)) for _ in range(20_000)]
    case("shape_20000_six_items.csv", "\n".join(dup) + "\n", {"exit": [0], "codes": ["duplicates_by_chance"], "absent": ["duplicate_respondent"]})


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    for make in [encodings, quoting, numbers_kind, scales, headers, platforms, workbooks, configs, payloads, shapes]:
        make()
    with open(os.path.join(HERE, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"cases": CASES}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    size = sum(os.path.getsize(os.path.join(OUT, x)) for x in os.listdir(OUT))
    print(f"{len(CASES)} cases, {len(os.listdir(OUT))} files, {size / 1e6:.1f} MB, "
          f"{sum(1 for c in CASES if c.get('browser'))} in the browser")


if __name__ == "__main__":
    main()
