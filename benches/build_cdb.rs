//! CDB encode and decode beside hand-written `to_be_bytes` baselines.
//!
//! Each group has `baseline` (the obvious hand-written code: the same range checks the builder
//! makes, then `to_be_bytes` into the output array) and `scsi-cdb` (the typed builder: validate,
//! then encode). Both write into the same caller-owned output slots; inputs go through
//! `black_box` so nothing is folded.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use scsi_cdb::{
    BestFit, ProtectionTags, Read10, Read16, Read32, ReadAny, RwFlags, RwParams, SynchronizeCache16, Write16,
};

const INPUTS: [(u64, u32); 4] = [(0x1000, 8), (0x1_2345_6789, 256), (0xFFFF_FFFF, 0xFFFF), (7, 1)];

fn baseline_rw10(op: u8, lba: u64, blocks: u32, b1: u8) -> Option<[u8; 10]> {
    if lba > u64::from(u32::MAX) || blocks > 0xFFFF {
        return None;
    }
    let l = (lba as u32).to_be_bytes();
    let n = (blocks as u16).to_be_bytes();
    Some([op, b1, l[0], l[1], l[2], l[3], 0, n[0], n[1], 0])
}

fn baseline_rw16(op: u8, lba: u64, blocks: u32, b1: u8) -> [u8; 16] {
    let l = lba.to_be_bytes();
    let n = blocks.to_be_bytes();
    [op, b1, l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], n[0], n[1], n[2], n[3], 0, 0]
}

fn baseline_read32(lba: u64, blocks: u32, t: ProtectionTags) -> [u8; 32] {
    let mut c = [0u8; 32];
    c[0] = 0x7F;
    c[7] = 0x18;
    c[9] = 0x09;
    c[12..20].copy_from_slice(&lba.to_be_bytes());
    c[20..24].copy_from_slice(&t.expected_initial_logical_block_reference_tag.to_be_bytes());
    c[24..26].copy_from_slice(&t.expected_logical_block_application_tag.to_be_bytes());
    c[26..28].copy_from_slice(&t.logical_block_application_tag_mask.to_be_bytes());
    c[28..32].copy_from_slice(&blocks.to_be_bytes());
    c
}

/// The sd driver's choice written by hand: READ(10) when it fits, else READ(16).
fn baseline_best_fit(out: &mut [u8; 32], lba: u64, blocks: u32, b1: u8) -> usize {
    match baseline_rw10(0x28, lba, blocks, b1) {
        Some(c) => {
            out[..10].copy_from_slice(&c);
            10
        }
        None => {
            out[..16].copy_from_slice(&baseline_rw16(0x88, lba, blocks, b1));
            16
        }
    }
}

