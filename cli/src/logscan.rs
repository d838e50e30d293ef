//! Finds SCSI facts in log text: Linux sd/scsi_logging, VMware ESXi vmkernel, FreeBSD CAM,
//! NetBSD scsipi, Solaris sd, DriverKit-style `KEY = 0x..` lines, Dell OpenManage, and raw
//! decimal sense arrays.

use regex::Regex;
use scsi_cdb::{AdditionalSense, SenseKey};
use std::sync::OnceLock;

/// A SCSI fact found on a log line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// Raw sense bytes (a hex dump or an array).
    SenseBytes(Vec<u8>),
    /// A sense key, ASC and ASCQ as the OS printed them (any may be missing).
    Triple {
        /// SENSE KEY.
        key: Option<u8>,
        /// ASC.
        asc: Option<u8>,
        /// ASCQ.
        ascq: Option<u8>,
        /// INFORMATION, when the line gives it.
        information: Option<u64>,
        /// A deferred error.
        deferred: bool,
    },
    /// CDB bytes.
    Cdb(Vec<u8>),
    /// A SCSI status byte (ESXi `D:0x2`).
    Status(u8),
}

/// One finding: where, what the line said, and the fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based line number (of the last line, for facts spread over lines).
    pub line: usize,
    /// The log format recognized.
    pub source: &'static str,
    /// The original text.
    pub text: String,
    /// The fact.
    pub fact: Fact,
}

/// Sense key names as operating systems print them.
fn key_from_name(name: &str) -> Option<u8> {
    let n = name.trim().trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_ascii_uppercase();
    if let Some(h) = n.strip_prefix("0X") {
        return u8::from_str_radix(h, 16).ok().filter(|k| *k < 16);
    }
    if let Ok(k) = n.parse::<u8>() {
        return (k < 16).then_some(k);
    }
    Some(match n.as_str() {
        "NO SENSE" => 0,
        "RECOVERED ERROR" | "SOFT ERROR" => 1,
        "NOT READY" => 2,
        "MEDIUM ERROR" | "MEDIA ERROR" => 3,
        "HARDWARE ERROR" | "HARDWARE FAILURE" => 4,
        "ILLEGAL REQUEST" => 5,
        "UNIT ATTENTION" => 6,
        "DATA PROTECT" | "WRITE PROTECTED" => 7,
        "BLANK CHECK" => 8,
        "VENDOR SPECIFIC" => 9,
        "COPY ABORTED" => 0x0A,
        "ABORTED COMMAND" => 0x0B,
        "EQUAL" => 0x0C,
        "VOLUME OVERFLOW" => 0x0D,
        "MISCOMPARE" => 0x0E,
        "COMPLETED" => 0x0F,
        _ => {
            // Longer forms: "Medium Error [current]" is cut by the caller; try a prefix match.
            return (0..16u8).find(|k| n.starts_with(SenseKey::from_nibble(*k).name()));
        }
    })
}

/// ASC/ASCQ from its description text (case and spacing ignored).
fn asc_from_text(text: &str) -> Option<AdditionalSense> {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_uppercase();
    let t = norm(text.trim().trim_end_matches('.'));
    AdditionalSense::all().find(|(_, d)| norm(d) == t).map(|(a, _)| a)
}

/// Hex byte tokens at the end of a piece of text ("Read(10): 28 00 ..." gives the bytes).
fn trailing_hex(rest: &str) -> Option<Vec<u8>> {
    let toks: Vec<&str> = rest.split_whitespace().collect();
    let mut start = toks.len();
    while start > 0 {
        let t = toks[start - 1].trim_start_matches("0x").trim_start_matches("0X");
        if t.is_empty() || t.len() > 2 || !t.chars().all(|c| c.is_ascii_hexdigit()) {
            break;
        }
        start -= 1;
    }
    let bytes: Vec<u8> = toks[start..]
        .iter()
        .filter_map(|t| u8::from_str_radix(t.trim_start_matches("0x").trim_start_matches("0X"), 16).ok())
        .collect();
    (!bytes.is_empty()).then_some(bytes)
}

fn hexnum(s: &str) -> Option<u8> {
    u8::from_str_radix(s, 16).ok()
}

/// The scanner: feed it lines in order; it keeps the little state that facts spread over
/// lines need (Linux hex dumps, a sense key line followed by its ASC line).
pub struct Scanner {
    re: &'static [(&'static str, Regex)],
    line_no: usize,
    dump: Option<(usize, String, Vec<u8>)>,
    last_key: Option<(usize, u8, bool)>,
    driverkit: (Option<u8>, Option<u8>, Option<u8>),
}

