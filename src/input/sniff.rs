//! What kind of file the bytes are, before trying to read them as text: a
//! workbook, another binary format, or text. A binary file renamed .csv must
//! produce one clear message, not a table of mojibake.

/// The kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Empty,
    Text,
    /// `xlsx`, `xls`, `ods`, or `encrypted` (a password-protected Office file).
    Workbook(&'static str),
    /// Not text: a named format (`pdf`, `docx`, `zip` …) or `binary` with the
    /// offset of the first NUL or control byte.
    Binary(&'static str, Option<usize>),
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// "EncryptedPackage" in UTF-16LE, the stream an encrypted OOXML file keeps in its OLE container.
fn encrypted_package() -> Vec<u8> {
    "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect()
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.is_empty() {
        return Sniffed::Empty;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let head = &bytes[..bytes.len().min(256)];
        if contains(head, b"application/vnd.oasis.opendocument.spreadsheet") {
            return Sniffed::Workbook("ods");
        }
        if contains(bytes, b"xl/workbook.bin") {
            return Sniffed::Binary("xlsb", None);
        }
        if contains(bytes, b"xl/") {
            return Sniffed::Workbook("xlsx");
        }
        if contains(bytes, b"word/") {
            return Sniffed::Binary("docx", None);
        }
        if contains(bytes, b"ppt/") {
            return Sniffed::Binary("pptx", None);
        }
        if contains(head, b"application/vnd.oasis.opendocument") {
            return Sniffed::Binary("odf", None);
        }
        return Sniffed::Binary("zip", None);
    }
    if bytes.starts_with(&OLE) {
        if contains(bytes, &encrypted_package()) {
            return Sniffed::Workbook("encrypted");
        }
        return Sniffed::Workbook("xls");
    }
    const MAGIC: [(&[u8], &str); 9] = [
        (b"%PDF", "pdf"),
        (b"\x89PNG", "png"),
        (b"\xFF\xD8\xFF", "jpeg"),
        (b"GIF8", "gif"),
        (b"\x1F\x8B", "gzip"),
        (b"7z\xBC\xAF", "7z"),
        (b"Rar!", "rar"),
        (b"\x7FELF", "executable"),
        (b"MZ", "executable"),
    ];
    for (m, what) in MAGIC {
        if bytes.starts_with(m) {
            return Sniffed::Binary(what, None);
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    let utf16 = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || crate::input::decode::detect_encoding(head)
            .encoding
            .starts_with("utf-16");
    if utf16 {
        return Sniffed::Text;
    }
    // Text has no NUL and almost no C0 controls besides tab, CR, LF, FF and ESC.
    let control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B);
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Sniffed::Binary("binary", Some(at));
    }
    let n = head.iter().filter(|&&b| control(b)).count();
    if n * 20 > head.len() {
        return Sniffed::Binary("binary", head.iter().position(|&b| control(b)));
    }
    Sniffed::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(sniff(b""), Sniffed::Empty);
        assert_eq!(sniff(b"a,b\n1,2\n"), Sniffed::Text);
        assert_eq!(
            sniff(b"PK\x03\x04....xl/workbook.xml"),
            Sniffed::Workbook("xlsx")
        );
        assert_eq!(
            sniff(
                b"PK\x03\x04\x14\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK"
            ),
            Sniffed::Workbook("ods")
        );
        assert_eq!(sniff(&OLE), Sniffed::Workbook("xls"));
        assert_eq!(sniff(b"%PDF-1.7"), Sniffed::Binary("pdf", None));
        assert_eq!(
            sniff(b"a,b\n\x00\x01\x02\x00\x00\x00\x13\x00\x07\x00\x00\x00"),
            Sniffed::Binary("binary", Some(4))
        );
        let utf16: Vec<u8> = "a,b\n1,2\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(sniff(&utf16), Sniffed::Text);
    }
}
