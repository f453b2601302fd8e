//! Turning file bytes into text.
//!
//! [`detect_encoding`] recognises UTF-8 (with or without BOM), UTF-16 LE/BE
//! (with a BOM, or without one by the pattern of NUL bytes — Excel's "Unicode
//! text" export is BOM-less-looking UTF-16LE TSV after some tools strip the
//! BOM), GB18030/GBK (Excel's CSV on Chinese Windows) and, as the fallback for
//! other 8-bit text, Windows-1252. It needs no tables, so it is cheap in wasm.
//!
//! UTF-8 and UTF-16 are decoded here. Legacy encodings need code tables, which
//! stay out of the browser module: the caller passes a [`LegacyDecoder`] —
//! encoding_rs natively (feature `native-io`), the browser's TextDecoder in wasm.
//! Invalid bytes are replaced with U+FFFD and reported with their byte offset
//! (`invalid_utf8`, `invalid_utf16`, `invalid_gb18030`).

use crate::common::diag::{Diagnostic, Diagnostics, Severity, Text};
use serde::{Deserialize, Serialize};

/// What [`detect_encoding`] concluded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EncodingGuess {
    /// WHATWG label, usable with `new TextDecoder(label)`: `utf-8`, `utf-16le`,
    /// `utf-16be`, `gb18030`, `windows-1252`.
    pub encoding: String,
    /// 0–1: 1 for a byte-order mark, lower for statistical guesses.
    pub confidence: f64,
    /// The file starts with a byte-order mark.
    pub bom: bool,
    /// Byte offset of the first byte that is not valid in `encoding`, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_invalid: Option<usize>,
    /// Part of the file is valid UTF-8 and a later part is GB18030: the lines
    /// are decoded one by one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mixed: bool,
}

impl EncodingGuess {
    fn new(encoding: &str, confidence: f64, bom: bool) -> Self {
        EncodingGuess {
            encoding: encoding.to_string(),
            confidence,
            bom,
            first_invalid: None,
            mixed: false,
        }
    }
}

/// Decodes a legacy encoding (by WHATWG label); `None` if it cannot.
pub type LegacyDecoder<'a> = &'a dyn Fn(&str, &[u8]) -> Option<String>;

/// A decoder that knows no legacy encoding (wasm without a TextDecoder).
pub fn no_legacy(_: &str, _: &[u8]) -> Option<String> {
    None
}

/// encoding_rs, natively: every WHATWG encoding.
#[cfg(all(feature = "native-io", not(target_arch = "wasm32")))]
pub fn native_legacy(label: &str, bytes: &[u8]) -> Option<String> {
    let enc = encoding_rs::Encoding::for_label(label.as_bytes())?;
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Some(text.into_owned())
}

/// The legacy decoder of this build: encoding_rs natively, none otherwise.
pub fn default_legacy() -> LegacyDecoder<'static> {
    #[cfg(all(feature = "native-io", not(target_arch = "wasm32")))]
    {
        &native_legacy
    }
    #[cfg(not(all(feature = "native-io", not(target_arch = "wasm32"))))]
    {
        &no_legacy
    }
}

/// How many bytes are looked at for NUL patterns.
const SNIFF: usize = 64 * 1024;

/// The share of odd (LE) or even (BE) bytes that must be NUL for BOM-less UTF-16.
fn utf16_by_nuls(bytes: &[u8]) -> Option<(&'static str, f64)> {
    let head = &bytes[..bytes.len().min(SNIFF) & !1];
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let (e, o) = (even as f64 / pairs as f64, odd as f64 / pairs as f64);
    if o > 0.3 && e < 0.05 {
        Some(("utf-16le", (0.5 + o / 2.0).min(0.99)))
    } else if e > 0.3 && o < 0.05 {
        Some(("utf-16be", (0.5 + e / 2.0).min(0.99)))
    } else {
        None
    }
}

