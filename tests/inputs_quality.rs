//! Data quality and exclusions (METHODS.md §12; issue 3).

use gapscope::{Evaluator, SurveyConfig};

/// Lines: header = 1, respondents on lines 2–8.
/// - line 4: every E and every P answer is 5 (straight-liner) and 60 s (speeder);
/// - line 5: every P answer is 4 (straight-liner on P only);
/// - line 6: repeats id 1 of line 2 (duplicate).
const CSV: &str = "\
id,duration,E1,E2,E3,P1,P2,P3
1,300,5,4,5,4,3,4
2,240,4,4,3,3,4,2
3,60,5,5,5,5,5,5
4,500,3,4,5,4,4,4
1,280,5,4,5,4,3,4
5,250,2,3,4,5,4,3
6,270,4,5,3,2,3,4
";

#[test]
fn flags_without_excluding() {
    let report = Evaluator::detect().analyze_text(CSV);
    let q = &report.quality;
    assert_eq!(q.rows, 7);
    let straight: Vec<usize> = q.straightliners.rows.iter().map(|s| s.row).collect();
    assert_eq!(straight, vec![4, 5]);
    assert_eq!(q.straightliners.rows[0].expectation, Some(5.0));
    assert_eq!(q.straightliners.rows[1].expectation, None);
    assert_eq!(q.straightliners.rows[1].perception, Some(4.0));
    assert_eq!(q.duplicates.count, 1);
    assert_eq!(q.duplicates.rows[0].row, 6);
    assert_eq!(q.duplicates.rows[0].first_row, 2);
    assert_eq!(q.duplicates.rows[0].kind, "same_id");
    // numpy.median([300, 240, 60, 500, 280, 250, 270]) = 270 -> threshold 90 s
    let s = q.speeders.as_ref().expect("duration column");
    assert_eq!(s.median_seconds, Some(270.0));
    assert!((s.threshold_seconds.unwrap_or(0.0) - 90.0).abs() < 1e-9);
    assert_eq!(
        s.flagged.rows.iter().map(|f| f.row).collect::<Vec<_>>(),
        vec![4]
    );
    // Nothing excluded unless asked: all 7 analysed, and it is said.
    assert_eq!(report.respondents.total, 7);
    assert_eq!(report.respondents.analysed, 7);
    assert!(report.respondents.excluded.is_empty());
    assert_eq!(report.diagnostics.count("straightlining"), 1);
    assert_eq!(report.diagnostics.count("speeder"), 1);
    assert_eq!(report.diagnostics.count("duplicate_respondent"), 1);
    // Column stats: every column complete.
    let e1 = q.columns.iter().find(|c| c.name == "E1").expect("E1");
    assert_eq!((e1.answered, e1.missing, e1.non_numeric), (7, 0, 0));
}

#[test]
fn excludes_by_rule_and_counts_each_reason() {
    let (mut config, _) = Evaluator::detect_text(CSV);
    config.exclude.straightliners = true;
    config.exclude.speeders = true;
    config.exclude.duplicates = true;
    let report = Evaluator::with_config(config).analyze_text(CSV);
    assert_eq!(report.respondents.total, 7);
    assert_eq!(report.respondents.analysed, 4);
    let counts: Vec<(String, usize)> = report
        .respondents
        .excluded
        .iter()
        .map(|e| (e.code.clone(), e.count))
        .collect();
    // Line 4 is both speeder and straight-liner: counted once, as speeder.
    assert_eq!(
        counts,
        vec![
            ("duplicate".to_string(), 1),
            ("speeder".to_string(), 1),
            ("straightliner".to_string(), 1)
        ]
    );
    let line4 = report.quality.excluded.rows.iter().find(|r| r.row == 4);
    assert_eq!(
        line4.map(|r| r.reasons.clone()),
        Some(vec!["speeder".to_string(), "straightliner".to_string()])
    );
    // The gap is computed on the kept lines 2, 3, 7, 8 only. Reference:
    // scipy.stats.ttest_1samp([-1, -2/3, 1, -1], 0) -> t = -0.8703882797784892,
    // p = 0.44813639998288474 (respondent means of P − E over items 1–3).
    let d = &report.dimensions[0];
    assert_eq!(d.gap.n, 4);
    assert!((d.gap.mean.unwrap_or(0.0) + 0.41666666666666663).abs() < 1e-12);
    assert!((d.gap.t.unwrap_or(0.0) + 0.8703882797784892).abs() < 1e-9);
    assert!((d.gap.p.unwrap_or(0.0) - 0.44813639998288474).abs() < 1e-9);
}

#[test]
fn excludes_rows_one_by_one_and_reports_unknown_rows() {
    let (mut config, _) = Evaluator::detect_text(CSV);
    config.exclude.rows = vec![2, 3, 99];
    let json = config.to_json();
    let config = SurveyConfig::from_json(&json).expect("round trip");
    let report = Evaluator::with_config(config).analyze_text(CSV);
    assert_eq!(report.respondents.analysed, 5);
    assert_eq!(report.respondents.excluded[0].code, "row");
    assert_eq!(report.respondents.excluded[0].count, 2);
    assert_eq!(report.diagnostics.count("exclude_row_unknown"), 1);
}

#[test]
fn column_quality_counts_missing_non_numeric_and_out_of_scale() {
    let csv = "E1,E2,P1,P2\n5,NA,4,4\n,3,x,4\n9,2,4,\n3,3,4,4\n";
    let report = Evaluator::detect().analyze_text(csv);
    let col = |n: &str| {
        report
            .quality
            .columns
            .iter()
            .find(|c| c.name == n)
            .cloned()
            .expect("column")
    };
    // With the scale fixed at 1–5, the 9 in E1 is out of scale.
    let (mut config, _) = Evaluator::detect_text(csv);
    config.scale = gapscope::model::config::Scale::LIKERT5;
    let report5 = Evaluator::with_config(config).analyze_text(csv);
    let e1 = report5.quality.columns[0].clone();
    assert_eq!((e1.answered, e1.missing, e1.out_of_scale), (2, 1, 1));
    assert_eq!(e1.missing_share, Some(0.25));
    let p1 = col("P1");
    assert_eq!((p1.answered, p1.non_numeric), (3, 1));
    let e2 = col("E2");
    assert_eq!(e2.missing, 1);
}

#[test]
fn outliers_use_tukey_fences() {
    // numpy.percentile(x, [25, 75]) for the 12 durations below -> [247.5, 292.5];
    // IQR 45, fences [180, 360]: 20 and 900 are outside.
    let d = [250, 260, 240, 270, 900, 280, 300, 230, 20, 290, 310, 255];
    let mut csv = String::from("duration,E1,P1\n");
    for (i, x) in d.iter().enumerate() {
        csv.push_str(&format!("{x},{},{}\n", 1 + i % 5, 1 + (i + 2) % 5));
    }
    let report = Evaluator::detect().analyze_text(&csv);
    let o = report
        .quality
        .outliers
        .iter()
        .find(|o| o.name == "duration")
        .expect("duration outliers");
    assert!((o.q1 - 247.5).abs() < 1e-9 && (o.q3 - 292.5).abs() < 1e-9);
    assert!((o.lower - 180.0).abs() < 1e-9 && (o.upper - 360.0).abs() < 1e-9);
    let rows: Vec<usize> = o.flagged.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, vec![6, 10]);
}
