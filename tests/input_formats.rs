//! Header conventions and text formats: what a consultant pastes from Excel, WPS,
//! a survey platform export or a hand-made CSV must land on the right items,
//! dimensions (PZB 1988 numbering) and numbers.

mod common;
use common::*;
use gapscope::model::config::Role;
use gapscope::{Evaluator, Report};

/// Dimension of PZB 1988 item `n` (1–22), written out independently of the crate.
fn pzb(n: usize) -> &'static str {
    match n {
        1..=4 => "tangibles",
        5..=9 => "reliability",
        10..=13 => "responsiveness",
        14..=17 => "assurance",
        _ => "empathy",
    }
}

/// A 22-item table under a header convention: E = 7 and 6 for the two respondents,
/// P = E − (j mod 3), so item j's gap is −(j mod 3) whatever the convention.
fn table22(e: impl Fn(usize) -> String, p: impl Fn(usize) -> String, sep: &str) -> String {
    let mut header: Vec<String> = (1..=22).map(&e).collect();
    header.extend((1..=22).map(&p));
    let mut out = header.join(sep) + "\n";
    for base in [7, 6] {
        let mut row: Vec<String> = (1..=22).map(|_| base.to_string()).collect();
        row.extend((1..=22).map(|j| (base - (j % 3)).to_string()));
        out += &(row.join(sep) + "\n");
    }
    out
}

fn check_22(r: &Report, id: impl Fn(usize) -> String, what: &str) {
    assert_eq!(r.items.len(), 22, "{what}: {:?}", r.config.columns);
    assert_eq!(r.dimensions.len(), 5, "{what}");
    for j in 1..=22 {
        let it = item(r, &id(j));
        assert_eq!(it.dimension, pzb(j), "{what}: item {j}");
        close(some(it.gap.mean, "gap"), -((j % 3) as f64), EXACT, what);
        assert_eq!(it.gap.n, 2, "{what}: item {j}");
    }
    for d in &r.dimensions {
        let want: Vec<String> = (1..=22).filter(|&j| pzb(j) == d.id).map(&id).collect();
        assert_eq!(d.items, want, "{what}: {}", d.id);
    }
    assert_eq!(r.respondents.analysed, 2, "{what}");
    assert_json_sound(r);
}

/// Header text of item j on one side.
type Header = Box<dyn Fn(usize) -> String>;

#[test]
fn numbered_conventions_map_to_the_pzb_dimensions() {
    let q = |j: usize| format!("Q{j}");
    let cases: [(&str, Header, Header); 7] = [
        (
            "E1/P1",
            Box::new(|j| format!("E{j}")),
            Box::new(|j| format!("P{j}")),
        ),
        (
            "Q1_E/Q1_P",
            Box::new(|j| format!("Q{j}_E")),
            Box::new(|j| format!("Q{j}_P")),
        ),
        (
            "exp_1/perc_1",
            Box::new(|j| format!("exp_{j}")),
            Box::new(|j| format!("perc_{j}")),
        ),
        (
            "Expectation 1/Perception 1",
            Box::new(|j| format!("Expectation {j}")),
            Box::new(|j| format!("Perception {j}")),
        ),
        (
            "期望1/感知1",
            Box::new(|j| format!("期望{j}")),
            Box::new(|j| format!("感知{j}")),
        ),
        (
            "期望值1/实际感受1",
            Box::new(|j| format!("期望值{j}")),
            Box::new(|j| format!("实际感受{j}")),
        ),
        (
            "第1题期望/第1题感知",
            Box::new(|j| format!("第{j}题期望")),
            Box::new(|j| format!("第{j}题感知")),
        ),
    ];
    for (what, e, p) in cases {
        let r = Evaluator::detect().analyze_text(&table22(e, p, ","));
        check_22(&r, q, what);
        assert_eq!(count(&r, "dimension_standard"), 1, "{what}");
    }
}

#[test]
fn dimension_coded_headers_e_r1_p_r1() {
    // E_T1..E_T4, E_R1..E_R5, E_RS1..E_RS4, E_A1..E_A4, E_EM1..E_EM5: numbered
    // within the dimension, the dimension taken from the code.
    let code = |j: usize| -> (&str, usize) {
        match j {
            1..=4 => ("T", j),
            5..=9 => ("R", j - 4),
            10..=13 => ("RS", j - 9),
            14..=17 => ("A", j - 13),
            _ => ("EM", j - 17),
        }
    };
    let e = move |j| {
        let (c, k) = code(j);
        format!("E_{c}{k}")
    };
    let p = move |j| {
        let (c, k) = code(j);
        format!("P_{c}{k}")
    };
    let id = move |j| {
        let (c, k) = code(j);
        format!("{c}{k}")
    };
    let r = Evaluator::detect().analyze_text(&table22(e, p, ","));
    check_22(&r, id, "E_R1/P_R1");
    // E_R1 is the first reliability item, PZB item 5.
    assert_eq!(item(&r, "R1").dimension, "reliability");
    assert_eq!(count(&r, "dimension_standard"), 0);
}

