//! The parts of an XLSX or ODS, read before calamine opens the file, with the
//! zip reader calamine itself uses (the `zip` crate, at the version calamine
//! depends on, so one copy is compiled), so that the archive checked is the
//! archive calamine extracts. A guard with its own central-directory parser
//! was bypassed by one dummy local entry put in front of an XLSX: the zip crate
//! finds the real directory behind such a prefix, the guard did not, and a
//! 3.1 MB file unpacked to 3 GB (issue 8, item 10).
//!
//! Two checks, both before calamine sees the bytes:
//!
//! 1. The sizes the central directory declares, summed over every entry, must
//!    stay within [`Limits::unpacked`] — a refusal at no cost.
//! 2. Every entry is then inflated once, through [`Bounded`], a reader that
//!    counts the bytes actually inflated and fails past what is left of the
//!    same limit. Declared sizes can lie; the count cannot. (zip 9 also stops an
//!    entry at its declared size, so calamine cannot inflate more than was
//!    declared; the count does not rely on that.) The same stream feeds the XML
//!    scans that bound what calamine will lay out (cells, text, records:
//!    xlsx_scan.rs, ods_extent.rs), so each part is inflated once here and
//!    once by calamine.
//!
//! Why pre-read rather than re-pack: calamine opens the zip itself, from any
//! `Read + Seek`, and reads its parts by name as it goes; it takes no
//! size-limited reader and no inflated part. Re-packing the parts into an
//! in-memory zip of stored entries would bound what calamine inflates, but it
//! would hold every inflated part at once (a 10-million-cell sheet is about
//! 350 MB of XML) where the pre-read streams each part through a 64 KiB buffer,
//! and the XML scans need the inflated text anyway. Every entry is read, not
//! only the parts calamine is expected to use: calamine finds its parts
//! through the package's relationships, which a file can point anywhere.

use crate::limits::{unpacks_too_large, Limits};
use crate::read::Format;
use crate::xlsx_scan::{walk_slow, Records, SharedStrings, SheetFacts};
use crate::Error;
use std::io::{self, BufReader, Cursor, Read};
use zip::read::ZipFile;
use zip::ZipArchive;

/// A reader that counts what passes through it and fails once more than
/// `limit` bytes have.
pub(crate) struct Bounded<R> {
    inner: R,
    read: u64,
    limit: u64,
    exceeded: bool,
}

impl<R: Read> Bounded<R> {
    pub fn new(inner: R, limit: u64) -> Self {
        Bounded {
            inner,
            read: 0,
            limit,
            exceeded: false,
        }
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read >= self.limit {
            // One byte more tells a part of exactly `limit` bytes from a larger one.
            let mut probe = [0u8; 1];
            let n = self.inner.read(&mut probe)?;
            if n > 0 {
                self.exceeded = true;
                return Err(io::Error::other("inflated past the limit"));
            }
            return Ok(0);
        }
        let room = (self.limit - self.read).min(buf.len() as u64) as usize;
        let n = self.inner.read(&mut buf[..room])?;
        self.read += n as u64;
        Ok(n)
    }
}

/// An XML reader over one inflated part, configured as calamine configures
/// its own (so both see the same events).
pub(crate) type Xml<'b, R> = quick_xml::Reader<&'b mut BufReader<Bounded<R>>>;

pub(crate) fn xml_reader<R: Read>(src: &mut BufReader<Bounded<R>>) -> Xml<'_, R> {
    let mut r = quick_xml::Reader::from_reader(src);
    let config = r.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    r
}

/// Read what is left of a part, so that its inflated size is counted.
fn drain<R: Read>(src: &mut BufReader<Bounded<R>>) {
    let _ = io::copy(src, &mut io::sink());
}

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

std::thread_local! {
    /// The last workbook that passed [`check`] with the default limits, by
    /// length and hash: the page and the CLI list the sheets and then read one,
    /// opening the same bytes twice, and the check is most of the cost of a
    /// large sheet.
    static PASSED: std::cell::Cell<Option<(usize, u64)>> = const { std::cell::Cell::new(None) };
    static KEYS: std::hash::RandomState = std::hash::RandomState::new();
}

fn fingerprint(bytes: &[u8]) -> (usize, u64) {
    use std::hash::{BuildHasher, Hasher};
    let mut h = KEYS.with(|k| k.build_hasher());
    h.write(bytes);
    (bytes.len(), h.finish())
}

/// Check an XLSX or ODS with the default limits (once for the same bytes).
pub(crate) fn check_default(bytes: &[u8], format: Format) -> Result<(), Error> {
    let key = fingerprint(bytes);
    if PASSED.with(|p| p.get()) == Some(key) {
        return Ok(());
    }
    check(bytes, format, &Limits::DEFAULT)?;
    PASSED.with(|p| p.set(Some(key)));
    Ok(())
}

