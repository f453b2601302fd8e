//! Read one sheet of a workbook the way the page and the CLI do, and say how
//! long it took: for measuring the reader's limits by hand, e.g.
//! `/usr/bin/time -v cargo run --release -p gapscope-workbook --example read_sheet -- FILE [SHEET]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: read_sheet FILE [SHEET]");
        std::process::exit(2);
    };
    let sheet = args.next();
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let start = std::time::Instant::now();
    let names = gapscope_workbook::sheet_names(&bytes);
    let read = gapscope_workbook::read_sheet(&bytes, sheet.as_deref());
    let secs = start.elapsed().as_secs_f64();
    match (names, read) {
        (Ok(names), Ok(s)) => {
            let cells: usize = s.rows.iter().map(Vec::len).sum();
            let filled = s.rows.iter().flatten().filter(|c| !c.is_empty()).count();
            println!(
                "ok: sheets {names:?}, read \"{}\": {} rows, {cells} cells ({filled} filled), {} warnings, {secs:.2} s",
                s.name,
                s.rows.len(),
                s.warnings.len()
            );
            for w in s.warnings.iter().take(5) {
                println!("  warning {}: {}", w.code, w.en);
            }
        }
        (Err(e), _) | (_, Err(e)) => {
            println!("error {}: {} ({secs:.2} s)", e.code, e.en);
        }
    }
}
