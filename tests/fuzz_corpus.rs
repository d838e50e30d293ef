//! Runs every fuzz target body (fuzz/src/bodies.rs, the same source the cargo-fuzz targets
//! compile) over the checked-in seeds, the shared samples and a deterministic pseudo-random
//! set, so stable CI exercises what the fuzzers do.

#[path = "../fuzz/src/bodies.rs"]
mod bodies;
mod common;

use std::path::Path;

fn files_in(dir: &Path) -> Vec<Vec<u8>> {
    let Ok(rd) = std::fs::read_dir(dir) else { return Vec::new() };
    rd.filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect()
}

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let mut v = files_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target));
    common::require_testdata();
    for dir in ["sg3_utils-inhex/data", "tgt-1.0.85-captures/data"] {
        for e in std::fs::read_dir(common::testdata(dir)).unwrap().flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "hex") {
                v.push(common::parse_hex(&std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    // Deterministic noise around the seeds: every seed with one byte flipped per position.
    let mut noisy = Vec::new();
    for s in &v {
        for i in 0..s.len().min(16) {
            let mut m = s.clone();
            m[i] ^= 0xA5;
            noisy.push(m);
        }
    }
    v.extend(noisy);
    v
}

#[test]
fn decode_cdb_corpus() {
    let c = corpus("decode_cdb");
    assert!(!c.is_empty());
    for d in &c {
        bodies::decode_cdb(d);
        for n in 0..d.len().min(40) {
            bodies::decode_cdb(&d[..n]);
        }
    }
}

#[test]
fn decode_sense_corpus() {
    for d in corpus("decode_sense") {
        // Sense data is at most 8 + 255 bytes; longer inputs add nothing but time.
        for n in 0..=d.len().min(264) {
            bodies::decode_sense(&d[..n]);
        }
    }
}

#[test]
fn response_data_corpus() {
    for d in corpus("response_data") {
        bodies::response_data(&d);
        for n in (0..d.len().min(600)).step_by(3) {
            bodies::response_data(&d[..n]);
        }
    }
}

#[test]
fn roundtrip_bodies() {
    use scsi_cdb::sense::{SenseBuilder, SenseFormatChoice};
    use scsi_cdb::{AdditionalSense, SenseKey};
    let mut x = 0x1234_5678_9ABC_DEF0u64;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..20_000 {
        let r = next();
        let mut b = SenseBuilder::new(
            SenseKey::from_nibble(r as u8),
            AdditionalSense::new((r >> 8) as u8, (r >> 16) as u8),
        );
        b.format = if r & 1 << 24 != 0 { SenseFormatChoice::Descriptor } else { SenseFormatChoice::Fixed };
        b.information = (r & 1 << 25 != 0).then(&mut next);
        b.command_specific = (r & 1 << 26 != 0).then(&mut next);
        b.fru = (r >> 27) as u8;
        b.sks = scsi_cdb::sense::SenseKeySpecific::decode(
            b.key,
            [0x80 | (r >> 35) as u8, (r >> 43) as u8, (r >> 51) as u8],
        );
        b.filemark = r & 1 << 59 != 0;
        b.ili = r & 1 << 60 != 0;
        bodies::roundtrip_sense(b);
        let s = next();
        bodies::roundtrip_cdb((next(), s as u32, (s >> 32) as u8, (s >> 40) as u8, s & 1 << 48 != 0));
    }
}

#[test]
fn probe_body() {
    // Pseudo-random answer streams, and every prefix of a few of them.
    let mut x = 0x0BAD_5EED_1234_5678u64;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for round in 0..3000 {
        let len = (next() % 600) as usize;
        let stream: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        bodies::probe(&stream);
        if round < 20 {
            for n in 0..stream.len().min(64) {
                bodies::probe(&stream[..n]);
            }
        }
    }
}