/// GB18030 byte structure (no tables): the offset of the first invalid byte, and
/// the number of two-byte sequences in the GB2312 hanzi/punctuation block
/// (lead and trail 0xA1–0xFE), which Western 8-bit text rarely produces.
fn gb18030_scan(bytes: &[u8]) -> (Option<usize>, usize) {
    let mut i = 0;
    let mut gb2312 = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if b <= 0x80 {
            i += 1;
            continue;
        }
        if b == 0xFF {
            return (Some(i), gb2312);
        }
        let Some(&t) = bytes.get(i + 1) else {
            return (Some(i), gb2312);
        };
        match t {
            0x40..=0x7E | 0x80..=0xFE => {
                if (0xA1..=0xFE).contains(&b) && (0xA1..=0xFE).contains(&t) {
                    gb2312 += 1;
                }
                i += 2;
            }
            0x30..=0x39 => {
                let ok = matches!(bytes.get(i + 2), Some(0x81..=0xFE))
                    && matches!(bytes.get(i + 3), Some(0x30..=0x39));
                if !ok {
                    return (Some(i), gb2312);
                }
                i += 4;
            }
            _ => return (Some(i), gb2312),
        }
    }
    (None, gb2312)
}

/// Valid multi-byte UTF-8 characters and invalid sequences in `bytes`.
fn utf8_stats(bytes: &[u8]) -> (usize, usize) {
    let (mut multi, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (multi, invalid)
}

/// Detect the encoding of file bytes. See the module documentation.
pub fn detect_encoding(bytes: &[u8]) -> EncodingGuess {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        let mut g = EncodingGuess::new("utf-8", 1.0, true);
        g.first_invalid = std::str::from_utf8(&bytes[3..])
            .err()
            .map(|e| e.valid_up_to() + 3);
        return g;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return EncodingGuess::new("utf-16le", 1.0, true);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return EncodingGuess::new("utf-16be", 1.0, true);
    }
    if let Some((enc, conf)) = utf16_by_nuls(bytes) {
        return EncodingGuess::new(enc, conf, false);
    }
    let err = match std::str::from_utf8(bytes) {
        Ok(s) => {
            // Pure ASCII reads the same in every candidate; say so by confidence.
            let conf = if s.is_ascii() { 0.9 } else { 1.0 };
            return EncodingGuess::new("utf-8", conf, false);
        }
        Err(e) => e,
    };
    let valid = err.valid_up_to();
    let multibyte_before = bytes[..valid].iter().filter(|&&b| b >= 0xC0).count();
    let tail = &bytes[valid..];
    let (gb_invalid, gb_pairs) = gb18030_scan(tail);
    let (tail_multi, tail_invalid) = utf8_stats(tail);
    if multibyte_before > 0
        && gb_invalid.is_none()
        && gb_pairs >= 2
        && tail_invalid * 2 >= tail_multi
    {
        // Valid UTF-8 with non-ASCII text, then a part that reads as GB18030.
        let mut g = EncodingGuess::new("utf-8", 0.6, false);
        g.first_invalid = Some(valid);
        g.mixed = true;
        return g;
    }
    let (multi, invalid) = utf8_stats(bytes);
    if multi > 0 && invalid * 2 <= multi {
        // UTF-8 with a few damaged bytes.
        let mut g = EncodingGuess::new("utf-8", 0.7, false);
        g.first_invalid = Some(valid);
        return g;
    }
    let (gb_invalid, gb_pairs) = gb18030_scan(bytes);
    let high = bytes.iter().filter(|&&b| b >= 0x80).count().max(1);
    match gb_invalid {
        None if gb_pairs * 2 * 10 >= high * 6 => {
            let share = (gb_pairs * 2) as f64 / high as f64;
            EncodingGuess::new("gb18030", (0.6 + 0.35 * share).min(0.95), false)
        }
        _ => {
            let mut g = EncodingGuess::new("windows-1252", 0.4, false);
            g.first_invalid = None; // every byte means something in windows-1252
            g
        }
    }
}

