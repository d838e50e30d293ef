//! Finds SCSI events in log text written by kernels, hypervisors, storage arrays and tools.
//!
//! # Streaming API (stable)
//!
//! The scanner does no I/O: feed it text, get [`Event`]s out. It compiles for
//! `wasm32-unknown-unknown`.
//!
//! ```
//! use scsi_decode::logscan::Scanner;
//! let mut s = Scanner::new();
//! let mut events = Vec::new();
//! // Any chunking: a line may be split across calls.
//! events.extend(s.feed(b"sd 3:0:0:1: [sde] tag#40 Sense Key : Medium Error [current]\nsd 3:0:0:1: [sde] tag#40 Add. "));
//! events.extend(s.feed(b"Sense: Unrecovered read error\n"));
//! events.extend(s.finish());
//! assert_eq!(events.len(), 1);
//! let e = &events[0];
//! assert_eq!((e.first_line, e.last_line), (1, 2));
//! assert_eq!((e.sense_key(), e.asc(), e.ascq()), (Some(3), Some(0x11), Some(0)));
//! assert_eq!(e.device.as_deref(), Some("sde"));
//! ```
//!
//! - [`Scanner::feed`] takes bytes in any chunks (a partial last line is kept until its end
//!   arrives; invalid UTF-8 is replaced); [`Scanner::feed_line`] takes one line without its
//!   newline; [`Scanner::finish`] ends the input and returns what is still open.
//! - [`scan`] does all three for a whole text.
//! - Each call returns the events completed so far, in order of their first line.
//! - Memory stays bounded: at most [`MAX_OPEN`] events are open, a line is cut at
//!   [`MAX_LINE`] bytes, and the parts of one event are kept only until it closes.
//! - [`crate::event_json`] and [`crate::event_text`] render an event; [`summary::Summary`]
//!   counts events per device.
//!
//! # Correlation
//!
//! One log event is often spread over lines (Linux: `Result:`, `Sense Key :`, `Add. Sense:`,
//! a hex dump, `CDB:`; FreeBSD: `CDB:`, `CAM status:`, `SCSI sense:`). A part joins an open
//! event only when both name the same device and the event's last line is at most
//! [`WINDOW`] lines back; a line that names no device joins only the event of the line
//! directly before it, and a line that names a device never joins an event whose lines named
//! none. A part whose slot is already filled (a second sense key, a second
//! CDB) starts a new event. So a key is never paired with an ASC of another device or one
//! from far away, and every value in an event was printed on one of its lines.
//! [`Event::first_line`]..=[`Event::last_line`] is the range it came from (1-based).
//!
//! # Speed
//!
//! [`Scanner::feed`] looks for a small set of keywords over whole chunks with one
//! Aho-Corasick automaton; lines without a keyword are only counted, so they cost about as
//! much as finding their newline.

pub mod names;
mod recognise;
pub mod report;
pub mod summary;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::OnceLock;

pub use recognise::{Part, Recognised};

/// How many lines back a part may join an event of the same device.
pub const WINDOW: usize = 10;
/// At most this many events are open at once (the oldest closes first).
pub const MAX_OPEN: usize = 32;
/// Longer lines are cut to this many bytes.
pub const MAX_LINE: usize = 16 * 1024;

/// What ESXi says about the three sense numbers it prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SenseValidity {
    /// `Valid sense data:` the device returned sense data and these are its key, ASC, ASCQ.
    Valid,
    /// `Possible sense data:` ESXi did not get a CHECK CONDITION with sense data; the numbers
    /// may be stale or zero and do not describe the failure (look at H:/D:/P:).
    Possible,
    /// `Invalid sense data:` the bytes are not sense data; the numbers mean nothing.
    Invalid,
}

impl SenseValidity {
    /// `valid`, `possible` or `invalid`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Possible => "possible",
            Self::Invalid => "invalid",
        }
    }
}

/// The sense part of an event, as the log gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SenseFacts {
    /// SENSE KEY (0-15).
    pub key: Option<u8>,
    /// ADDITIONAL SENSE CODE.
    pub asc: Option<u8>,
    /// ADDITIONAL SENSE CODE QUALIFIER.
    pub ascq: Option<u8>,
    /// INFORMATION (the LBA of a medium error on a direct-access device).
    pub information: Option<u64>,
    /// A deferred error.
    pub deferred: bool,
    /// Raw sense bytes (a hex dump or an array) when the log printed them.
    pub bytes: Option<Vec<u8>>,
}

