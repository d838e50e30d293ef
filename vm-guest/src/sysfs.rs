//! What the Linux kernel concluded about each SCSI device (sysfs).

use std::fs;

/// One SCSI device as sysfs shows it.
#[derive(Debug, Clone)]
pub struct ScsiDev {
    /// H:C:T:L.
    pub hctl: String,
    /// Host number.
    pub host: u32,
    /// Channel.
    pub channel: u32,
    /// Target.
    pub target: u32,
    /// LUN (Linux's integer form).
    pub lun: u64,
    /// `sgN`.
    pub sg: Option<String>,
    /// `sdX` / `srN`.
    pub block: Option<String>,
    /// The peripheral device type the kernel read.
    pub dtype: u8,
}

/// Reads a sysfs attribute as trimmed text.
pub fn text(path: &str) -> Option<String> {
    fs::read_to_string(path).ok().map(|s| s.trim_end_matches(['\n', '\0']).to_string())
}

/// Reads a sysfs attribute as an integer.
pub fn int(path: &str) -> Option<u64> {
    let t = text(path)?;
    let t = t.trim();
    match t.strip_prefix("0x") {
        Some(h) => u64::from_str_radix(h, 16).ok(),
        None => t.parse().ok(),
    }
}

/// Reads a binary sysfs attribute.
pub fn bytes(path: &str) -> Option<Vec<u8>> {
    fs::read(path).ok()
}

fn first_entry(dir: &str) -> Option<String> {
    fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .next()
}

impl ScsiDev {
    /// `/sys/class/scsi_device/H:C:T:L/device`.
    pub fn dir(&self) -> String {
        format!("/sys/class/scsi_device/{}/device", self.hctl)
    }

    /// An attribute of the device directory.
    pub fn attr(&self, name: &str) -> Option<String> {
        text(&format!("{}/{name}", self.dir()))
    }

    /// An attribute of `/sys/class/scsi_disk/H:C:T:L`.
    pub fn disk_attr(&self, name: &str) -> Option<String> {
        text(&format!("/sys/class/scsi_disk/{}/{name}", self.hctl))
    }

    /// An attribute of `/sys/block/X/queue`.
    pub fn queue(&self, name: &str) -> Option<String> {
        text(&format!("/sys/block/{}/queue/{name}", self.block.as_ref()?))
    }

    /// `/sys/block/X/size` (512-byte units).
    pub fn size_512(&self) -> Option<u64> {
        int(&format!("/sys/block/{}/size", self.block.as_ref()?))
    }

    /// The device is fully attached: sg node and, for disks and CD-ROMs, the block device
    /// with its size read.
    pub fn ready(&self) -> bool {
        let needs_block = matches!(self.dtype, 0x00 | 0x05 | 0x14);
        self.sg.is_some() && (!needs_block || self.block.is_some())
    }
}

/// The devices of the SCSI hosts whose driver is `proc_name`, in H:C:T:L order.
pub fn devices(proc_name: &str) -> Vec<ScsiDev> {
    let mut out = Vec::new();
    let Ok(rd) = fs::read_dir("/sys/class/scsi_device") else { return out };
    for e in rd.filter_map(Result::ok) {
        let hctl = e.file_name().to_string_lossy().into_owned();
        let parts: Vec<u64> = hctl.split(':').filter_map(|p| p.parse().ok()).collect();
        let [h, c, t, l] = parts[..] else { continue };
        if text(&format!("/sys/class/scsi_host/host{h}/proc_name")).as_deref() != Some(proc_name) {
            continue;
        }
        let base = format!("/sys/class/scsi_device/{hctl}/device");
        out.push(ScsiDev {
            hctl,
            host: h as u32,
            channel: c as u32,
            target: t as u32,
            lun: l,
            sg: first_entry(&format!("{base}/scsi_generic")),
            block: first_entry(&format!("{base}/block")),
            dtype: int(&format!("{base}/type")).unwrap_or(0x1F) as u8,
        });
    }
    out.sort_by_key(|d| (d.host, d.channel, d.target, d.lun));
    out
}
