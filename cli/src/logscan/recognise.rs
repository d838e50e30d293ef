//! Line recognisers: what one log line says (its parts) and which device it names.

use regex::Regex;
use std::sync::OnceLock;

use super::names::{
    asc_from_prefix, byte, key_alternation, key_from_text, linux_driver_code, linux_host_code, normalize,
    number, status_from_text,
};
use super::{EsxiStatus, HostResult, SenseValidity};

/// One fact on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A sense key alone.
    Key {
        /// SENSE KEY.
        key: u8,
        /// Deferred error.
        deferred: bool,
    },
    /// An ASC (with the ASCQ when the line has it).
    Asc {
        /// ASC.
        asc: u8,
        /// ASCQ.
        ascq: Option<u8>,
    },
    /// Key, ASC and ASCQ on one line (any may be missing).
    Triple {
        /// SENSE KEY.
        key: Option<u8>,
        /// ASC.
        asc: Option<u8>,
        /// ASCQ.
        ascq: Option<u8>,
        /// Deferred error.
        deferred: bool,
    },
    /// INFORMATION.
    Information(u64),
    /// Raw sense bytes.
    SenseBytes(Vec<u8>),
    /// The following lines are a hex dump of the sense data.
    DumpStart,
    /// CDB bytes.
    Cdb(Vec<u8>),
    /// Operation code alone.
    Opcode(u8),
    /// The name the log gave the command.
    CommandName(String),
    /// Linux host/driver byte.
    HostResult(HostResult),
    /// SCSI status byte.
    Status(u8),
    /// ESXi H:/D:/P: and sense data remark.
    Esxi(EsxiStatus),
    /// A block address reported for the failure.
    Lba(u64),
}

/// What a line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    /// The format recognised.
    pub source: &'static str,
    /// The device the line names.
    pub device: Option<String>,
    /// The facts.
    pub parts: Vec<Part>,
    /// The line is a whole event by itself (ESXi).
    pub complete: bool,
}

struct Res {
    esxi_sense: Regex,
    esxi_hdp: Regex,
    esxi_cmd: Regex,
    esx35: Regex,
    libiscsi: Regex,
    ltfs: Regex,
    bracket: Regex,
    paren: Regex,
    combined: Regex,
    labels: Regex,
    freebsd: Regex,
    key_line: Regex,
    asc_num: Regex,
    asc_name: Regex,
    sense_code: Regex,
    sense_qual: Regex,
    key_name: Regex,
    info: Regex,
    result: Regex,
    retcode: Regex,
    scsi_status: Regex,
    cdb: Regex,
    opcode: Regex,
    solaris_cmd: Regex,
    lba: Regex,
    error_block: Regex,
    dump_header: Regex,
    array: Regex,
    dev_bracket: Regex,
    dev_esxi: Regex,
    dev_cam: Regex,
    dev_bsd: Regex,
    dev_solaris: Regex,
    dev_colon: Regex,
    dev_path: Regex,
    dev_hctl: Regex,
    dev_esx35: Regex,
    solaris_head: Regex,
    device_only: Regex,
    named_cdb: Regex,
    wd_asc: Regex,
    stenc_key: Regex,
    deferred_key: Regex,
}

