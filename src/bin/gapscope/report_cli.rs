//! `gapscope report`: the client document (src/document/) in each format.

use super::{emit, Args, Format};
use gapscope::document::{self, Catalogue, DocumentInputs, Paper};
use gapscope::report::markdown::Lang;
use gapscope::{Report, Text};

#[derive(Default)]
pub struct DocumentArgs {
    /// `--document FILE`: cover, plan and paper as JSON (the page's "document" JSON).
    document: Option<String>,
    /// `--catalogue FILE`: actions instead of the built-in catalogue.
    catalogue: Option<String>,
    paper: Option<Paper>,
    /// `--table ID`: the table `--format csv` prints (default: every table
    /// into the directory given by `-o`).
    pub table: Option<String>,
}

impl DocumentArgs {
    pub fn set(&mut self, flag: &str, value: String) -> Result<(), String> {
        match flag {
            "--document" => self.document = Some(value),
            "--catalogue" => self.catalogue = Some(value),
            "--table" => self.table = Some(value),
            _ => {
                self.paper = Some(match value.to_ascii_lowercase().as_str() {
                    "a4" => Paper::A4,
                    "letter" => Paper::Letter,
                    _ => return Err("--paper takes a4 or letter".into()),
                })
            }
        }
        Ok(())
    }

    /// The document inputs from the files given, in the `--lang` language.
    pub fn load(&self, lang: Lang) -> Result<DocumentInputs, Text> {
        let read = |path: &str| {
            std::fs::read_to_string(path).map_err(|e| {
                Text::new(
                    format!("cannot read {path}: {e}"),
                    format!("无法读取 {path}：{e}"),
                )
            })
        };
        let mut inputs = match &self.document {
            Some(path) => DocumentInputs::from_json(&read(path)?).map_err(|e| {
                Text::new(
                    format!("{path} is not a document file: {e}"),
                    format!("{path} 不是有效的报告设置文件：{e}"),
                )
            })?,
            None => DocumentInputs::default(),
        };
        if let Some(path) = &self.catalogue {
            inputs.catalogue = Some(Catalogue::from_json(&read(path)?)?);
        }
        if let Some(p) = self.paper {
            inputs.paper = p;
        }
        inputs.lang = match lang {
            Lang::En => "en".into(),
            Lang::Zh => "zh".into(),
        };
        Ok(inputs)
    }
}

fn write_file(path: &str, bytes: &[u8]) -> Result<(), Text> {
    std::fs::write(path, bytes).map_err(|e| {
        Text::new(
            format!("cannot write {path}: {e}"),
            format!("无法写入 {path}：{e}"),
        )
    })
}

fn out(args: &Args, text: &str) -> Result<(), Text> {
    match &args.output {
        Some(path) => write_file(path, text.as_bytes()),
        None => {
            emit(text);
            Ok(())
        }
    }
}

pub fn write(report: &Report, inputs: &DocumentInputs, args: &Args) -> Result<(), Text> {
    let doc = document::build(report, inputs);
    let lang = inputs.lang();
    match args.format {
        Format::Html => out(args, &document::html::render(&doc, report, inputs.paper)),
        Format::Markdown => out(args, &document::markdown::render(&doc, report)),
        Format::Json => out(args, &format!("{}\n", document::to_json(&doc, report))),
        Format::Xlsx => {
            let sheets = document::csv::sheets(&doc, lang);
            let bytes = xlsx(&sheets)?;
            match &args.output {
                Some(path) => write_file(path, &bytes),
                None => {
                    use std::io::Write;
                    let _ = std::io::stdout().write_all(&bytes);
                    Ok(())
                }
            }
        }
        Format::Csv => match (&args.document.table, &args.output) {
            (Some(id), _) => {
                let t = doc.tables.iter().find(|t| &t.id == id).ok_or_else(|| {
                    let ids: Vec<&str> = doc.tables.iter().map(|t| t.id.as_str()).collect();
                    Text::new(
                        format!("no table {id}; the tables are {}", ids.join(", ")),
                        format!("没有表格 {id}；可用的表格：{}", ids.join("、")),
                    )
                })?;
                out(args, &document::csv::table_csv(t))
            }
            (None, Some(dir)) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    Text::new(
                        format!("cannot create {dir}: {e}"),
                        format!("无法创建 {dir}：{e}"),
                    )
                })?;
                for t in &doc.tables {
                    let path = std::path::Path::new(dir).join(format!("{}.csv", t.id));
                    write_file(
                        &path.to_string_lossy(),
                        document::csv::table_csv(t).as_bytes(),
                    )?;
                }
                Ok(())
            }
            (None, None) => Err(Text::new(
                "--format csv needs --table ID (to print one table) or -o DIR (to write them all)",
                "--format csv 需要 --table ID（输出一个表格）或 -o 目录（写出全部表格）",
            )),
        },
    }
}

#[cfg(feature = "native-io")]
fn xlsx(sheets: &[(String, Vec<Vec<String>>)]) -> Result<Vec<u8>, Text> {
    use gapscope_workbook::writer::SheetData;
    let data: Vec<SheetData> = sheets
        .iter()
        .map(|(name, rows)| SheetData { name, rows })
        .collect();
    Ok(gapscope_workbook::write_xlsx(&data))
}

#[cfg(not(feature = "native-io"))]
fn xlsx(_: &[(String, Vec<Vec<String>>)]) -> Result<Vec<u8>, Text> {
    Err(super::no_workbooks())
}