/// Check an XLSX or ODS: declared sizes, then every part inflated and scanned.
pub(crate) fn check(bytes: &[u8], format: Format, limits: &Limits) -> Result<(), Error> {
    let Ok(mut zip) = ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine reports the unreadable zip
    };
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_data(i) {
            declared = declared.saturating_add(entry.size());
        }
    }
    if declared > limits.unpacked {
        return Err(unpacks_too_large(limits.unpacked));
    }
    match format {
        Format::Ods => check_ods(&mut zip, limits)?,
        _ => check_xlsx(&mut zip, limits)?,
    }
    Ok(())
}

/// A scan of one part: given its name, its inflated bytes, and whether this
/// is the second, slow attempt; `Ok(false)` asks for that second attempt.
type Scan<'s> = dyn for<'z> FnMut(&str, &mut Source<'z, '_>, bool) -> Result<bool, Error> + 's;

/// One inflated part, counted (no `dyn Read`: a trait object would compile
/// every `Read` method of the zip reader into the module).
pub(crate) type Source<'z, 'b> = BufReader<Bounded<ZipFile<'z, Cursor<&'b [u8]>>>>;

/// Inflate every entry in `order`, handing each to `scan` with its name; the
/// bytes inflated, scanned or not, count against the limit.
fn each_part(
    zip: &mut Archive,
    order: &[usize],
    limits: &Limits,
    scan: &mut Scan,
) -> Result<(), Error> {
    let mut left = limits.unpacked;
    for &i in order {
        let mut slow = false;
        loop {
            let Ok(file) = zip.by_index(i) else {
                break; // encrypted or unsupported: calamine cannot read it either
            };
            let name = file.name().map(|n| n.into_owned()).unwrap_or_default();
            let mut src = BufReader::with_capacity(64 * 1024, Bounded::new(file, left));
            let scanned = scan(&name, &mut src, slow);
            drain(&mut src);
            let bounded = src.get_ref();
            if bounded.exceeded {
                return Err(unpacks_too_large(limits.unpacked));
            }
            if !scanned? && !slow {
                slow = true;
                continue;
            }
            left -= bounded.read;
            break;
        }
    }
    Ok(())
}

fn check_xlsx(zip: &mut Archive, limits: &Limits) -> Result<(), Error> {
    xlsx_parts(zip, limits, &mut |_| {})
}

/// Every part of an XLSX walked, the facts of each handed to `each`.
fn xlsx_parts(
    zip: &mut Archive,
    limits: &Limits,
    each: &mut dyn FnMut(SheetFacts),
) -> Result<(), Error> {
    // The shared-string table first: the sheet scans need its string lengths.
    // calamine reads "{dir}sharedStrings.xml", matched without case.
    let is_sst = |zip: &Archive, i: usize| {
        zip.name_for_index(i)
            .and_then(|n| n.ok())
            .is_some_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
    };
    let sst: Vec<usize> = (0..zip.len()).filter(|&i| is_sst(zip, i)).collect();
    let mut strings = SharedStrings::default();
    each_part(zip, &sst, limits, &mut |_, src, _| {
        strings.merge(crate::xlsx_scan::scan_shared_strings(src, limits)?);
        Ok(true)
    })?;
    let all: Vec<usize> = (0..zip.len()).collect();
    let mut records = Records::default();
    each_part(zip, &all, limits, &mut |_, src, slow| {
        let facts = if slow {
            Some(walk_slow(src, &strings, Some(&mut records), limits)?)
        } else {
            crate::xlsx_scan::scan_part(src, &strings, &mut records, limits)?
        };
        match facts {
            Some(f) => {
                each(f);
                Ok(true)
            }
            None => Ok(false),
        }
    })
}

/// The sheets of an XLSX with cells whose shared-string index is beyond the
/// table, found again once calamine has reported such a cell, to name it.
/// Each part is walked (not only the one calamine took for the sheet: the
/// reader cannot tell which that was); the caller picks the sheet by its count
/// of such cells.
pub(crate) fn sheets_missing_strings(bytes: &[u8]) -> Vec<SheetFacts> {
    let mut out = Vec::new();
    if let Ok(mut zip) = ZipArchive::new(Cursor::new(bytes)) {
        let _ = xlsx_parts(&mut zip, &Limits::DEFAULT, &mut |f| {
            if f.bad_count > 0 {
                out.push(f);
            }
        });
    }
    out
}

fn check_ods(zip: &mut Archive, limits: &Limits) -> Result<(), Error> {
    let all: Vec<usize> = (0..zip.len()).collect();
    each_part(zip, &all, limits, &mut |name, src, _| {
        // calamine reads the sheets from "content.xml" (by name; raw bytes
        // first, then the decoded name): every entry so named is walked.
        if name == "content.xml" {
            crate::ods_extent::check_content(src, limits)?;
        }
        Ok(true)
    })
}