/// ESXi `H:0x.. D:0x.. P:0x..` and its sense data remark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EsxiStatus {
    /// Host status.
    pub host: Option<u8>,
    /// Device status (a SCSI status byte).
    pub device: Option<u8>,
    /// Plugin status.
    pub plugin: Option<u8>,
    /// `Valid`/`Possible`/`Invalid sense data` with the three numbers printed.
    pub sense_data: Option<(SenseValidity, [u8; 3])>,
}

/// Linux `Result: hostbyte=.. driverbyte=..` or `return code = 0x..`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HostResult {
    /// Host byte.
    pub host_byte: Option<u8>,
    /// Driver byte.
    pub driver_byte: Option<u8>,
}

/// The failed command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandFacts {
    /// Operation code.
    pub opcode: Option<u8>,
    /// The CDB bytes, when the log printed them.
    pub cdb: Option<Vec<u8>>,
    /// The name the log gave the command ("read(10)").
    pub logged_name: Option<String>,
}

/// One SCSI event found in a log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Event {
    /// First line (1-based).
    pub first_line: usize,
    /// Last line (1-based).
    pub last_line: usize,
    /// The log format of the first recognised line ("linux", "esxi", "freebsd", ...).
    pub source: &'static str,
    /// The device (`sda`, `naa.6001...`, `da0`, `sd11`), when a line names it.
    pub device: Option<String>,
    /// The recognised lines with their numbers (lines in between that had nothing are not kept).
    pub lines: Vec<(usize, String)>,
    /// Sense key, ASC/ASCQ, raw sense.
    pub sense: Option<SenseFacts>,
    /// ESXi host/device/plugin status.
    pub esxi: Option<EsxiStatus>,
    /// Linux host and driver bytes.
    pub host_result: Option<HostResult>,
    /// SCSI status (Linux `return code`, CAM `SCSI status:`, ESXi `D:`).
    pub status: Option<u8>,
    /// The failed command.
    pub command: Option<CommandFacts>,
    /// The block address the log reported for the failure (`sector N`, `Error Block: N`).
    pub lba: Option<u64>,
}

impl Event {
    fn parsed(&self) -> Option<scsi_cdb::sense::SenseSummary> {
        let b = self.sense.as_ref()?.bytes.as_ref()?;
        let s = scsi_cdb::sense::Sense::parse(b).ok()?;
        let sum = s.summary();
        sum.sense_key.is_some().then_some(sum)
    }

    /// The sense key (from the raw bytes when printed, else from the text).
    #[must_use]
    pub fn sense_key(&self) -> Option<u8> {
        self.parsed().and_then(|s| s.sense_key.map(|k| k as u8)).or_else(|| self.sense.as_ref()?.key)
    }

    /// The ASC.
    #[must_use]
    pub fn asc(&self) -> Option<u8> {
        self.parsed().and_then(|s| s.additional_sense.map(|a| a.asc)).or_else(|| self.sense.as_ref()?.asc)
    }

    /// The ASCQ.
    #[must_use]
    pub fn ascq(&self) -> Option<u8> {
        self.parsed().and_then(|s| s.additional_sense.map(|a| a.ascq)).or_else(|| self.sense.as_ref()?.ascq)
    }

    /// INFORMATION (from the bytes, else the text).
    #[must_use]
    pub fn information(&self) -> Option<u64> {
        self.parsed().and_then(|s| s.information).or_else(|| self.sense.as_ref()?.information)
    }

    /// Deferred error.
    #[must_use]
    pub fn deferred(&self) -> bool {
        self.parsed().map_or_else(|| self.sense.as_ref().is_some_and(|s| s.deferred), |s| s.deferred)
    }

    /// The operation code of the failed command.
    #[must_use]
    pub fn opcode(&self) -> Option<u8> {
        let c = self.command.as_ref()?;
        c.cdb.as_ref().and_then(|b| b.first().copied()).or(c.opcode)
    }

    /// The LBA of a medium error: INFORMATION of a MEDIUM ERROR, else the sector the log
    /// printed beside it.
    #[must_use]
    pub fn medium_error_lba(&self) -> Option<u64> {
        (self.sense_key() == Some(3)).then(|| self.information().or(self.lba)).flatten()
    }

