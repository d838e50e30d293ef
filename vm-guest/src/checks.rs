//! The checks run against each device: our decode against the kernel's conclusions (sysfs)
//! and against sg3_utils on the same device.

use std::collections::BTreeSet;

use scsi_cdb::cdb::spc::{ModeSense10, ReportLuns};
use scsi_cdb::cdb::zbc::ReportZones;
use scsi_cdb::data::{
    ModeData, ReadCapacity10Data, ReadCapacity16Data, ReportLunsData, StandardInquiry, vpd,
};
use scsi_cdb::sense::{Disposition, Sense};
use scsi_cdb::{
    AdditionalSense, Cdb, Command, Inquiry, Read10, ReadCapacity10, ReadCapacity16, SenseKey, TestUnitReady,
    VpdPage,
};

use crate::report::Report;
use crate::sg::{Completion, Data, Device};
use crate::sysfs::{self, ScsiDev};
use crate::{Config, sg3};

/// One device under test: its sg node and the CDBs sent (for the `Command::parse` check).
pub struct Ctx<'a> {
    pub r: &'a mut Report,
    pub dev: Device,
    pub d: &'a ScsiDev,
    pub p: String,
    pub sent: Vec<Vec<u8>>,
}

impl Ctx<'_> {
    /// Sends a data-in command with a buffer of its own transfer length; the data returned
    /// (cut by the residual).
    pub fn data_in(&mut self, cdb: &dyn Cdb, bs: u32) -> Result<(Completion, Vec<u8>), String> {
        let mut buf = vec![0u8; cdb.transfer_len(bs) as usize];
        let c = self.send(cdb, Data::In(&mut buf), bs)?;
        let n = buf.len().saturating_sub(c.resid.max(0) as usize);
        buf.truncate(n);
        Ok((c, buf))
    }

    /// Sends a command and remembers its bytes.
    pub fn send(&mut self, cdb: &dyn Cdb, data: Data<'_>, bs: u32) -> Result<Completion, String> {
        if let Ok(b) = cdb.to_buf() {
            self.sent.push(b.as_bytes().to_vec());
        }
        self.dev.execute(cdb, data, bs)
    }

    /// A data-in command that must complete GOOD; records a failed check otherwise.
    pub fn good_in(&mut self, name: &str, cdb: &dyn Cdb, bs: u32) -> Option<Vec<u8>> {
        let p = self.p.clone();
        match self.data_in(cdb, bs) {
            Ok((c, b)) if c.is_good() => Some(b),
            Ok((c, _)) => {
                let s = Sense::parse(&c.sense).map(|s| s.to_string()).unwrap_or_default();
                self.r.check(
                    &format!("{p} {name}"),
                    false,
                    &format!("status {:02x}h host {} {s}", c.status, c.host_status),
                );
                None
            }
            Err(e) => {
                self.r.check(&format!("{p} {name}"), false, &e);
                None
            }
        }
    }

    pub fn check(&mut self, name: &str, ok: bool, detail: &str) -> bool {
        let n = format!("{} {name}", self.p);
        self.r.check(&n, ok, detail)
    }

    pub fn eq<T: PartialEq + std::fmt::Debug>(&mut self, name: &str, ours: T, theirs: T) -> bool {
        let n = format!("{} {name}", self.p);
        self.r.eq(&n, ours, theirs)
    }

    /// The sg node path.
    fn sg_path(&self) -> String {
        self.dev.path.clone()
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn trim(s: &str) -> String {
    s.trim_end_matches([' ', '\0']).trim_start().to_string()
}

/// Every check for one device.
pub fn device(r: &mut Report, cfg: &str, d: &ScsiDev) {
    let Some(sg) = d.sg.clone() else {
        r.check(&format!("{cfg} {} has an sg node", d.hctl), false, "none");
        return;
    };
    let path = format!("/dev/{sg}");
    let p = format!("{cfg} {} {sg}{}", d.hctl, d.block.as_ref().map(|b| format!("/{b}")).unwrap_or_default());
    let dev = match Device::open(&path) {
        Ok(dev) => dev,
        Err(e) => {
            r.check(&format!("{p} open"), false, &e.to_string());
            return;
        }
    };
    let mut c = Ctx { r, dev, d, p, sent: Vec::new() };
    test_unit_ready(&mut c);
    let inq = standard_inquiry(&mut c);
    let pages = vpd_pages(&mut c);
    let is_disk = matches!(d.dtype, 0x00 | 0x14);
    if is_disk {
        read_capacity_disk(&mut c);
        caching(&mut c);
        let bs = d.queue("logical_block_size").and_then(|v| v.parse::<u32>().ok()).unwrap_or(512);
        crate::commands::disk(&mut c, bs, 100);
    } else if d.dtype == 0x05 {
        read_capacity_cd(&mut c);
        crate::commands::cd(&mut c);
    }
    report_luns(&mut c);
    if let (Some(b), Some(inq)) = (d.block.clone(), inq) {
        block_path(&mut c, &b, &inq);
    }
    roundtrip(&mut c);
    crate::tool::device(&mut c, &pages, is_disk);
}

/// TEST UNIT READY until GOOD (a first UNIT ATTENTION is allowed).
fn test_unit_ready(c: &mut Ctx) {
    let mut last = String::new();
    for _ in 0..3 {
        match c.send(&TestUnitReady::new(), Data::None, 512) {
            Ok(done) if done.is_good() => {
                c.check("TEST UNIT READY", true, "");
                return;
            }
            Ok(done) => {
                last = Sense::parse(&done.sense).map(|s| s.to_string()).unwrap_or_default();
            }
            Err(e) => last = e,
        }
    }
    c.check("TEST UNIT READY", false, &last);
}

/// Standard INQUIRY: against sysfs vendor/model/rev/type, the kernel's copy of the data, and
/// sg_inq.
fn standard_inquiry(c: &mut Ctx) -> Option<Vec<u8>> {
    let mut b = c.good_in("INQUIRY", &Inquiry::standard(96), 512)?;
    let Ok(total) = StandardInquiry::parse(&b).map(|i| i.total_len()) else {
        c.check("INQUIRY decodes", false, &hex(&b));
        return None;
    };
    b.truncate(total);
    let Ok(inq) = StandardInquiry::parse(&b) else { return None };
    let vendor = inq.vendor().map(|v| trim(&v.to_string())).unwrap_or_default();
    let product = inq.product().map(|v| trim(&v.to_string())).unwrap_or_default();
    let rev = inq.revision().map(|v| trim(&v.to_string())).unwrap_or_default();
    let dt = inq.device_type().0;
    c.eq("INQUIRY vendor = sysfs", vendor.clone(), trim(&c.d.attr("vendor").unwrap_or_default()));
    c.eq("INQUIRY product = sysfs", product.clone(), trim(&c.d.attr("model").unwrap_or_default()));
    c.eq("INQUIRY revision = sysfs", rev.clone(), trim(&c.d.attr("rev").unwrap_or_default()));
    c.eq(
        "INQUIRY device type = sysfs",
        u64::from(dt),
        sysfs::int(&format!("{}/type", c.d.dir())).unwrap_or(99),
    );
    if let Some(k) = sysfs::bytes(&format!("{}/inquiry", c.d.dir())) {
        // Byte 4 (ADDITIONAL LENGTH) is left out: QEMU answers with the length that fits the
        // allocation length, and the kernel asked for 36 bytes first.
        let n = k.len().min(b.len());
        let skip4 =
            |v: &[u8]| v.iter().enumerate().filter(|(i, _)| *i != 4).map(|(_, x)| *x).collect::<Vec<u8>>();
        c.eq(
            "INQUIRY bytes (but ADDITIONAL LENGTH) = kernel's copy",
            hex(&skip4(&b[..n])),
            hex(&skip4(&k[..n])),
        );
    }
    let sgp = c.sg_path();
    if let Some(o) = sg3::run("sg_inq", &[&sgp]) {
        c.eq("INQUIRY vendor = sg_inq", vendor, trim(&o.get("Vendor identification").unwrap_or_default()));
        c.eq("INQUIRY product = sg_inq", product, trim(&o.get("Product identification").unwrap_or_default()));
        c.eq("INQUIRY revision = sg_inq", rev, trim(&o.get("Product revision level").unwrap_or_default()));
        let b2 = |v: Option<bool>| v.map(u64::from);
        let ours = [
            ("PDT", Some(u64::from(dt))),
            ("PQual", Some(u64::from(inq.peripheral_qualifier()))),
            ("RMB", Some(u64::from(inq.rmb()))),
            ("version", Some(u64::from(inq.version()))),
            ("NormACA", Some(u64::from(inq.norm_aca()))),
            ("HiSUP", Some(u64::from(inq.hisup()))),
            ("Resp_data_format", Some(u64::from(inq.response_data_format()))),
            ("SCCS", b2(inq.sccs())),
            ("ACC", b2(inq.acc())),
            ("TPGS", inq.tpgs().map(u64::from)),
            ("3PC", b2(inq.third_party_copy())),
            ("Protect", b2(inq.protect())),
            ("EncServ", b2(inq.enc_serv())),
            ("MultiP", b2(inq.multi_p())),
            ("CmdQue", b2(inq.cmd_que())),
        ];
        let mut diffs = Vec::new();
        for (k, v) in ours {
            if v != o.num(k) {
                diffs.push(format!("{k}: ours {v:?} sg_inq {:?}", o.num(k)));
            }
        }
        c.check(
            "INQUIRY fields = sg_inq (PDT, version, HiSUP, Protect, CmdQue, ...)",
            diffs.is_empty(),
            &diffs.join("; "),
        );
    }
    Some(b)
}

/// VPD 00h and every listed page of 80h, 83h, B0h, B1h, B2h: raw bytes against the kernel's
/// copy and sg_vpd, decoded fields against sysfs and sg_vpd's text.
fn vpd_pages(c: &mut Ctx) -> Vec<u8> {
    let Some(mut b) = c.good_in("VPD 00h", &Inquiry::vpd(VpdPage(0), 255), 512) else { return Vec::new() };
    if let Ok(v) = vpd::VpdPageView::parse(&b) {
        let n = 4 + v.declared_len();
        b.truncate(n);
    }
    let pages: Vec<u8> = match vpd::SupportedPages::parse(&b) {
        Ok(it) => it.pages().map(|p| p.0).collect(),
        Err(e) => {
            c.check("VPD 00h decodes", false, &e.to_string());
            return Vec::new();
        }
    };
    c.check("VPD 00h decodes", pages.first() == Some(&0), &format!("{:02x?}", pages));
    let sgp = c.sg_path();
    if let Some(o) = sg3::run("sg_vpd", &["-p", "0", "-r", &sgp]) {
        c.eq("VPD 00h bytes = sg_vpd --raw", hex(&b), hex(&o.stdout));
    }
    for &pg in &pages {
        if !matches!(pg, 0x80 | 0x83 | 0xB0 | 0xB1 | 0xB2 | 0xB6) {
            continue;
        }
        let name = format!("VPD {pg:02X}h");
        let Some(mut page) = c.good_in(&name, &Inquiry::vpd(VpdPage(pg), 1024), 512) else { continue };
        match vpd::VpdPageView::parse(&page) {
            Ok(v) => {
                // Some targets (QEMU) do not report a residual: the page ends at its declared
                // length.
                let n = 4 + v.declared_len();
                c.eq(&format!("{name} page code"), v.page_code().0, pg);
                c.check(
                    &format!("{name} not truncated"),
                    !v.is_truncated(),
                    &format!("{} bytes", page.len()),
                );
                page.truncate(n);
            }
            Err(e) => {
                c.check(&format!("{name} decodes"), false, &e.to_string());
                continue;
            }
        }
        if let Some(k) = sysfs::bytes(&format!("{}/vpd_pg{pg:02x}", c.d.dir())) {
            c.eq(&format!("{name} bytes = kernel's copy"), hex(&page), hex(&k));
        }
        let pgs = format!("0x{pg:02x}");
        if let Some(o) = sg3::run("sg_vpd", &["-p", &pgs, "-r", &sgp]) {
            c.eq(&format!("{name} bytes = sg_vpd --raw"), hex(&page), hex(&o.stdout));
        }
        let text = sg3::run("sg_vpd", &["-p", &pgs, &sgp]);
        match pg {
            0x80 => vpd_serial(c, &page, text),
            0x83 => vpd_ids(c, &page, text),
            0xB0 => vpd_limits(c, &page, text),
            0xB1 => vpd_bdc(c, &page, text),
            0xB2 => vpd_lbp(c, &page, text),
            _ => {}
        }
    }
    pages
}

fn vpd_serial(c: &mut Ctx, page: &[u8], text: Option<sg3::Out>) {
    let Ok(sn) = vpd::UnitSerialNumber::parse(page) else {
        c.check("VPD 80h decodes", false, &hex(page));
        return;
    };
    let sn = trim(&sn.serial().to_string());
    if let Some(o) = text {
        c.eq("VPD 80h serial = sg_vpd", sn, trim(&o.get("Unit serial number").unwrap_or_default()));
    } else {
        c.check("VPD 80h serial", !sn.is_empty(), &sn);
    }
}

fn vpd_ids(c: &mut Ctx, page: &[u8], text: Option<sg3::Out>) {
    let ids: Vec<vpd::Designator<'_>> = match vpd::DeviceIdentification::parse(page) {
        Ok(it) => it.designators().collect(),
        Err(e) => {
            c.check("VPD 83h decodes", false, &e.to_string());
            return;
        }
    };
    if let Some(o) = text {
        let n = o.text().matches("designator type:").count();
        c.eq("VPD 83h designator count = sg_vpd", ids.len(), n);
    }
    // The kernel's wwid is the logical unit's best designator, as "naa.<hex>", "eui.<hex>" or
    // "t10.<ascii>".
    if let Some(w) = c.d.attr("wwid") {
        let forms: Vec<String> = ids
            .iter()
            .filter(|d| d.association == 0)
            .map(|d| match d.designator_type {
                2 => format!("eui.{}", hex(d.designator)),
                3 => format!("naa.{}", hex(d.designator)),
                1 => format!("t10.{}", String::from_utf8_lossy(d.designator)),
                8 => String::from_utf8_lossy(d.designator).trim_end_matches('\0').to_string(),
                _ => format!("{:x?}", d.designator),
            })
            .collect();
        let ok = forms.iter().any(|f| f.eq_ignore_ascii_case(w.trim()));
        c.check("VPD 83h has the kernel's wwid", ok, &format!("wwid {w}, ours {forms:?}"));
    }
}