fn encode(c: &mut Criterion) {
    let mut out10 = [[0u8; 10]; 4];
    let mut out16 = [[0u8; 16]; 4];
    let mut out32 = [[0u8; 32]; 4];
    let in10 = INPUTS.map(|(l, n)| (l & 0xFFFF_FFFF, n & 0xFFFF));

    let mut g = c.benchmark_group("encode_read10");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for ((l, n), o) in black_box(in10).into_iter().zip(&mut out10) {
                if let Some(c) = baseline_rw10(0x28, l, n, 0x08) {
                    *o = c;
                }
            }
            black_box(&out10);
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for ((l, n), o) in black_box(in10).into_iter().zip(&mut out10) {
                if let Ok(r) = Read10::try_new(l, n) {
                    *o = Read10 { fua: true, ..r }.to_bytes();
                }
            }
            black_box(&out10);
        })
    });
    g.finish();

    let mut g = c.benchmark_group("encode_read16");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for ((l, n), o) in black_box(INPUTS).into_iter().zip(&mut out16) {
                *o = baseline_rw16(0x88, l, n, 0x08);
            }
            black_box(&out16);
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for ((l, n), o) in black_box(INPUTS).into_iter().zip(&mut out16) {
                *o = Read16 { fua: true, ..Read16::new(l, n) }.to_bytes();
            }
            black_box(&out16);
        })
    });
    g.finish();

    let mut g = c.benchmark_group("encode_write16");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for ((l, n), o) in black_box(INPUTS).into_iter().zip(&mut out16) {
                *o = baseline_rw16(0x8A, l, n, 0x10);
            }
            black_box(&out16);
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for ((l, n), o) in black_box(INPUTS).into_iter().zip(&mut out16) {
                *o = Write16 { dpo: true, ..Write16::new(l, n) }.to_bytes();
            }
            black_box(&out16);
        })
    });
    g.finish();

    let t = ProtectionTags {
        expected_initial_logical_block_reference_tag: 0x1000,
        expected_logical_block_application_tag: 0xBEEF,
        logical_block_application_tag_mask: 0xFFFF,
    };
    let mut g = c.benchmark_group("encode_read32");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for ((l, n), o) in black_box(INPUTS).into_iter().zip(&mut out32) {
                *o = baseline_read32(l, n, black_box(t));
            }
            black_box(&out32);
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for ((l, n), o) in black_box(INPUTS).into_iter().zip(&mut out32) {
                *o = Read32 { protection_tags: black_box(t), ..Read32::new(l, n) }.to_bytes();
            }
            black_box(&out32);
        })
    });
    g.finish();

    let mut g = c.benchmark_group("encode_sync_cache16");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for ((l, n), o) in black_box(INPUTS).into_iter().zip(&mut out16) {
                *o = baseline_rw16(0x91, l, n, 0x02);
            }
            black_box(&out16);
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for ((l, n), o) in black_box(INPUTS).into_iter().zip(&mut out16) {
                *o = SynchronizeCache16 { immed: true, ..SynchronizeCache16::new(l, n) }.to_bytes();
            }
            black_box(&out16);
        })
    });
    g.finish();

    let mut lens = [0usize; 4];
    let mut g = c.benchmark_group("encode_best_fit");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for (((l, n), o), len) in black_box(INPUTS).into_iter().zip(&mut out32).zip(&mut lens) {
                *len = baseline_best_fit(o, l, n, 0x08);
            }
            black_box((&out32, &lens));
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for (((l, n), o), len) in black_box(INPUTS).into_iter().zip(&mut out32).zip(&mut lens) {
                let p = RwParams { lba: l, transfer_length: n, flags: RwFlags::FUA, ..RwParams::default() };
                *len = ReadAny::encode_best_fit(&p, BestFit::default(), o).unwrap_or(0);
            }
            black_box((&out32, &lens));
        })
    });
    g.finish();
}

fn baseline_decode_read16(c: &[u8]) -> Option<(u64, u32, u8)> {
    let c: &[u8; 16] = c.first_chunk()?;
    if c[0] != 0x88 || c[14] & 0xC0 != 0 && c[1] & 1 == 0 {
        return None;
    }
    let lba = u64::from_be_bytes(c[2..10].try_into().ok()?);
    let n = u32::from_be_bytes(c[10..14].try_into().ok()?);
    Some((lba, n, c[1]))
}

fn decode(c: &mut Criterion) {
    let cdbs: Vec<[u8; 16]> =
        INPUTS.iter().map(|&(l, n)| Read16 { fua: true, ..Read16::new(l, n) }.to_bytes()).collect();
    let mut out = [(0u64, 0u32); 4];
    let mut g = c.benchmark_group("decode_read16");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for (c, o) in black_box(&cdbs).iter().zip(&mut out) {
                if let Some((l, n, _)) = baseline_decode_read16(c) {
                    *o = (l, n);
                }
            }
            black_box(&out);
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for (c, o) in black_box(&cdbs).iter().zip(&mut out) {
                if let Ok(r) = Read16::decode(c) {
                    *o = (r.lba, r.transfer_length);
                }
            }
            black_box(&out);
        })
    });
    g.finish();
}