    /// The timestamp the log printed at the start of the event's first line (syslog
    /// `Dec  6 10:15:12`, ISO 8601, `[Tue Oct 27 08:51:30 2020]`, dmesg `[  133.903545]`).
    #[must_use]
    pub fn timestamp(&self) -> Option<&str> {
        static RE: OnceLock<regex::Regex> = OnceLock::new();
        let re = RE.get_or_init(|| {
            regex::Regex::new(
                r"^(?:[^\s:]+:)?\s*(\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d [\d:]{8} \d{4}\]|\d{4}-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?|[A-Z][a-z]{2} [ \d]?\d [\d:]{8}|\[\s*\d+\.\d+\])",
            )
            .expect("timestamp pattern compiles")
        });
        let line = self.lines.first().map(|l| l.1.as_str())?;
        re.captures(line).and_then(|c| c.get(1)).map(|m| m.as_str())
    }

    fn has_sense(&self) -> bool {
        self.sense.as_ref().is_some_and(|s| s.key.is_some() || s.asc.is_some() || s.bytes.is_some())
    }
}

/// Keywords that a line with SCSI content has (ASCII case ignored).
const KEYWORDS: &[&str] = &[
    "sense",
    "asc",
    "cdb",
    "deferred",
    "scsi",
    "hostbyte",
    "driverbyte",
    "h:0x",
    "status =",
    "status:",
    "return code",
    "i/o error",
    "error block",
    "error for command",
    "info fld",
    "opcode",
    "sk=",
    "kcq",
    "command 0x",
    "cmd 0x",
    "cmd(0x",
    "medium error",
    "media error",
    "illegal request",
    "not ready",
    "unit attention",
    "hardware error",
    "hardware failure",
    "aborted command",
    "check condition",
    "info field",
    "vendor:",
    "info:",
    "70 00 ",
    "f0 00 ",
    "71 00 ",
    "72 0",
    "73 0",
    "0x70 ",
    "0xf0 ",
    "0x72 ",
    "0x71 ",
    "0x73 ",
    "[112,",
    "[113,",
    "[114,",
    "[0x",
    "(6): ",
    "(10): ",
    "(12): ",
    "(16): ",
    "(32): ",
    "]\n",
    "] \n",
    "]\r\n",
    "] \r\n",
    "$0",
];

pub(crate) fn keywords() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(KEYWORDS)
            .expect("keyword automaton builds")
    })
}

/// True when the line has any keyword the recognisers need.
#[must_use]
pub fn has_keyword(line: &[u8]) -> bool {
    // The patterns that end in a line end: the line ends with `]` (a device prefix alone).
    keywords().is_match(line) || (line.len() < MAX_LINE && (line.ends_with(b"]") || line.ends_with(b"] ")))
}

struct Open {
    ev: Event,
    /// Collecting hex dump lines into the sense bytes.
    dump: bool,
    /// The declared length of the dump once known (stop there).
    dump_want: Option<usize>,
}

/// The streaming scanner (see the module documentation).
#[derive(Default)]
pub struct Scanner {
    line_no: usize,
    partial: Vec<u8>,
    open: Vec<Open>,
    ready: Vec<Event>,
    /// The group that the previous line touched (for lines that name no device).
    last_touched: Option<(usize, usize)>,
}

impl Scanner {
    /// A scanner.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Lines seen so far.
    #[must_use]
    pub fn lines(&self) -> usize {
        self.line_no
    }

    /// Feeds bytes in any chunking; returns the events completed so far.
    pub fn feed(&mut self, mut data: &[u8]) -> Vec<Event> {
        if !self.partial.is_empty() {
            match memchr::memchr(b'\n', data) {
                None => {
                    let room = MAX_LINE.saturating_sub(self.partial.len());
                    self.partial.extend_from_slice(data.get(..room.min(data.len())).unwrap_or_default());
                    return self.take_ready();
                }
                Some(i) => {
                    let room = MAX_LINE.saturating_sub(self.partial.len());
                    let head = data.get(..i).unwrap_or_default();
                    self.partial.extend_from_slice(head.get(..room.min(head.len())).unwrap_or_default());
                    let line = std::mem::take(&mut self.partial);
                    self.line_bytes(&line, true);
                    data = data.get(i + 1..).unwrap_or_default();
                }
            }
        }
        let end = memchr::memrchr(b'\n', data).map_or(0, |i| i + 1);
        let (whole, rest) = data.split_at(end);
        self.block(whole);
        if !rest.is_empty() {
            self.partial.extend_from_slice(rest.get(..MAX_LINE.min(rest.len())).unwrap_or_default());
        }
        self.take_ready()
    }