fn vpd_limits(c: &mut Ctx, page: &[u8], text: Option<sg3::Out>) {
    let Ok(bl) = vpd::BlockLimits::parse(page) else {
        c.check("VPD B0h decodes", false, &hex(page));
        return;
    };
    if let Some(o) = text {
        let fields: [(&str, Option<u64>); 7] = [
            ("Optimal transfer length granularity", bl.optimal_granularity.map(u64::from)),
            ("Maximum transfer length", bl.max_transfer.map(u64::from)),
            ("Optimal transfer length", bl.optimal_transfer.map(u64::from)),
            ("Maximum unmap LBA count", bl.max_unmap_lba_count.map(u64::from)),
            ("Maximum unmap block descriptor count", bl.max_unmap_descriptors.map(u64::from)),
            ("Optimal unmap granularity", bl.optimal_unmap_granularity.map(u64::from)),
            ("Maximum write same length", bl.max_write_same),
        ];
        let mut diffs = Vec::new();
        let mut n = 0;
        for (k, ours) in fields {
            let Some(v) = o.get(k) else { continue };
            n += 1;
            let first = v.split_whitespace().next().unwrap_or("");
            let theirs = if first == "-1" { Some(u64::from(u32::MAX)) } else { sg3::parse_num(first) };
            // sg_vpd prints 0 ("not reported") for absent fields too.
            if theirs != ours && !(theirs == Some(0) && ours.is_none()) {
                diffs.push(format!("{k}: ours {ours:?} sg_vpd {v:?}"));
            }
        }
        c.check(
            &format!("VPD B0h fields = sg_vpd ({n} fields)"),
            diffs.is_empty() && n > 0,
            &diffs.join("; "),
        );
    }
    // What the kernel made of it: the discard limit (capped at SD_MAX_WS16_BLOCKS).
    if c.d.disk_attr("provisioning_mode").as_deref() == Some("unmap") {
        let lbs = c.d.queue("logical_block_size").and_then(|v| v.parse::<u64>().ok()).unwrap_or(512);
        let ours = u64::from(bl.max_unmap_lba_count.unwrap_or(0)).min(0x7F_FFFF) * lbs;
        let theirs = c.d.queue("discard_max_hw_bytes").and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        c.eq("VPD B0h max unmap = sysfs discard_max_hw_bytes", ours, theirs);
    }
}

