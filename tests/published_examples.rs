//! Published worked examples.
//!
//! Student's sleep data (Cushny & Peebles 1905, analysed by Student 1908; R's
//! `datasets::sleep`): extra hours of sleep of 10 patients under two drugs. R's
//! documented `t.test(extra ~ group, data = sleep, paired = TRUE)` output is
//!     t = -4.0621, df = 9, p-value = 0.002833
//!     95 percent confidence interval: -2.4598858 -0.7001142
//!     mean difference -1.58
//! and SciPy agrees to full precision (tests/reference/sleep_reference.py):
//!     stats.ttest_rel(drug1, drug2) -> t = -4.062127683382037, p = 0.002832890197384273
//!     g = drug1 - drug2; g.std(ddof=1) = 1.2299954832798732
//!     g.mean() ± stats.t.ppf(0.975, 9) * se -> [-2.4598857632769824, -0.7001142367230176]
//! Here drug 2 plays the expectation and drug 1 the perception, so the "gap" is
//! drug1 − drug2, run through the whole pipeline (parse → config → survey → report).

mod common;
use common::*;
use gapscope::{Evaluator, SurveyConfig};

const T: f64 = -4.062127683382037;
const P: f64 = 0.002832890197384273;
const SD: f64 = 1.2299954832798732;
const CI: [f64; 2] = [-2.4598857632769824, -0.7001142367230176];
const D_Z: f64 = -1.2845575625910546;

fn sleep_report() -> gapscope::Report {
    let config = SurveyConfig::from_json(&fixture("sleep.config.json")).expect("valid config");
    Evaluator::with_config(config).analyze_text(&fixture("sleep.csv"))
}

#[test]
fn student_sleep_data_matches_the_published_paired_t_test() {
    let r = sleep_report();
    let g = &item(&r, "extra").gap;
    // Against the published (rounded) figures.
    assert!((some(g.t, "t") - (-4.0621)).abs() < 5e-5);
    assert!((some(g.p, "p") - 0.002833).abs() < 5e-7);
    assert!((g.ci95.unwrap_or_default()[0] - (-2.4598858)).abs() < 5e-8);
    assert!((g.ci95.unwrap_or_default()[1] - (-0.7001142)).abs() < 5e-8);
    assert_eq!(g.df, Some(9));
    // Against SciPy at full precision.
    close(some(g.mean, "mean"), -1.58, EXACT, "mean");
    close(some(g.sd, "sd"), SD, EXACT, "sd");
    close(some(g.t, "t"), T, EXACT, "t");
    close(some(g.d_z, "d_z"), D_Z, EXACT, "d_z");
    close_rel(some(g.p, "p"), P, SPECIAL, "p");
    let ci = g.ci95.unwrap_or_default();
    close(ci[0], CI[0], SPECIAL, "ci low");
    close(ci[1], CI[1], SPECIAL, "ci high");
    // One item, one dimension: the dimension gap is the same test.
    let d = dimension(&r, "sleep");
    close(some(d.gap.t, "t"), T, EXACT, "dimension t");
    close(
        some(r.overall.servqual, "servqual"),
        -1.58,
        EXACT,
        "servqual",
    );
    assert_eq!(r.respondents.analysed, 10);
    assert!(r
        .diagnostics
        .messages
        .iter()
        .all(|m| m.severity != gapscope::common::diag::Severity::Error));
}

#[test]
fn stats_t_test_alone_matches_scipy() {
    let drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    let drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    let g = gapscope::stats::t_test(drug1.iter().zip(drug2).map(|(a, b)| a - b));
    close(some(g.t, "t"), T, EXACT, "t");
    close_rel(some(g.p, "p"), P, SPECIAL, "p");
    // se = sd / sqrt(n)
    close(some(g.se, "se"), SD / 10f64.sqrt(), EXACT, "se");
}