#[test]
fn chinese_dimension_names_in_headers() {
    let text = "有形性_期望1,有形性_感知1,可靠性期望1,可靠性感知1,响应性期望1,响应性感知1,保证性期望1,保证性感知1,同理心期望1,同理心感知1\n\
                6,5,7,5,6,6,5,4,7,6\n5,5,6,5,6,5,6,4,6,6\n";
    let r = Evaluator::detect().analyze_text(text);
    let dims: Vec<&str> = r.config.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        dims,
        [
            "tangibles",
            "reliability",
            "responsiveness",
            "assurance",
            "empathy"
        ]
    );
    close(
        some(dimension(&r, "reliability").gap.mean, "gap"),
        -1.5,
        EXACT,
        "reliability",
    );
    close(
        some(dimension(&r, "empathy").gap.mean, "gap"),
        -0.5,
        EXACT,
        "empathy",
    );
    // The labels carry both languages.
    let label = r
        .config
        .dimensions
        .iter()
        .find(|d| d.id == "empathy")
        .and_then(|d| d.label.clone());
    assert_eq!(label.map(|l| l.zh), Some("移情性".to_string()));
}

#[test]
fn keyword_columns_get_their_roles() {
    let text = "id,branch,期望1,感知1,总体满意度,NPS,Service prices,comment\n\
                1,north,6,5,4,9,3,fine\n2,south,7,6,5,10,4,ok\n";
    let r = Evaluator::detect().analyze_text(text);
    let role = |name: &str| {
        r.config
            .columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.role)
    };
    assert_eq!(role("id"), Some(Role::Id));
    assert_eq!(role("branch"), Some(Role::Segment));
    assert_eq!(role("总体满意度"), Some(Role::Overall));
    assert_eq!(role("NPS"), Some(Role::Recommend));
    // "ces" (customer effort score) inside "Service prices" is not an effort column.
    assert_eq!(role("Service prices"), Some(Role::Ignore));
    assert_eq!(role("comment"), Some(Role::Text));
}

/// The same two respondents, in many textual forms; gap of Q1 = (4−5 + 5−6)/2 = −1.
fn assert_q1(r: &Report, what: &str) {
    assert_eq!(
        r.respondents.total, 2,
        "{what}: {:?}",
        r.diagnostics.messages
    );
    let it = item(r, "Q1");
    close(some(it.gap.mean, "gap"), -1.0, EXACT, what);
    close(some(it.expectation.mean, "E"), 5.5, EXACT, what);
    assert!(!r.diagnostics.has_errors(), "{what}");
    assert_eq!(count(r, "short_row") + count(r, "long_row"), 0, "{what}");
    assert_eq!(count(r, "non_numeric"), 0, "{what}");
}

#[test]
fn delimiters_quotes_line_endings_and_bom() {
    let cases = [
        ("comma", "name,E1,P1\nAnn,5,4\nBo,6,5\n".to_string()),
        ("CRLF", "name,E1,P1\r\nAnn,5,4\r\nBo,6,5\r\n".to_string()),
        (
            "no final newline",
            "name,E1,P1\nAnn,5,4\nBo,6,5".to_string(),
        ),
        ("BOM", "\u{feff}name,E1,P1\nAnn,5,4\nBo,6,5\n".to_string()),
        ("tab", "name\tE1\tP1\nAnn\t5\t4\nBo\t6\t5\n".to_string()),
        ("semicolon", "name;E1;P1\nAnn;5;4\nBo;6;5\n".to_string()),
        (
            "quoted comma",
            "name,E1,P1\n\"Smith, Ann\",5,4\n\"Li, Bo\",6,5\n".to_string(),
        ),
        (
            "quoted newline",
            "name,E1,P1\n\"Ann\nSmith\",5,4\n\"Bo \"\"B\"\"\",6,5\n".to_string(),
        ),
        (
            "quoted numbers",
            "\"name\",\"E1\",\"P1\"\n\"Ann\",\"5\",\"4\"\n\"Bo\",\"6\",\"5\"\n".to_string(),
        ),
        (
            "blank lines",
            "\nname,E1,P1\n\nAnn,5,4\n\n\nBo,6,5\n\n".to_string(),
        ),
        (
            "spaces",
            " name , E1 , P1 \n Ann , 5 , 4 \n Bo , 6 , 5 \n".to_string(),
        ),
        (
            "full-width digits",
            "name,E1,P1\nAnn,５,４\nBo,６,５\n".to_string(),
        ),
        (
            "decimal comma with semicolons",
            "name;E1;P1\nAnn;5,0;4,0\nBo;6;5\n".to_string(),
        ),
    ];
    for (what, text) in &cases {
        assert_q1(&Evaluator::detect().analyze_text(text), what);
        assert_q1(&Evaluator::detect().analyze_bytes(text.as_bytes()), what);
    }
}