fn vpd_bdc(c: &mut Ctx, page: &[u8], text: Option<sg3::Out>) {
    let Ok(bdc) = vpd::BlockDeviceCharacteristics::parse(page) else {
        c.check("VPD B1h decodes", false, &hex(page));
        return;
    };
    let non_rot = bdc.rotation_rate == Some(1);
    if let Some(rot) = c.d.queue("rotational") {
        c.eq("VPD B1h non-rotating = sysfs rotational 0", non_rot, rot.trim() == "0");
    }
    if let Some(o) = text {
        // sg_vpd: "Non-rotating medium (e.g. solid state)" for 1.
        let t = o.text().to_ascii_lowercase();
        c.eq("VPD B1h rotation = sg_vpd", non_rot, t.contains("non-rotating") || t.contains("not rotating"));
    }
}

fn vpd_lbp(c: &mut Ctx, page: &[u8], text: Option<sg3::Out>) {
    let Ok(lbp) = vpd::LogicalBlockProvisioning::parse(page) else {
        c.check("VPD B2h decodes", false, &hex(page));
        return;
    };
    if let Some(o) = text {
        let get = |k: &str| {
            sg3::pairs(&o.text())
                .into_iter()
                .find(|(key, _)| key.contains(k))
                .and_then(|(_, v)| sg3::parse_num(&v))
        };
        c.eq(
            "VPD B2h LBPU, LBPWS, LBPWS10 = sg_vpd",
            (lbp.lbpu.map(u64::from), lbp.lbpws.map(u64::from), lbp.lbpws10.map(u64::from)),
            (get("(LBPU)"), get("(LBPWS)"), get("(LBPWS10)")),
        );
    }
    c.check(
        "VPD B2h decodes",
        true,
        &format!("lbpu {:?} lbpws {:?} lbprz {:?}", lbp.lbpu, lbp.lbpws, lbp.lbprz),
    );
}