fn res() -> &'static Res {
    static R: OnceLock<Res> = OnceLock::new();
    R.get_or_init(|| {
        let r = |p: &str| Regex::new(p).expect("recogniser pattern compiles");
        let num = r"(?:0[x\u{d7}][0-9a-f]+|\$[0-9a-f]{1,2}\b|[0-9a-f]{1,2}h?\b)";
        let keys = key_alternation();
        Res {
            esxi_sense: r(r"(?i)\b(valid|possible|invalid) sense data:\s*0[x\u{d7}]([0-9a-f]+)\s+0[x\u{d7}]([0-9a-f]+)\s+0[x\u{d7}]([0-9a-f]+)"),
            esxi_hdp: r(r"\bH:0[x\u{d7}]([0-9a-fA-F]+)\s+D:0[x\u{d7}]([0-9a-fA-F]+)\s+P:0[x\u{d7}]([0-9a-fA-F]+)"),
            esxi_cmd: r(r"(?i)\b(?:Cmd(?:\(0x[0-9a-f]+\))?,?|Command)\s+0x([0-9a-f]{1,2})\b"),
            esx35: r(r"\bstatus = ([0-9a-fA-F]+)/([0-9a-fA-F]+) 0x([0-9a-fA-F]+) 0x([0-9a-fA-F]+) 0x([0-9a-fA-F]+)"),
            libiscsi: r(r"(?i)SENSE KEY:\s*[A-Z_]*\((\d+)\)\s+ASCQ:\s*[A-Z_0-9]*\((0x[0-9a-f]{1,4})\)"),
            ltfs: r(r"(?i)\bsense\s*=\s*([0-9a-f]{2})/?([0-9a-f]{2})([0-9a-f]{2})\b"),
            bracket: r(r"(?i)\[0x([0-9a-f]{1,2})\s+0x([0-9a-f]{1,2})\s+0x([0-9a-f]{1,2})\]"),
            paren: r(r"(?i)\(0x([0-9a-f])\s*-\s*0x([0-9a-f]{1,2})\s+0x([0-9a-f]{1,2})(?:\s+0x[0-9a-f]{1,2})?\)"),
            combined: r(&format!(
                r"(?i)\b(?:key[-/ ]asc[-/ ]ascq|sk[-/ ]asc[-/ ]ascq|kcq|sense key/asc/ascq|sense/asc/ascq)\s*[:=]?\s*({num})\s*[-/.,: ]\s*({num})\s*[-/.,: ]\s*({num})"
            )),
            labels: r(&format!(
                r"(?i)\b(sense[ _-]?key|skey|sk|key|asc/q|asc/ascq|ascq|asc|additional[ _]sense[ _]code[ _]qualifier|additional[ _]sense[ _]code|additional[ _]sense|add\. ?sense|sense[ _]code|sense[ _]qual(?:ifier)?|qualifier|qual|asq|acq)\s*(?:[:=]\s*|\s+)({num})(?:/({num}))?"
            )),
            freebsd: r(r"\b([A-Z][A-Z ]*[A-Z])\s+(?:info\??:([0-9a-fA-F]+)\s+)?(?:csi:[0-9a-fA-F,]+\s+)?asc:([0-9a-fA-F]+),([0-9a-fA-F]+)"),
            key_line: r(r"(?i)\bsense[ _]?key\s*(?:[:=]\s*|\s+)(.+)$"),
            asc_num: r(&format!(
                r"(?i)\bASC\s*[=:]?\s*({num})\s*(?:\([^)]*\))?[,;]?\s*ASCQ\s*[=:]?\s*({num})"
            )),
            asc_name: r(r"(?i)\b(?:Add\.\s*Sense|Additional sense(?:\s+indicates)?|ASC/ASCQ|Sense code)\s*:?\s*(.+)$"),
            sense_code: r(&format!(r"(?i)\bSense Code\s*:\s*({num})(?:\s+Qual(?:ifier)?\s*:?\s*({num}))?")),
            sense_qual: r(&format!(r"(?i)\bSense Qual(?:ifier)?\s*:\s*({num})")),
            key_name: r(&format!(r"(?i)\b({keys})\b")),
            info: r(r"(?i)\b(?:Info fld=|INFO FIELD:\s*|Info:\s*)(0x[0-9a-f]+|\d+)"),
            result: r(r"(?i)\bResult:\s*hostbyte=(\w+)\s+driverbyte=(\w+)"),
            retcode: r(r"(?i)\breturn code = (?:0x)?([0-9a-f]{1,8})\b"),
            scsi_status: r(r"(?i)(?:\bSCSI ?status|\bstatus)\s*:\s*(?:0x([0-9a-f]{1,2})\b)?[\s=(]*([A-Za-z][A-Za-z_ ]*)?"),
            cdb: r(r"(?i)\bcdb(?:\[0\]=0x[0-9a-f]+)?\s*:\s*(.*)$"),
            opcode: r(r"(?i)(?:\bon opcode |^[\s>]*Opcode:\s*)(0x[0-9a-f]{1,2})\b"),
            solaris_cmd: r(r"(?i)\bError for Command:\s*(.+?)\s{2,}|\bError for Command:\s*(\S+)"),
            lba: r(r"(?i)\b(?:I/O error|medium error|target error|critical \w+ error),? dev ([\w:.-]+), sector (\d+)"),
            error_block: r(r"(?i)\bError Block:\s*(\d+)"),
            dump_header: r(r"(?i)(?:sense data(?: with sense descriptors)? \(in hex\)|raw sense data[^:]*|sense bytes|sense buffer|sense data|requestsense response|sense area|sense)\s*(?:\(in hex\))?\s*[:=]\s*(.*)$"),
            array: r(r"(?i)sense\w*\s*=\s*\[(\d+(?:,\s*\d+)*)\]"),
            dev_bracket: r(r"\[((?:sd[a-z]+|sr\d+|st\d+|nst\d+|sg\d+|scd\d+|osst\d+|ch\d+))\]"),
            dev_esxi: r("(?i)\\b(?:dev|device)\\s+[\"\u{201e}\u{201c}']?((?:naa|t10|eui|mpx|sym|vml)\\.[^\"\u{201c}\u{201d}\u{2033}\u{2019}'\\s,]+)"),
            dev_cam: r(r"\(((?:da|ada|cd|sa|nsa|ch|pass|ses|nda|sg)\d+):[\w-]*\d*:\d+:\d+:\d+\)"),
            dev_bsd: r(r"\b((?:sd|st|cd|ch|uk|ss|ses)\d+)\([\w]+:\d+:\d+(?::\d+)?\)"),
            dev_solaris: r(r"\((s?sd\d+|st\d+)\)"),
            dev_colon: r(r"(?:^|\s)((?:sd[a-z]+|sr\d+|st\d+|nst\d+|hd[a-z])):\s"),
            dev_path: r(r"(?:\bdev |\s)(/dev/[\w/.-]+)|\bdev (sd[a-z]+\d*|sr\d+|st\d+)\b"),
            dev_hctl: r(r"\b(?:sd|sr|st|ses|sg) (\d+:\d+:\d+:\d+):"),
            dev_esx35: r(r"\b(vmhba\d+:\d+:\d+:\d+)\b"),
            solaris_head: r(r"^\s*(?:WARNING: /\S+ \((?:s?sd|st)\d+\)|Vendor: .*Serial Number)"),
            device_only: r(r"(?:^|\s)(?:sd|sr|st|ses|sg) \d+:\d+:\d+:\d+: \[\w+\](?:\s*CDB:)?\s*$"),
            named_cdb: r(r"(?:^|[\s\]:])[A-Z][a-z]+(?:[ _][A-Za-z]+)*\(\d+\):\s*((?:[0-9a-fA-F]{2} ?)+)\s*$"),
            wd_asc: r(r"(?i)\bASC=([0-9a-f]{2}), vendor specific qualification ASCQ=([0-9a-f]{2})"),
            stenc_key: r(r"(?i)\bSense Code:\s+[a-z][a-z ]*\((0x[0-9a-f]+)\)"),
            deferred_key: r(r"(?i)\bDEFERRED ERROR,? key\s*=\s*(0x[0-9a-f]+|[0-9a-f])\b"),
        }
    })
}