/// Decode with this build's legacy decoder (see [`decode_with`]).
pub fn decode(bytes: &[u8], diags: &mut Diagnostics) -> String {
    decode_with(bytes, None, default_legacy(), diags).0
}

fn encoding_names(label: &str) -> (&str, &str) {
    match label {
        "gb18030" | "gbk" | "gb2312" => ("GB18030/GBK", "GB18030/GBK"),
        "utf-16le" => ("UTF-16 LE", "UTF-16 LE"),
        "utf-16be" => ("UTF-16 BE", "UTF-16 BE"),
        "windows-1252" => ("Windows-1252 (Western)", "Windows-1252（西欧）"),
        other => (other, other),
    }
}

/// The encodings a user can ask for: the WHATWG Encoding Standard's names
/// (what both the browser's TextDecoder and encoding_rs decode) and the
/// aliases people type. Anything else is refused as unknown rather than
/// passed on (and echoed back as if it were an encoding's name).
const KNOWN_ENCODINGS: [&str; 40] = [
    "utf-8",
    "utf8",
    "utf-16",
    "utf16",
    "unicode",
    "utf-16le",
    "utf-16be",
    "gb18030",
    "gbk",
    "gb2312",
    "cp936",
    "big5",
    "big5-hkscs",
    "shift_jis",
    "shift-jis",
    "sjis",
    "cp932",
    "euc-jp",
    "iso-2022-jp",
    "euc-kr",
    "cp949",
    "windows-1250",
    "windows-1251",
    "windows-1252",
    "windows-1253",
    "windows-1254",
    "windows-1255",
    "windows-1256",
    "windows-1257",
    "windows-1258",
    "windows-874",
    "iso-8859-1",
    "latin1",
    "iso-8859-2",
    "iso-8859-5",
    "iso-8859-7",
    "iso-8859-15",
    "koi8-r",
    "koi8-u",
    "macintosh",
];

/// Whether `label` names an encoding that can be asked for (see [`KNOWN_ENCODINGS`]).
pub fn is_known_encoding(label: &str) -> bool {
    let l = label.trim().to_ascii_lowercase();
    KNOWN_ENCODINGS.contains(&l.as_str())
}

/// The error for an encoding option that is no known encoding.
pub fn unknown_encoding(label: &str) -> Diagnostic {
    let shown = crate::common::format::quoted(label.trim(), 24);
    Diagnostic::new(
        "encoding_unknown",
        Severity::Error,
        Text::new(
            format!("The encoding option \"{shown}\" is not an encoding Gapscope knows. Use utf-8, utf-16le, utf-16be, gb18030 (also for GBK/GB2312), big5, shift_jis, euc-kr, windows-1252, or leave it empty to detect the encoding."),
            format!("编码选项“{shown}”不是 Gapscope 支持的编码。请使用 utf-8、utf-16le、utf-16be、gb18030（也用于 GBK/GB2312）、big5、shift_jis、euc-kr、windows-1252，或留空以自动识别。"),
        ),
    )
}

