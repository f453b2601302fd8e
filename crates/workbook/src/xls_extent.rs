//! The area each XLS worksheet's cells span, read from its BIFF cell records
//! before calamine sees the file.
//!
//! While opening an XLS, calamine makes a dense grid of every sheet:
//! (last row − first row + 1) × (last column − first column + 1) cells. Two
//! forged cell positions — column 0 and column 65 535 — ask for billions of cells
//! and abort the process (found by fuzzing the `workbook` target). DIMENSIONS
//! records, which calamine also trusts, are checked in sanity.rs. The compound
//! file is read here the way calamine reads it (cfb.rs), so the stream checked is
//! the stream it will parse.

use crate::sanity::{too_large_area, u16_at, u32_at};
use crate::Error;

/// Sector ids at or above this end a chain.
const END: u32 = 0xFFFF_FFFA;
/// Streams shorter than this live in the mini stream (64-byte sectors).
const MINI_CUTOFF: usize = 4096;
const MINI_SECTOR: usize = 64;

/// Every worksheet of an XLS must span at most [`crate::MAX_CELLS`] cells.
/// Files this cannot follow are left to calamine, which reports them damaged.
pub fn check_xls_cells(b: &[u8]) -> Result<(), Error> {
    let Some(stream) = workbook_stream(b) else {
        return Ok(());
    };
    // BOUNDSHEET records of the globals substream give each sheet's offset.
    let sheets: Vec<usize> = records(&stream, 0)
        .take_while(|(typ, _)| *typ != 0x000A)
        .filter(|(typ, _)| *typ == 0x0085)
        .filter_map(|(_, data)| u32_at(data, 0).map(|p| p as usize))
        .collect();
    for start in sheets {
        if sheet_area(&stream, start) > crate::MAX_CELLS as u64 {
            return Err(too_large_area());
        }
    }
    Ok(())
}

/// BIFF records `(type, data)` from `from`, until the stream ends or a record
/// runs past it (where calamine stops too).
fn records(stream: &[u8], from: usize) -> impl Iterator<Item = (u32, &[u8])> {
    let mut pos = from;
    std::iter::from_fn(move || {
        let typ = u16_at(stream, pos)?;
        let len = u16_at(stream, pos + 2)? as usize;
        let data = stream.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        Some((typ, data))
    })
}

/// The cells one sheet's records span, as calamine will lay them out: cell
/// records of the sheet's own substream (embedded charts skipped), up to its EOF.
fn sheet_area(stream: &[u8], start: usize) -> u64 {
    let mut span: Option<(u32, u32, u32, u32)> = None; // first/last row, first/last column
    let mut cover = |row: u32, c0: u32, c1: u32| {
        let (r0, r1, k0, k1) = span.get_or_insert((row, row, c0, c1));
        *r0 = (*r0).min(row);
        *r1 = (*r1).max(row);
        *k0 = (*k0).min(c0);
        *k1 = (*k1).max(c1);
    };
    let mut seen_bof = false;
    let mut depth = 0usize;
    for (typ, data) in records(stream, start) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            // NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA: row, column.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2)) {
                    cover(r, c, c);
                }
            }
            // MULRK: row, first column, …, last column.
            0x00BD if data.len() >= 6 => {
                if let (Some(r), Some(c0), Some(c1)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    u16_at(data, data.len() - 2),
                ) {
                    cover(r, c0, c1.max(c0));
                }
            }
            _ => {}
        }
    }
    span.map_or(0, |(r0, r1, c0, c1)| {
        u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
    })
}

/// The "Workbook" (or "Book") stream of an OLE compound file, read as calamine
/// reads it; `None` where calamine would fail to read it.
fn workbook_stream(b: &[u8]) -> Option<Vec<u8>> {
    let size = match u16_at(b, 0x1E)? {
        9 => 512,
        12 => 4096,
        _ => return None,
    };
    // The header takes the first sector; sector `id` follows it.
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        b.get(start..start.checked_add(size)?.min(b.len()))
    };
    let fat = fat(b, size, &sector);
    let dirs = chain(&fat, u32_at(b, 0x30)?, usize::MAX, &sector);
    let entries: Vec<&[u8]> = dirs.chunks_exact(128).collect();
    let root = entries.first()?;
    let entry = ["Workbook", "Book"].iter().find_map(|want| {
        entries
            .iter()
            .find(|e| name_of(e).eq_ignore_ascii_case(want))
    })?;
    let start = u32_at(entry, 0x74)?;
    let len = if size == 512 {
        u32_at(entry, 0x78)? as usize
    } else {
        let lo = u32_at(entry, 0x78)? as u64;
        let hi = u32_at(entry, 0x7C)? as u64;
        usize::try_from(hi << 32 | lo).ok()?
    };
    if len >= MINI_CUTOFF {
        return Some(chain(&fat, start, len, &sector));
    }
    let mini_fat_len = u32_at(b, 0x40)? as usize;
    if mini_fat_len == 0 {
        return None;
    }
    let ministream = chain(
        &fat,
        u32_at(root, 0x74)?,
        u32_at(root, 0x78)? as usize,
        &sector,
    );
    let mini_fat_bytes = chain(
        &fat,
        u32_at(b, 0x3C)?,
        mini_fat_len.saturating_mul(size),
        &sector,
    );
    let mini_fat: Vec<u32> = (0..mini_fat_bytes.len() / 4)
        .filter_map(|i| u32_at(&mini_fat_bytes, 4 * i))
        .collect();
    let mini_sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_mul(MINI_SECTOR)?;
        ministream.get(start..start.checked_add(MINI_SECTOR)?.min(ministream.len()))
    };
    Some(chain(&mini_fat, start, len, &mini_sector))
}