#[test]
fn excel_tsv_paste_with_commas_quotes_and_crlf() {
    // What Excel/WPS put on the clipboard: tabs, CRLF, a cell with a line break
    // quoted, cells with commas and a trailing empty column left unquoted.
    let paste = "网点\tComment\tE1\tP1\tE2\tP2\r\n\
                 Shanghai, Pudong\tslow, but polite\t5\t4\t6\t6\r\n\
                 Beijing\t\"two\r\nlines\"\t6\t5\t7\t5\r\n\
                 Shenzhen, Futian\t\t7\t5\t6\t5\r\n";
    let r = Evaluator::detect().analyze_text(paste);
    assert_eq!(r.respondents.total, 3, "{:?}", r.diagnostics.messages);
    assert_eq!(count(&r, "short_row") + count(&r, "long_row"), 0);
    close(
        some(item(&r, "Q1").gap.mean, "gap"),
        -4.0 / 3.0,
        EXACT,
        "Q1",
    );
    close(some(item(&r, "Q2").gap.mean, "gap"), -1.0, EXACT, "Q2");
    let seg = r
        .config
        .columns
        .iter()
        .find(|c| c.name == "网点")
        .map(|c| c.role);
    assert_eq!(seg, Some(Role::Segment));
}

#[test]
fn tsv_whose_cells_all_hold_commas() {
    // Every line has exactly as many commas as tabs: the tab must still win.
    let paste = "Branch, city\tE1\tP1\nPudong, Shanghai\t5\t4\nFutian, Shenzhen\t6\t5\n";
    let r = Evaluator::detect().analyze_text(paste);
    assert_eq!(gapscope::input::table::sniff_delimiter(paste), b'\t');
    assert_q1(&r, "tsv with commas");
}

#[test]
fn quotes_that_would_mislead_a_line_by_line_guess() {
    // A header cell with a line break: its first line has no comma outside quotes.
    let text = "\"Branch\nname\",E1,P1\nPudong,5,4\nFutian,6,5\n";
    assert_eq!(gapscope::input::table::sniff_delimiter(text), b',');
    assert_q1(
        &Evaluator::detect().analyze_text(text),
        "multi-line header cell",
    );
    // A TSV cell with a quote inside (not at the start): literal text, as in csv.
    let paste = "Product\tE1\tP1\nTV 55\" screen\t5\t4\nPhone, 6\"\t6\t5\n";
    assert_eq!(gapscope::input::table::sniff_delimiter(paste), b'\t');
    assert_q1(
        &Evaluator::detect().analyze_text(paste),
        "inch marks in a TSV",
    );
}

#[test]
fn single_column_file_is_one_column() {
    // No delimiter in the header: one column, even when values hold a decimal comma.
    let text = "score\n3,5\n4\n";
    let mut diags = gapscope::Diagnostics::default();
    let t = gapscope::input::table::parse(text, None, &mut diags);
    assert_eq!(t.width(), 1);
    assert_eq!(t.rows(), 2);
    assert_eq!(t.cell(0, 0), "3,5");
    assert_eq!(diags.count("long_row"), 0);
    // Out-of-range lookups are empty, not a panic.
    assert_eq!(t.cell(5, 0), "");
    assert_eq!(t.cell(0, 9), "");
    let r = Evaluator::detect().analyze_text(text);
    assert_eq!(r.respondents.total, 2);
    assert_eq!(r.items.len(), 0);
    assert_json_sound(&r);
}