/// Decode bytes, detecting the encoding unless `requested` names one (a WHATWG
/// label such as `gb18030`, `utf-16le`, `big5`). Returns the text and what was
/// used; problems become diagnostics.
pub fn decode_with(
    bytes: &[u8],
    requested: Option<&str>,
    legacy: LegacyDecoder,
    diags: &mut Diagnostics,
) -> (String, EncodingGuess) {
    if let Some(label) = requested.filter(|l| !l.trim().is_empty() && !is_known_encoding(l)) {
        diags.push(unknown_encoding(label));
        return (String::new(), EncodingGuess::new("utf-8", 0.0, false));
    }
    let mut guess = match requested.map(|r| r.trim().to_ascii_lowercase()) {
        Some(label) if !label.is_empty() => {
            let label = match label.as_str() {
                "utf8" => "utf-8".to_string(),
                "utf-16" | "utf16" | "unicode" => "utf-16le".to_string(),
                "gbk" | "gb2312" | "cp936" => "gb18030".to_string(),
                "shift-jis" | "sjis" | "cp932" => "shift_jis".to_string(),
                "cp949" => "euc-kr".to_string(),
                "latin1" | "iso-8859-1" => "windows-1252".to_string(),
                _ => label,
            };
            let mut g = EncodingGuess::new(&label, 1.0, false);
            g.bom = match label.as_str() {
                "utf-8" => bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
                "utf-16le" => bytes.starts_with(&[0xFF, 0xFE]),
                "utf-16be" => bytes.starts_with(&[0xFE, 0xFF]),
                _ => false,
            };
            g
        }
        _ => detect_encoding(bytes),
    };
    let text = match guess.encoding.as_str() {
        "utf-8" => {
            let body = if guess.bom { &bytes[3..] } else { bytes };
            if guess.mixed {
                mixed(bytes, legacy, &guess, diags)
            } else {
                utf8_lossy(body, if guess.bom { 3 } else { 0 }, diags)
            }
        }
        "utf-16le" | "utf-16be" => {
            let body = if guess.bom { &bytes[2..] } else { bytes };
            let le = guess.encoding == "utf-16le";
            utf16(body, le, if guess.bom { 2 } else { 0 }, diags)
        }
        label => match legacy(label, bytes) {
            Some(text) => {
                if label == "gb18030" {
                    if let (Some(at), _) = gb18030_scan(bytes) {
                        guess.first_invalid = Some(at);
                        invalid_bytes(Invalid::Gb18030, at, 1, diags);
                    }
                }
                if requested.is_none() {
                    let (en, zh) = encoding_names(label);
                    diags.push(Diagnostic::new(
                        "encoding_detected",
                        Severity::Info,
                        Text::new(
                            format!("The file was read as {en} (detected, confidence {:.0}%). If characters look wrong, choose the encoding.", guess.confidence * 100.0),
                            format!("文件按 {zh} 编码读取（自动识别，置信度 {:.0}%）。如字符显示异常，请手动选择编码。", guess.confidence * 100.0),
                        ),
                    ));
                }
                text
            }
            None => {
                let (en, zh) = encoding_names(label);
                diags.push(Diagnostic::new(
                    "encoding_unsupported",
                    Severity::Error,
                    Text::new(
                        format!("The file appears to be encoded in {en}, which this build cannot decode. Save it as UTF-8 (Excel: CSV UTF-8), or decode it before analysing."),
                        format!("文件似乎是 {zh} 编码，当前版本无法解码。请另存为 UTF-8（Excel：CSV UTF-8），或先转换编码再分析。"),
                    ),
                ));
                String::new()
            }
        },
    };
    (text, guess)
}

/// The encoding whose rules some bytes broke.
#[derive(Clone, Copy)]
enum Invalid {
    Utf8,
    Utf16,
    Gb18030,
}

/// One warning for undecodable bytes: the first one's offset, and for UTF-16
/// how many code units were replaced.
fn invalid_bytes(kind: Invalid, offset: usize, count: usize, diags: &mut Diagnostics) {
    let (code, name) = match kind {
        Invalid::Utf8 => ("invalid_utf8", "UTF-8"),
        Invalid::Utf16 => ("invalid_utf16", "UTF-16"),
        Invalid::Gb18030 => ("invalid_gb18030", "GB18030"),
    };
    let (mut en, mut zh) = match kind {
        Invalid::Utf16 => (
            format!("The file is not valid {name}: {count} unreadable code units (the first at byte offset {offset}) are replaced with �."),
            format!("文件不是有效的 {name} 编码：{count} 个无法识别的编码单元（第一个位于字节偏移 {offset}）已替换为 �。"),
        ),
        _ => (
            format!("The file is not valid {name} (first bad byte at offset {offset}); unreadable characters are replaced with �."),
            format!("文件不是有效的 {name} 编码（第一个错误字节位于偏移 {offset}）；无法识别的字符已替换为 �。"),
        ),
    };
    if let Invalid::Utf8 = kind {
        en.push_str(" Files saved by Excel on Chinese Windows are often GBK: choose GB18030 as the encoding, save as \"CSV UTF-8\", or paste the cells instead.");
        zh.push_str("中文 Windows 版 Excel 保存的文件通常为 GBK 编码：请将编码选为 GB18030，或另存为“CSV UTF-8”，或直接复制粘贴单元格。");
    }
    diags.push(Diagnostic::new(code, Severity::Warning, Text::new(en, zh)));
}

