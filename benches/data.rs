//! Response-data views beside hand-written baselines: the VPD 83h designator walk and READ
//! CAPACITY (16). (Standard INQUIRY with its three strings is in `oracles/benches/peers.rs`, beside
//! its baseline and libiscsi.)
//!
//! Each group has `baseline` (the obvious direct code: fixed offsets, a bounds-checked walk) and
//! `scsi-cdb` (the view). Inputs go through `black_box`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use scsi_cdb::data::{ReadCapacity16Data, vpd};

/// A VPD 83h page like a SAS disk's: NAA (LU), NAA (target port), relative target port,
/// target port group, NAA (target device), SCSI name string.
fn page83() -> Vec<u8> {
    let mut d: Vec<(u8, u8, Vec<u8>)> = vec![
        (0x01, 0x03, vec![0x50, 0x00, 0xC5, 0x00, 0x12, 0x34, 0x56, 0x78]),
        (0x61, 0x93, vec![0x50, 0x00, 0xC5, 0x00, 0x12, 0x34, 0x56, 0x79]),
        (0x61, 0x94, vec![0, 0, 0, 1]),
        (0x01, 0x15, vec![0, 0, 0, 1]),
        (0x61, 0xA3, vec![0x50, 0x00, 0xC5, 0x00, 0x12, 0x34, 0x56, 0x7B]),
    ];
    d.push((0x63, 0xA8, b"naa.5000C5001234567B\0\0\0\0".to_vec()));
    let mut payload = Vec::new();
    for (b0, b1, body) in d {
        payload.extend_from_slice(&[b0, b1, 0, body.len() as u8]);
        payload.extend_from_slice(&body);
    }
    let mut p = vec![0, 0x83];
    p.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    p.extend_from_slice(&payload);
    p
}

/// The baseline walk: count the NAA designators and sum their first bytes.
fn baseline_walk(p: &[u8]) -> (u32, u32) {
    let len = p.get(2..4).map_or(0, |b| usize::from(u16::from_be_bytes([b[0], b[1]])));
    let end = (4 + len).min(p.len());
    let (mut at, mut n, mut sum) = (4, 0, 0);
    while at + 4 <= end {
        let dl = usize::from(p[at + 3]);
        if at + 4 + dl > end {
            break;
        }
        if p[at + 1] & 0x0F == 3 {
            n += 1;
            sum += u32::from(p[at + 4]);
        }
        at += 4 + dl;
    }
    (n, sum)
}

fn data(c: &mut Criterion) {
    let p83 = page83();
    let mut g = c.benchmark_group("vpd83_walk");
    g.bench_function("baseline", |b| b.iter(|| black_box(baseline_walk(black_box(&p83)))));
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            let mut acc = (0u32, 0u32);
            for d in vpd::DeviceIdentification::parse(black_box(&p83)).map(|p| p.designators()).unwrap() {
                if d.designator_type == 3 {
                    acc.0 += 1;
                    acc.1 += u32::from(d.designator.first().copied().unwrap_or(0));
                }
            }
            black_box(acc)
        })
    });
    g.finish();

    let mut rc = [0u8; 32];
    rc[..8].copy_from_slice(&0x0000_0001_D1C0_BEAFu64.to_be_bytes());
    rc[8..12].copy_from_slice(&512u32.to_be_bytes());
    rc[12] = 0x05;
    rc[13] = 0x03;
    rc[14] = 0xC0;
    let mut g = c.benchmark_group("read_capacity16_parse");
    g.bench_function("baseline", |b| {
        b.iter(|| {
            let d = black_box(&rc);
            let lba = u64::from_be_bytes(d[..8].try_into().unwrap());
            let bl = u32::from_be_bytes(d[8..12].try_into().unwrap());
            let bytes = (u128::from(lba) + 1) * u128::from(bl);
            black_box((bytes, (d[12] >> 1) & 7, d[12] & 1, d[13] & 0x0F, d[14] & 0x80 != 0))
        })
    });
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            let r = ReadCapacity16Data::parse(black_box(&rc)).unwrap();
            black_box((r.capacity_bytes(), r.p_type, r.prot_en, r.lbppbe, r.lbpme))
        })
    });
    g.finish();

    // The target side: a 36-byte standard INQUIRY answer written into the caller's buffer.
    let mut g = c.benchmark_group("inquiry_write");
    g.bench_function("baseline", |b| {
        let mut out = [0u8; 96];
        b.iter(|| {
            let out = black_box(&mut out);
            out[..36].fill(0);
            out[2] = 0x07;
            out[3] = 0x12;
            out[4] = 31;
            out[7] = 0x02;
            out[8..16].copy_from_slice(b"ACME    ");
            out[16..32].copy_from_slice(b"SuperDisk       ");
            out[32..36].copy_from_slice(b"1.0 ");
            black_box(36)
        })
    });
    g.bench_function("scsi-cdb", |b| {
        let mut out = [0u8; 96];
        let w = scsi_cdb::data::StandardInquiryWriter::new(
            scsi_cdb::PeripheralDeviceType::DIRECT_ACCESS,
            b"ACME",
            b"SuperDisk",
            b"1.0",
        );
        b.iter(|| black_box(scsi_cdb::data::WriteData::write(black_box(&w), black_box(&mut out))))
    });
    g.finish();
}

criterion_group!(benches, data);
criterion_main!(benches);