#[test]
fn utf16_and_invalid_utf8_bytes() {
    let text = "name,E1,P1\r\nAnn,5,4\r\nBo,6,5\r\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_q1(&Evaluator::detect().analyze_bytes(&le), "UTF-16 LE");
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_q1(&Evaluator::detect().analyze_bytes(&be), "UTF-16 BE");
    // A GBK name in an otherwise ASCII file: read as GB18030 (Python:
    // "张".encode("gbk") == b"\xd5\xc5"), said so, and analysed.
    let mut gbk = b"name,E1,P1\n".to_vec();
    gbk.extend([0xD5, 0xC5, b',', b'5', b',', b'4', b'\n']);
    gbk.extend(b"Bo,6,5\n");
    let r = Evaluator::detect().analyze_bytes(&gbk);
    assert_eq!(count(&r, "encoding_detected"), 1);
    assert_eq!(
        r.input.encoding.as_ref().map(|g| g.encoding.as_str()),
        Some("gb18030")
    );
    assert_q1(&r, "a GBK name");
    // A broken byte in UTF-8 text: reported with its offset, replaced, the rest analysed.
    let mut bad = "name,E1,P1\n张三丰,5,4\n".as_bytes().to_vec();
    bad.extend(b"B\xFFo,6,5\n");
    let r = Evaluator::detect().analyze_bytes(&bad);
    assert_eq!(count(&r, "invalid_utf8"), 1);
    assert_q1(&r, "invalid UTF-8 in a name");
}

/// Every header example in docs/survey-config.md reads as documented.
#[test]
fn documented_header_examples() {
    let cases: [(&str, Role, &str); 34] = [
        ("E1", Role::Expectation, "Q1"),
        ("P22", Role::Perception, "Q22"),
        ("e07", Role::Expectation, "Q7"),
        ("I3", Role::Importance, "Q3"),
        ("Q1_E", Role::Expectation, "Q1"),
        ("q3e", Role::Expectation, "Q3"),
        ("Item 4 P", Role::Perception, "Q4"),
        ("Question 5 expectation", Role::Expectation, "Q5"),
        ("exp_1", Role::Expectation, "Q1"),
        ("perc_1", Role::Perception, "Q1"),
        ("Expectation 1", Role::Expectation, "Q1"),
        ("expected 2", Role::Expectation, "Q2"),
        ("perceived 2", Role::Perception, "Q2"),
        ("perf_3", Role::Perception, "Q3"),
        ("importance 2", Role::Importance, "Q2"),
        ("期望1", Role::Expectation, "Q1"),
        ("感知1", Role::Perception, "Q1"),
        ("期望值1", Role::Expectation, "Q1"),
        ("实际感受1", Role::Perception, "Q1"),
        ("预期1", Role::Expectation, "Q1"),
        ("实际1", Role::Perception, "Q1"),
        ("体验1", Role::Perception, "Q1"),
        ("感受1", Role::Perception, "Q1"),
        ("第1题期望", Role::Expectation, "Q1"),
        ("题项1感知值", Role::Perception, "Q1"),
        ("重要性1", Role::Importance, "Q1"),
        ("E_R1", Role::Expectation, "R1"),
        ("E_T2", Role::Expectation, "T2"),
        ("P_RS3", Role::Perception, "RS3"),
        ("E_A1", Role::Expectation, "A1"),
        ("P_EM4", Role::Perception, "EM4"),
        ("exp_tangibles_2", Role::Expectation, "T2"),
        ("有形性_期望2", Role::Expectation, "T2"),
        ("同理心期望1", Role::Expectation, "EM1"),
    ];
    for (header, role, id) in cases {
        let (config, _) = Evaluator::detect_text(&format!("{header}\n5\n"));
        let col = &config.columns[0];
        assert_eq!(
            (col.role, col.item.as_deref()),
            (role, Some(id)),
            "{header}"
        );
    }
    let keywords = [
        ("points_reliability", Role::Allocation),
        ("分配_有形性", Role::Allocation),
        ("Likelihood to recommend", Role::Recommend),
        ("CES", Role::Effort),
        ("OS", Role::Overall),
        ("整体满意度", Role::Overall),
        ("答题时长", Role::Duration),
        ("季度", Role::Wave),
        ("营业厅", Role::Segment),
        ("No.", Role::Id),
        ("答卷编号", Role::Id),
        ("建议", Role::Text),
        ("Page 1", Role::Ignore),
    ];
    for (header, role) in keywords {
        let (config, _) = Evaluator::detect_text(&format!("{header}\n5\n"));
        assert_eq!(config.columns[0].role, role, "{header}");
    }
}