    /// Feeds one line (without its line end); returns the events completed so far.
    pub fn feed_line(&mut self, line: &str) -> Vec<Event> {
        self.line_bytes(line.as_bytes(), true);
        self.take_ready()
    }

    /// Ends the input: returns every event still open.
    pub fn finish(&mut self) -> Vec<Event> {
        if !self.partial.is_empty() {
            let line = std::mem::take(&mut self.partial);
            self.line_bytes(&line, true);
        }
        while !self.open.is_empty() {
            self.close(0);
        }
        self.take_ready()
    }

    /// Whole lines (each ending in `\n`).
    fn block(&mut self, data: &[u8]) {
        let ac = keywords();
        let mut pos = 0;
        while pos < data.len() {
            if self.open.iter().any(|o| o.dump) {
                let end = memchr::memchr(b'\n', &data[pos..]).map_or(data.len(), |i| pos + i);
                self.line_bytes(&data[pos..end], true);
                pos = end + 1;
                continue;
            }
            let Some(m) = ac.find(&data[pos..]) else {
                self.line_no += memchr::memchr_iter(b'\n', &data[pos..]).count();
                return;
            };
            let at = pos + m.start();
            let start = memchr::memrchr(b'\n', &data[pos..at]).map_or(pos, |i| pos + i + 1);
            self.line_no += memchr::memchr_iter(b'\n', &data[pos..start]).count();
            let end = memchr::memchr(b'\n', &data[at..]).map_or(data.len(), |i| at + i);
            self.line_bytes(&data[start..end], true);
            pos = end + 1;
        }
    }

    fn line_bytes(&mut self, line: &[u8], check: bool) {
        self.line_no += 1;
        let line = line.get(..MAX_LINE.min(line.len())).unwrap_or_default();
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let dumping = self.open.iter().any(|o| o.dump);
        if check && !dumping && !has_keyword(line) {
            return;
        }
        let text = String::from_utf8_lossy(line);
        self.line(&text);
    }

    fn line(&mut self, line: &str) {
        let n = self.line_no;
        // A hex dump continues while lines hold only hex bytes (after any prefix).
        if let Some(i) = self.open.iter().position(|o| o.dump) {
            if let Some(bytes) = recognise::hex_line(line) {
                let same_dev = recognise::device_of(line)
                    .is_none_or(|d| self.open[i].ev.device.as_deref().is_none_or(|e| e == d));
                if same_dev && !bytes.is_empty() {
                    let o = &mut self.open[i];
                    let s = o.ev.sense.get_or_insert_with(SenseFacts::default);
                    let b = s.bytes.get_or_insert_with(Vec::new);
                    if b.len() + bytes.len() <= 256 {
                        b.extend_from_slice(&bytes);
                    }
                    if o.dump_want.is_none() && b.len() >= 8 {
                        o.dump_want = Some(8 + usize::from(b[7]));
                    }
                    o.ev.last_line = n;
                    o.ev.lines.push((n, line.to_string()));
                    if o.dump_want.is_some_and(|w| b.len() >= w) {
                        o.dump = false;
                    }
                    self.last_touched = Some((i, n));
                    return;
                }
            }
            self.open[i].dump = false;
        }
        let Some(rec) = recognise::recognise(line) else { return };
        self.correlate(n, line, rec);
    }

