//! From the table as read to the table and configuration the analysis uses:
//! the configuration detected (or given), platform conventions applied
//! (问卷星's -2/-3 codes), text labels mapped to scale values.

use super::labels;
use crate::common::diag::Diagnostics;
use crate::common::diag::{Diagnostic, Severity, Text};
use crate::input::numbers::Numbers;
use crate::input::table::Table;
use crate::input::{InputInfo, Layout};
use crate::model::config::{Role, Scale, SurveyConfig};
use crate::model::detect;

pub struct Prepared {
    /// The transformed table, or `None` when the table as read is used.
    pub table: Option<Table>,
    pub config: SurveyConfig,
    pub detected: bool,
    /// The answer columns of the final table, read once (`None` when labels
    /// changed cells after they were read).
    pub numbers: Option<Numbers>,
}

/// 问卷星's numeric export writes -2 (skipped by logic) and -3 (not shown).
const WJX_CODES: [&str; 2] = ["-2", "-3"];

pub fn prepare(
    table: &Table,
    given: Option<&SurveyConfig>,
    layout: Option<Layout>,
    info: &mut InputInfo,
    diags: &mut Diagnostics,
) -> Prepared {
    // Long layout first: everything after works on the wide table.
    let pivoted = match layout {
        Some(Layout::Wide) | Some(Layout::Summary) => None,
        Some(Layout::Long) | None => {
            let p = crate::input::long::pivot(table, diags);
            if p.is_none() && layout == Some(Layout::Long) {
                diags.push(Diagnostic::new(
                    "long_columns_not_found",
                    Severity::Warning,
                    Text::new(
                        "Long layout was chosen, but the respondent, item and value columns were not found (e.g. respondent, item, type, value / 受访者, 题项, 类型, 分值); the table is read as wide.",
                        "已选择长格式，但未找到受访者、题项和分值列（如 respondent, item, type, value / 受访者, 题项, 类型, 分值）；按宽格式读取。",
                    ),
                ));
            }
            p
        }
    };
    if pivoted.is_some() {
        info.layout = Layout::Long;
    }
    let mut prepared = prepare_wide(pivoted.as_ref().unwrap_or(table), given, info, diags);
    if prepared.table.is_none() {
        prepared.table = pivoted;
    }
    let current = prepared.table.as_ref().unwrap_or(table);
    if let Some(t) = super::waves::apply(current, &mut prepared.config, diags) {
        prepared.table = Some(t);
    }
    prepared
}

fn prepare_wide(
    table: &Table,
    given: Option<&SurveyConfig>,
    info: &InputInfo,
    diags: &mut Diagnostics,
) -> Prepared {
    let mut missing: Vec<String> = given.map(|c| c.missing_codes.clone()).unwrap_or_default();
    if info.platform.as_deref() == Some("wenjuanxing") {
        for code in WJX_CODES {
            if !missing.iter().any(|m| m == code) {
                missing.push(code.to_string());
            }
        }
    }
    match given {
        Some(c) => {
            let mut config = c.clone();
            config.missing_codes = missing;
            let numbers = Numbers::read(
                table,
                &labels::label_columns(table, &config.columns),
                &config.missing_codes,
            );
            let cells = numbers.text_cells();
            decimal_commas(table, diags);
            let has_own = config.columns.iter().any(|c| !c.labels.is_empty());
            if config.labels.is_empty() && !has_own {
                let chosen = labels::choose(table, &cells, &labels::groups(table, &config.columns));
                config.labels = chosen.labels;
                own_labels(table, &mut config, chosen.columns, false);
            }
            let has_own = config.columns.iter().any(|c| !c.labels.is_empty());
            let mapped = if config.labels.is_empty() && !has_own {
                None
            } else {
                labels::apply(table, &config, &cells, diags)
            };
            let mapped = mapped.or_else(|| leading_only(table, &config, &cells, diags));
            Prepared {
                numbers: mapped.is_none().then_some(numbers),
                table: mapped,
                config,
                detected: false,
            }
        }
        None => {
            // Roles first (headers only matter), then labels, then the real
            // detection on the mapped table so that scales are read off numbers.
            let mut scratch = Diagnostics::default();
            let rough = detect::detect_with_missing(table, &missing, &mut scratch);
            let numbers = Numbers::read(
                table,
                &labels::label_columns(table, &rough.columns),
                &missing,
            );
            let cells = numbers.text_cells();
            decimal_commas(table, diags);
            let chosen = labels::choose(table, &cells, &labels::groups(table, &rough.columns));
            let (found, points) = (chosen.labels, chosen.points);
            let mut with_labels = rough;
            with_labels.labels = found.clone();
            own_labels(table, &mut with_labels, chosen.columns.clone(), false);
            let any_own = with_labels.columns.iter().any(|c| !c.labels.is_empty());
            let mapped = if found.is_empty() && !any_own {
                leading_only(table, &with_labels, &cells, diags)
            } else {
                labels::apply(table, &with_labels, &cells, diags)
            };
            let mut config = match &mapped {
                Some(t) => detect::detect_with_missing(t, &missing, diags),
                None => {
                    // Nothing was mapped: detecting again would say the same.
                    diags.extend(scratch);
                    with_labels
                }
            };
            config.labels = found;
            platform_roles(&mut config, info.platform.as_deref());
            if points > 0 && config.scale.max < points as f64 {
                config.scale = Scale {
                    min: 1.0,
                    max: points as f64,
                };
            }
            own_labels(table, &mut config, chosen.columns, true);
            Prepared {
                numbers: mapped.is_none().then_some(numbers),
                table: mapped,
                config,
                detected: true,
            }
        }
    }
}

