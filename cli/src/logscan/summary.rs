//! Per-device summary of the events of a log: counts by sense key and ASC/ASCQ, the failed
//! commands, first and last occurrence, the LBAs of medium errors, and a one-line verdict.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use scsi_cdb::AdditionalSense;
use serde::Serialize;
use serde_json::Value;

use super::report::command_name;
use super::{Event, names};

/// At most this many medium-error LBAs are kept per device (the rest are only counted).
pub const MAX_LBAS: usize = 1000;

/// What was seen for one device.
#[derive(Debug, Clone, Default)]
pub struct DeviceSummary {
    /// Events.
    pub events: usize,
    /// First line of the first event.
    pub first_line: usize,
    /// First line of the last event.
    pub last_line: usize,
    /// The file of the first event (when several files were read).
    pub first_file: Option<String>,
    /// The file of the last event.
    pub last_file: Option<String>,
    /// The timestamp printed on the first event's first line.
    pub first_time: Option<String>,
    /// The timestamp printed on the last event's first line.
    pub last_time: Option<String>,
    /// Events by sense key.
    pub by_key: BTreeMap<u8, usize>,
    /// Events by (sense key, ASC, ASCQ); the key is 255 when the log did not give it.
    pub by_code: BTreeMap<(u8, u8, u8), usize>,
    /// Failed commands by name.
    pub commands: BTreeMap<String, usize>,
    /// Host, transport and plugin failures by name (no sense data involved).
    pub transport: BTreeMap<String, usize>,
    /// LBAs of medium errors.
    pub medium_lbas: BTreeSet<u64>,
    /// Medium errors whose LBA was not kept (over [`MAX_LBAS`]).
    pub medium_lbas_dropped: usize,
}

/// The summary of a whole log.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Per device (`None`: the lines named no device).
    pub devices: BTreeMap<Option<String>, DeviceSummary>,
    /// All events.
    pub events: usize,
}

impl Summary {
    /// An empty summary.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one event.
    pub fn add(&mut self, e: &Event) {
        self.add_in(e, None);
    }

    /// Counts one event read from `file` (for summaries over several files).
    pub fn add_in(&mut self, e: &Event, file: Option<&str>) {
        self.events += 1;
        let d = self.devices.entry(e.device.clone()).or_default();
        let time = e.timestamp().map(str::to_string);
        if d.events == 0 {
            d.first_line = e.first_line;
            d.first_file = file.map(str::to_string);
            d.first_time.clone_from(&time);
        }
        d.events += 1;
        d.last_line = e.first_line;
        if d.last_file.as_deref() != file {
            d.last_file = file.map(str::to_string);
        }
        d.last_time = time;
        let key = e.sense_key();
        if let Some(k) = key {
            *d.by_key.entry(k).or_default() += 1;
        }
        if let Some(a) = e.asc() {
            *d.by_code.entry((key.unwrap_or(255), a, e.ascq().unwrap_or(0))).or_default() += 1;
        }
        if let Some(c) = command_name(e) {
            *d.commands.entry(c).or_default() += 1;
        }
        if let Some(x) = &e.esxi {
            if let Some(h) = x.host.filter(|h| *h != 0) {
                let n = names::esxi_host(h).map_or_else(|| format!("H:{h:#x}"), |n| n.0.to_string());
                *d.transport.entry(n).or_default() += 1;
            }
            if let Some(p) = x.plugin.filter(|p| *p != 0) {
                let n = names::esxi_plugin(p).map_or_else(|| format!("P:{p:#x}"), |n| n.0.to_string());
                *d.transport.entry(n).or_default() += 1;
            }
        }
        if let Some(h) = e.host_result.and_then(|h| h.host_byte).filter(|h| *h != 0) {
            let n = names::linux_host(h).map_or_else(|| format!("host byte {h:#x}"), |n| n.0.to_string());
            *d.transport.entry(n).or_default() += 1;
        }
        if key == Some(3) {
            if let Some(l) = e.medium_error_lba() {
                if d.medium_lbas.len() < MAX_LBAS || d.medium_lbas.contains(&l) {
                    d.medium_lbas.insert(l);
                } else {
                    d.medium_lbas_dropped += 1;
                }
            }
        }
    }

    /// The summary as a `serde_json::Value` ([`SummaryJson`]).
    #[must_use]
    pub fn json(&self) -> Value {
        serde_json::to_value(SummaryJson::new(self)).unwrap_or_default()
    }