impl Default for Scanner {
    fn default() -> Self {
        Self::new()
    }
}

const PATTERNS: &[(&str, &str)] = &[
    (
        "esxi",
        r"(?i)(?:valid|possible) sense data:\s*0[x\u{d7}]([0-9a-f]+)\s+0[x\u{d7}]([0-9a-f]+)\s+0[x\u{d7}]([0-9a-f]+)",
    ),
    ("esxi_status", r"\bD:0x([0-9a-fA-F]+)"),
    ("esx35", r"status = (\d+)/(\d+) 0x([0-9a-fA-F]+) 0x([0-9a-fA-F]+) 0x([0-9a-fA-F]+)"),
    (
        "freebsd",
        r"(?:SCSI sense: )?([A-Z][A-Z ]*[A-Z])\s+(?:info\?:([0-9a-fA-F]+)\s+)?asc:([0-9a-fA-F]+),([0-9a-fA-F]+)",
    ),
    ("linux_key", r"Sense Key\s*:\s*([^\[]+?)\s*(?:\[(current|deferred)\].*)?$"),
    ("linux_add", r"Add\. Sense:\s*(.+?)\s*$"),
    ("linux_ascq", r"ASC=0x([0-9a-fA-F]+) ASCQ=0x([0-9a-fA-F]+)"),
    ("cdb", r"(?i)\bcdb(?:\[0\]=0x[0-9a-f]+)?:\s*(.*)$"),
    ("netbsd_key", r"SENSE KEY:\s+(.+?)\s*$"),
    ("netbsd_asc", r"ASC/ASCQ:\s+(.+?)\s*$"),
    ("netbsd_deferred", r"DEFERRED ERROR, key = 0x([0-9a-fA-F]+)"),
    ("solaris_asc", r"ASC: 0x([0-9a-fA-F]+) \(.*?\), ASCQ: 0x([0-9a-fA-F]+)"),
    (
        "driverkit",
        r"\b(SENSE_KEY|ADDITIONAL_SENSE_CODE_QUALIFIER|ADDITIONAL_SENSE_CODE)\s*=\s*0x([0-9a-fA-F]+)",
    ),
    ("dell", r"(?i)Sense key:\s*([0-9a-f]+)\s+Sense code:\s*([0-9a-f]+)\s+Sense qualifier:\s*([0-9a-f]+)"),
    ("array", r"sense\w*\s*=\s*\[(\d+(?:,\s*\d+)*)\]"),
    ("dump_start", r"(?i)sense data with sense descriptors \(in hex\):"),
];