/// READ CAPACITY (10) and (16) against sysfs and sg_readcap.
fn read_capacity_disk(c: &mut Ctx) {
    let lbs = c.d.queue("logical_block_size").and_then(|v| v.parse::<u64>().ok());
    let pbs = c.d.queue("physical_block_size").and_then(|v| v.parse::<u64>().ok());
    let size = c.d.size_512();
    let sgp = c.sg_path();
    if let Some(b) = c.good_in("READ CAPACITY (10)", &ReadCapacity10::new(), 512) {
        match ReadCapacity10Data::parse(&b) {
            Ok(d) => {
                c.eq("READ CAPACITY (10) block length = sysfs", Some(u64::from(d.block_len)), lbs);
                c.eq(
                    "READ CAPACITY (10) capacity = sysfs size",
                    d.capacity_bytes().map(|v| v as u64),
                    size.map(|s| s * 512),
                );
                if let Some(o) = sg3::run("sg_readcap", &[&sgp]) {
                    c.eq(
                        "READ CAPACITY (10) = sg_readcap (last LBA, block length)",
                        (Some(u64::from(d.last_lba)), Some(u64::from(d.block_len))),
                        (o.num("Last LBA"), o.num("Logical block length")),
                    );
                }
            }
            Err(e) => {
                c.check("READ CAPACITY (10) decodes", false, &e.to_string());
            }
        }
    }
    let Some(b) = c.good_in("READ CAPACITY (16)", &ReadCapacity16::new(), 512) else { return };
    let d = match ReadCapacity16Data::parse(&b) {
        Ok(d) => d,
        Err(e) => {
            c.check("READ CAPACITY (16) decodes", false, &e.to_string());
            return;
        }
    };
    c.eq("READ CAPACITY (16) block length = sysfs", Some(u64::from(d.block_len)), lbs);
    c.eq("READ CAPACITY (16) physical block = sysfs", d.physical_block_len(), pbs);
    c.eq("READ CAPACITY (16) capacity = sysfs size", Some(d.capacity_bytes() as u64), size.map(|s| s * 512));
    let pt = c.d.disk_attr("protection_type").and_then(|v| v.parse::<u8>().ok());
    c.eq("READ CAPACITY (16) protection type = sysfs", d.protection_type(), pt);
    let tp = c.d.disk_attr("thin_provisioning").map(|v| v.trim() == "1");
    c.eq("READ CAPACITY (16) LBPME = sysfs thin_provisioning", d.lbpme, tp);
    if let Some(o) = sg3::run("sg_readcap", &["-l", &sgp]) {
        let b = |v: Option<bool>| v.map(u64::from);
        let ours = (
            Some(d.last_lba),
            Some(u64::from(d.block_len)),
            b(d.prot_en),
            d.p_type.map(u64::from),
            d.p_i_exponent.map(u64::from),
            d.lbppbe.map(u64::from),
            b(d.lbpme),
            b(d.lbprz),
        );
        let theirs = (
            o.num("Last LBA"),
            o.num("Logical block length"),
            o.num("prot_en"),
            o.num("p_type"),
            o.num("p_i_exponent"),
            o.num("Logical blocks per physical block exponent"),
            o.num("lbpme"),
            o.num("lbprz"),
        );
        c.eq("READ CAPACITY (16) = sg_readcap -l (LBA, length, PI, LBPPBE, LBPME, LBPRZ)", ours, theirs);
    }
}

