//! Log scanning throughput on a generated realistic syslog (about one SCSI event per 200
//! lines). `baseline` is the floor any scanner pays: split the text into lines with memchr
//! and look for one byte in each.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "gen_log.rs"]
mod gen_log;

fn logscan(c: &mut Criterion) {
    let (text, lines) = gen_log::generate(200_000, 200);
    let bytes = text.as_bytes();
    let mut g = c.benchmark_group("logscan");
    g.throughput(Throughput::Elements(lines as u64));
    g.sample_size(20);
    g.bench_function("baseline", |b| {
        b.iter(|| {
            let mut hits = 0usize;
            let mut rest = black_box(bytes);
            while let Some(i) = memchr::memchr(b'\n', rest) {
                let (line, tail) = rest.split_at(i);
                hits += usize::from(memchr::memchr(b'[', line).is_some());
                rest = tail.get(1..).unwrap_or_default();
            }
            hits
        });
    });
    g.bench_function("scanner", |b| {
        b.iter(|| {
            let mut s = scsi_decode::logscan::Scanner::new();
            let mut n = 0usize;
            for chunk in black_box(bytes).chunks(256 * 1024) {
                n += s.feed(chunk).len();
            }
            n + s.finish().len()
        });
    });
    g.bench_function("scanner_summary", |b| {
        b.iter(|| {
            let mut s = scsi_decode::logscan::Scanner::new();
            let mut sum = scsi_decode::logscan::summary::Summary::new();
            for chunk in black_box(bytes).chunks(256 * 1024) {
                for e in s.feed(chunk) {
                    sum.add(&e);
                }
            }
            for e in s.finish() {
                sum.add(&e);
            }
            sum.events
        });
    });
    g.finish();
}

criterion_group!(benches, logscan);
criterion_main!(benches);