impl Scanner {
    /// A scanner. The patterns are compiled once per process and shared by every scanner, so a
    /// scanner is cheap to make (a fuzzer or a server makes one per input).
    ///
    /// # Panics
    /// Never in practice: the patterns are constants covered by tests.
    #[must_use]
    pub fn new() -> Self {
        static COMPILED: OnceLock<Vec<(&'static str, Regex)>> = OnceLock::new();
        let re = COMPILED.get_or_init(|| {
            PATTERNS.iter().map(|(n, p)| (*n, Regex::new(p).expect("pattern compiles"))).collect()
        });
        Self { re, line_no: 0, dump: None, last_key: None, driverkit: (None, None, None) }
    }

    fn cap<'t>(&self, name: &str, line: &'t str) -> Option<regex::Captures<'t>> {
        self.re.iter().find(|(n, _)| *n == name).and_then(|(_, r)| r.captures(line))
    }

    /// Scans one line; returns what it found (a finished hex dump may come out with the line
    /// after it).
    pub fn line(&mut self, line: &str) -> Vec<Finding> {
        self.line_no += 1;
        let n = self.line_no;
        let mut out = Vec::new();
        let push = |out: &mut Vec<Finding>, source, fact| {
            out.push(Finding { line: n, source, text: line.to_string(), fact })
        };

        // A Linux hex dump continues while lines hold only hex bytes.
        if let Some((start, mut text, mut bytes)) = self.dump.take() {
            let body = line.trim();
            let is_hex = !body.is_empty()
                && body.split_whitespace().all(|t| t.len() <= 2 && t.chars().all(|c| c.is_ascii_hexdigit()));
            if is_hex {
                bytes.extend(body.split_whitespace().filter_map(hexnum));
                text.push('\n');
                text.push_str(line);
                self.dump = Some((start, text, bytes));
                return out;
            }
            out.push(Finding { line: n - 1, source: "linux_hexdump", text, fact: Fact::SenseBytes(bytes) });
        }
        if self.cap("dump_start", line).is_some() {
            self.dump = Some((n, line.to_string(), Vec::new()));
            return out;
        }
        if let Some(c) = self.cap("esxi", line) {
            let key = hexnum(&c[1]);
            push(
                &mut out,
                "esxi",
                Fact::Triple {
                    key,
                    asc: hexnum(&c[2]),
                    ascq: hexnum(&c[3]),
                    information: None,
                    deferred: false,
                },
            );
            if let Some(d) = self.cap("esxi_status", line) {
                if let Some(s) = hexnum(&d[1]) {
                    push(&mut out, "esxi", Fact::Status(s));
                }
            }
            return out;
        }
        if let Some(c) = self.cap("esx35", line) {
            push(
                &mut out,
                "esx",
                Fact::Triple {
                    key: hexnum(&c[3]),
                    asc: hexnum(&c[4]),
                    ascq: hexnum(&c[5]),
                    information: None,
                    deferred: false,
                },
            );
            return out;
        }
        if let Some(c) = self.cap("freebsd", line) {
            if let Some(key) = key_from_name(&c[1]) {
                let information = c.get(2).and_then(|m| u64::from_str_radix(m.as_str(), 16).ok());
                push(
                    &mut out,
                    "freebsd",
                    Fact::Triple {
                        key: Some(key),
                        asc: hexnum(&c[3]),
                        ascq: hexnum(&c[4]),
                        information,
                        deferred: false,
                    },
                );
                return out;
            }
        }
        if let Some(c) = self.cap("dell", line) {
            push(
                &mut out,
                "dell",
                Fact::Triple {
                    key: hexnum(&c[1]),
                    asc: hexnum(&c[2]),
                    ascq: hexnum(&c[3]),
                    information: None,
                    deferred: false,
                },
            );
            return out;
        }
        if let Some(c) = self.cap("array", line) {
            let bytes: Vec<u8> = c[1].split(',').filter_map(|t| t.trim().parse().ok()).collect();
            push(&mut out, "array", Fact::SenseBytes(bytes));
            return out;
        }
        if let Some(c) = self.cap("driverkit", line) {
            let v = hexnum(&c[2]);
            match &c[1] {
                "SENSE_KEY" => self.driverkit = (v, None, None),
                "ADDITIONAL_SENSE_CODE" => self.driverkit.1 = v,
                _ => self.driverkit.2 = v,
            }
            let (key, asc, ascq) = self.driverkit;
            push(&mut out, "driverkit", Fact::Triple { key, asc, ascq, information: None, deferred: false });
            return out;
        }
        if let Some(c) = self.cap("netbsd_deferred", line) {
            if let Some(k) = hexnum(&c[1]) {
                self.last_key = Some((n, k, true));
                push(
                    &mut out,
                    "netbsd",
                    Fact::Triple { key: Some(k), asc: None, ascq: None, information: None, deferred: true },
                );
            }
            return out;
        }
        if let Some(c) = self.cap("netbsd_key", line) {
            if let Some(k) = key_from_name(&c[1]) {
                let deferred = self.last_key.is_some_and(|(l, _, d)| d && n - l < 4);
                self.last_key = Some((n, k, deferred));
                push(
                    &mut out,
                    "netbsd",
                    Fact::Triple { key: Some(k), asc: None, ascq: None, information: None, deferred },
                );
            }
            return out;
        }
        if let Some(c) = self.cap("netbsd_asc", line) {
            let a = asc_from_text(&c[1]);
            let key = self.last_key.map(|k| k.1);
            push(
                &mut out,
                "netbsd",
                Fact::Triple {
                    key,
                    asc: a.map(|a| a.asc),
                    ascq: a.map(|a| a.ascq),
                    information: None,
                    deferred: false,
                },
            );
            return out;
        }
        if let Some(c) = self.cap("solaris_asc", line) {
            let key = self.last_key.map(|k| k.1);
            push(
                &mut out,
                "solaris",
                Fact::Triple {
                    key,
                    asc: hexnum(&c[1]),
                    ascq: hexnum(&c[2]),
                    information: None,
                    deferred: false,
                },
            );
            return out;
        }
        if let Some(c) = self.cap("linux_key", line) {
            if let Some(k) = key_from_name(&c[1]) {
                let deferred = c.get(2).is_some_and(|m| m.as_str() == "deferred");
                self.last_key = Some((n, k, deferred));
                let source = if line.contains("Sense Key :") { "linux" } else { "solaris" };
                push(
                    &mut out,
                    source,
                    Fact::Triple { key: Some(k), asc: None, ascq: None, information: None, deferred },
                );
                return out;
            }
        }
        if let Some(c) = self.cap("linux_ascq", line) {
            let key = self.last_key.map(|k| k.1);
            push(
                &mut out,
                "linux",
                Fact::Triple {
                    key,
                    asc: hexnum(&c[1]),
                    ascq: hexnum(&c[2]),
                    information: None,
                    deferred: false,
                },
            );
            return out;
        }
        if let Some(c) = self.cap("linux_add", line) {
            let key = self.last_key.map(|k| k.1);
            if let Some(a) = asc_from_text(&c[1]) {
                push(
                    &mut out,
                    "linux",
                    Fact::Triple {
                        key,
                        asc: Some(a.asc),
                        ascq: Some(a.ascq),
                        information: None,
                        deferred: false,
                    },
                );
            }
            return out;
        }
        if let Some(c) = self.cap("cdb", line) {
            if let Some(b) = trailing_hex(&c[1]) {
                push(&mut out, "cdb", Fact::Cdb(b));
            }
        }
        out
    }

    /// Ends the input: returns a hex dump still being collected.
    pub fn finish(&mut self) -> Vec<Finding> {
        match self.dump.take() {
            Some((_, text, bytes)) => {
                vec![Finding {
                    line: self.line_no,
                    source: "linux_hexdump",
                    text,
                    fact: Fact::SenseBytes(bytes),
                }]
            }
            None => Vec::new(),
        }
    }
}