    fn correlate(&mut self, n: usize, line: &str, rec: Recognised) {
        // Close what is too old.
        let mut i = 0;
        while i < self.open.len() {
            if n.saturating_sub(self.open[i].ev.last_line) > WINDOW {
                self.close(i);
            } else {
                i += 1;
            }
        }
        let adjacent = self.last_touched.filter(|(_, l)| *l + 1 == n).map(|(g, _)| g);
        let target = match &rec.device {
            // A line that names a device joins only an event of that device (never one whose
            // lines named none: those may belong to anything).
            Some(d) => self.open.iter().rposition(|o| o.ev.device.as_deref() == Some(d.as_str())),
            None => adjacent.filter(|g| *g < self.open.len()),
        };
        let target = target.filter(|g| fits(&self.open[*g].ev, &rec.parts));
        let g = match target {
            Some(g) => g,
            None => {
                if let Some(d) = &rec.device {
                    // A new event for this device ends the older open one when its slot is taken.
                    if let Some(old) =
                        self.open.iter().rposition(|o| o.ev.device.as_deref() == Some(d.as_str()))
                    {
                        self.close(old);
                    }
                }
                if self.open.len() >= MAX_OPEN {
                    self.close(0);
                }
                self.open.push(Open {
                    ev: Event { first_line: n, source: rec.source, ..Event::default() },
                    dump: false,
                    dump_want: None,
                });
                self.open.len() - 1
            }
        };
        let o = &mut self.open[g];
        if o.ev.device.is_none() {
            o.ev.device.clone_from(&rec.device);
        }
        o.ev.last_line = n;
        o.ev.lines.push((n, line.to_string()));
        for p in rec.parts {
            merge(o, p);
        }
        self.last_touched = Some((g, n));
        if rec.complete && !o.dump {
            self.close(g);
        }
    }

    fn close(&mut self, i: usize) {
        if i >= self.open.len() {
            return;
        }
        let o = self.open.remove(i);
        if let Some((g, l)) = self.last_touched {
            self.last_touched = match g.cmp(&i) {
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => Some((g - 1, l)),
                std::cmp::Ordering::Less => Some((g, l)),
            };
        }
        let mut ev = o.ev;
        // Raw bytes that are not sense data say nothing: drop them.
        if let Some(s) = &mut ev.sense {
            if s.bytes.as_ref().is_some_and(|b| scsi_cdb::sense::Sense::parse(b).is_err()) {
                s.bytes = None;
            }
            if s.key.is_none() && s.asc.is_none() && s.bytes.is_none() && s.information.is_none() {
                ev.sense = None;
            }
        }
        let meaningful = ev.has_sense()
            || ev.esxi.is_some()
            || ev.host_result.is_some()
            || ev.status.is_some()
            || ev.command.is_some()
            || ev.lba.is_some();
        if meaningful {
            self.ready.push(ev);
        }
    }

    fn take_ready(&mut self) -> Vec<Event> {
        if self.ready.is_empty() {
            return Vec::new();
        }
        let min_open = self.open.iter().map(|o| o.ev.first_line).min().unwrap_or(usize::MAX);
        self.ready.sort_by_key(|e| e.first_line);
        let k = self.ready.partition_point(|e| e.first_line < min_open);
        self.ready.drain(..k).collect()
    }
}

/// True when every part has a free slot in the event (and keeps the order logs print them).
fn fits(ev: &Event, parts: &[Part]) -> bool {
    let s = ev.sense.as_ref();
    let has_key = s.is_some_and(|s| s.key.is_some());
    let has_asc = s.is_some_and(|s| s.asc.is_some());
    let has_bytes = s.is_some_and(|s| s.bytes.is_some());
    let has_cmd = ev.command.as_ref().is_some_and(|c| c.cdb.is_some());
    let has_op = ev.command.is_some();
    parts.iter().all(|p| match p {
        Part::Key { key, .. } => !has_asc && s.is_none_or(|s| s.key.is_none_or(|k| k == *key)),
        Part::Asc { asc, ascq } => s.is_none_or(|s| {
            s.asc.is_none_or(|a| a == *asc && (ascq.is_none() || s.ascq.is_none() || s.ascq == *ascq))
        }),
        Part::Triple { key, asc, ascq, .. } => {
            let free = |new: &Option<u8>, old: Option<u8>| new.is_none() || old.is_none() || old == *new;
            // A line with a sense key is a new event unless the event has no key or ASC yet.
            if key.is_some() {
                !has_key && !has_asc
            } else {
                s.is_none_or(|s| free(asc, s.asc) && free(ascq, s.ascq))
            }
        }
        Part::SenseBytes(_) | Part::DumpStart => !has_bytes,
        Part::Cdb(_) => !has_cmd,
        Part::CommandName(_) | Part::Opcode(_) => !has_op,
        Part::HostResult(_) => ev.host_result.is_none() && !has_key && !has_asc && !has_bytes && !has_cmd,
        Part::Status(_) => ev.status.is_none() && !has_key && !has_asc,
        Part::Esxi(_) => ev.esxi.is_none(),
        Part::Lba(_) => ev.lba.is_none(),
        Part::Information(_) => s.is_none_or(|s| s.information.is_none()),
    })
}

