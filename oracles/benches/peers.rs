//! The crate beside its peers, in one criterion run: CDB encode against libiscsi, sense
//! decoding, ASC/ASCQ text and formatted sense against libsgutils2 (sg3_utils).
//!
//! Group members: `baseline` (hand-written), `scsi-cdb`, and the peer by its library name.
//! Without the C libraries (no `cfg(oracles)`) only the `scsi-cdb` members run.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use scsi_cdb::sense::Sense;
use scsi_cdb::{AdditionalSense, Inquiry, Read16};

const FIXED: [u8; 18] =
    [0xF0, 0, 0x03, 0, 0x12, 0x34, 0x56, 0x0A, 0, 0, 0, 0, 0x11, 0x00, 0x5A, 0x80, 0, 0x07];
const DESC: [u8; 40] = [
    0x72, 0x03, 0x11, 0x00, 0, 0, 0, 32, 0x00, 0x0A, 0x80, 0, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78, 0x01, 0x0A,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0x09, 0x02, 0x06, 0, 0, 0x80, 0x00, 0x07, 0,
];
const CODES: [(u8, u8); 8] =
    [(0x24, 0), (0x20, 0), (0x11, 0), (0x29, 0), (0x04, 1), (0x3A, 0), (0x40, 0x99), (0x7F, 0x7F)];

/// Eight commands per iteration in every member, so the per-call cost dominates the loop.
const LBAS: [u64; 8] = [0, 1 << 40, 0x1234, 7, 0xFFFF_FFFF, 1 << 33, 99, 1 << 20];

fn cdb(c: &mut Criterion) {
    let mut out = [[0u8; 16]; 8];
    let mut g = c.benchmark_group("peer_encode_read16");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for (l, o) in black_box(LBAS).into_iter().zip(&mut out) {
                let l = l.to_be_bytes();
                *o = [0x88, 0, l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], 0, 0, 0, 8, 0, 0];
            }
            black_box(&out);
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for (l, o) in black_box(LBAS).into_iter().zip(&mut out) {
                {
                    let r = Read16::new(l, 8);
                    *o = r.to_bytes();
                }
            }
            black_box(&out);
        })
    });
    #[cfg(oracles)]
    g.bench_function("libiscsi", |b| {
        b.iter(|| {
            for l in black_box(LBAS) {
                black_box(scsi_cdb_oracles::iscsi::bench_read16(l, 4096));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("peer_encode_write_same16");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for (l, o) in black_box(LBAS).into_iter().zip(&mut out) {
                let l = l.to_be_bytes();
                *o = [0x93, 0x08, l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], 0, 0, 0, 8, 0, 0];
            }
            black_box(&out);
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for (l, o) in black_box(LBAS).into_iter().zip(&mut out) {
                *o = scsi_cdb::cdb::sbc::WriteSame16 {
                    lba: l,
                    number_of_logical_blocks: 8,
                    unmap: true,
                    ..Default::default()
                }
                .to_bytes();
            }
            black_box(&out);
        })
    });
    #[cfg(oracles)]
    g.bench_function("libiscsi", |b| {
        b.iter(|| {
            for l in black_box(LBAS) {
                black_box(scsi_cdb_oracles::iscsi::bench_writesame16(l, 8));
            }
        })
    });
    g.finish();

    let mut out6 = [[0u8; 6]; 8];
    let lens: [u16; 8] = [36, 96, 255, 4096, 0x4000, 8, 1, 512];
    let mut g = c.benchmark_group("peer_encode_inquiry");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            for (n, o) in black_box(lens).into_iter().zip(&mut out6) {
                let l = n.to_be_bytes();
                *o = [0x12, 0, 0, l[0], l[1], 0];
            }
            black_box(&out6);
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            for (n, o) in black_box(lens).into_iter().zip(&mut out6) {
                *o = Inquiry::standard(n).to_bytes();
            }
            black_box(&out6);
        })
    });
    #[cfg(oracles)]
    g.bench_function("libiscsi", |b| {
        b.iter(|| {
            for n in black_box(lens) {
                black_box(scsi_cdb_oracles::iscsi::bench_inquiry(i32::from(n)));
            }
        })
    });
    g.finish();
}

