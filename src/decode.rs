//! Turning file bytes into text. UTF-8 (with or without BOM) and UTF-16 with a BOM
//! are recognised; invalid UTF-8 is replaced and reported rather than rejected.

use crate::diag::{Diagnostic, Diagnostics, Severity, Text};

pub fn decode(bytes: &[u8], diags: &mut Diagnostics) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes, diags);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes, diags);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            diags.push(Diagnostic::new(
                "invalid_utf8",
                Severity::Warning,
                Text::new(
                    format!(
                        "The file is not valid UTF-8 (first bad byte at offset {}); unreadable characters are replaced with �. Files saved by Excel on Chinese Windows are often GBK: save as \"CSV UTF-8\" or paste the cells instead.",
                        e.valid_up_to()
                    ),
                    format!(
                        "文件不是有效的 UTF-8 编码（第一个错误字节位于偏移 {}）；无法识别的字符已替换为 �。中文 Windows 版 Excel 保存的文件通常为 GBK 编码：请另存为“CSV UTF-8”，或直接复制粘贴单元格。",
                        e.valid_up_to()
                    ),
                ),
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16, diags: &mut Diagnostics) -> String {
    let units = bytes.chunks_exact(2).map(|c| f([c[0], c[1]]));
    let mut bad = bytes.len() % 2; // a lone last byte
    let mut text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad += 1;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    if bad > 0 {
        diags.push(Diagnostic::new(
            "invalid_utf16",
            Severity::Warning,
            Text::new(
                format!(
                    "The UTF-16 file has {bad} unreadable code units; they are replaced with �."
                ),
                format!("该 UTF-16 文件有 {bad} 个无法识别的编码单元，已替换为 �。"),
            ),
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms() {
        let mut d = Diagnostics::default();
        assert_eq!(decode(b"\xEF\xBB\xBFa,b", &mut d), "a,b");
        assert_eq!(decode(b"\xFF\xFEa\x00,\x00b\x00", &mut d), "a,b");
        assert_eq!(decode(b"\xFE\xFF\x00a\x00,\x00b", &mut d), "a,b");
        assert!(d.messages.is_empty());
        assert_eq!(decode(b"a\xFFb", &mut d), "a\u{FFFD}b");
        assert_eq!(d.count("invalid_utf8"), 1);
        // An unpaired surrogate and a lone last byte.
        assert_eq!(
            decode(b"\xFF\xFEa\x00\x00\xD8b", &mut d),
            "a\u{FFFD}\u{FFFD}"
        );
        assert_eq!(d.count("invalid_utf16"), 1);
    }
}