fn merge(o: &mut Open, p: Part) {
    let ev = &mut o.ev;
    match p {
        Part::Key { key, deferred } => {
            let s = ev.sense.get_or_insert_with(SenseFacts::default);
            s.key = Some(key);
            s.deferred |= deferred;
        }
        Part::Asc { asc, ascq } => {
            let s = ev.sense.get_or_insert_with(SenseFacts::default);
            s.asc = Some(asc);
            s.ascq = ascq.or(s.ascq);
        }
        Part::Triple { key, asc, ascq, deferred } => {
            let s = ev.sense.get_or_insert_with(SenseFacts::default);
            s.key = key.or(s.key);
            s.asc = asc.or(s.asc);
            s.ascq = ascq.or(s.ascq);
            s.deferred |= deferred;
        }
        Part::Information(i) => ev.sense.get_or_insert_with(SenseFacts::default).information = Some(i),
        Part::SenseBytes(b) => ev.sense.get_or_insert_with(SenseFacts::default).bytes = Some(b),
        Part::DumpStart => {
            o.dump = true;
            o.dump_want = None;
        }
        Part::Cdb(b) => {
            let c = ev.command.get_or_insert_with(CommandFacts::default);
            c.opcode = b.first().copied();
            c.cdb = Some(b);
        }
        Part::Opcode(op) => ev.command.get_or_insert_with(CommandFacts::default).opcode = Some(op),
        Part::CommandName(n) => ev.command.get_or_insert_with(CommandFacts::default).logged_name = Some(n),
        Part::HostResult(h) => ev.host_result = Some(h),
        Part::Status(s) => ev.status = Some(s),
        Part::Esxi(e) => {
            if ev.status.is_none() {
                ev.status = e.device;
            }
            ev.esxi = Some(e);
        }
        Part::Lba(l) => ev.lba = Some(l),
    }
}

