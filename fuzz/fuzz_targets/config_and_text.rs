//! A user's survey configuration and input options (JSON) with pasted text:
//! the first line is the configuration, the second the options, the rest the data.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\n');
    let config = parts.next().unwrap_or("");
    let options = parts.next().unwrap_or("");
    let body = parts.next().unwrap_or("");
    let Ok(config) = gapscope::SurveyConfig::from_json(config) else {
        return;
    };
    let options: gapscope::InputOptions = serde_json::from_str(options).unwrap_or_default();
    let report = gapscope::Evaluator::with_config(config)
        .with_options(options)
        .analyze_text(body);
    let _ = report.to_json();
});
