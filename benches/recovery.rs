//! `recovery::decide` beside a hand-written baseline: the match on status, key and ASC/ASCQ a
//! driver writes by hand for the same few answers (no budget, no fallbacks), over fixed-format
//! sense.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use scsi_cdb::recovery::{Action, CommandId, Completed, Policy, decide};

/// Unit attention 2Ah/09h, medium error 11h/00h at LBA 1234h, not ready 04h/01h, invalid opcode.
const SENSES: [[u8; 18]; 4] = [
    [0x70, 0, 0x06, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x2A, 0x09, 0, 0, 0, 0],
    [0xF0, 0, 0x03, 0, 0, 0x12, 0x34, 0x0A, 0, 0, 0, 0, 0x11, 0x00, 0, 0, 0, 0],
    [0x70, 0, 0x02, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x04, 0x01, 0, 0, 0, 0],
    [0x70, 0, 0x05, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x20, 0x00, 0, 0xC8, 0, 0],
];

/// 0 done, 1 retry, 2 retry later, 3 re-read capacity, 4 fall back, 5 fail.
fn baseline(status: u8, sense: &[u8], attempt: u32, max: u32) -> u8 {
    if status == 0 {
        return 0;
    }
    if status != 2 || sense.len() < 14 || !matches!(sense[0] & 0x7F, 0x70 | 0x71) {
        return 5;
    }
    let verdict = match (sense[2] & 0x0F, sense[12], sense[13]) {
        (0 | 1, _, _) => 0,
        (2, 0x04, 0x01) => 2,
        (3, 0x11, _) => 5,
        (5, 0x20, 0x00) => 4,
        (6, 0x2A, 0x09) => 3,
        (6, _, _) | (0x0B, _, _) => 1,
        _ => 5,
    };
    if verdict != 0 && verdict != 5 && attempt > max { 5 } else { verdict }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("recovery_decide");
    let p = Policy::DEFAULT;
    g.bench_function("scsi-cdb", |b| {
        b.iter(|| {
            let mut n = 0u32;
            for s in &SENSES {
                let done = Completed::new(CommandId::READ_CAPACITY_16, scsi_cdb::Status::CHECK_CONDITION, s);
                if matches!(decide(black_box(&done), &p), Action::Fail { .. }) {
                    n += 1;
                }
            }
            n
        });
    });
    g.bench_function("baseline", |b| {
        b.iter(|| {
            let mut n = 0u32;
            for s in &SENSES {
                if baseline(2, black_box(s), 1, p.max_retries) == 5 {
                    n += 1;
                }
            }
            n
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