/// READ CAPACITY (10) of an MMC device against sysfs and sg_readcap.
fn read_capacity_cd(c: &mut Ctx) {
    let Some(b) = c.good_in("READ CAPACITY (10)", &ReadCapacity10::new(), 512) else { return };
    let Ok(d) = ReadCapacity10Data::parse(&b) else {
        c.check("READ CAPACITY (10) decodes", false, &hex(&b));
        return;
    };
    c.eq("READ CAPACITY (10) block length 2048", d.block_len, 2048);
    let lbs = c.d.queue("logical_block_size").and_then(|v| v.parse::<u64>().ok());
    c.eq("READ CAPACITY (10) block length = sysfs", Some(u64::from(d.block_len)), lbs);
    c.eq(
        "READ CAPACITY (10) capacity = sysfs size",
        d.capacity_bytes().map(|v| v as u64),
        c.d.size_512().map(|s| s * 512),
    );
    let sgp = c.sg_path();
    if let Some(o) = sg3::run("sg_readcap", &[&sgp]) {
        c.eq(
            "READ CAPACITY (10) = sg_readcap",
            (Some(u64::from(d.last_lba)), Some(u64::from(d.block_len))),
            (o.num("Last LBA"), o.num("Logical block length")),
        );
    }
}

/// MODE SENSE (10) caching page against the kernel's cache_type and FUA.
fn caching(c: &mut Ctx) {
    let cdb = ModeSense10 {
        page_code: scsi_cdb::cdb::U6::new(0x08).unwrap_or_default(),
        allocation_length: 512,
        ..ModeSense10::default()
    };
    let Some(b) = c.good_in("MODE SENSE (10) caching page", &cdb, 512) else { return };
    let Ok(m) = ModeData::parse(&b, true) else {
        c.check("MODE SENSE (10) decodes", false, &hex(&b));
        return;
    };
    let Some(cp) = m.page(0x08, 0).and_then(|p| p.caching()) else {
        c.check("MODE SENSE (10) has the caching page", false, &hex(&b));
        return;
    };
    let ours = match (cp.wce, cp.rcd) {
        (false, false) => "write through",
        (false, true) => "none",
        (true, false) => "write back",
        (true, true) => "write back, no read (daft)",
    };
    c.eq("caching page WCE/RCD = sysfs cache_type", Some(ours.to_string()), c.d.disk_attr("cache_type"));
    c.eq("mode header DPOFUA = sysfs FUA", Some(m.dpofua()), c.d.disk_attr("FUA").map(|v| v.trim() == "1"));
}

