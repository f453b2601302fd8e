//! Checks run before calamine sees the bytes of an XLS, for the ways fuzzing
//! made it exhaust memory on a tiny file: a loop in an OLE compound file's
//! sector chain, which calamine follows forever, and a forged DIMENSIONS
//! record. Forged cell positions in XLS sheets are checked in xls_extent.rs;
//! XLSX and ODS (zip bombs, repeated cells, shared strings) in zip_parts.rs.

use crate::Error;

pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?]) as u32)
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

fn damaged(what: &str) -> Error {
    Error::new(
        "workbook_corrupt",
        format!("The workbook could not be read: its structure is damaged ({what}). Open and re-save it in Excel or WPS, or save the sheet as CSV (UTF-8)."),
        format!("无法读取该工作簿：文件结构已损坏（{what}）。请在 Excel 或 WPS 中打开并重新保存，或将工作表另存为 CSV（UTF-8）。"),
    )
}

/// True when following `next` from any sector can come back to a sector
/// already on the path (ids ≥ `next.len()` end a chain).
fn has_cycle(next: &[u32]) -> bool {
    // 0 = unseen, 1 = on the current path, 2 = known to end.
    let mut state = vec![0u8; next.len()];
    for start in 0..next.len() {
        if state[start] != 0 {
            continue;
        }
        let mut path = Vec::new();
        let mut cur = start;
        loop {
            match state[cur] {
                1 => return true,
                2 => break,
                _ => {}
            }
            state[cur] = 1;
            path.push(cur);
            let n = next[cur] as usize;
            if n >= next.len() {
                break;
            }
            cur = n;
        }
        for p in path {
            state[p] = 2;
        }
    }
    false
}

/// An OLE compound file's FAT and mini FAT must be free of loops.
pub fn check_ole(b: &[u8]) -> Result<(), Error> {
    let shift = u16_at(b, 0x1E).ok_or_else(|| damaged("header"))?;
    if shift != 9 && shift != 12 {
        return Err(damaged("sector size"));
    }
    let size = 1usize << shift;
    let sectors = b.len().saturating_sub(512) / size + 1;
    let sector = |id: u32| -> Option<&[u8]> {
        let start = 512usize.checked_add((id as usize).checked_mul(size)?)?;
        b.get(start..start.checked_add(size)?.min(b.len()))
    };
    // FAT sector ids: 109 in the header, then the DIFAT chain (bounded).
    let mut fat_ids: Vec<u32> = (0..109).filter_map(|i| u32_at(b, 0x4C + 4 * i)).collect();
    let mut difat = u32_at(b, 0x44).unwrap_or(0xFFFF_FFFE);
    let mut hops = 0usize;
    while difat < 0xFFFF_FFFA {
        hops += 1;
        if hops > sectors {
            return Err(damaged("DIFAT loop"));
        }
        let Some(s) = sector(difat) else { break };
        let n = s.len() / 4;
        fat_ids.extend((0..n.saturating_sub(1)).filter_map(|i| u32_at(s, 4 * i)));
        difat = u32_at(s, 4 * n.saturating_sub(1)).unwrap_or(0xFFFF_FFFE);
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in fat_ids.into_iter().filter(|&id| id < 0xFFFF_FFFA) {
        if let Some(s) = sector(id) {
            fat.extend((0..s.len() / 4).filter_map(|i| u32_at(s, 4 * i)));
        }
        if fat.len() > sectors.saturating_mul(2) + 1024 {
            break; // more entries than the file has sectors: the rest cannot be reached
        }
    }
    if has_cycle(&fat) {
        return Err(damaged("a sector chain loops"));
    }
    // The mini FAT is itself a chain of sectors; its entries link mini sectors.
    let mut mini: Vec<u32> = Vec::new();
    let mut id = u32_at(b, 0x3C).unwrap_or(0xFFFF_FFFE);
    let mut hops = 0usize;
    while id < 0xFFFF_FFFA && (id as usize) < fat.len() {
        hops += 1;
        if hops > sectors {
            return Err(damaged("a sector chain loops"));
        }
        if let Some(s) = sector(id) {
            mini.extend((0..s.len() / 4).filter_map(|i| u32_at(s, 4 * i)));
        }
        id = fat[id as usize];
    }
    if has_cycle(&mini) {
        return Err(damaged("a mini-sector chain loops"));
    }
    Ok(())
}

/// A sheet whose declared or spanned area calamine would lay out as a grid too
/// large to hold.
pub(crate) fn too_large_area() -> Error {
    Error::new(
        "sheet_too_large",
        "A sheet of the workbook declares a used area far larger than any survey; it is not read. Open and re-save the workbook, or save the sheet as CSV.",
        "工作簿中某个工作表声明的使用区域远超问卷数据所需，未予读取。请重新保存工作簿，或将工作表另存为 CSV。",
    )
}

/// XLS DIMENSIONS records (type 0x0200) whose row × column area calamine would
/// reserve up front: a forged one asks for terabytes and aborts the process.
/// The records are found by their 4-byte header in the raw file (BIFF records
/// sit contiguously inside the sectors of the Workbook stream).
pub fn check_xls_dimensions(b: &[u8]) -> Result<(), Error> {
    for len in [14u8, 16, 10] {
        let header = [0x00, 0x02, len, 0x00];
        let mut from = 0;
        while let Some(pos) = b
            .get(from..)
            .and_then(|rest| rest.windows(4).position(|w| w == header))
        {
            let at = from + pos + 4;
            from = from + pos + 1;
            let (rf, rl, cf, cl) = if len == 10 {
                (
                    u16_at(b, at),
                    u16_at(b, at + 2),
                    u16_at(b, at + 4),
                    u16_at(b, at + 6),
                )
            } else {
                (
                    u32_at(b, at),
                    u32_at(b, at + 4),
                    u16_at(b, at + 8),
                    u16_at(b, at + 10),
                )
            };
            let (Some(rf), Some(rl), Some(cf), Some(cl)) = (rf, rl, cf, cl) else {
                continue;
            };
            if rl == 0 || cl == 0 {
                continue;
            }
            let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
            // calamine computes (rl − 1) − rf + 1 in u32: rf ≥ rl wraps around.
            let rows = if rf >= rl { u64::MAX } else { (rl - rf) as u64 };
            let cols = (cl - cf) as u64;
            if rows.saturating_mul(cols) > crate::MAX_CELLS as u64 {
                return Err(too_large_area());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles() {
        assert!(!has_cycle(&[1, 2, 0xFFFF_FFFE]));
        assert!(has_cycle(&[1, 2, 0]));
        assert!(has_cycle(&[0]));
        assert!(!has_cycle(&[]));
    }
}