/// Scans a whole text.
#[must_use]
pub fn scan(text: &str) -> Vec<Event> {
    let mut s = Scanner::new();
    let mut out = s.feed(text.as_bytes());
    out.extend(s.finish());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_never_joins_another_devices_asc() {
        // The key line of sdb, 25 lines of other text, then an ASC line of sdc: two events,
        // neither with the other's half.
        let mut log = String::from("sd 1:0:0:0: [sdb] tag#1 Sense Key : Medium Error [current]\n");
        for i in 0..24 {
            log.push_str(&format!("kernel: eth0: link up {i}\n"));
        }
        log.push_str("sd 2:0:0:0: [sdc] tag#7 Add. Sense: Invalid field in cdb\n");
        let ev = scan(&log);
        assert_eq!(ev.len(), 2, "{ev:?}");
        assert_eq!((ev[0].first_line, ev[0].device.as_deref()), (1, Some("sdb")));
        assert_eq!((ev[0].sense_key(), ev[0].asc()), (Some(3), None));
        assert_eq!((ev[1].first_line, ev[1].device.as_deref()), (26, Some("sdc")));
        assert_eq!((ev[1].sense_key(), ev[1].asc(), ev[1].ascq()), (None, Some(0x24), Some(0)));
        // Same device but far apart: not joined either.
        let log = log.replace("[sdc]", "[sdb]");
        let ev = scan(&log);
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[1].sense_key(), None);
        // Interleaved devices within the window: each key gets its own ASC.
        let log = "sd 1:0:0:0: [sdb] Sense Key : Medium Error [current]\n\
                   sd 2:0:0:0: [sdc] Sense Key : Illegal Request [current]\n\
                   sd 2:0:0:0: [sdc] Add. Sense: Invalid field in cdb\n\
                   sd 1:0:0:0: [sdb] Add. Sense: Unrecovered read error\n";
        let ev = scan(log);
        assert_eq!(ev.len(), 2);
        assert_eq!(
            (ev[0].device.as_deref(), ev[0].sense_key(), ev[0].asc()),
            (Some("sdb"), Some(3), Some(0x11))
        );
        assert_eq!((ev[0].first_line, ev[0].last_line), (1, 4));
        assert_eq!(
            (ev[1].device.as_deref(), ev[1].sense_key(), ev[1].asc()),
            (Some("sdc"), Some(5), Some(0x24))
        );
    }

    #[test]
    fn no_device_joins_only_the_line_before() {
        let ev = scan("Sense Key : 0x5 [current]\nASC=0x21 ASCQ=0x0\n");
        assert_eq!(ev.len(), 1);
        assert_eq!((ev[0].sense_key(), ev[0].asc(), ev[0].last_line), (Some(5), Some(0x21), 2));
        let ev = scan("Sense Key : 0x5 [current]\nunrelated\nASC=0x21 ASCQ=0x0\n");
        assert_eq!(ev.len(), 2);
        // A device line right after an event that named no device starts its own event.
        let ev = scan(
            "Sense Key : 0x5 [current]\nASC=0x21 ASCQ=0x0\nprint_req_error: I/O error, dev sda, sector 77\n",
        );
        assert_eq!(ev.len(), 2);
        assert_eq!((ev[0].device.as_deref(), ev[0].lba), (None, None));
        assert_eq!((ev[1].device.as_deref(), ev[1].lba), (Some("sda"), Some(77)));
    }

    #[test]
    fn dump_with_prefixes_reported_at_first_line() {
        let log = "Dec  6 10:00:00 host kernel: [ 12.5] sd 0:0:0:0: [sda] tag#3 Sense Key : Medium Error [current] [descriptor]\n\
Dec  6 10:00:00 host kernel: [ 12.5] sd 0:0:0:0: [sda] tag#3 Descriptor sense data with sense descriptors (in hex):\n\
Dec  6 10:00:00 host kernel: [ 12.5] sd 0:0:0:0: [sda] tag#3         72 03 11 04 00 00 00 0c 00 0a 80 00 00 00 00 00\n\
Dec  6 10:00:00 host kernel: [ 12.5] sd 0:0:0:0: [sda] tag#3         13 78 b2 9a\n\
Dec  6 10:00:00 host kernel: [ 12.5] sd 0:0:0:0: [sda] tag#3 Add. Sense: Unrecovered read error - auto reallocate failed\n";
        let ev = scan(log);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!((ev[0].first_line, ev[0].last_line), (1, 5));
        assert_eq!(ev[0].information(), Some(0x1378_b29a));
        assert_eq!(ev[0].sense.as_ref().and_then(|s| s.bytes.as_ref()).map(Vec::len), Some(20));
    }

    #[test]
    fn esxi_sense_data_semantics() {
        let ev = scan(
            "ScsiDeviceIO: Cmd(0x45) 0x28, CmdSN 0x1 to dev \"naa.1\" failed H:0x0 D:0x2 P:0x0 Invalid sense data: 0xc7 0xf 0x43.\n",
        );
        assert_eq!((ev[0].sense_key(), ev[0].asc()), (None, None));
        assert!(report::outcome(&ev[0]).contains("invalid sense data"));
        let ev = scan(
            "NMP: Command 0x2a to NMP device \"naa.2\" failed on physical path \"vmhba2:C0:T0:L1\" H:0x8 D:0x0 P:0x0 Possible sense data: 0x0 0x0 0x0.\n",
        );
        assert_eq!(ev[0].sense_key(), None);
        assert!(
            report::outcome(&ev[0]).starts_with("host status VMK_SCSI_HOST_RESET"),
            "{}",
            report::outcome(&ev[0])
        );
        assert_eq!(report::disposition(&ev[0]), None);
    }

    #[test]
    fn chunking_does_not_matter() {
        let log = "a\nsd 0:0:0:0: [sda] Sense Key : Not Ready [current]\nsd 0:0:0:0: [sda] Add. Sense: Medium not present\nb\n";
        let whole = scan(log);
        let mut s = Scanner::new();
        let mut parts = Vec::new();
        for b in log.as_bytes().chunks(3) {
            parts.extend(s.feed(b));
        }
        parts.extend(s.finish());
        assert_eq!(whole, parts);
        assert_eq!(whole.len(), 1);
        assert_eq!(whole[0].first_line, 2);
    }
}