    /// The summary as text.
    #[must_use]
    pub fn text(&self) -> String {
        let mut t = String::new();
        let _ = writeln!(t, "{} events on {} devices", self.events, self.devices.len());
        for (name, d) in &self.devices {
            let at = |file: &Option<String>, line: usize, time: &Option<String>| {
                let mut s = file.as_deref().map_or_else(|| format!("line {line}"), |f| format!("{f}:{line}"));
                if let Some(t) = time {
                    s.push_str(&format!(" ({t})"));
                }
                s
            };
            let _ = writeln!(
                t,
                "\n{}: {} events, first {}, last {}\n  verdict: {}",
                name.as_deref().unwrap_or("(no device named)"),
                d.events,
                at(&d.first_file, d.first_line, &d.first_time),
                at(&d.last_file, d.last_line, &d.last_time),
                verdict(d)
            );
            for (k, n) in &d.by_key {
                let _ = writeln!(t, "  {n:>6}  {} ({k:X}h)", names::key_name(*k));
            }
            for ((k, a, q), n) in &d.by_code {
                let key = if *k < 16 { format!("{k:X}h") } else { "-".to_string() };
                let _ = writeln!(t, "  {n:>6}  {key}/{a:02X}h/{q:02X}h {}", AdditionalSense::new(*a, *q));
            }
            for (c, n) in &d.transport {
                let _ = writeln!(t, "  {n:>6}  {c}");
            }
            if !d.commands.is_empty() {
                let c: Vec<String> = d.commands.iter().map(|(c, n)| format!("{c} x{n}")).collect();
                let _ = writeln!(t, "  commands: {}", c.join(", "));
            }
            if !d.medium_lbas.is_empty() {
                let l: Vec<String> = d.medium_lbas.iter().take(20).map(u64::to_string).collect();
                let more = d.medium_lbas.len().saturating_sub(20) + d.medium_lbas_dropped;
                let more = if more > 0 { format!(" and {more} more") } else { String::new() };
                let _ = writeln!(t, "  medium error LBAs: {}{more}", l.join(", "));
            }
        }
        t
    }
}

/// The JSON of a summary: what `scsi-decode log --summary --json` prints, one object.
///
/// As with [`super::report::EventJson`], the fields are the keys in the order serde_json
/// writes a map's keys (sorted), so this value and its `serde_json::Value` print the same.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryJson<'a> {
    /// `devices`: one object per device, by device name (the unnamed device first).
    pub devices: Vec<DeviceJson<'a>>,
    /// `events`: all events.
    pub events: usize,
}

impl<'a> SummaryJson<'a> {
    /// The JSON of `s`.
    #[must_use]
    pub fn new(s: &'a Summary) -> Self {
        Self {
            devices: s.devices.iter().map(|(name, d)| DeviceJson::new(name.as_deref(), d)).collect(),
            events: s.events,
        }
    }
}

/// What was seen for one device ([`DeviceSummary`]).
#[derive(Debug, Clone, Serialize)]
pub struct DeviceJson<'a> {
    /// `by_asc`: events by key, ASC and ASCQ, in that order.
    pub by_asc: Vec<AscCountJson>,
    /// `by_sense_key`: events by sense key, in key order.
    pub by_sense_key: Vec<KeyCountJson>,
    /// `commands`: failed commands by name, in name order.
    pub commands: Vec<NameCountJson<'a>>,
    /// `device`: its name; `null` for the lines that named no device.
    pub device: Option<&'a str>,
    /// `events`: its events.
    pub events: usize,
    /// `first`: where its first event starts.
    pub first: PlaceJson<'a>,
    /// `first_line`: the first line of its first event.
    pub first_line: usize,
    /// `last`: where its last event starts.
    pub last: PlaceJson<'a>,
    /// `last_line`: the first line of its last event.
    pub last_line: usize,
    /// `medium_error_lbas`: the LBAs of its medium errors, ascending (at most [`MAX_LBAS`]).
    pub medium_error_lbas: &'a BTreeSet<u64>,
    /// `medium_error_lbas_not_listed`: medium errors whose LBA is not in the list.
    pub medium_error_lbas_not_listed: usize,
    /// `transport`: host, transport and plugin failures by name, in name order.
    pub transport: Vec<NameCountJson<'a>>,
    /// `verdict`: one line about its health ([`verdict`]).
    pub verdict: String,
}

