//! The probe (`scsi_io::probe_with`) on every device, its profile compared key by key with
//! what Linux's sd derived (sysfs).
//!
//! Checked (must agree): identification strings, block sizes, capacity, protection type, LBPME,
//! provisioning mode, write cache, FUA, rotational, zoned. Deliberate differences are notes,
//! not checks: `max_hw_sectors_kb` is sd's limit cut by the host adapter's (ours is the
//! device's B0h value); `optimal_io_size` and `discard_max_hw_bytes` are what sd accepted
//! after its own sanity rules (ours is what the device reported); Linux reads READ CAPACITY
//! (16) first for SPC-3 devices, which the probe is configured to do here as well.
//!
//! Command counts: the probe's own count must equal the rise of the kernel's `iorequest_cnt`
//! over the probe (a check); Linux's bring-up count (the counter right after attach) is a
//! note, as it also holds the scan's REPORT LUNS, sd's extra MODE SENSEs and the partition
//! table READs the block layer sends when the disk appears.

use scsi_cdb::probe::{DeviceProfile, ProbeConfig};
use scsi_io::Device;

use crate::report::Report;
use crate::sysfs::ScsiDev;

/// The kernel's count of commands dispatched to `d` (sysfs `iorequest_cnt`).
pub fn kernel_count(d: &ScsiDev) -> Option<u64> {
    crate::sysfs::int(&format!("{}/iorequest_cnt", d.dir()))
}

/// Probes `d` and compares. `linux` is [`kernel_count`] read right after the kernel attached
/// the device, before any other check: the commands Linux's bring-up sent.
pub fn device(r: &mut Report, cfg: &str, d: &ScsiDev, linux: Option<u64>) {
    let Some(sg) = d.sg.clone() else { return };
    let p = format!("{cfg} {} {sg} probe", d.hctl);
    let dev = match Device::open(&format!("/dev/{sg}")) {
        Ok(dev) => dev,
        Err(e) => {
            r.check(&format!("{p}: open"), false, &e.to_string());
            return;
        }
    };
    let config = ProbeConfig {
        discover_luns: false,
        read_capacity_16_first: true,
        ready_poll_ms: 200,
        ..ProbeConfig::default()
    };
    let before = kernel_count(d);
    let prof = match scsi_io::probe_with(&dev, config) {
        Ok(p) => p,
        Err(e) => {
            r.check(&format!("{p}: runs"), false, &e.to_string());
            return;
        }
    };
    r.check(
        &format!("{p}: ends"),
        prof.end != scsi_cdb::probe::End::Running,
        &format!("{:?}, {} commands", prof.end, prof.commands),
    );
    compare(r, &p, d, &prof);
    let unknown: Vec<String> = prof.unknown.iter().map(|u| format!("{:?}={:?}", u.field, u.reason)).collect();
    r.note(&format!("{p}: {} commands; unknown: {}", prof.commands, unknown.join(" ")));
    if let (Some(b), Some(a)) = (before, kernel_count(d)) {
        r.eq(&format!("{p}: commands = the kernel's iorequest_cnt delta"), u64::from(prof.commands), a - b);
    }
    r.note(&format!("{p}: command count: probe {}, Linux bring-up {linux:?}", prof.commands));
}

fn text_eq(r: &mut Report, p: &str, key: &str, ours: Option<String>, linux: Option<String>) {
    let linux = linux.map(|s| s.trim().to_string());
    r.eq(&format!("{p}: {key}"), ours, linux);
}

fn compare(r: &mut Report, p: &str, d: &ScsiDev, prof: &DeviceProfile) {
    text_eq(r, p, "vendor", prof.vendor.map(|v| v.to_string()), d.attr("vendor"));
    text_eq(r, p, "model", prof.product.map(|v| v.to_string()), d.attr("model"));
    text_eq(r, p, "rev", prof.revision.map(|v| v.to_string()), d.attr("rev"));
    r.eq(&format!("{p}: device_type"), prof.device_type, Some(d.dtype));
    if let Some(wwid) = d.attr("wwid") {
        let hex: Vec<String> = prof
            .designators
            .iter()
            .filter(|x| x.association == 0 && !x.is_text())
            .map(|x| x.value().iter().map(|b| format!("{b:02x}")).collect())
            .collect();
        let wwid = wwid.to_lowercase();
        let found = hex.iter().any(|h| !h.is_empty() && wwid.contains(h.as_str()));
        if hex.is_empty() {
            r.note(&format!("{p}: wwid {wwid}; no binary LU designator in 83h"));
        } else {
            r.check(
                &format!("{p}: wwid holds an 83h designator"),
                found,
                &format!("wwid {wwid}, ours {hex:?}"),
            );
        }
    }
    if !matches!(d.dtype, 0x00 | 0x14) || d.block.is_none() {
        return;
    }
    let num = |v: Option<String>| v.and_then(|s| s.trim().parse::<u64>().ok());
    let lbs = prof.logical_block_size.map(u64::from);
    r.eq(&format!("{p}: logical_block_size"), lbs, num(d.queue("logical_block_size")));
    r.eq(&format!("{p}: physical_block_size"), prof.physical_block_size, num(d.queue("physical_block_size")));
    let size = prof.capacity_blocks.zip(lbs).map(|(n, l)| n * l / 512);
    r.eq(&format!("{p}: size (512-byte units)"), size, d.size_512());
    r.eq(
        &format!("{p}: protection_type"),
        prof.protection_type.map(u64::from),
        num(d.disk_attr("protection_type")),
    );
    r.eq(
        &format!("{p}: thin_provisioning"),
        Some(u64::from(prof.thin_provisioned.unwrap_or(false))),
        num(d.disk_attr("thin_provisioning")),
    );
    text_eq(
        r,
        p,
        "provisioning_mode",
        Some(prof.provisioning_mode.as_str().to_string()),
        d.disk_attr("provisioning_mode"),
    );
    // sd's cache_type: "write back" with WCE, "write through" without; "None"/RCD for the read side.
    let linux_wce = d.disk_attr("cache_type").map(|c| c.contains("back"));
    r.eq(&format!("{p}: write_cache (cache_type)"), prof.write_cache, linux_wce);
    r.eq(&format!("{p}: FUA"), prof.fua.map(u64::from), num(d.disk_attr("FUA")));
    if let Some(rot) = prof.rotation_rate {
        r.eq(&format!("{p}: rotational"), Some(u64::from(rot != 1)), num(d.queue("rotational")));
    } else {
        r.note(&format!("{p}: no B1h rotation rate; Linux rotational {:?}", d.queue("rotational")));
    }
    text_eq(r, p, "zoned", Some(prof.zoned.as_str().to_string()), d.queue("zoned"));
    // Deliberate differences: reported next to Linux's value.
    let bytes = |v: Option<u64>| v.zip(lbs).map(|(n, l)| n * l);
    r.note(&format!(
        "{p}: max_transfer {:?} KiB (linux max_hw_sectors_kb {:?}); optimal {:?} B (linux optimal_io_size {:?}); \
         max_unmap {:?} B (linux discard_max_hw_bytes {:?}); max_write_same {:?} B (linux write_same_max_bytes {:?})",
        bytes(prof.max_transfer_blocks.map(u64::from)).map(|b| b / 1024),
        d.queue("max_hw_sectors_kb"),
        bytes(prof.optimal_transfer_blocks.map(u64::from)),
        d.queue("optimal_io_size"),
        bytes(prof.max_unmap_blocks.map(u64::from)),
        d.queue("discard_max_hw_bytes"),
        bytes(prof.max_write_same_blocks),
        d.queue("write_same_max_bytes"),
    ));
}