/// WRITE SAME (16) with UNMAP: the obvious hand-written bytes.
fn baseline_write_same16(lba: u64, blocks: u32, unmap: bool) -> [u8; 16] {
    let l = lba.to_be_bytes();
    let n = blocks.to_be_bytes();
    let b1 = if unmap { 0x08 } else { 0 };
    [0x93, b1, l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], n[0], n[1], n[2], n[3], 0, 0]
}

/// WRITE SAME (16) decode by hand: opcode, reserved bits of byte 1 and 14, the fields.
fn baseline_decode_write_same16(c: &[u8]) -> Option<(u64, u32, bool)> {
    let c: &[u8; 16] = c.first_chunk()?;
    if c[0] != 0x93 || c[1] & 0x06 != 0 || c[14] & 0xC0 != 0 || c[15] & 0x38 != 0 {
        return None;
    }
    let lba = u64::from_be_bytes(c[2..10].try_into().ok()?);
    let n = u32::from_be_bytes(c[10..14].try_into().ok()?);
    Some((lba, n, c[1] & 0x08 != 0))
}

/// The table-described commands (`cdb_command!`) against hand-written code.
fn table(c: &mut Criterion) {
    use scsi_cdb::cdb::sbc::WriteSame16;
    let mut out16 = [[0u8; 16]; 4];
    let mut g = c.benchmark_group("encode_write_same16");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for ((l, n), o) in black_box(INPUTS).into_iter().zip(&mut out16) {
                *o = baseline_write_same16(l, n, true);
            }
            black_box(&out16);
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for ((l, n), o) in black_box(INPUTS).into_iter().zip(&mut out16) {
                *o = WriteSame16 {
                    lba: l,
                    number_of_logical_blocks: n,
                    unmap: true,
                    ..WriteSame16::default()
                }
                .to_bytes();
            }
            black_box(&out16);
        })
    });
    g.finish();

    let cdbs: Vec<[u8; 16]> = INPUTS
        .iter()
        .map(|&(l, n)| {
            WriteSame16 { lba: l, number_of_logical_blocks: n, unmap: true, ..WriteSame16::default() }
                .to_bytes()
        })
        .collect();
    let mut out = [(0u64, 0u32); 4];
    let mut g = c.benchmark_group("decode_write_same16");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for (c, o) in black_box(&cdbs).iter().zip(&mut out) {
                if let Some((l, n, _)) = baseline_decode_write_same16(c) {
                    *o = (l, n);
                }
            }
            black_box(&out);
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for (c, o) in black_box(&cdbs).iter().zip(&mut out) {
                if let Ok(w) = WriteSame16::decode(c) {
                    *o = (w.lba, w.number_of_logical_blocks);
                }
            }
            black_box(&out);
        })
    });
    g.finish();
}

/// `Command::parse` (the target's entry point: length from the group code, dispatch on opcode
/// and service action, typed decode) against the direct typed decode of the same CDBs, for
/// table commands early and late in the dispatch order.
fn dispatch(c: &mut Criterion) {
    use scsi_cdb::Command;
    use scsi_cdb::cdb::spc::ModeSense10;
    use scsi_cdb::cdb::zbc::ZoneQuery;
    let ms = ModeSense10 { allocation_length: 512, ..ModeSense10::default() }.to_bytes();
    let zq = ZoneQuery { zone_id: 0x8_0000, allocation_length: 64, ..ZoneQuery::default() }.to_bytes();
    // Both members keep the whole decoded value (`black_box` of the `Result`): checking only
    // `is_ok()` lets the compiler drop the field extraction from an inlined typed decoder, which
    // measures what the optimizer deletes rather than a decode.
    let mut g = c.benchmark_group("decode_dispatch_table");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            let _ = black_box(ModeSense10::decode(black_box(&ms)));
            let _ = black_box(ZoneQuery::decode(black_box(&zq)));
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            let _ = black_box(Command::parse(black_box(&ms)));
            let _ = black_box(Command::parse(black_box(&zq)));
        })
    });
    g.finish();
}

criterion_group!(benches, encode, decode, table, dispatch);
criterion_main!(benches);