/// REPORT LUNS against the LUNs the kernel found on the same target and sg_luns.
fn report_luns(c: &mut Ctx) {
    let Some(b) =
        c.good_in("REPORT LUNS", &ReportLuns { allocation_length: 4096, ..ReportLuns::default() }, 512)
    else {
        return;
    };
    let Ok(l) = ReportLunsData::parse(&b) else {
        c.check("REPORT LUNS decodes", false, &hex(&b));
        return;
    };
    let ours: BTreeSet<u64> = l.luns().map(|x| x.to_int()).collect();
    let proc = sysfs::text(&format!("/sys/class/scsi_host/host{}/proc_name", c.d.host)).unwrap_or_default();
    let kernel: BTreeSet<u64> = sysfs::devices(&proc)
        .iter()
        .filter(|x| x.host == c.d.host && x.channel == c.d.channel && x.target == c.d.target)
        .map(|x| x.lun)
        .collect();
    c.eq("REPORT LUNS = the kernel's LUNs on this target", ours.clone(), kernel);
    let sgp = c.sg_path();
    if let Some(o) = sg3::run("sg_luns", &[&sgp]) {
        let theirs = o.luns();
        let ours: Vec<String> = l.luns().map(|x| hex(&x.0)).collect();
        c.eq("REPORT LUNS = sg_luns", ours, theirs);
    }
}

/// The same INQUIRY through the block device's SG_IO gives the same bytes.
fn block_path(c: &mut Ctx, block: &str, inq: &[u8]) {
    let path = format!("/dev/{block}");
    match Device::open(&path) {
        Ok(dev) => match dev.execute(&Inquiry::standard(96), Data::None, 512) {
            Err(_) => {
                // The buffer check refused a data-in command without a buffer: expected.
                c.check("scsi-io refuses INQUIRY without a data buffer", true, "");
                let mut buf = vec![0u8; 96];
                match dev.execute(&Inquiry::standard(96), Data::In(&mut buf), 512) {
                    Ok(done) if done.is_good() => {
                        let n = buf.len().saturating_sub(done.resid.max(0) as usize).min(inq.len());
                        c.eq(&format!("INQUIRY via {path} = via sg"), hex(&buf[..n]), hex(inq));
                    }
                    Ok(done) => {
                        c.check(
                            &format!("INQUIRY via {path}"),
                            false,
                            &format!("status {:02x}h", done.status),
                        );
                    }
                    Err(e) => {
                        c.check(&format!("INQUIRY via {path}"), false, &e);
                    }
                }
            }
            Ok(_) => {
                c.check("scsi-io refuses INQUIRY without a data buffer", false, "it was sent");
            }
        },
        Err(e) => {
            c.check(&format!("open {path}"), false, &e.to_string());
        }
    }
}

/// Every CDB sent decodes back through `Command::parse` to a typed command with the same
/// bytes.
fn roundtrip(c: &mut Ctx) {
    let mut bad = Vec::new();
    for b in &c.sent {
        match Command::parse(b) {
            Ok(cmd) => match cmd.as_cdb().map(|x| x.to_buf()) {
                Some(Ok(back)) if back.as_bytes() == b.as_slice() => {}
                other => bad.push(format!("{} -> {:?}", hex(b), other.map(|r| r.map(|x| hex(x.as_bytes()))))),
            },
            Err(e) => bad.push(format!("{}: {e}", hex(b))),
        }
    }
    let n = c.sent.len();
    c.check(
        &format!("{n} CDBs sent decode back through Command::parse"),
        bad.is_empty() && n > 0,
        &bad.join("; "),
    );
}

