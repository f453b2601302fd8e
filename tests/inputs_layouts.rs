//! Long (tidy) tables pivoted to wide, and summary tables of item statistics
//! (issue 3, items 5 and 6).

use gapscope::{Evaluator, Report};
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/inputs/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn item<'a>(r: &'a Report, id: &str) -> &'a gapscope::analyses::servqual::ItemResult {
    r.items.iter().find(|i| i.id == id).expect("item")
}

#[test]
fn long_layout_is_pivoted_with_duplicates_reported() {
    let x: Value = serde_json::from_slice(&fixture("long.expect.json")).expect("json");
    let r = Evaluator::detect().analyze_bytes(&fixture("long.csv"));
    assert_eq!(r.input.layout, gapscope::input::Layout::Long);
    assert_eq!(r.respondents.total, 4);
    assert_eq!(r.config.items.len(), 5);
    assert_eq!(r.diagnostics.count("pivoted_long"), 1);
    assert_eq!(r.diagnostics.count("long_duplicate"), 1);
    // Item means straight from the generated answers (the first of a repeated
    // answer is kept, so the arrays in expect.json are the truth).
    let e = x["e"].as_array().cloned().unwrap_or_default();
    let p = x["p"].as_array().cloned().unwrap_or_default();
    for j in 0..5 {
        let mean = |v: &[Value]| {
            v.iter()
                .map(|row| row[j].as_f64().unwrap_or(0.0))
                .sum::<f64>()
                / v.len() as f64
        };
        let it = item(&r, &format!("Q{}", j + 1));
        assert!((it.expectation.mean.unwrap_or(f64::NAN) - mean(&e)).abs() < 1e-12);
        assert!((it.perception.mean.unwrap_or(f64::NAN) - mean(&p)).abs() < 1e-12);
    }
}

#[test]
fn summary_table_gaps_and_undefined_tests() {
    let r = Evaluator::detect().analyze_bytes(&fixture("summary.csv"));
    assert_eq!(r.input.layout, gapscope::input::Layout::Summary);
    // Item gap = mean P − mean E as printed: T1 5.21 − 6.12.
    let t1 = item(&r, "T1");
    assert!((t1.gap.mean.unwrap_or(0.0) - (5.21 - 6.12)).abs() < 1e-12);
    assert_eq!(t1.gap.t, None);
    let why = t1.gap.undefined.as_ref().map(|u| u.code.as_str());
    assert_eq!(why, Some("needs_gap_sd"));
    // Dimension gap = mean of item gaps; overall = mean of dimension gaps:
    // reliability (−1.49 − 1.12)/2 = −1.305; overall (−0.745 − 1.305 − 1.09)/3.
    let rel = r
        .dimensions
        .iter()
        .find(|d| d.id == "reliability")
        .expect("dim");
    assert!((rel.gap.mean.unwrap_or(0.0) + 1.305).abs() < 1e-12);
    assert!((r.overall.servqual.unwrap_or(0.0) + 1.0466666666666666).abs() < 1e-12);
    // SERVPERF of tangibles: mean of its item P means (5.21 + 5.40)/2.
    let tan = r
        .dimensions
        .iter()
        .find(|d| d.id == "tangibles")
        .expect("dim");
    assert!((tan.servperf.mean.unwrap_or(0.0) - 5.305).abs() < 1e-12);
    assert_eq!(r.config.scale.max, 7.0);
}

#[test]
fn summary_with_gap_sd_gives_the_paired_test() {
    let csv = "item,dimension,mean E,mean P,gap SD,n\nT1,tangibles,6.12,5.21,1.2,214\n";
    let r = Evaluator::detect().analyze_text(csv);
    let t1 = item(&r, "T1");
    // scipy: t = -0.91 / (1.2 / sqrt(214)); p = 2 * stats.t.sf(|t|, 213);
    // CI = mean ± stats.t.ppf(0.975, 213) * se
    assert!((t1.gap.t.unwrap_or(0.0) + 11.09346028573191).abs() < 1e-9);
    assert!((t1.gap.p.unwrap_or(1.0) - 7.249749119041988e-23).abs() < 1e-30);
    let ci = t1.gap.ci95.unwrap_or([0.0, 0.0]);
    assert!((ci[0] + 1.0716951870355964).abs() < 1e-9);
    assert!((ci[1] + 0.7483048129644037).abs() < 1e-9);
}

#[test]
fn layout_can_be_forced() {
    // A tidy-looking table the user says is wide stays wide.
    let opts = gapscope::InputOptions {
        layout: Some(gapscope::input::Layout::Wide),
        ..Default::default()
    };
    let r = Evaluator::detect()
        .with_options(opts)
        .analyze_bytes(&fixture("long.csv"));
    assert_eq!(r.input.layout, gapscope::input::Layout::Wide);
    assert_eq!(r.diagnostics.count("pivoted_long"), 0);
}

#[cfg(feature = "native-io")]
#[test]
fn waves_from_submission_time_by_quarter() {
    let bytes = fixture("wenjuanxing.xlsx");
    let mut config = Evaluator::detect().detect_file(&bytes).config;
    config.waves = Some(gapscope::model::waves::WaveRule {
        column: "提交答卷时间".into(),
        period: gapscope::model::waves::Period::Quarter,
    });
    let r = Evaluator::with_config(config).analyze_bytes(&bytes);
    let wave = r
        .config
        .columns
        .iter()
        .find(|c| c.role == gapscope::model::config::Role::Wave)
        .expect("wave column");
    assert_eq!(wave.name, "提交答卷时间 (quarter)");
    let q = r
        .quality
        .columns
        .iter()
        .find(|c| c.name == wave.name)
        .expect("quality");
    assert_eq!(q.missing, 0);
    assert_eq!(r.diagnostics.count("wave_date_unreadable"), 0);
}