fn utf8_lossy(body: &[u8], base: usize, diags: &mut Diagnostics) -> String {
    match std::str::from_utf8(body) {
        Ok(s) => s.to_string(),
        Err(e) => {
            invalid_bytes(Invalid::Utf8, base + e.valid_up_to(), 1, diags);
            String::from_utf8_lossy(body).into_owned()
        }
    }
}

/// Line by line: valid UTF-8 lines as they are, the others through the legacy
/// decoder as GB18030 (files concatenated from two exports).
fn mixed(
    bytes: &[u8],
    legacy: LegacyDecoder,
    guess: &EncodingGuess,
    diags: &mut Diagnostics,
) -> String {
    let at = guess.first_invalid.unwrap_or(0);
    let mut out = String::with_capacity(bytes.len());
    let mut legacy_lines = 0usize;
    let mut failed = false;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(s) => out.push_str(s),
            Err(_) => match legacy("gb18030", line) {
                Some(s) => {
                    legacy_lines += 1;
                    out.push_str(&s);
                }
                None => {
                    failed = true;
                    out.push_str(&String::from_utf8_lossy(line));
                }
            },
        }
    }
    if failed {
        invalid_bytes(Invalid::Utf8, at, 1, diags);
    } else {
        diags.push(Diagnostic::new(
            "mixed_encoding",
            Severity::Warning,
            Text::new(
                format!("The file mixes encodings: UTF-8 up to byte offset {at}, then GB18030/GBK. {} decoded as GB18030; check that the characters look right.", crate::common::format::count(legacy_lines, "line was", "lines were")),
                format!("文件混用了多种编码：字节偏移 {at} 之前为 UTF-8，之后为 GB18030/GBK。已按 GB18030 解码 {legacy_lines} 行，请检查其字符是否正确。"),
            ),
        ));
    }
    out
}

