//! The catalogue of improvement actions (METHODS.md §13): data, not code, so
//! an intranet can ship its own (`catalogue` of the document inputs, or
//! `gapscope report --catalogue FILE`). The built-in one is
//! src/document/catalogue.json; docs/report-document.md describes the shape.

use crate::common::diag::Text;
use serde::{Deserialize, Serialize};

/// Most actions a catalogue may hold.
pub const ACTION_LIMIT: usize = 2_000;

/// The finding kinds an action can answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    /// A dimension or item whose perception falls short of expectation (and
    /// the IPA "concentrate here" items).
    Gap,
    /// A branch, team or wave weaker than the others.
    Segment,
    /// A scale whose Cronbach's α is below .7.
    Reliability,
    /// A data-quality caveat.
    Quality,
}

/// A dimension the catalogue knows, and the words that recognise it in a
/// survey's dimension ids and labels.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CatalogueDimension {
    pub key: String,
    pub label: Text,
    #[serde(default)]
    pub r#match: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Action {
    pub id: String,
    pub r#for: Vec<FindingKind>,
    /// Catalogue dimension keys, or "*" for any dimension.
    #[serde(default)]
    pub dimensions: Vec<String>,
    /// Gaps 1–4 of the five-gap model (METHODS.md §11) the action closes.
    #[serde(default)]
    pub gaps: Vec<u8>,
    pub title: Text,
    pub action: Text,
    pub indicator: Text,
    pub target: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Catalogue {
    #[serde(default)]
    pub schema: u32,
    pub name: Text,
    #[serde(default)]
    pub dimensions: Vec<CatalogueDimension>,
    pub actions: Vec<Action>,
}

/// The built-in catalogue as shipped (JSON text).
pub const BUILTIN: &str = include_str!("catalogue.json");

impl Catalogue {
    /// The catalogue that ships with Gapscope.
    pub fn builtin() -> Catalogue {
        // The file is ours and checked by a test; an empty catalogue would
        // only mean "no actions", never a wrong number.
        serde_json::from_str(BUILTIN).unwrap_or_else(|_| Catalogue {
            schema: 1,
            name: Text::new("(none)", "（无）"),
            dimensions: Vec::new(),
            actions: Vec::new(),
        })
    }

    /// A host's catalogue, refused with a reason when it is not one.
    pub fn from_json(text: &str) -> Result<Catalogue, Text> {
        let c: Catalogue = serde_json::from_str(text).map_err(|e| {
            Text::new(
                format!("the catalogue is not valid: {e}"),
                format!("改进措施库格式不正确：{e}"),
            )
        })?;
        if c.actions.len() > ACTION_LIMIT {
            return Err(Text::new(
                format!(
                    "the catalogue has {} actions; at most {ACTION_LIMIT} are taken",
                    c.actions.len()
                ),
                format!(
                    "改进措施库含 {} 条措施，最多只能读取 {ACTION_LIMIT} 条",
                    c.actions.len()
                ),
            ));
        }
        Ok(c)
    }

    /// The catalogue key of a survey dimension: its id or a label containing
    /// one of the key's words (case-insensitive), e.g. "可靠性" or "Reliability".
    pub fn dimension_key(&self, id: &str, label: Option<&Text>) -> Option<&str> {
        let names: Vec<String> = std::iter::once(id)
            .chain(label.map(|t| t.en.as_str()))
            .chain(label.map(|t| t.zh.as_str()))
            .map(str::to_lowercase)
            .collect();
        self.dimensions
            .iter()
            .find(|d| {
                names.iter().any(|n| {
                    *n == d.key.to_lowercase()
                        || d.r#match
                            .iter()
                            .any(|m| !m.is_empty() && n.contains(&m.to_lowercase()))
                })
            })
            .map(|d| d.key.as_str())
    }

    /// Actions for a finding: those for this dimension first, then those for
    /// any dimension; at most `k`, preferring ones not `used` yet and covering
    /// different gaps of the model.
    pub fn pick<'a>(
        &'a self,
        kind: FindingKind,
        key: Option<&str>,
        used: &[String],
        k: usize,
    ) -> Vec<&'a Action> {
        let fits = |a: &&Action, specific: bool| {
            a.r#for.contains(&kind)
                && if specific {
                    key.is_some_and(|k| a.dimensions.iter().any(|d| d == k))
                } else {
                    a.dimensions.is_empty() || a.dimensions.iter().any(|d| d == "*")
                }
        };
        let mut candidates: Vec<&Action> = self.actions.iter().filter(|a| fits(a, true)).collect();
        // An action listed for this dimension and for "*" counts once.
        candidates.extend(
            self.actions
                .iter()
                .filter(|a| fits(a, false) && !fits(a, true)),
        );
        // Unused first (stable, so catalogue order decides among equals).
        candidates.sort_by_key(|a| used.contains(&a.id));
        let mut out: Vec<&Action> = Vec::new();
        let mut gaps: Vec<u8> = Vec::new();
        // First pass: one action per gap of the model; second: fill up.
        for a in &candidates {
            if out.len() == k {
                break;
            }
            if a.gaps.iter().all(|g| !gaps.contains(g)) {
                gaps.extend(&a.gaps);
                out.push(a);
            }
        }
        for a in &candidates {
            if out.len() == k {
                break;
            }
            if !out.iter().any(|o| o.id == a.id) {
                out.push(a);
            }
        }
        out
    }
}
