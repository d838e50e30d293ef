//! The in-guest benchmarks (`SCSI_VM_BENCH=1`): per-command cost of scsi-io against
//! sg3_utils' own pass-through loop (`sg_turs -n`), and queued 4 KiB random READ IOPS of
//! scsi-io's `SgQueue` against fio's `sg` ioengine at depth 1, 8 and 32, on the same
//! scsi_debug device (no delay). Under emulation only the ratios mean something; they are
//! printed as notes, not checks (the checks here are that every command completed GOOD).

use std::process::Command as Proc;
use std::time::{Duration, Instant};

use scsi_cdb::{Inquiry, Read10, TestUnitReady};
use scsi_io::linux::{QueuedData, SgQueue};

use crate::report::Report;
use crate::sg::{Data, Device};

const TUR_LOOPS: u32 = 5000;
const RUN: Duration = Duration::from_secs(3);

/// Runs the benchmarks on a freshly loaded scsi_debug.
pub fn run(r: &mut Report, modules: &str) {
    let ko = format!("{modules}/scsi_debug.ko");
    let ok = Proc::new("insmod").args([&ko, "dev_size_mb=64", "delay=0"]).status().is_ok_and(|s| s.success());
    if !r.check("bench: insmod scsi_debug dev_size_mb=64 delay=0", ok, "") {
        return;
    }
    let devs = crate::wait_devices("scsi_debug", 1, Duration::from_secs(60));
    let Some(sg) = devs.first().and_then(|d| d.sg.clone()) else {
        r.check("bench: device attached", false, "");
        return;
    };
    let path = format!("/dev/{sg}");
    per_command(r, &path);
    for depth in [1usize, 8, 32] {
        queued(r, &path, depth);
    }
    let _ = Proc::new("rmmod").arg("scsi_debug").status();
}

fn per_command(r: &mut Report, path: &str) {
    let Ok(dev) = Device::open(path) else {
        r.check("bench: open", false, path);
        return;
    };
    let t = Instant::now();
    let mut good = 0;
    for _ in 0..TUR_LOOPS {
        if dev.execute(&TestUnitReady::new(), Data::None, 512).is_ok_and(|c| c.is_good()) {
            good += 1;
        }
    }
    let ours = t.elapsed().as_secs_f64() / f64::from(TUR_LOOPS);
    r.check(
        &format!("bench: {TUR_LOOPS} TEST UNIT READY through scsi-io GOOD"),
        good == TUR_LOOPS,
        &format!("{good}"),
    );
    let mut buf = [0u8; 96];
    let t = Instant::now();
    for _ in 0..TUR_LOOPS {
        let _ = dev.execute(&Inquiry::standard(96), Data::In(&mut buf), 512);
    }
    let inq = t.elapsed().as_secs_f64() / f64::from(TUR_LOOPS);
    r.note(&format!("bench: scsi-io INQUIRY {:.1} us/command", inq * 1e6));
    drop(dev);
    let t = Instant::now();
    let st = Proc::new("/usr/bin/sg_turs").args(["-n", &TUR_LOOPS.to_string(), path]).status();
    let theirs = t.elapsed().as_secs_f64() / f64::from(TUR_LOOPS);
    if st.is_ok_and(|s| s.success()) {
        r.note(&format!(
            "bench: TEST UNIT READY scsi-io {:.1} us/command, sg3_utils (sg_turs -n) {:.1} us/command, ratio sg3_utils/scsi-io {:.2}",
            ours * 1e6,
            theirs * 1e6,
            theirs / ours
        ));
    } else {
        r.note(&format!("bench: TEST UNIT READY scsi-io {:.1} us/command; sg_turs did not run", ours * 1e6));
    }
}

fn queued(r: &mut Report, path: &str, depth: usize) {
    const BS: usize = 4096;
    let blocks = 64 * 1024 * 1024 / BS as u64;
    let mut q = match SgQueue::open(path, depth, BS) {
        Ok(q) => q,
        Err(e) => {
            r.check(&format!("bench: SgQueue depth {depth}"), false, &e.to_string());
            return;
        }
    };
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % blocks) * 8
    };
    let (mut done, mut bad) = (0u64, 0u64);
    let t = Instant::now();
    let submit = |q: &mut SgQueue, lba: u64| {
        Read10::try_new(lba, 8).ok().map(|c| q.submit(&c, QueuedData::In(BS), 512).is_ok()).unwrap_or(false)
    };
    for _ in 0..depth {
        submit(&mut q, next());
    }
    while q.in_flight() > 0 {
        match q.wait(Some(Duration::from_secs(10))) {
            Ok(Some(d)) => {
                if d.completion.is_good() {
                    done += 1;
                } else {
                    bad += 1;
                }
            }
            _ => {
                bad += 1;
                break;
            }
        }
        if t.elapsed() < RUN {
            submit(&mut q, next());
        }
    }
    let ours = done as f64 / t.elapsed().as_secs_f64();
    r.check(
        &format!("bench: queued READ depth {depth}: every command GOOD"),
        bad == 0 && done > 0,
        &format!("{done} done, {bad} bad"),
    );
    drop(q);
    // The sg driver queues at most 16 commands per file descriptor (SgQueue opens the device
    // once per 16 slots), so fio gets the same: one job per 16 of depth, reported as a group.
    let jobs = depth.div_ceil(16);
    let fio = Proc::new("/usr/bin/fio")
        .args([
            "--name=sg",
            &format!("--filename={path}"),
            "--ioengine=sg",
            "--rw=randread",
            "--bs=4k",
            &format!("--iodepth={}", depth / jobs),
            &format!("--numjobs={jobs}"),
            "--group_reporting",
            "--runtime=3",
            "--time_based",
            "--minimal",
        ])
        .output();
    // Terse output: field 8 (1-based) is the read IOPS.
    let theirs = fio.ok().and_then(|o| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .last()
            .and_then(|l| l.split(';').nth(7)?.parse::<f64>().ok())
    });
    match theirs {
        Some(f) if f > 0.0 => r.note(&format!(
            "bench: queued 4 KiB random READ depth {depth}: scsi-io {ours:.0} IOPS, fio sg {f:.0} IOPS, ratio scsi-io/fio {:.2}",
            ours / f
        )),
        _ => r.note(&format!("bench: queued 4 KiB random READ depth {depth}: scsi-io {ours:.0} IOPS; fio did not run")),
    }
}