/// Give columns whose labels mean other values than the survey's map their own
/// map (see [`labels::groups`]) and, with `scales`, the scale of their label set
/// when it differs from the items' (the detected configuration only: a given
/// structure keeps its scales).
fn own_labels(
    table: &Table,
    config: &mut SurveyConfig,
    columns: Vec<(usize, Vec<labels::Label>, u32)>,
    scales: bool,
) {
    for (c, map, points) in columns {
        let Some(header) = table.headers.get(c) else {
            continue;
        };
        let items_scale = config.scale;
        let Some(col) = config.columns.iter_mut().find(|x| &x.name == header) else {
            continue;
        };
        if !map.is_empty() {
            col.labels = map;
        }
        let own = Scale {
            min: 1.0,
            max: points as f64,
        };
        if scales && points > 1 && col.role != Role::Recommend && own != items_scale {
            col.scale = Some(own);
        }
    }
}

/// The metadata columns each platform writes, by exact name: the id and the
/// duration are used, the rest ignored (keywords in them — "Channel", "IP" —
/// must not make them segments).
fn platform_roles(config: &mut SurveyConfig, platform: Option<&str>) {
    let table: &[(&str, Role)] = match platform {
        Some("qualtrics") => &[
            ("ResponseId", Role::Id),
            ("Duration (in seconds)", Role::Duration),
            ("StartDate", Role::Ignore),
            ("EndDate", Role::Ignore),
            ("Status", Role::Ignore),
            ("IPAddress", Role::Ignore),
            ("Progress", Role::Ignore),
            ("Finished", Role::Ignore),
            ("RecordedDate", Role::Ignore),
            ("DistributionChannel", Role::Ignore),
            ("UserLanguage", Role::Ignore),
            ("ExternalReference", Role::Ignore),
            ("LocationLatitude", Role::Ignore),
            ("LocationLongitude", Role::Ignore),
            ("RecipientLastName", Role::Ignore),
            ("RecipientFirstName", Role::Ignore),
            ("RecipientEmail", Role::Ignore),
        ],
        Some("surveymonkey") => &[
            ("Respondent ID", Role::Id),
            ("Collector ID", Role::Ignore),
            ("Start Date", Role::Ignore),
            ("End Date", Role::Ignore),
            ("IP Address", Role::Ignore),
            ("Email Address", Role::Ignore),
            ("First Name", Role::Ignore),
            ("Last Name", Role::Ignore),
            ("Custom Data 1", Role::Ignore),
        ],
        Some("wenjuanxing") => &[
            ("序号", Role::Id),
            ("所用时间", Role::Duration),
            ("提交答卷时间", Role::Ignore),
            ("来源", Role::Ignore),
            ("来源详情", Role::Ignore),
            ("来自IP", Role::Ignore),
        ],
        Some("tencent") => &[
            ("编号", Role::Id),
            ("答题时长", Role::Duration),
            ("开始答题时间", Role::Ignore),
            ("结束答题时间", Role::Ignore),
        ],
        _ => &[],
    };
    for col in &mut config.columns {
        if let Some((_, role)) = table.iter().find(|(n, _)| *n == col.name) {
            col.role = *role;
            col.item = None;
            col.dimension = None;
        } else if platform == Some("tencent") && col.name.starts_with("地理位置") {
            col.role = Role::Ignore;
        }
    }
}

/// Say that numbers are written with a decimal comma ("3,5", read as 3.5), from
/// the first rows of every column (a cheap look; it only informs).
fn decimal_commas(table: &Table, diags: &mut Diagnostics) {
    const LOOK: usize = 200;
    let found = (0..table.width()).find_map(|c| {
        table
            .column_cells(c)
            .take(LOOK)
            .position(|s| {
                s.as_bytes().contains(&b',')
                    && matches!(
                        crate::input::value::read(s, &[]),
                        crate::input::value::Cell::Number(_)
                    )
            })
            .map(|r| (r, c))
    });
    let Some((r, c)) = found else { return };
    let (line, raw) = (
        table.line_of(r),
        crate::common::format::quoted(table.cell(r, c), 24),
    );
    let full = table.headers.get(c).map(String::as_str).unwrap_or("");
    let name = crate::common::format::quoted(full, 60);
    diags.push(
        Diagnostic::new(
            "decimal_commas",
            Severity::Info,
            Text::new(
                format!("Numbers are written with a decimal comma (e.g. \"{raw}\" on row {line}, column \"{name}\"); they were read as decimals (3,5 = 3.5)."),
                format!("数字使用小数逗号（如第 {line} 行“{name}”列的“{raw}”），已按小数读取（3,5 = 3.5）。"),
            ),
        )
        .at_row(line)
        .at_column(c + 1, full),
    );
}

/// Leading-number cells ("1 非常不满意") need no label map.
fn leading_only(
    table: &Table,
    config: &SurveyConfig,
    cells: &[(usize, usize)],
    diags: &mut Diagnostics,
) -> Option<Table> {
    if cells.is_empty() {
        return None;
    }
    let mut scratch = Diagnostics::default();
    let mapped = labels::apply(table, config, cells, &mut scratch)?;
    // With an empty map only leading numbers were mapped; keep those messages.
    diags.extend(scratch);
    Some(mapped)
}
