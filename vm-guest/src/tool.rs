//! The `scsi` tool (the `scsi-tool` crate, copied into the guest as `/bin/scsi`) run on the
//! same device as sg3_utils, its output compared field by field: `scsi inquiry` with sg_inq,
//! `scsi inquiry --vpd` with sg_vpd, `scsi readcap` (and `--long`) with sg_readcap (`-l`),
//! `scsi luns` with sg_luns, `scsi tur` with sg_turs, and `scsi raw` with sg_raw, exit
//! statuses included (both follow sg3_utils' categories).

use std::process::Command;

use serde_json::Value;

use crate::checks::Ctx;
use crate::sg3;

const SCSI: &str = "/bin/scsi";

/// One `scsi` run: its JSON (`Null` when stdout was not JSON) and exit status.
struct Run {
    json: Value,
    status: i32,
}

impl Run {
    /// `data.<path>` of the JSON as a number (bools count as 0/1).
    fn num(&self, path: &[&str]) -> Option<u64> {
        let mut v = self.json.get("data")?;
        for p in path {
            v = v.get(p)?;
        }
        match v {
            Value::Bool(b) => Some(u64::from(*b)),
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// `data.<key>` as text.
    fn text(&self, key: &str) -> Option<String> {
        self.json.get("data")?.get(key)?.as_str().map(str::to_string)
    }
}

fn scsi(c: &mut Ctx, what: &str, args: &[&str]) -> Option<Run> {
    match Command::new(SCSI).args(args).output() {
        Ok(o) => Some(Run {
            json: serde_json::from_slice(&o.stdout).unwrap_or(Value::Null),
            status: o.status.code().unwrap_or(-1),
        }),
        Err(e) => {
            c.check(&format!("scsi {what} runs"), false, &e.to_string());
            None
        }
    }
}

fn trim(s: &str) -> String {
    s.trim_end_matches([' ', '\0']).trim_start().to_string()
}

/// Every comparison for one device; `pages` is its VPD 00h list.
pub fn device(c: &mut Ctx, pages: &[u8], is_disk: bool) {
    let dev = c.dev.path.clone();
    inquiry(c, &dev);
    if pages.contains(&0x80) {
        serial(c, &dev);
    }
    if pages.contains(&0x83) {
        identification(c, &dev);
    }
    if is_disk {
        readcap(c, &dev);
    }
    luns(c, &dev);
    tur(c, &dev);
    if is_disk {
        probe(c, &dev);
    }
}

/// `scsi probe DEV --json`: the profile the tool prints against what the kernel's sd
/// concluded for the same disk (sysfs).
fn probe(c: &mut Ctx, dev: &str) {
    let Some(ours) = scsi(c, "probe", &["probe", dev, "--json"]) else { return };
    c.eq("scsi probe exit status", ours.status, 0);
    let p = ours.json.get("profile").cloned().unwrap_or(Value::Null);
    let num = |k: &str| p.get(k).and_then(Value::as_u64);
    let text = |k: &str| p.get(k).and_then(Value::as_str).map(trim);
    let q = |k: &str| c.d.queue(k).and_then(|v| v.trim().parse::<u64>().ok());
    let (lbs, pbs) = (q("logical_block_size"), q("physical_block_size"));
    let size = c.d.size_512();
    c.eq(
        "scsi probe --json vendor/product/revision = sysfs",
        (text("vendor"), text("product"), text("revision")),
        (
            c.d.attr("vendor").map(|s| trim(&s)),
            c.d.attr("model").map(|s| trim(&s)),
            c.d.attr("rev").map(|s| trim(&s)),
        ),
    );
    let bytes = match (num("capacity_blocks"), num("logical_block_size")) {
        (Some(n), Some(b)) => Some(n * b),
        _ => None,
    };
    c.eq(
        "scsi probe --json block sizes and capacity = sysfs",
        (num("logical_block_size"), num("physical_block_size"), bytes),
        (lbs, pbs, size.map(|s| s * 512)),
    );
}

fn inquiry(c: &mut Ctx, dev: &str) {
    let Some(ours) = scsi(c, "inquiry", &["inquiry", dev, "--json"]) else { return };
    let Some(theirs) = sg3::run("sg_inq", &[dev]) else { return };
    c.eq("scsi inquiry exit status = sg_inq's", ours.status, theirs.status);
    c.eq(
        "scsi inquiry vendor/product/revision = sg_inq",
        (
            ours.text("vendor").map(|s| trim(&s)),
            ours.text("product").map(|s| trim(&s)),
            ours.text("revision").map(|s| trim(&s)),
        ),
        (
            theirs.get("Vendor identification").map(|s| trim(&s)),
            theirs.get("Product identification").map(|s| trim(&s)),
            theirs.get("Product revision level").map(|s| trim(&s)),
        ),
    );
    let pairs = [
        ("PDT", "device_type"),
        ("PQual", "peripheral_qualifier"),
        ("RMB", "rmb"),
        ("version", "version"),
        ("NormACA", "normaca"),
        ("HiSUP", "hisup"),
        ("Resp_data_format", "response_data_format"),
        ("SCCS", "sccs"),
        ("ACC", "acc"),
        ("TPGS", "tpgs"),
        ("3PC", "3pc"),
        ("Protect", "protect"),
        ("EncServ", "encserv"),
        ("MultiP", "multip"),
        ("CmdQue", "cmdque"),
    ];
    let mut diffs = Vec::new();
    for (sg, key) in pairs {
        let (a, b) = (ours.num(&[key]), theirs.num(sg));
        if a != b {
            diffs.push(format!("{sg}: scsi {a:?} sg_inq {b:?}"));
        }
    }
    c.check("scsi inquiry --json fields = sg_inq (15 fields)", diffs.is_empty(), &diffs.join("; "));
}

fn serial(c: &mut Ctx, dev: &str) {
    let Some(ours) = scsi(c, "inquiry --vpd 0x80", &["inquiry", dev, "--vpd", "0x80", "--json"]) else {
        return;
    };
    let Some(theirs) = sg3::run("sg_vpd", &["-p", "sn", dev]) else { return };
    let sn = ours.json.get("data").and_then(|d| d.get("page")).and_then(|p| p.get("serial_number"));
    c.eq(
        "scsi inquiry --vpd 0x80 serial = sg_vpd -p sn",
        sn.and_then(Value::as_str).map(trim),
        theirs.get("Unit serial number").map(|s| trim(&s)),
    );
    c.eq("scsi inquiry --vpd 0x80 exit status = sg_vpd's", ours.status, theirs.status);
}

fn identification(c: &mut Ctx, dev: &str) {
    let Some(ours) = scsi(c, "inquiry --vpd 0x83", &["inquiry", dev, "--vpd", "0x83", "--json"]) else {
        return;
    };
    let Some(theirs) = sg3::run("sg_vpd", &["-p", "di", "-r", dev]) else { return };
    // sg_vpd --raw prints the page bytes; count its designators by walking their headers.
    let raw = &theirs.stdout;
    let mut count = 0;
    let end = raw.get(2..4).map_or(0, |l| 4 + usize::from(u16::from_be_bytes([l[0], l[1]])));
    let mut at = 4;
    while at + 4 <= end.min(raw.len()) {
        count += 1;
        at += 4 + usize::from(raw[at + 3]);
    }
    let ours_n = ours
        .json
        .get("data")
        .and_then(|d| d.get("page"))
        .and_then(|p| p.get("designators"))
        .and_then(Value::as_array)
        .map(Vec::len);
    c.eq("scsi inquiry --vpd 0x83 designator count = sg_vpd's page", ours_n, Some(count));
}

fn readcap(c: &mut Ctx, dev: &str) {
    if let (Some(ours), Some(theirs)) =
        (scsi(c, "readcap", &["readcap", dev, "--json"]), sg3::run("sg_readcap", &[dev]))
    {
        c.eq(
            "scsi readcap (last LBA, block length) = sg_readcap",
            (ours.num(&["returned_logical_block_address"]), ours.num(&["logical_block_length"])),
            (theirs.num("Last LBA"), theirs.num("Logical block length")),
        );
        c.eq("scsi readcap exit status = sg_readcap's", ours.status, theirs.status);
    }
    let (Some(ours), Some(theirs)) = (
        scsi(c, "readcap --long", &["readcap", dev, "--long", "--json"]),
        sg3::run("sg_readcap", &["-l", dev]),
    ) else {
        return;
    };
    let keys = [
        ("Last LBA", "returned_logical_block_address"),
        ("Logical block length", "logical_block_length"),
        ("prot_en", "prot_en"),
        ("p_type", "p_type"),
        ("p_i_exponent", "p_i_exponent"),
        ("Logical blocks per physical block exponent", "logical_blocks_per_physical_block_exponent"),
        ("lbpme", "lbpme"),
        ("lbprz", "lbprz"),
        ("Lowest aligned LBA", "lowest_aligned_logical_block_address"),
    ];
    let mut diffs = Vec::new();
    for (sg, key) in keys {
        let (a, b) = (ours.num(&[key]), theirs.num(sg));
        if a != b {
            diffs.push(format!("{sg}: scsi {a:?} sg_readcap {b:?}"));
        }
    }
    c.check("scsi readcap --long fields = sg_readcap -l (9 fields)", diffs.is_empty(), &diffs.join("; "));
}

fn luns(c: &mut Ctx, dev: &str) {
    let (Some(ours), Some(theirs)) = (scsi(c, "luns", &["luns", dev, "--json"]), sg3::run("sg_luns", &[dev]))
    else {
        return;
    };
    let ours_l: Vec<String> = ours
        .json
        .get("data")
        .and_then(|d| d.get("luns"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|l| l.get("lun")?.as_str().map(|s| s.replace(' ', ""))).collect())
        .unwrap_or_default();
    let theirs_l = theirs.luns();
    c.eq("scsi luns = sg_luns", ours_l, theirs_l);
    c.eq("scsi luns exit status = sg_luns'", ours.status, theirs.status);
}

fn tur(c: &mut Ctx, dev: &str) {
    let (Some(ours), Some(theirs)) = (scsi(c, "tur", &["tur", dev]), sg3::run("sg_turs", &[dev])) else {
        return;
    };
    c.eq("scsi tur exit status = sg_turs'", ours.status, theirs.status);
}

/// The injected medium error through `scsi raw` and `sg_raw`: the same exit category (3).
pub fn medium_error(c: &mut Ctx, bs: u32) {
    let dev = c.dev.path.clone();
    let cdb = ["28", "00", "00", "00", "12", "34", "00", "00", "01", "00"];
    let len = bs.to_string();
    let mut args = vec!["raw", dev.as_str()];
    args.extend(cdb);
    args.extend(["--in", len.as_str(), "--json"]);
    let Some(ours) = scsi(c, "raw", &args) else { return };
    let key = ours.json.get("sense").and_then(|s| s.get("sense_key")).and_then(Value::as_u64);
    let asc = ours.json.get("sense").and_then(|s| s.get("asc")).and_then(Value::as_u64);
    c.eq("scsi raw READ (10) LBA 1234h: sense 3h/11h in its JSON", (key, asc), (Some(3), Some(0x11)));
    let mut sg_args = vec!["-r", len.as_str(), dev.as_str()];
    sg_args.extend(cdb);
    if let Some(theirs) = sg3::run("sg_raw", &sg_args) {
        c.eq("scsi raw exit status = sg_raw's (3, medium error)", (ours.status, theirs.status), (3, 3));
    }
}
