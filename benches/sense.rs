//! Sense decoding and ASC/ASCQ text beside hand-written baselines.
//!
//! `baseline` is what a careful driver writes by hand for the same answer (key, ASC, ASCQ,
//! information, with the same length checks); `scsi-cdb` is the crate's view. The peers
//! (libsgutils2) are measured in the same way in `oracles/benches/peers.rs`.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use scsi_cdb::AdditionalSense;
use scsi_cdb::sense::Sense;

const FIXED: [u8; 18] = [0xF0, 0, 0x03, 0, 0x12, 0x34, 0x56, 0x0A, 0, 0, 0, 0, 0x11, 0x00, 0, 0x80, 0, 0x07];
/// Descriptor format with information, command-specific and sense-key specific descriptors.
const DESC: [u8; 40] = [
    0x72, 0x03, 0x11, 0x00, 0, 0, 0, 32, // header
    0x00, 0x0A, 0x80, 0, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78, // information
    0x01, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x09, // command specific
    0x02, 0x06, 0, 0, 0x80, 0x00, 0x07, 0, // sense key specific
];

type Fields = (u8, u8, u8, Option<u64>);

fn baseline_fixed(b: &[u8]) -> Option<Fields> {
    let b0 = *b.first()?;
    if !matches!(b0 & 0x7F, 0x70 | 0x71) || b.len() < 14 {
        return None;
    }
    let len = b.len().min(8 + usize::from(b[7]));
    let info = (b0 & 0x80 != 0).then(|| u64::from(u32::from_be_bytes([b[3], b[4], b[5], b[6]])));
    Some((b[2] & 0x0F, if len > 12 { b[12] } else { 0 }, if len > 13 { b[13] } else { 0 }, info))
}

fn baseline_desc(b: &[u8]) -> Option<Fields> {
    if !matches!(*b.first()? & 0x7F, 0x72 | 0x73) || b.len() < 8 {
        return None;
    }
    let end = b.len().min(8 + usize::from(b[7]));
    let mut i = 8;
    let mut info = None;
    while i + 2 <= end {
        let l = 2 + usize::from(b[i + 1]);
        if i + l > end {
            break;
        }
        if b[i] == 0 && l >= 12 && b[i + 2] & 0x80 != 0 {
            info = Some(u64::from_be_bytes(b[i + 4..i + 12].try_into().ok()?));
            break;
        }
        i += l;
    }
    Some((b[1] & 0x0F, b[2], b[3], info))
}

fn ours(b: &[u8]) -> Option<Fields> {
    let s = Sense::parse(b).ok()?;
    Some((s.sense_key()? as u8, s.asc().unwrap_or(0), s.ascq().unwrap_or(0), s.information()))
}

fn decode(c: &mut Criterion) {
    let mut g = c.benchmark_group("sense_fixed_18");
    g.bench_function("baseline", |b| b.iter(|| baseline_fixed(black_box(&FIXED))));
    g.bench_function("scsi-cdb", |b| b.iter(|| ours(black_box(&FIXED))));
    g.finish();
    let mut g = c.benchmark_group("sense_descriptor_3");
    g.bench_function("baseline", |b| b.iter(|| baseline_desc(black_box(&DESC))));
    g.bench_function("scsi-cdb", |b| b.iter(|| ours(black_box(&DESC))));
    g.finish();
}

/// Codes that real logs show most, rotating so no single branch is predicted.
const CODES: [(u8, u8); 8] =
    [(0x24, 0), (0x20, 0), (0x11, 0), (0x29, 0), (0x04, 1), (0x3A, 0), (0x40, 0x99), (0x7F, 0x7F)];

/// The hand-written baseline: a linear scan of the same 766-entry list, as Linux and sg3_utils do.
fn baseline_lookup(asc: u8, ascq: u8) -> Option<&'static str> {
    AdditionalSense::all().find(|(a, _)| a.asc == asc && a.ascq == ascq).map(|(_, t)| t)
}

fn lookup(c: &mut Criterion) {
    let mut g = c.benchmark_group("asc_ascq_text");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for (a, q) in CODES {
                black_box(baseline_lookup(black_box(a), black_box(q)));
            }
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for (a, q) in CODES {
                black_box(AdditionalSense::new(black_box(a), black_box(q)).description());
            }
        })
    });
    g.finish();

    let mut s = String::with_capacity(256);
    let mut g = c.benchmark_group("sense_format");
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            s.clear();
            let v = Sense::parse(black_box(&FIXED)).unwrap();
            write!(s, "{v}").unwrap();
            black_box(s.len())
        })
    });
    g.finish();
}

criterion_group!(benches, decode, lookup);
criterion_main!(benches);