/// Scans a whole text.
#[must_use]
pub fn scan(text: &str) -> Vec<Finding> {
    let mut s = Scanner::new();
    let mut out: Vec<Finding> = text.lines().flat_map(|l| s.line(l)).collect();
    out.extend(s.finish());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn triple(f: &Finding) -> (Option<u8>, Option<u8>, Option<u8>) {
        match f.fact {
            Fact::Triple { key, asc, ascq, .. } => (key, asc, ascq),
            _ => panic!("{f:?}"),
        }
    }

    #[test]
    fn known_lines() {
        let f = scan("x H:0x0 D:0x2 P:0x0 Valid sense data: 0x5 0x25 0x0");
        assert_eq!(triple(&f[0]), (Some(5), Some(0x25), Some(0)));
        assert_eq!(f[1].fact, Fact::Status(2));
        let f = scan("blog H:0x0 D:0x2 P:0x0 Valid sense data: 0\u{d7}4 0\u{d7}44 0\u{d7}0");
        assert_eq!(triple(&f[0]), (Some(4), Some(0x44), Some(0)));
        let f = scan("(da0:umass-sim0:0:0:0): SCSI sense: NOT READY asc:3a,0 (Medium not present)");
        assert_eq!(triple(&f[0]), (Some(2), Some(0x3A), Some(0)));
        let f = scan("(sa0:ahc0:0:6:0): ILLEGAL REQUEST info?:b6ca6 asc:24,0");
        assert!(matches!(f[0].fact, Fact::Triple { information: Some(0xB6CA6), .. }));
        let f = scan(
            "sd: [sde] tag#40 Sense Key : Medium Error [current]\nsd: [sde] tag#40 Add. Sense: Unrecovered read error\nsd: CDB: Read(10) 28 00 00 31 c9 b8 00 00 30 00",
        );
        assert_eq!(triple(&f[1]), (Some(3), Some(0x11), Some(0)));
        assert_eq!(f[2].fact, Fact::Cdb(vec![0x28, 0, 0, 0x31, 0xC9, 0xB8, 0, 0, 0x30, 0]));
        let f = scan(
            "Descriptor sense data with sense descriptors (in hex):\n   72 03 11 04 00 00 00 0c\n   00 0a\nnext",
        );
        assert!(matches!(&f[0].fact, Fact::SenseBytes(b) if b.len() == 10));
        let f = scan("SENSE_KEY = 0x5\nADDITIONAL_SENSE_CODE = 0x20\nADDITIONAL_SENSE_CODE_QUALIFIER = 0x0");
        assert_eq!(triple(&f[2]), (Some(5), Some(0x20), Some(0)));
        let f = scan("Sense Key: Media Error\nASC: 0x11 (unrecovered read error), ASCQ: 0x0, FRU: 0x0");
        assert_eq!(triple(&f[1]), (Some(3), Some(0x11), Some(0)));
        let f = scan("cdb[0]=0x28: 28 00 03 b7 23 80 00 00 08 00");
        assert!(matches!(&f[0].fact, Fact::Cdb(b) if b.len() == 10));
    }
}