fn sense(c: &mut Criterion) {
    // Eight normalizations per iteration (one would measure mostly the harness), each reading
    // the same 40-byte descriptor sense from a local buffer and leaving its result in the
    // caller's memory, as `sg_scsi_normalize_sense` does with its `sg_scsi_sense_hdr`.
    let mut g = c.benchmark_group("peer_sense_normalize_x8");
    let desc = DESC;
    // Hand-written: the four bytes of a descriptor header, no other format handled.
    g.bench_function("baseline", |b| {
        let mut out = None;
        b.iter(|| {
            for _ in 0..8 {
                let d: &[u8] = black_box(&desc);
                out = match d.first_chunk::<4>() {
                    Some(&[r, k, a, q]) if r & 0x7E == 0x72 => Some((r & 0x7F, k & 0x0F, a, q)),
                    _ => None,
                };
                black_box(&out);
            }
        })
    });
    // `Sense::codes`: the one-pass read made for this job (every format, bounds-checked).
    g.bench_function("scsi-cdb", |b| {
        let mut out = None;
        b.iter(|| {
            for _ in 0..8 {
                out = Sense::codes(black_box(&desc));
                black_box(&out);
            }
        })
    });
    // The same four fields through the general view (format, then each accessor).
    g.bench_function("scsi-cdb/view", |b| {
        let mut out = None;
        b.iter(|| {
            for _ in 0..8 {
                let s = Sense::parse(black_box(&desc)).unwrap();
                out = Some((s.response_code(), s.sense_key(), s.asc(), s.ascq()));
                black_box(&out);
            }
        })
    });
    #[cfg(oracles)]
    {
        let mut padded = [0u8; 512];
        padded[..DESC.len()].copy_from_slice(&DESC);
        g.bench_function("sg3_utils", |b| {
            let mut h = scsi_cdb_oracles::sg::SenseHdr::default();
            b.iter(|| {
                for _ in 0..8 {
                    black_box(scsi_cdb_oracles::sg::normalize_sense_raw(
                        black_box(&padded),
                        DESC.len(),
                        &mut h,
                    ));
                    black_box(&h);
                }
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("peer_asc_ascq_text");
    let mut text = [0u8; 256];
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            // Write the text into a buffer, as sg_get_asc_ascq_str does.
            for (a, q) in CODES {
                black_box(AdditionalSense::new(black_box(a), black_box(q)).text_into(&mut text).len());
            }
        })
    });
    #[cfg(oracles)]
    g.bench_function("sg3_utils", |b| {
        let mut buf = [0 as std::ffi::c_char; 256];
        b.iter(|| {
            for (a, q) in CODES {
                scsi_cdb_oracles::sg::asc_ascq_str_into(black_box(a), black_box(q), &mut buf);
                black_box(buf[0]);
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("peer_sense_format");
    let mut out = String::with_capacity(1024);
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            out.clear();
            write!(out, "{}", Sense::parse(black_box(&FIXED)).unwrap()).unwrap();
            black_box(out.len())
        })
    });
    #[cfg(oracles)]
    {
        let mut padded = [0u8; 512];
        padded[..FIXED.len()].copy_from_slice(&FIXED);
        let mut buf = vec![0 as std::ffi::c_char; 1024];
        g.bench_function("sg3_utils", |b| {
            b.iter(|| {
                black_box(scsi_cdb_oracles::sg::sense_str_into(black_box(&padded), FIXED.len(), &mut buf))
            })
        });
    }
    g.finish();
}

/// Standard INQUIRY parse plus vendor, product and revision strings.
fn inquiry(c: &mut Criterion) {
    let mut inq = [0u8; 96];
    inq[..8].copy_from_slice(&[0x00, 0x00, 0x06, 0x12, 0x5B, 0x00, 0x10, 0x02]);
    inq[8..16].copy_from_slice(b"ACME    ");
    inq[16..32].copy_from_slice(b"SuperDisk 3000  ");
    inq[32..36].copy_from_slice(b"1.0a");
    let mut g = c.benchmark_group("peer_inquiry_parse");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            let d = black_box(&inq);
            let trim = |s: &[u8]| s.len() - s.iter().rev().take_while(|c| **c == b' ').count();
            black_box((d[0] & 0x1F, trim(&d[8..16]), trim(&d[16..32]), trim(&d[32..36])))
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            let i = scsi_cdb::data::StandardInquiry::parse(black_box(&inq)).unwrap();
            black_box((i.device_type(), i.vendor(), i.product(), i.revision()))
        })
    });
    #[cfg(oracles)]
    g.bench_function("libiscsi", |b| {
        b.iter(|| black_box(scsi_cdb_oracles::iscsi::bench_inquiry_unmarshall(black_box(&inq))))
    });
    g.finish();
}

criterion_group!(benches, cdb, sense, inquiry);
criterion_main!(benches);