fn utf16(body: &[u8], le: bool, base: usize, diags: &mut Diagnostics) -> String {
    let unit = |c: &[u8]| {
        let pair = [c[0], c[1]];
        if le {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    };
    let mut out = String::with_capacity(body.len() / 2);
    let mut first_bad: Option<usize> = None;
    let mut bad = 0usize;
    let mut pos = 0usize;
    for r in char::decode_utf16(body.chunks_exact(2).map(unit)) {
        match r {
            Ok(c) => {
                out.push(c);
                pos += c.len_utf16() * 2;
            }
            Err(_) => {
                first_bad.get_or_insert(base + pos);
                bad += 1;
                out.push(char::REPLACEMENT_CHARACTER);
                pos += 2;
            }
        }
    }
    if body.len() % 2 == 1 {
        // A lone last byte is an unreadable unit too.
        first_bad.get_or_insert(base + body.len() - 1);
        bad += 1;
        out.push(char::REPLACEMENT_CHARACTER);
    }
    if let Some(at) = first_bad {
        invalid_bytes(Invalid::Utf16, at, bad, diags);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
    }

    #[test]
    fn decodes_boms() {
        let mut d = Diagnostics::default();
        assert_eq!(decode(b"\xEF\xBB\xBFa,b", &mut d), "a,b");
        assert_eq!(decode(b"\xFF\xFEa\x00,\x00b\x00", &mut d), "a,b");
        assert_eq!(decode(b"\xFE\xFF\x00a\x00,\x00b", &mut d), "a,b");
        assert!(d.messages.is_empty());
        // An unpaired surrogate and a lone last byte: two units, one warning.
        assert_eq!(
            decode(b"\xFF\xFEa\x00\x00\xD8b", &mut d),
            "a\u{FFFD}\u{FFFD}"
        );
        assert_eq!(d.count("invalid_utf16"), 1);
        assert!(d.messages[0].message.en.contains("2 unreadable code units"));
    }

    #[test]
    fn bomless_utf16_by_nul_pattern() {
        let bytes = utf16le("题号\tE1\tP1\r\n1\t5\t4\r\n");
        let g = detect_encoding(&bytes);
        assert_eq!(g.encoding, "utf-16le");
        assert!(!g.bom);
        let mut d = Diagnostics::default();
        let (text, _) = decode_with(&bytes, None, &no_legacy, &mut d);
        assert_eq!(text, "题号\tE1\tP1\r\n1\t5\t4\r\n");
        let be: Vec<u8> = "a,b\n1,2\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(detect_encoding(&be).encoding, "utf-16be");
    }

    #[test]
    fn invalid_utf8_reports_byte_offset() {
        let mut d = Diagnostics::default();
        let mut bytes = "期望,感知\n5,4\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"4,\xFF3\n");
        let text = decode(&bytes, &mut d);
        assert_eq!(text, "期望,感知\n5,4\n4,\u{FFFD}3\n");
        assert_eq!(d.count("invalid_utf8"), 1);
        assert!(
            d.messages[0].message.en.contains("offset 20"),
            "{:?}",
            d.messages
        );
        // A lone high byte in otherwise ASCII text is Windows-1252.
        assert_eq!(detect_encoding(b"a\xFFb").encoding, "windows-1252");
    }

    #[test]
    fn gbk_is_detected_structurally() {
        // "期望,感知\n" in GBK: 期 C6DA 望 CDFB 感 B8D0 知 D6AA
        let gbk = b"\xC6\xDA\xCD\xFB,\xB8\xD0\xD6\xAA\n5,4\n";
        let g = detect_encoding(gbk);
        assert_eq!(g.encoding, "gb18030");
        assert!(g.confidence > 0.8);
        // Western text: "café,naïve" in Windows-1252.
        let w = detect_encoding(b"caf\xE9,na\xEFve\n");
        assert_eq!(w.encoding, "windows-1252");
        let mut d = Diagnostics::default();
        let (_, g) = decode_with(gbk, None, &no_legacy, &mut d);
        assert_eq!(g.encoding, "gb18030");
        assert_eq!(d.count("encoding_unsupported"), 1);
    }

    #[test]
    fn mixed_utf8_then_gbk_is_flagged() {
        let mut bytes = "期望,感知\n".as_bytes().to_vec();
        let at = bytes.len();
        bytes.extend_from_slice(b"\xC6\xDA\xCD\xFB,\xB8\xD0\xD6\xAA\n");
        let g = detect_encoding(&bytes);
        assert_eq!(g.encoding, "utf-8");
        assert!(g.mixed);
        assert_eq!(g.first_invalid, Some(at));
    }

    #[test]
    fn override_is_used() {
        let mut d = Diagnostics::default();
        let bytes = utf16le("a,b\n");
        let (text, g) = decode_with(&bytes, Some("UTF-16"), &no_legacy, &mut d);
        assert_eq!(text, "a,b\n");
        assert_eq!(g.encoding, "utf-16le");
    }

    #[cfg(all(feature = "native-io", not(target_arch = "wasm32")))]
    #[test]
    fn gbk_decodes_natively() {
        // Python: "期望,感知\n5,4\n".encode("gbk")
        let gbk = b"\xC6\xDA\xCD\xFB,\xB8\xD0\xD6\xAA\n5,4\n";
        let mut d = Diagnostics::default();
        assert_eq!(decode(gbk, &mut d), "期望,感知\n5,4\n");
        assert_eq!(d.count("encoding_detected"), 1);
        // Python: "期望".encode("big5") == b"\xb4\xc1\xb1\xe6"
        let (text, _) = decode_with(b"\xB4\xC1\xB1\xE6", Some("big5"), default_legacy(), &mut d);
        assert_eq!(text, "期望");
    }
}
