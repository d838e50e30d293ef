//! Per-command cost over iSCSI against tgtd on loopback: `scsi-io`'s libiscsi backend
//! (`Device::execute`, with its buffer check and encoding) against the same command sent with
//! direct libiscsi C calls (`scsi_create_task` + `iscsi_scsi_command_sync`, the oracles crate's
//! session), each on its own session to the same LUN.
//!
//! Run: `cargo bench -p scsi-io --features libiscsi --bench iscsi -- --warm-up-time 1 --measurement-time 2`

#[cfg(feature = "libiscsi")]
mod live {
    use std::hint::black_box;
    use std::time::Duration;

    use criterion::Criterion;
    use scsi_cdb::{Cdb, Inquiry, Read10, TestUnitReady};
    use scsi_cdb_oracles::tgt::{IQN, Target};
    use scsi_io::QueuedData;
    use scsi_io::iscsi::IscsiQueue;
    use scsi_io::{DataBuffer, Device};

    pub fn benches(c: &mut Criterion) {
        let t = match Target::start(Duration::from_secs(600)) {
            Ok(t) => t,
            Err(e) => {
                assert!(std::env::var("CI").as_deref() != Ok("true"), "CI: tgtd unavailable: {}", e.0);
                println!("SKIPPED: scsi-io iscsi bench: {}", e.0);
                return;
            }
        };
        let dev = Device::open(&format!("iscsi://{}/{IQN}/1", t.portal)).expect("login");
        let mut peer = t.session(1).expect("libiscsi session");

        let inq = Inquiry::standard(96);
        let inq_bytes = inq.to_buf().unwrap();
        let mut g = c.benchmark_group("iscsi_inquiry");
        g.bench_function("scsi-io", |b| {
            let mut buf = [0u8; 96];
            b.iter(|| black_box(dev.execute(&inq, DataBuffer::In(&mut buf)).unwrap().status))
        });
        g.bench_function("libiscsi", |b| {
            b.iter(|| black_box(peer.command(inq_bytes.as_ref(), 1, 96, &[]).status))
        });
        g.finish();

        let tur = TestUnitReady::new();
        let tur_bytes = tur.to_buf().unwrap();
        let mut g = c.benchmark_group("iscsi_tur");
        g.bench_function("scsi-io", |b| {
            b.iter(|| black_box(dev.execute(&tur, DataBuffer::None).unwrap().status))
        });
        g.bench_function("libiscsi", |b| {
            b.iter(|| black_box(peer.command(tur_bytes.as_ref(), 0, 0, &[]).status))
        });
        g.finish();

        let rd = Read10::new(0, 8);
        let rd_bytes = rd.to_buf().unwrap();
        let mut g = c.benchmark_group("iscsi_read_4k");
        g.bench_function("scsi-io", |b| {
            let mut buf = vec![0u8; 4096];
            b.iter(|| black_box(dev.execute(&rd, DataBuffer::In(&mut buf)).unwrap().status))
        });
        g.bench_function("libiscsi", |b| {
            b.iter(|| black_box(peer.command(rd_bytes.as_ref(), 1, 4096, &[]).status))
        });
        g.finish();

        // Queued: 64 READs of 4 KiB per iteration at depth 1, 8 and 32 (scsi-io's IscsiQueue),
        // against 64 synchronous libiscsi READs.
        let url = format!("iscsi://{}/{IQN}/1", t.portal);
        let mut g = c.benchmark_group("iscsi_queued_read_4k_x64");
        g.throughput(criterion::Throughput::Elements(64));
        for depth in [1usize, 8, 32] {
            let mut q = IscsiQueue::open(&url, depth, 4096).expect("queue login");
            g.bench_function(format!("scsi-io/depth{depth}"), |b| {
                b.iter(|| {
                    let (mut sent, mut got) = (0u64, 0);
                    while got < 64 {
                        while sent < 64 && q.in_flight() < depth {
                            let rd = Read10::try_new(sent * 8, 8).unwrap();
                            q.submit(&rd, QueuedData::In(4096), 512).unwrap();
                            sent += 1;
                        }
                        let d = q.wait(Duration::from_secs(30)).unwrap().unwrap();
                        black_box(d.completion.status);
                        got += 1;
                    }
                })
            });
        }
        g.bench_function("libiscsi", |b| {
            b.iter(|| {
                for i in 0..64u64 {
                    let rd = Read10::try_new(i * 8, 8).unwrap().to_buf().unwrap();
                    black_box(peer.command(rd.as_ref(), 1, 4096, &[]).status);
                }
            })
        });
        g.finish();
    }
}

#[cfg(feature = "libiscsi")]
criterion::criterion_group!(benches, live::benches);
#[cfg(feature = "libiscsi")]
criterion::criterion_main!(benches);

#[cfg(not(feature = "libiscsi"))]
fn main() {
    println!("SKIPPED: scsi-io iscsi bench: built without the libiscsi feature");
}