/// Checks that depend on the scsi_debug parameters (the module's input as a third oracle),
/// and the error injections.
pub fn config_specific(r: &mut Report, cfg: &Config, devs: &[ScsiDev]) {
    let param = |k: &str| {
        cfg.params.split_whitespace().find_map(|kv| kv.strip_prefix(k).and_then(|v| v.strip_prefix('=')))
    };
    let num = |k: &str, dflt: u64| param(k).and_then(|v| v.parse::<u64>().ok()).unwrap_or(dflt);
    let lbs = num("sector_size", 512);
    let pbs = lbs << num("physblk_exp", 0);
    let dif = num("dif", 0);
    let thin = num("lbpu", 0) == 1 || num("lbpws", 0) == 1;
    let zbc = param("zbc") == Some("managed");
    for d in devs {
        let Some(sg) = d.sg.clone() else { continue };
        let Ok(dev) = Device::open(&format!("/dev/{sg}")) else { continue };
        let p = format!("{} {} {sg}", cfg.name, d.hctl);
        let mut c = Ctx { r: &mut *r, dev, d, p, sent: Vec::new() };
        if let Some(b) = c.good_in("READ CAPACITY (16) [params]", &ReadCapacity16::new(), 512) {
            if let Ok(rc) = ReadCapacity16Data::parse(&b) {
                c.eq("block length = sector_size", u64::from(rc.block_len), lbs);
                c.eq("physical block = sector_size << physblk_exp", rc.physical_block_len(), Some(pbs));
                c.eq("protection type = dif", rc.protection_type().map(u64::from), Some(dif));
                c.eq("LBPME = lbpu|lbpws", rc.lbpme, Some(thin));
            }
        }
        if thin {
            crate::commands::thin(&mut c, lbs as u32);
            let mode = if num("lbpu", 0) == 1 { "unmap" } else { "writesame_16" };
            c.eq("sysfs provisioning_mode", d.disk_attr("provisioning_mode"), Some(mode.to_string()));
        }
        if zbc {
            zones(&mut c, num("zone_size_mb", 128) * 1024 * 1024 / lbs, num("zone_nr_conv", 1));
            crate::commands::zoned(&mut c, lbs as u32);
        }
        if num("opts", 0) & 2 != 0 {
            medium_error(&mut c, lbs as u32);
            unit_attention(&mut c);
            injected(&mut c, lbs as u32);
            crate::recovery::checks(&mut c, lbs as u32);
        }
        roundtrip(&mut c);
    }
}

/// REPORT ZONES against the kernel (zoned, nr_zones, chunk_sectors) and the parameters.
fn zones(c: &mut Ctx, zone_blocks: u64, conv: u64) {
    c.eq("device type 14h (host managed)", c.d.dtype, 0x14);
    c.eq("sysfs zoned", c.d.queue("zoned"), Some("host-managed".to_string()));
    let Some(b) = c.good_in(
        "REPORT ZONES",
        &ReportZones { allocation_length: 64 * 1024, ..ReportZones::default() },
        512,
    ) else {
        return;
    };
    let Ok(z) = scsi_cdb::data::ReportZonesData::parse(&b) else {
        c.check("REPORT ZONES decodes", false, &hex(&b[..b.len().min(64)]));
        return;
    };
    let list: Vec<_> = z.zones().collect();
    c.check("REPORT ZONES complete", !z.is_truncated(), &format!("{} zones", list.len()));
    let nr = c.d.queue("nr_zones").and_then(|v| v.parse::<usize>().ok());
    c.eq("zone count = sysfs nr_zones", Some(list.len()), nr);
    let chunk = c.d.queue("chunk_sectors").and_then(|v| v.parse::<u64>().ok());
    let lbs = c.d.queue("logical_block_size").and_then(|v| v.parse::<u64>().ok()).unwrap_or(512);
    c.eq("zone length = sysfs chunk_sectors", list.first().map(|z| z.length * lbs / 512), chunk);
    c.eq("zone length = zone_size_mb", list.first().map(|z| z.length), Some(zone_blocks));
    let types: Vec<u8> = list.iter().map(|z| z.zone_type.0).collect();
    let conv_ok = types.iter().take(conv as usize).all(|t| *t == 1)
        && types.iter().skip(conv as usize).all(|t| *t == 2);
    c.check(
        "zone types: zone_nr_conv conventional, then sequential write required",
        conv_ok,
        &format!("{types:?}"),
    );
    let contiguous = list.windows(2).all(|w| w[0].start + w[0].length == w[1].start);
    c.check("zones are contiguous from LBA 0", contiguous && list.first().map(|z| z.start) == Some(0), "");
    c.eq("REPORT ZONES max LBA = capacity - 1", Some(z.max_lba + 1), c.d.size_512().map(|s| s * 512 / lbs));
    if let Some(o) = sg3::run("sg_rep_zones", &[&c.sg_path()]) {
        let n = o.text().matches("Zone descriptor:").count().max(o.text().matches("Zone type:").count());
        c.eq("zone count = sg_rep_zones", list.len(), n);
    }
}

