//! The engine's hash maps and sets, with a small multiply–rotate hasher (as
//! FxHash) instead of SipHash. SipHash's rounds are inlined at every map use,
//! which cost the wasm module several KB; its DoS protection buys nothing here in
//! the browser, where std has no entropy and keys it with constants anyway.
//! Natively the maps keep std's randomly keyed SipHash (the CLI may read files
//! made to collide).

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

#[cfg(target_arch = "wasm32")]
pub type Hashing = std::hash::BuildHasherDefault<Fx>;
#[cfg(not(target_arch = "wasm32"))]
pub type Hashing = std::collections::hash_map::RandomState;

pub type Map<K, V> = std::collections::HashMap<K, V, Hashing>;
pub type Set<K> = std::collections::HashSet<K, Hashing>;

/// An empty map.
pub fn map<K, V>() -> Map<K, V> {
    Map::with_hasher(Hashing::default())
}

/// Each key's first position (a header → column map: a repeated header
/// names its first column).
pub fn first_index<'a>(keys: impl Iterator<Item = &'a str>) -> Map<&'a str, usize> {
    let mut index = map();
    for (i, k) in keys.enumerate() {
        index.entry(k).or_insert(i);
    }
    index
}

/// Multiply–rotate hashing of 8-byte words (FxHash's step).
#[derive(Clone, Copy, Default)]
pub struct Fx(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl Fx {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
    }
}

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, BuildHasherDefault};

    #[test]
    fn fx_tells_keys_apart() {
        let b = BuildHasherDefault::<Fx>::default();
        let h: Vec<u64> = ["", "a", "b", "ab", "ba", "E1", "E10", "P1"]
            .iter()
            .map(|s| b.hash_one(s))
            .collect();
        for (i, x) in h.iter().enumerate() {
            assert!(!h[i + 1..].contains(x), "collision at {i}");
        }
        let mut m: std::collections::HashMap<u64, usize, BuildHasherDefault<Fx>> =
            Default::default();
        for i in 0..10_000u64 {
            m.insert(i, i as usize);
        }
        assert_eq!(m.get(&4321), Some(&4321));
    }
}