/// The FAT: the sectors named by the header's 109 DIFAT entries and the DIFAT chain.
fn fat<'a>(b: &'a [u8], size: usize, sector: &impl Fn(u32) -> Option<&'a [u8]>) -> Vec<u32> {
    let words =
        |s: &[u8]| -> Vec<u32> { (0..s.len() / 4).filter_map(|i| u32_at(s, 4 * i)).collect() };
    let mut difat = words(b.get(76..512).unwrap_or_default());
    let mut next = u32_at(b, 0x44).unwrap_or(END);
    let mut hops = 0usize;
    while next < END && hops <= b.len() / size {
        hops += 1;
        let Some(s) = sector(next) else { break };
        let mut w = words(s);
        next = w.pop().unwrap_or(END);
        difat.extend(w);
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|&id| id < END) {
        if let Some(s) = sector(id) {
            fat.extend(words(s));
        }
        if fat.len() > (b.len() / size).saturating_mul(2) + 1024 {
            break; // more entries than the file has sectors: the rest cannot be reached
        }
    }
    fat
}

/// A sector chain's bytes, `len` at most; stops at a sector past the end of
/// the file or after as many hops as there are FAT entries (a loop).
fn chain<'a>(
    next: &[u32],
    mut id: u32,
    len: usize,
    sector: &impl Fn(u32) -> Option<&'a [u8]>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut hops = 0usize;
    while id < END && out.len() < len && hops <= next.len() {
        hops += 1;
        let Some(s) = sector(id) else { break };
        out.extend_from_slice(&s[..s.len().min(len - out.len())]);
        id = next.get(id as usize).copied().unwrap_or(END);
    }
    out
}

/// A directory entry's name: UTF-16LE up to the first NUL.
fn name_of(entry: &[u8]) -> String {
    let units: Vec<u16> = (0..32)
        .filter_map(|i| u16_at(entry, 2 * i).map(|u| u as u16))
        .take_while(|&u| u != 0)
        .collect();
    String::from_utf16_lossy(&units)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A BIFF record: type, length, data.
    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    fn cell(typ: u16, row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 6]);
        rec(typ, &d)
    }

    #[test]
    fn area_spans_first_to_last_cell_and_skips_charts() {
        let mut s = rec(0x0809, &[0; 16]);
        s.extend(cell(0x0203, 2, 1)); // NUMBER B3
        s.extend(cell(0x00FD, 9, 4)); // LABELSST E10
                                      // An embedded chart's records do not count.
        s.extend(rec(0x0809, &[0; 16]));
        s.extend(cell(0x0203, 60_000, 200));
        s.extend(rec(0x000A, &[]));
        // MULRK: row 5, columns 0..=6.
        let mut mulrk = 5u16.to_le_bytes().to_vec();
        mulrk.extend(0u16.to_le_bytes());
        mulrk.extend([0u8; 6 * 7]);
        mulrk.extend(6u16.to_le_bytes());
        s.extend(rec(0x00BD, &mulrk));
        s.extend(rec(0x000A, &[]));
        s.extend(cell(0x0203, 65_000, 65_000)); // after the sheet's EOF
                                                // Rows 2..=9, columns 0..=6.
        assert_eq!(sheet_area(&s, 0), 8 * 7);
    }

    #[test]
    fn forged_columns_are_a_huge_area() {
        let mut s = rec(0x0809, &[0; 16]);
        s.extend(cell(0x027E, 0, 0));
        s.extend(cell(0x027E, 65_534, 64_255));
        s.extend(rec(0x000A, &[]));
        assert!(sheet_area(&s, 0) > crate::MAX_CELLS as u64);
        // A record that runs past the end stops the walk, as in calamine.
        assert_eq!(sheet_area(&s[..s.len() - 8], 0), 1);
    }

    #[test]
    fn not_a_compound_file() {
        assert!(workbook_stream(b"not an OLE file").is_none());
        assert!(check_xls_cells(&[]).is_ok());
    }
}