/// The device a line names.
pub fn device_of(line: &str) -> Option<String> {
    let r = res();
    for re in [
        &r.dev_bracket,
        &r.dev_esxi,
        &r.dev_cam,
        &r.dev_bsd,
        &r.dev_path,
        &r.dev_colon,
        &r.dev_hctl,
        &r.dev_esx35,
    ] {
        if let Some(c) = re.captures(line) {
            if let Some(m) = c.iter().skip(1).flatten().next() {
                return Some(m.as_str().to_string());
            }
        }
    }
    if line.contains("WARNING") || line.contains("Error for") {
        if let Some(c) = r.dev_solaris.captures(line) {
            return Some(c[1].to_string());
        }
    }
    None
}

fn hex_token(t: &str) -> Option<u8> {
    let h = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")).unwrap_or(t);
    (h.len() == 2 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| u8::from_str_radix(h, 16).ok())
        .flatten()
}

/// The hex bytes at the end of a line, after any prefix (timestamp, syslog or device prefix,
/// an offset like `0000:`); `None` when the line does not end in hex bytes.
pub fn hex_line(line: &str) -> Option<Vec<u8>> {
    let toks: Vec<&str> =
        line.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()).collect();
    let mut start = toks.len();
    while start > 0 && hex_token(toks[start - 1]).is_some() {
        start -= 1;
    }
    if start == toks.len() || toks.len() - start > 256 {
        return None;
    }
    // What comes before the run: nothing, an offset, or a prefix that ends like one.
    if let Some(prev) = start.checked_sub(1).map(|i| toks[i]) {
        let offset = prev
            .strip_suffix(':')
            .map(|p| p.trim_start_matches("0x").trim_start_matches('['))
            .is_some_and(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_hexdigit()));
        let bracket_offset = prev.starts_with('[') && prev.ends_with(']') && prev.len() <= 10;
        let ends_ok = prev.ends_with([']', ':', '>', ')', '|'])
            || prev.strip_prefix("tag#").is_some_and(|t| t.bytes().all(|b| b.is_ascii_digit()));
        if !(offset || bracket_offset || ends_ok) {
            return None;
        }
    }
    Some(toks[start..].iter().filter_map(|t| hex_token(t)).collect())
}

/// True for bytes that look like sense data with a T10-defined code (for dumps with no header).
fn plausible_sense(b: &[u8]) -> bool {
    let Ok(s) = scsi_cdb::sense::Sense::parse(b) else { return false };
    let sum = s.summary();
    let rc = sum.response_code;
    let long_enough = match rc {
        0x70 | 0x71 => b.len() >= 14,
        0x72 | 0x73 => b.len() >= 8,
        _ => false,
    };
    long_enough
        && sum.sense_key.is_some()
        && sum.additional_sense.is_some_and(|a| {
            matches!(a.description(), Some(scsi_cdb::code::Description::Text(_)))
                || (a.asc == 0 && a.ascq == 0)
        })
        && b.get(7).is_some_and(|l| *l <= 244)
}

fn lead_key(rest: &str) -> Option<u8> {
    let first = rest.split_whitespace().next()?;
    if let Some(k) = byte(first.trim_end_matches([',', ';']), true).filter(|k| *k < 16) {
        // "0x5 Illegal Request" or "5"; a word like "Aborted" is not a number.
        if first.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
            return Some(k);
        }
    }
    let cut = rest.split(['[', '(', ';', ',']).next().unwrap_or(rest);
    key_from_text(cut).or_else(|| key_from_text(rest))
}

