//! Loading any bytes as saved counts: an error or counts, never a panic,
//! and whatever loads saves back to bytes that load to the same counts.
//!
//! Random bytes rarely pass the section checksums, which would leave the
//! section parsers unexplored, so each input is also loaded with its
//! checksums repaired: seeded with real files (`fuzz/seed.sh`), mutations
//! then reach every field behind them.
#![no_main]

use corpuscle::counts::format::{decode, encode};
use libfuzzer_sys::fuzz_target;

/// Magic and version, then sections of tag, u64 length, payload, CRC-32.
const FIRST_SECTION: usize = 20;

fn with_checksums_repaired(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut at = FIRST_SECTION;
    while at + 12 <= out.len() {
        let length = u64::from_le_bytes(out[at + 4..at + 12].try_into().unwrap());
        let end = usize::try_from(length)
            .ok()
            .and_then(|l| (at + 12).checked_add(l));
        let Some(end) = end.filter(|&end| end <= out.len().saturating_sub(4)) else {
            break;
        };
        let crc = crc32fast::hash(&out[at + 12..end]);
        out[end..end + 4].copy_from_slice(&crc.to_le_bytes());
        at = end + 4;
    }
    out
}

fn load(bytes: &[u8]) {
    if let Ok(counts) = decode(bytes) {
        let again = decode(&encode(&counts)).expect("saved counts load");
        assert!(again == counts);
    }
}

fuzz_target!(|bytes: &[u8]| {
    load(bytes);
    load(&with_checksums_repaired(bytes));
});
