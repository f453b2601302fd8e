//! Which configured columns the survey actually read, for names and scales in
//! the analyses (the numeric Survey keeps only the values).

use crate::model::config::{Column, Role, Scale, SurveyConfig};
use crate::model::survey::Survey;

/// Columns of `role` whose header is in the table, in configuration order.
pub fn present<'a>(
    config: &'a SurveyConfig,
    headers: &'a [String],
    role: Role,
) -> impl Iterator<Item = &'a Column> + 'a {
    // A set of the headers: a wide table must not cost columns × headers compares.
    let present: crate::common::hash::Set<&str> = headers.iter().map(String::as_str).collect();
    config
        .columns
        .iter()
        .filter(move |c| c.role == role && present.contains(c.name.as_str()))
}

/// The column of a single-column role (overall, recommend, effort) whose values
/// the survey holds: survey.rs keeps the last one read.
pub fn single<'a>(
    config: &'a SurveyConfig,
    headers: &'a [String],
    role: Role,
) -> Option<&'a Column> {
    present(config, headers, role).last()
}

/// The scale a column was read with (survey.rs: the column's own, else `default`).
pub fn scale_of(column: Option<&Column>, default: Scale) -> Scale {
    column.and_then(|c| c.scale).unwrap_or(default)
}

/// The dimension index of each item, from the dimensions' item lists (an item in
/// no dimension gets None). Read this way rather than from `ItemData` so it does
/// not depend on how the survey model stores the link.
pub fn item_dimensions(survey: &Survey) -> Vec<Option<usize>> {
    let mut out = vec![None; survey.items.len()];
    for (d, dim) in survey.dimensions.iter().enumerate() {
        for &i in &dim.items {
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(d);
            }
        }
    }
    out
}