/// scsi_debug opts=2: a READ of LBA 1234h fails with MEDIUM ERROR, UNRECOVERED READ ERROR,
/// the LBA in INFORMATION.
fn medium_error(c: &mut Ctx, bs: u32) {
    let Ok(read) = Read10::try_new(0x1234, 1) else { return };
    let done = match c.data_in(&read, bs) {
        Ok((done, _)) => done,
        Err(e) => {
            c.check("READ (10) LBA 1234h", false, &e);
            return;
        }
    };
    c.eq("READ (10) LBA 1234h: CHECK CONDITION", done.status, 0x02);
    let Some(s) = Sense::parse(&done.sense).ok() else {
        c.check("medium error sense decodes", false, &hex(&done.sense));
        return;
    };
    c.eq("medium error: sense key", s.sense_key(), Some(SenseKey::MediumError));
    c.eq("medium error: 11h/00h", s.additional_sense(), Some(AdditionalSense::new(0x11, 0x00)));
    c.eq("medium error: INFORMATION = LBA", s.information(), Some(0x1234));
    c.eq("medium error: disposition", s.disposition(), Disposition::MediumError);
    let ours = s.to_string();
    if let Some(o) = sg3::run(
        "sg_raw",
        &["-r", &bs.to_string(), &c.sg_path(), "28", "00", "00", "00", "12", "34", "00", "00", "01", "00"],
    ) {
        // sg_raw prints the decoded sense on stderr; we asked for stdout only, so use the
        // exit status: 3 is sg3_utils' MEDIUM ERROR category.
        c.eq("medium error: sg_raw exit status (3 = medium error)", o.status, 3);
    }
    c.check("medium error: summary", ours.contains("MEDIUM ERROR") && ours.contains("11h/00h"), &ours);
    crate::tool::medium_error(c, bs);
    match c.data_in(&Read10::try_new(0, 1).unwrap_or(read), bs) {
        Ok((d, _)) => {
            c.check("READ (10) LBA 0 still GOOD", d.is_good(), "");
        }
        Err(e) => {
            c.check("READ (10) LBA 0", false, &e);
        }
    }
}

/// Changing scsi_debug's virtual_gb raises CAPACITY DATA HAS CHANGED on the next command.
fn unit_attention(c: &mut Ctx) {
    let ok = std::fs::write("/sys/bus/pseudo/drivers/scsi_debug/virtual_gb", "1").is_ok();
    c.check("set virtual_gb=1", ok, "");
    let done = match c.send(&TestUnitReady::new(), Data::None, 512) {
        Ok(d) => d,
        Err(e) => {
            c.check("TEST UNIT READY after capacity change", false, &e);
            return;
        }
    };
    c.eq("unit attention: CHECK CONDITION", done.status, 0x02);
    match Sense::parse(&done.sense) {
        Ok(s) => {
            c.eq("unit attention: sense key", s.sense_key(), Some(SenseKey::UnitAttention));
            c.eq("unit attention: 2Ah/09h", s.additional_sense(), Some(AdditionalSense::new(0x2A, 0x09)));
            c.eq("unit attention: disposition", s.disposition(), Disposition::ParametersChanged);
        }
        Err(e) => {
            c.check("unit attention sense decodes", false, &e.to_string());
        }
    }
    if let Some(b) = c.good_in("READ CAPACITY (16) after change", &ReadCapacity16::new(), 512) {
        if let Ok(rc) = ReadCapacity16Data::parse(&b) {
            c.eq("capacity after virtual_gb=1", rc.capacity_bytes(), 1 << 30);
        }
    }
    let good = c.send(&TestUnitReady::new(), Data::None, 512).map(|d| d.is_good()).unwrap_or(false);
    c.check("TEST UNIT READY GOOD after the attention", good, "");
}

/// One injected error: name, scsi_debug opts, expected sense key, ASC/ASCQ and disposition.
type Injection = (&'static str, u32, SenseKey, (u8, u8), Disposition);

/// scsi_debug every_nth with opts RECOVERED_ERR (8) or DIF_ERR (32): the next READ gets the
/// injected sense.
fn injected(c: &mut Ctx, bs: u32) {
    let sysfs_w =
        |k: &str, v: &str| std::fs::write(format!("/sys/bus/pseudo/drivers/scsi_debug/{k}"), v).is_ok();
    let cases: [Injection; 2] = [
        ("recovered error", 2 | 8, SenseKey::RecoveredError, (0x5D, 0x00), Disposition::Success),
        ("protection error", 2 | 32, SenseKey::AbortedCommand, (0x10, 0x01), Disposition::ProtectionError),
    ];
    for (what, opts, key, asc, disp) in cases {
        let ok = sysfs_w("opts", &opts.to_string()) && sysfs_w("every_nth", "1");
        c.check(&format!("inject {what}: opts={opts} every_nth=1"), ok, "");
        let done = Read10::try_new(0, 1).map_err(|e| e.to_string()).and_then(|r| c.data_in(&r, bs));
        let _ = sysfs_w("every_nth", "0");
        let _ = sysfs_w("opts", "2");
        match done {
            Ok((done, _)) => {
                let s = Sense::parse(&done.sense).ok();
                c.eq(&format!("inject {what}: CHECK CONDITION"), done.status, 0x02);
                c.eq(&format!("inject {what}: sense key"), s.and_then(|s| s.sense_key()), Some(key));
                c.eq(
                    &format!("inject {what}: ASC/ASCQ"),
                    s.and_then(|s| s.additional_sense()).map(|a| (a.asc, a.ascq)),
                    Some(asc),
                );
                c.eq(&format!("inject {what}: disposition"), s.map(|s| s.disposition()), Some(disp));
            }
            Err(e) => {
                c.check(&format!("inject {what}: READ (10)"), false, &e);
            }
        }
    }
}
