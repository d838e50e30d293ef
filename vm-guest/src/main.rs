//! The program the VM rig runs inside the Linux guest (see `scripts/vm/run`).
//!
//! For each scsi_debug configuration it loads the module with those parameters, waits for
//! the kernel to attach the disks, and then, for every SCSI device (scsi_debug's and QEMU's
//! virtio-scsi disks and CD-ROM), sends the builder commands the device supports, decodes
//! the answers with `scsi-cdb`, and compares them with what the kernel concluded (sysfs)
//! and with sg3_utils' own output for the same device. One line per check; the run closes
//! with `N passed, M failed`.

mod bench;
mod checks;
mod commands;
mod probe;
mod recovery;
mod report;
mod sg;
mod sg3;
mod sysfs;
mod tool;

use std::io::Write;
use std::path::Path;
use std::process::Command as Proc;
use std::time::{Duration, Instant};

use report::Report;

/// One scsi_debug configuration: a name and the module parameters.
pub struct Config {
    /// Short name used in the check lines.
    pub name: &'static str,
    /// insmod parameters.
    pub params: &'static str,
    /// Devices the configuration creates (num_tgts * max_luns).
    pub devices: usize,
}

/// The scsi_debug configurations, one insmod/rmmod cycle each, in one boot.
pub const CONFIGS: &[Config] = &[
    Config {
        name: "multi-512e",
        params: "num_tgts=2 max_luns=2 sector_size=512 physblk_exp=3 dev_size_mb=16",
        devices: 4,
    },
    Config { name: "4k", params: "sector_size=4096 physblk_exp=1 dev_size_mb=16", devices: 1 },
    Config { name: "thin", params: "lbpu=1 lbpws=1 lbprz=1 dev_size_mb=16", devices: 1 },
    Config { name: "dif1", params: "dif=1 dix=1 dev_size_mb=16", devices: 1 },
    Config { name: "dif2", params: "dif=2 dev_size_mb=16", devices: 1 },
    Config { name: "zbc", params: "zbc=managed zone_size_mb=4 zone_nr_conv=1 dev_size_mb=32", devices: 1 },
    Config { name: "errors", params: "opts=2 dev_size_mb=16", devices: 1 },
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let modules = arg("--modules").unwrap_or_else(|| "/lib/modules".into());
    let out = arg("--out");
    let bench = args.iter().any(|a| a == "vm.bench=1");
    let only = args.iter().find_map(|a| a.strip_prefix("vm.only=")).map(str::to_string);

    let sink: Box<dyn Write> = match out.as_deref().map(|p| std::fs::OpenOptions::new().write(true).open(p)) {
        Some(Ok(f)) => Box::new(f),
        _ => Box::new(std::io::stdout()),
    };
    let mut r = Report::new(sink);
    let started = Instant::now();

    // QEMU's virtio-scsi devices are present from boot.
    let qemu = wait_devices("virtio_scsi", 3, Duration::from_secs(30));
    r.check("boot: virtio-scsi devices attached", qemu.len() == 3, &format!("{} devices", qemu.len()));
    let linux: Vec<_> = qemu.iter().map(probe::kernel_count).collect();
    for (d, n) in qemu.iter().zip(linux) {
        checks::device(&mut r, "qemu", d);
        probe::device(&mut r, "qemu", d, n);
    }

    for c in CONFIGS {
        if only.as_deref().is_some_and(|o| o != c.name) {
            continue;
        }
        let t = Instant::now();
        let ko = format!("{modules}/scsi_debug.ko");
        let mut cmd = Proc::new("insmod");
        cmd.arg(&ko).args(c.params.split_whitespace()).arg("delay=0");
        let ok = cmd.status().map(|s| s.success()).unwrap_or(false);
        r.check(&format!("{}: insmod scsi_debug {}", c.name, c.params), ok, "");
        if !ok {
            continue;
        }
        let devs = wait_devices("scsi_debug", c.devices, Duration::from_secs(60));
        r.check(
            &format!("{}: {} devices attached", c.name, c.devices),
            devs.len() == c.devices,
            &format!("found {}", devs.len()),
        );
        let linux: Vec<_> = devs.iter().map(probe::kernel_count).collect();
        for (d, n) in devs.iter().zip(linux) {
            checks::device(&mut r, c.name, d);
            probe::device(&mut r, c.name, d, n);
        }
        checks::config_specific(&mut r, c, &devs);
        let ok = Proc::new("rmmod").arg("scsi_debug").status().map(|s| s.success()).unwrap_or(false);
        r.check(&format!("{}: rmmod scsi_debug", c.name), ok, "");
        r.note(&format!("{}: {:.1}s", c.name, t.elapsed().as_secs_f64()));
    }

    if bench {
        bench::run(&mut r, &modules);
    }
    r.note(&format!("guest time {:.1}s", started.elapsed().as_secs_f64()));
    r.finish();
}

/// Waits until `want` devices of the host driver `proc_name` are attached with their sg and
/// (for disks) block device nodes, or the time is up; returns what is there.
pub fn wait_devices(proc_name: &str, want: usize, limit: Duration) -> Vec<sysfs::ScsiDev> {
    let t = Instant::now();
    loop {
        let devs = sysfs::devices(proc_name);
        let ready = devs.iter().filter(|d| d.ready()).count();
        if (ready >= want && devs.len() >= want) || t.elapsed() > limit {
            // Give udev-less devtmpfs a moment for the nodes.
            for d in &devs {
                for n in [d.sg.as_ref(), d.block.as_ref()].into_iter().flatten() {
                    let p = format!("/dev/{n}");
                    let t2 = Instant::now();
                    while !Path::new(&p).exists() && t2.elapsed() < Duration::from_secs(5) {
                        std::thread::sleep(Duration::from_millis(50));
                    }
                }
            }
            return devs;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