fn asc_ascq_value(s: &str) -> Option<(u8, u8)> {
    // "0x11/0x00", "11/00", "11h/00h".
    let (a, q) = s.split_once('/')?;
    let q = q.split_whitespace().next()?;
    Some((byte(a.trim(), true)?, byte(q, true)?))
}

fn deferred(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    l.contains("[deferred]") || l.contains("deferred:") || l.contains("deferred error")
}

fn opcode_from_name(name: &str) -> Option<u8> {
    static T: OnceLock<Vec<(String, u8)>> = OnceLock::new();
    let t = T.get_or_init(|| {
        (0..=255u8).filter_map(|op| scsi_cdb::OpCode(op).name().map(|n| (normalize(n), op))).collect()
    });
    let n = normalize(name);
    let n = match n.as_str() {
        "READ" => "READ 6".to_string(),
        "WRITE" => "WRITE 6".to_string(),
        _ => n,
    };
    t.iter().find(|(k, _)| *k == n).map(|(_, op)| *op)
}

/// What a line says, or `None`.
pub fn recognise(line: &str) -> Option<Recognised> {
    let r = res();
    // A line picked only because it ends in `]`: it matters only as a device prefix alone.
    if line.trim_end().ends_with(']') && !super::keywords().is_match(line) {
        return r.device_only.is_match(line).then(|| Recognised {
            source: "linux",
            device: device_of(line),
            parts: Vec::new(),
            complete: false,
        });
    }
    let lc = line.to_ascii_lowercase();
    let g = |keys: &[&str]| keys.iter().any(|k| memchr::memmem::find(lc.as_bytes(), k.as_bytes()).is_some());
    let mut parts = Vec::new();
    let hx = |s: &str| byte(s, true);

    // VMware ESXi: one line is one event.
    let sense = g(&["sense data"]).then(|| r.esxi_sense.captures(line)).flatten();
    let hdp = g(&["h:0"]).then(|| r.esxi_hdp.captures(line)).flatten();
    if sense.is_some() || hdp.is_some() {
        let mut e = EsxiStatus::default();
        if let Some(c) = &hdp {
            e.host = hx(&c[1]);
            e.device = hx(&c[2]);
            e.plugin = hx(&c[3]);
        }
        if let Some(c) = &sense {
            let v = match c[1].to_ascii_lowercase().as_str() {
                "valid" => SenseValidity::Valid,
                "possible" => SenseValidity::Possible,
                _ => SenseValidity::Invalid,
            };
            let (k, a, q) = (hx(&c[2]), hx(&c[3]), hx(&c[4]));
            if let (Some(k), Some(a), Some(q)) = (k, a, q) {
                e.sense_data = Some((v, [k, a, q]));
                let meaningful = match v {
                    SenseValidity::Valid => k < 16,
                    SenseValidity::Possible => k < 16 && (k, a, q) != (0, 0, 0),
                    SenseValidity::Invalid => false,
                };
                if meaningful {
                    parts.push(Part::Triple { key: Some(k), asc: Some(a), ascq: Some(q), deferred: false });
                }
            }
        }
        parts.push(Part::Esxi(e));
        if let Some(c) = g(&["cmd", "command"]).then(|| r.esxi_cmd.captures(line)).flatten() {
            if let Some(op) = hx(&c[1]) {
                parts.push(Part::Opcode(op));
            }
        }
        return Some(Recognised { source: "esxi", device: device_of(line), parts, complete: true });
    }
    if let Some(c) = g(&["status = "]).then(|| r.esx35.captures(line)).flatten() {
        let e = EsxiStatus { device: hx(&c[1]), host: hx(&c[2]), ..EsxiStatus::default() };
        // "device status/host status key asc ascq": the three numbers are sense data only with
        // a CHECK CONDITION from the device.
        if e.device == Some(2) {
            parts.push(Part::Triple { key: hx(&c[3]), asc: hx(&c[4]), ascq: hx(&c[5]), deferred: false });
        }
        parts.push(Part::Esxi(e));
        return Some(Recognised { source: "esx", device: device_of(line), parts, complete: true });
    }

    // Lines that only carry the device or the drive for the lines after them (Solaris sd).
    if g(&["warning: /", "vendor:"]) && r.solaris_head.is_match(line) {
        return Some(Recognised { source: "solaris", device: device_of(line), parts, complete: false });
    }
    if (line.trim_end().ends_with(']') || line.trim_end().ends_with("CDB:")) && r.device_only.is_match(line) {
        return Some(Recognised { source: "linux", device: device_of(line), parts, complete: false });
    }
    if let Some(c) = g(&["): "]).then(|| r.named_cdb.captures(line)).flatten() {
        if let Some(b) = trailing_hex(&c[1]) {
            parts.push(Part::Cdb(b));
            return Some(Recognised { source: "linux", device: device_of(line), parts, complete: false });
        }
    }
    if let Some(c) = g(&["sense code:"]).then(|| r.stenc_key.captures(line)).flatten() {
        if let Some(k) = hx(&c[1]).filter(|k| *k < 16) {
            parts.push(Part::Key { key: k, deferred: false });
            return Some(Recognised { source: "stenc", device: device_of(line), parts, complete: false });
        }
    }
    if let Some(c) = g(&["vendor specific qualification"]).then(|| r.wd_asc.captures(line)).flatten() {
        if let (Some(a), Some(q)) = (hx(&c[1]), hx(&c[2])) {
            parts.push(Part::Asc { asc: a, ascq: Some(q) });
            return Some(Recognised { source: "sg3_utils", device: device_of(line), parts, complete: false });
        }
    }
    if let Some(c) = g(&["deferred"]).then(|| r.deferred_key.captures(line)).flatten() {
        if let Some(k) = hx(&c[1]).filter(|k| *k < 16) {
            parts.push(Part::Key { key: k, deferred: true });
            return Some(Recognised {
                source: guess_source(line, &device_of(line), "generic"),
                device: device_of(line),
                parts,
                complete: false,
            });
        }
    }
    let mut source = "generic";
    // Whole triples on one line.
    let mut triple: Option<(Option<u8>, Option<u8>, Option<u8>)> = None;
    if let Some(c) = g(&["ascq:"]).then(|| r.libiscsi.captures(line)).flatten() {
        let k = c[1].parse::<u8>().ok().filter(|k| *k < 16);
        let aq = number(&c[2], true).and_then(|v| u16::try_from(v).ok());
        triple = Some((k, aq.map(|v| (v >> 8) as u8), aq.map(|v| v as u8)));
        source = "libiscsi";
    } else if let Some(c) = g(&["sense"]).then(|| r.ltfs.captures(line)).flatten() {
        triple = Some((hx(&c[1]).filter(|k| *k < 16), hx(&c[2]), hx(&c[3])));
        source = "ltfs";
    } else if let Some(c) = g(&["ascq", "kcq"]).then(|| r.combined.captures(line)).flatten() {
        triple = Some((hx(&c[1]).filter(|k| *k < 16), hx(&c[2]), hx(&c[3])));
    } else if let Some(c) = g(&["[0x"])
        .then(|| r.bracket.captures(line))
        .flatten()
        .or_else(|| g(&["(0x"]).then(|| r.paren.captures(line)).flatten())
    {
        triple = Some((hx(&c[1]).filter(|k| *k < 16), hx(&c[2]), hx(&c[3])));
    } else if let Some(c) = g(&["asc:"]).then(|| r.freebsd.captures(line)).flatten() {
        if let Some(k) = key_from_text(&c[1]) {
            if let Some(i) = c.get(2).and_then(|m| u64::from_str_radix(m.as_str(), 16).ok()) {
                parts.push(Part::Information(i));
            }
            triple = Some((Some(k), hx(&c[3]), hx(&c[4])));
            source = "freebsd";
        }
    }
    if triple.is_none() {
        // Labelled numbers: "senseKey = 0x6, asc = 0x29, ascq = 0x1", "SK=5h/ASC=24h/ACQ=00h".
        let (mut k, mut a, mut q) = (None, None, None);
        for c in r.labels.captures_iter(if g(&["asc", "sense", "sk", "qual", "acq", "asq", "key"]) {
            line
        } else {
            ""
        }) {
            let label = c[1].to_ascii_lowercase().replace(['_', '-'], " ");
            let v1 = hx(&c[2]);
            let v2 = c.get(3).and_then(|m| hx(m.as_str()));
            match label.as_str() {
                "sense key" | "sensekey" | "skey" | "sk" | "key" => k = k.or(v1.filter(|k| *k < 16)),
                "asc/q" | "asc/ascq" => {
                    a = a.or(v1);
                    q = q.or(v2);
                }
                "asc"
                | "additional sense code"
                | "additional sense"
                | "add. sense"
                | "add.sense"
                | "sense code" => {
                    a = a.or(v1);
                    if v2.is_some() {
                        q = q.or(v2);
                    }
                }
                _ => q = q.or(v1),
            }
        }
        if k.is_some() && a.is_some() {
            triple = Some((k, a, q));
        } else if k.is_none() {
            // Only the ASC and/or ASCQ labelled ("ADDITIONAL_SENSE_CODE = 0x20"): a part.
            if let Some(a) = a {
                parts.push(Part::Asc { asc: a, ascq: q });
            } else if let Some(q) = q {
                parts.push(Part::Triple { key: None, asc: None, ascq: Some(q), deferred: false });
            }
        }
    }
    if let Some((key, asc, ascq)) = triple {
        parts.push(Part::Triple { key, asc, ascq, deferred: deferred(line) });
    } else {
        // Parts of a triple spread over lines.
        let mut have_key = false;
        let labelled = !parts.is_empty();
        if let Some(c) =
            g(&["sense key", "sense_key", "sensekey"]).then(|| r.key_line.captures(line)).flatten()
        {
            if let Some(k) = lead_key(&c[1]) {
                parts.push(Part::Key { key: k, deferred: deferred(line) });
                have_key = true;
                source = "linux";
            }
        }
        if labelled {
        } else if let Some(c) = g(&["asc"]).then(|| r.asc_num.captures(line)).flatten() {
            if let Some(a) = hx(&c[1]) {
                parts.push(Part::Asc { asc: a, ascq: hx(&c[2]) });
            }
        } else if let Some(c) = g(&["sense code"]).then(|| r.sense_code.captures(line)).flatten() {
            if let Some(a) = hx(&c[1]) {
                parts.push(Part::Asc { asc: a, ascq: c.get(2).and_then(|m| hx(m.as_str())) });
            }
        } else if let Some(c) = g(&["sense", "asc/ascq"]).then(|| r.asc_name.captures(line)).flatten() {
            let rest = c[1].trim();
            if let Some((a, q)) = asc_ascq_value(rest).or_else(|| asc_from_prefix(rest)) {
                parts.push(Part::Asc { asc: a, ascq: Some(q) });
            }
        } else if let Some(c) = g(&["sense qual"]).then(|| r.sense_qual.captures(line)).flatten() {
            if let Some(q) = hx(&c[1]) {
                parts.push(Part::Triple { key: None, asc: None, ascq: Some(q), deferred: false });
            }
        }
        if !have_key && !parts.iter().any(|p| matches!(p, Part::Asc { .. })) {
            // A key name and an ASC description in one line, in either order.
            if let Some(m) = g(&[
                "error",
                "ready",
                "request",
                "attention",
                "protect",
                "blank",
                "aborted",
                "overflow",
                "miscompare",
                "failure",
                "vendor",
            ])
            .then(|| r.key_name.find(line))
            .flatten()
            {
                let key = key_from_text(m.as_str());
                let after = line.get(m.end()..).unwrap_or_default();
                let found = asc_from_prefix(after.trim_start_matches([':', '-', ',', '/', ' ', '(']))
                    .or_else(|| asc_anywhere(line.get(..m.start()).unwrap_or_default()))
                    .or_else(|| asc_anywhere(after));
                if let (Some(k), Some((a, q))) = (key, found) {
                    parts.push(Part::Triple {
                        key: Some(k),
                        asc: Some(a),
                        ascq: Some(q),
                        deferred: deferred(line),
                    });
                }
            }
        }
    }
    if let Some(c) = g(&["info"]).then(|| r.info.captures(line)).flatten() {
        let v = &c[1];
        let i = if v.starts_with("0x") { number(v, true) } else { v.parse().ok() };
        if let Some(i) = i {
            if !parts.iter().any(|p| matches!(p, Part::Information(_))) {
                parts.push(Part::Information(i));
            }
        }
    }
    if let Some(c) = g(&["result:"]).then(|| r.result.captures(line)).flatten() {
        let h = HostResult { host_byte: linux_host_code(&c[1]), driver_byte: linux_driver_code(&c[2]) };
        parts.push(Part::HostResult(h));
        source = "linux";
    } else if let Some(c) = g(&["return code"]).then(|| r.retcode.captures(line)).flatten() {
        if let Ok(v) = u32::from_str_radix(&c[1], 16) {
            parts.push(Part::HostResult(HostResult {
                host_byte: Some((v >> 16) as u8),
                driver_byte: Some((v >> 24) as u8),
            }));
            parts.push(Part::Status(v as u8));
            source = "linux";
        }
    }
    if let Some(c) = g(&["status"]).then(|| r.scsi_status.captures(line)).flatten() {
        let s = c
            .get(1)
            .and_then(|m| hx(m.as_str()))
            .or_else(|| c.get(2).and_then(|m| status_from_text(m.as_str())));
        if let Some(s) = s {
            parts.push(Part::Status(s));
        }
    }
    if let Some(c) = g(&["cdb"]).then(|| r.cdb.captures(line)).flatten() {
        if let Some(b) = trailing_hex(&c[1]) {
            parts.push(Part::Cdb(b));
        }
    } else if let Some(c) = g(&["opcode"]).then(|| r.opcode.captures(line)).flatten() {
        if let Some(op) = hx(&c[1]) {
            parts.push(Part::Opcode(op));
        }
    } else if let Some(c) = g(&["error for command"]).then(|| r.solaris_cmd.captures(line)).flatten() {
        if let Some(m) = c.get(1).or_else(|| c.get(2)) {
            let name = m.as_str().trim().to_string();
            if let Some(op) = opcode_from_name(&name) {
                parts.push(Part::Opcode(op));
            }
            parts.push(Part::CommandName(name));
            source = "solaris";
        }
    }
    let mut complete = false;
    if let Some(c) = g(&[" sector "]).then(|| r.lba.captures(line)).flatten() {
        if let Ok(l) = c[2].parse() {
            parts.push(Part::Lba(l));
            // Linux prints the failing sector last: it ends the event.
            complete = true;
        }
    } else if let Some(c) = g(&["error block"]).then(|| r.error_block.captures(line)).flatten() {
        if let Ok(l) = c[1].parse() {
            parts.push(Part::Lba(l));
        }
    }
    // Sense bytes: a dump header (maybe with bytes after it), an array, a bare dump.
    if !parts.iter().any(|p| matches!(p, Part::Triple { .. } | Part::Key { .. } | Part::Asc { .. })) {
        if let Some(c) = g(&["=["]).then(|| r.array.captures(line)).flatten() {
            let bytes: Vec<u8> = c[1].split(',').filter_map(|t| t.trim().parse().ok()).collect();
            parts.push(Part::SenseBytes(bytes));
        } else if let Some(c) = g(&["sense"]).then(|| r.dump_header.captures(line)).flatten() {
            let rest = c[1].trim();
            if rest.is_empty() {
                parts.push(Part::DumpStart);
            } else if let Some(b) = hex_line(&format!(": {rest}")) {
                if b.len() >= 3 {
                    let complete = b.len() >= 8 && b.len() >= 8 + usize::from(b[7]);
                    parts.push(Part::SenseBytes(b));
                    if !complete {
                        parts.push(Part::DumpStart);
                    }
                }
            }
        } else if parts.is_empty() {
            if let Some(b) =
                g(&["70 ", "71 ", "72 ", "73 ", "f0 ", "f1 ", "0x7", "0xf"]).then(|| hex_line(line)).flatten()
            {
                if plausible_sense(&b) {
                    let complete = b.len() >= 8 + usize::from(b[7]);
                    parts.push(Part::SenseBytes(b));
                    if !complete {
                        parts.push(Part::DumpStart);
                    }
                }
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    if source == "generic" || source == "linux" {
        source = guess_source(line, &device_of(line), source);
    }
    Some(Recognised { source, device: device_of(line), parts, complete })
}

fn guess_source(line: &str, device: &Option<String>, fallback: &'static str) -> &'static str {
    let r = res();
    if r.dev_cam.is_match(line) {
        return "freebsd";
    }
    if r.dev_bsd.is_match(line) || line.contains("SENSE KEY:") || line.contains("ASC/ASCQ:") {
        return "netbsd";
    }
    if line.contains("Sense Key :") || line.contains("Add. Sense:") || r.dev_bracket.is_match(line) {
        return "linux";
    }
    if line.contains("Sense Key:") && line.contains("Media Error") || line.contains("Error Block") {
        return "solaris";
    }
    if line.contains("Fixed format") || line.contains("Descriptor format") || line.contains("Raw sense data")
    {
        return "sg3_utils";
    }
    if device.is_some() && fallback == "linux" {
        return "linux";
    }
    fallback
}

/// An ASC description that starts at any word of `text`.
fn asc_anywhere(text: &str) -> Option<(u8, u8)> {
    let words: Vec<&str> = text.split_whitespace().take(40).collect();
    (0..words.len()).find_map(|i| {
        let w = words[i].trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
        if w.len() < 2 {
            return None;
        }
        let rest = words[i..].join(" ");
        let got = asc_from_prefix(&rest)?;
        // One generic word ("ERROR") is not a description.
        (normalize(&rest).split(' ').count() >= 2).then_some(got)
    })
}

/// Hex byte tokens at the end of a piece of text ("Read(10): 28 00 ..." gives the bytes);
/// tokens may be one digit (FreeBSD prints `1 0 0 0 0 0`).
fn trailing_hex(rest: &str) -> Option<Vec<u8>> {
    let toks: Vec<&str> = rest.split_whitespace().collect();
    let mut start = toks.len();
    while start > 0 {
        let t = toks[start - 1].trim_start_matches("0x").trim_start_matches("0X");
        if t.is_empty() || t.len() > 2 || !t.bytes().all(|c| c.is_ascii_hexdigit()) {
            break;
        }
        start -= 1;
    }
    let bytes: Vec<u8> = toks[start..]
        .iter()
        .filter_map(|t| u8::from_str_radix(t.trim_start_matches("0x").trim_start_matches("0X"), 16).ok())
        .take(64)
        .collect();
    (!bytes.is_empty()).then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::super::scan;

    /// (log text, first line, key, ASC, ASCQ) for the line forms the issue names.
    fn one(text: &str) -> (usize, Option<u8>, Option<u8>, Option<u8>) {
        let ev = scan(text);
        let sense: Vec<_> = ev.iter().filter(|e| e.sense_key().is_some() || e.asc().is_some()).collect();
        assert_eq!(sense.len(), 1, "{text}\n{ev:#?}");
        let e = sense[0];
        (e.first_line, e.sense_key(), e.asc(), e.ascq())
    }

    #[test]
    fn generic_triples_any_order_and_separator() {
        for (t, k, a, q) in [
            ("array: senseKey = 0x6, asc = 0x29, ascq = 0x1", 6, 0x29, 1),
            ("ctrl: Skey:0x06 Info:0x0 asc/q:0x38/07", 6, 0x38, 7),
            ("sense data (0x3 - 0x11 0x0 0xe4)", 3, 0x11, 0),
            ("drive: Sense key = 0x1, Additional sense = 0x18, Qualifier = 0x01", 1, 0x18, 1),
            ("tldcd[123]: key = 0x4, asc = 0x40, ascq = 0x1", 4, 0x40, 1),
            ("SenseData Key-Asc-Ascq: 03-11-05 = MEDIUM_ERROR", 3, 0x11, 5),
            ("LTFS30201D CDB check condition: sense = 06/2a01, Mode parameters changed.", 6, 0x2A, 1),
            ("# 1  Background long   Failed in segment -->   -   12345   0x1a2b [0x3 0x11 0x0]", 3, 0x11, 0),
            ("KCQ: 3/11/00", 3, 0x11, 0),
            ("ascq=0x0 asc=0x24 sense_key=0x5", 5, 0x24, 0),
            ("error: Invalid field in CDB (Illegal Request)", 5, 0x24, 0),
            ("UNIT ATTENTION - Not Ready To Ready Transition (Medium May Have Changed)", 6, 0x28, 0),
        ] {
            assert_eq!(one(t), (1, Some(k), Some(a), Some(q)), "{t}");
        }
    }

    #[test]
    fn older_linux_kernels() {
        // 2.4: Info fld and the key on one line, the ASC text on the next.
        let t = "Info fld=0x3a1b2, Current sd08:01: sense key Medium Error\n Additional sense indicates Unrecovered read error\n";
        assert_eq!(one(t), (1, Some(3), Some(0x11), Some(0)));
        assert_eq!(scan(t)[0].information(), Some(0x3A1B2));
        // 2.6.1x: "sdX: Current: sense key:" and "Additional sense:".
        let t = "sda: Current: sense key: Medium Error\n    Additional sense: Unrecovered read error - auto reallocate failed\n";
        assert_eq!(one(t), (1, Some(3), Some(0x11), Some(4)));
        let t = "sdb: Current: sense key=0xb\n    ASC=0x47 ASCQ=0x0\n";
        assert_eq!(one(t), (1, Some(0xB), Some(0x47), Some(0)));
        let t = "sdb: Deferred: sense key: Hardware Error\n    Additional sense: Internal target failure\n";
        let ev = scan(t);
        assert!(ev[0].deferred());
        assert_eq!(one(t), (1, Some(4), Some(0x44), Some(0)));
    }

    #[test]
    fn hex_dumps_with_offsets_and_prefixes() {
        // udisks/hexdump style with offsets and a double space in the middle.
        let t = "0000: f0 00 05 00  58 00 00 0a  00 00 00 00  24 00 00 00\n0010: 00 00\n";
        assert_eq!(one(t), (1, Some(5), Some(0x24), Some(0)));
        // An emulator's REQUEST SENSE response with 0x bytes.
        let t = "RequestSense response: 0xF0 0x00 0x06 0x00 0x00 0x00 0x00 0x0A 0x00 0x00 0x00 0x00 0x29 0x00 0x00 0x00 0x00 0x00\n";
        assert_eq!(one(t), (1, Some(6), Some(0x29), Some(0)));
        // sg_raw's raw dump after its text decode: one event, the bytes attached.
        let t = " Fixed format, current;  Sense key: Not Ready\n Additional sense: Medium not present\n Raw sense data (in hex):\n        70 00 02 00 00 00 00 0a  00 00 00 00 3a 00 00 00\n        00 00\n";
        assert_eq!(one(t), (1, Some(2), Some(0x3A), Some(0)));
        assert_eq!(scan(t)[0].sense.as_ref().unwrap().bytes.as_ref().map(Vec::len), Some(18));
        // journald prefixes on every dump line.
        let t = "Dec 06 10:00:01 host kernel: sd 0:0:0:0: [sda] tag#1 Sense Key : Medium Error [current] [descriptor]\n\
                 Dec 06 10:00:01 host kernel: sd 0:0:0:0: [sda] tag#1 Descriptor sense data with sense descriptors (in hex):\n\
                 Dec 06 10:00:01 host kernel: sd 0:0:0:0: [sda] tag#1         72 03 11 04 00 00 00 0c 00 0a 80 00 00 00 00 00\n\
                 Dec 06 10:00:01 host kernel: sd 0:0:0:0: [sda] tag#1         00 00 10 00\n";
        assert_eq!(one(t), (1, Some(3), Some(0x11), Some(4)));
        assert_eq!(scan(t)[0].information(), Some(0x1000));
        // Hex that is not sense data is not an event.
        assert!(scan("Code: 48 89 e5 41 57 41 56 41 55 41 54 53 48 83 ec 18\n").is_empty());
        assert!(
            scan("mac 70 00 12 34 56 78 9a bc de f0 11 22 33 44 55 66\n")
                .iter()
                .all(|e| e.sense_key().is_none())
        );
    }

    #[test]
    fn nero_style_three_lines() {
        let t = "Sense Key: 0x03 (KEY_MEDIUM_ERROR)\nSense Code: 0x11\nSense Qual: 0x05\n";
        assert_eq!(one(t), (1, Some(3), Some(0x11), Some(5)));
    }
}