impl<'a> DeviceJson<'a> {
    /// The JSON of the device `name` with the summary `d`.
    #[must_use]
    pub fn new(name: Option<&'a str>, d: &'a DeviceSummary) -> Self {
        let counts = |m: &'a BTreeMap<String, usize>| {
            m.iter().map(|(name, &count)| NameCountJson { count, name }).collect()
        };
        Self {
            by_asc: d
                .by_code
                .iter()
                .map(|(&(k, asc, ascq), &count)| AscCountJson {
                    asc,
                    ascq,
                    count,
                    description: AdditionalSense::new(asc, ascq).to_string(),
                    sense_key: (k < 16).then_some(k),
                })
                .collect(),
            by_sense_key: d
                .by_key
                .iter()
                .map(|(&sense_key, &count)| KeyCountJson {
                    count,
                    name: names::key_name(sense_key),
                    sense_key,
                })
                .collect(),
            commands: counts(&d.commands),
            device: name,
            events: d.events,
            first: PlaceJson {
                file: d.first_file.as_deref(),
                line: d.first_line,
                time: d.first_time.as_deref(),
            },
            first_line: d.first_line,
            last: PlaceJson { file: d.last_file.as_deref(), line: d.last_line, time: d.last_time.as_deref() },
            last_line: d.last_line,
            medium_error_lbas: &d.medium_lbas,
            medium_error_lbas_not_listed: d.medium_lbas_dropped,
            transport: counts(&d.transport),
            verdict: verdict(d),
        }
    }
}

/// Where an event starts: `{"file", "line", "time"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlaceJson<'a> {
    /// `file`: the file, when several were read.
    pub file: Option<&'a str>,
    /// `line`: the line (1-based).
    pub line: usize,
    /// `time`: the timestamp printed on that line.
    pub time: Option<&'a str>,
}

/// Events with one sense key: `{"count", "name", "sense_key"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KeyCountJson {
    /// `count`: how many.
    pub count: usize,
    /// `name`: the key's name.
    pub name: &'static str,
    /// `sense_key`: the SENSE KEY.
    pub sense_key: u8,
}

/// Events with one key, ASC and ASCQ: `{"asc", "ascq", "count", "description", "sense_key"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AscCountJson {
    /// `asc`: the ADDITIONAL SENSE CODE.
    pub asc: u8,
    /// `ascq`: the ADDITIONAL SENSE CODE QUALIFIER (0 when the log gave only the ASC).
    pub ascq: u8,
    /// `count`: how many.
    pub count: usize,
    /// `description`: the T10 text of the ASC/ASCQ.
    pub description: String,
    /// `sense_key`: the SENSE KEY; `null` when the log did not give it.
    pub sense_key: Option<u8>,
}

/// Events with one name (a command, a transport failure): `{"count", "name"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NameCountJson<'a> {
    /// `count`: how many.
    pub count: usize,
    /// `name`: the name.
    pub name: &'a str,
}

/// One line about the device's health, from the worst kind of event it had.
#[must_use]
pub fn verdict(d: &DeviceSummary) -> String {
    let n = |k: u8| d.by_key.get(&k).copied().unwrap_or(0);
    let transport: usize = d.transport.values().sum();
    if n(3) > 0 {
        let lbas = d.medium_lbas.len() + d.medium_lbas_dropped;
        return format!(
            "FAILING MEDIUM: {} medium errors{}; back up the data and replace or remap the disk",
            n(3),
            if lbas > 0 { format!(" at {lbas} LBAs") } else { String::new() }
        );
    }
    if n(4) > 0 {
        return format!("FAILING HARDWARE: {} hardware errors; replace the device", n(4));
    }
    if transport > 0 {
        let names: Vec<&str> = d.transport.keys().map(String::as_str).collect();
        return format!(
            "PATH OR TRANSPORT PROBLEMS: {transport} ({}); check cables, HBA, fabric and target",
            names.join(", ")
        );
    }
    if n(7) > 0 {
        return format!("WRITE PROTECTED: {} data protect errors", n(7));
    }
    if n(0x0B) > 0 {
        return format!("ABORTED COMMANDS: {}; transport or target retries, check the path", n(0x0B));
    }
    if n(0x0E) > 0 {
        return format!("MISCOMPARE: {} (COMPARE AND WRITE / VERIFY data differs)", n(0x0E));
    }
    if n(2) > 0 {
        return format!("NOT READY: {} (no medium, spinning up or offline)", n(2));
    }
    if n(5) > 0 {
        return format!(
            "ILLEGAL REQUEST only: {}; a command or field the device does not support, usually harmless",
            n(5)
        );
    }
    if n(6) > 0 {
        return format!("UNIT ATTENTION only: {}; resets and changes reported, usually harmless", n(6));
    }
    if n(1) > 0 {
        return format!("RECOVERED ERRORS: {}; the device coped, watch the trend", n(1));
    }
    if d.by_key.is_empty() && d.by_code.is_empty() {
        return "no sense data logged; see the lines".to_string();
    }
    "other conditions; see the counts".to_string()
}
