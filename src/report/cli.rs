//! What `gapscope analyze` needs for the analyses: option flags that override
//! `config.analyses`, and `--only` section selection (docs/analyses-cli.md).
//! Here rather than in the binary so it is tested with the library.

use crate::analyses::{Analyses, SECTIONS};
use crate::model::analysis_options::AnalysisOptions;
use crate::model::config::SurveyConfig;
use crate::report::markdown::Lang;
use crate::report::Report;
use serde::de::DeserializeOwned;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// Flags that set analysis options, each taking one value.
pub const OPTION_FLAGS: [&str; 6] = [
    "--ipa-importance",
    "--ipa-performance",
    "--ipa-crosshairs",
    "--csat-top",
    "--ces-direction",
    "--drivers-score",
];

fn choice<T: DeserializeOwned>(flag: &str, value: &str, allowed: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(value.to_string()))
        .map_err(|_| format!("{flag} takes {allowed}, not \"{value}\""))
}

/// Apply one option flag to `options`.
pub fn apply_flag(options: &mut AnalysisOptions, flag: &str, value: &str) -> Result<(), String> {
    match flag {
        "--ipa-importance" => {
            options.ipa.importance = choice(flag, value, "auto, stated, allocation or derived")?
        }
        "--ipa-performance" => options.ipa.performance = choice(flag, value, "perception or gap")?,
        "--ipa-crosshairs" => options.ipa.crosshairs = choice(flag, value, "mean or midpoint")?,
        "--csat-top" => {
            options.csat.top_k = value
                .parse()
                .ok()
                .filter(|k| *k >= 1)
                .ok_or_else(|| format!("{flag} takes a whole number ≥ 1, not \"{value}\""))?
        }
        "--ces-direction" => {
            let v = match value {
                "lower" => "lower_is_better",
                "higher" => "higher_is_better",
                v => v,
            };
            options.ces.direction = Some(choice(flag, v, "lower or higher")?)
        }
        "--drivers-score" => options.drivers.score = choice(flag, value, "perception or gap")?,
        _ => return Err(format!("unknown option {flag}")),
    }
    Ok(())
}

/// Apply option flags to the configuration. Flags need a configuration to go
/// into, so without one the structure is detected first (by `detect`, which reads
/// the input the way the analysis will); the bool says so (the report's
/// `detected` should then be true).
pub fn configure(
    config: Option<SurveyConfig>,
    detect: impl FnOnce() -> SurveyConfig,
    flags: &[(String, String)],
) -> Result<(Option<SurveyConfig>, bool), String> {
    if flags.is_empty() {
        return Ok((config, false));
    }
    let detected = config.is_none();
    let mut config = config.unwrap_or_else(detect);
    for (flag, value) in flags {
        apply_flag(&mut config.analyses, flag, value)?;
    }
    Ok((Some(config), detected))
}

/// What `--only` prints (JSON or Markdown), or None without `--only`.
pub fn output(report: &Report, json: bool, lang: Lang, only: &[String]) -> Option<String> {
    // `--only ipa --only ipa,metrics`: each section once, first mention first.
    let mut unique: Vec<String> = Vec::new();
    for s in only {
        if !unique.contains(s) {
            unique.push(s.clone());
        }
    }
    let only = &unique[..];
    if only.is_empty() {
        None
    } else if json {
        Some(sections_json(report, only) + "\n")
    } else {
        Some(crate::report::markdown::analyses::render_only(
            report, lang, only,
        ))
    }
}

/// Parse `--only` values: comma-separated section names, checked.
pub fn parse_only(value: &str) -> Result<Vec<String>, String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            if SECTIONS.contains(&s) {
                Ok(s.to_string())
            } else {
                Err(format!("--only takes {}, not \"{s}\"", SECTIONS.join(", ")))
            }
        })
        .collect()
}

/// The JSON of only the named sections: `{ "<section>": {...} | null, ... }` in
/// the order asked; null means the section was not computed (its columns are
/// missing). Fields keep their report order.
pub fn sections_json(report: &Report, only: &[String]) -> String {
    struct Selected<'a>(&'a Analyses, &'a [String]);
    impl Serialize for Selected<'_> {
        fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
            let a = self.0;
            let mut map = ser.serialize_map(Some(self.1.len()))?;
            for s in self.1 {
                match s.as_str() {
                    "reliability" => map.serialize_entry(s, &a.reliability)?,
                    "ipa" => map.serialize_entry(s, &a.ipa)?,
                    "metrics" => map.serialize_entry(s, &a.metrics)?,
                    "drivers" => map.serialize_entry(s, &a.drivers)?,
                    "comparisons" => map.serialize_entry(s, &a.comparisons)?,
                    _ => map.serialize_entry(s, &())?,
                }
            }
            map.end()
        }
    }
    serde_json::to_string_pretty(&Selected(&report.analyses, only)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analysis_options::{
        Crosshairs, EffortDirection, ImportanceSource, ScoreKind,
    };

    #[test]
    fn flags_set_options_and_reject_nonsense() {
        let mut o = AnalysisOptions::default();
        apply_flag(&mut o, "--ipa-importance", "derived").expect("valid");
        apply_flag(&mut o, "--ipa-crosshairs", "midpoint").expect("valid");
        apply_flag(&mut o, "--csat-top", "3").expect("valid");
        apply_flag(&mut o, "--ces-direction", "higher").expect("valid");
        apply_flag(&mut o, "--drivers-score", "gap").expect("valid");
        assert_eq!(o.ipa.importance, ImportanceSource::Derived);
        assert_eq!(o.ipa.crosshairs, Crosshairs::Midpoint);
        assert_eq!(o.csat.top_k, 3);
        assert_eq!(o.ces.direction, Some(EffortDirection::HigherIsBetter));
        assert_eq!(o.drivers.score, ScoreKind::Gap);
        assert!(apply_flag(&mut o, "--csat-top", "0").is_err());
        assert!(apply_flag(&mut o, "--csat-top", "two").is_err());
        assert!(apply_flag(&mut o, "--ipa-importance", "vibes").is_err());
        assert!(parse_only("ipa, drivers").is_ok_and(|v| v == ["ipa", "drivers"]));
        assert!(parse_only("ipa,servqual").is_err());
    }

    #[test]
    fn only_prints_the_asked_sections_in_order_with_null_for_absent() {
        let report = crate::Evaluator::detect()
            .analyze_text("E1,P1,E2,P2,OS\n5,4,6,5,4\n6,6,7,5,6\n4,3,5,4,3\n5,5,5,4,5\n");
        let json = sections_json(&report, &["drivers".into(), "comparisons".into()]);
        let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert!(v["drivers"].is_object());
        assert!(v["comparisons"].is_null());
        assert!(v.get("reliability").is_none());
        assert!(json.find("drivers") < json.find("comparisons"));
    }
}
