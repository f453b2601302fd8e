//! The whole path a file takes: bytes → sniffing → decoding or the workbook
//! reader → table → detection → quality → analysis → report JSON and Markdown.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// libfuzzer-sys aborts in its panic hook, before any catch_unwind can run.
/// The workbook reader deliberately catches calamine's panics (read.rs), so the
/// hook is reset to the default one: a panic anywhere else still reaches
/// libfuzzer's own catch_unwind around this closure and is reported as a crash.
fn gapscope_fuzz_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = std::panic::take_hook();
    });
}

fuzz_target!(|data: &[u8]| {
    gapscope_fuzz_hook();
    let report = gapscope::Evaluator::detect().analyze_bytes(data);
    let _ = report.to_json();
    let _ = gapscope::report::markdown::render(&report, gapscope::report::markdown::Lang::Zh);
});
