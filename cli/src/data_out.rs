//! Response data (INQUIRY, VPD, READ CAPACITY, REPORT LUNS, REPORT ZONES, MODE SENSE) as text
//! and JSON.

use std::fmt::Write as _;

use scsi_cdb::VpdPage;
use scsi_cdb::data::layout::{self, Span};
use scsi_cdb::data::{
    ModeData, ReadCapacity10Data, ReadCapacity16Data, ReportLunsData, ReportZonesData, StandardInquiry,
    VpdPageView, ZoneDescriptor, vpd,
};
use serde_json::Value;

use crate::sense_out::hex;

/// The kinds of response data the CLI decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Standard INQUIRY data.
    Inquiry,
    /// A VPD page.
    Vpd,
    /// READ CAPACITY (10) or (16) data (by length: 8 bytes = (10)).
    ReadCap,
    /// REPORT LUNS data.
    Luns,
    /// REPORT ZONES data.
    Zones,
    /// MODE SENSE (6) or (10) data.
    Mode,
    /// A LOG SENSE page.
    LogPage,
}

/// The JSON of a response-data view: the library's `Serialize` shape, with a `command` tag
/// when the bytes alone do not say which command returned them.
fn shape<T: serde::Serialize>(view: &T, command: Option<&str>) -> Value {
    let v = serde_json::to_value(view).unwrap_or(Value::Null);
    match (command, v) {
        (Some(c), Value::Object(o)) => {
            let mut m = serde_json::Map::new();
            m.insert("command".into(), Value::from(c));
            m.extend(o);
            Value::Object(m)
        }
        (_, v) => v,
    }
}

/// Decodes response data to (text, JSON), or an error message.
///
/// # Errors
/// A message when the bytes are not data of that kind.
pub fn decode(kind: Kind, b: &[u8], mode10: bool) -> Result<(String, Value), String> {
    match kind {
        Kind::Inquiry => inquiry(b),
        Kind::Vpd => vpd_page(b),
        Kind::ReadCap => readcap(b),
        Kind::Luns => luns(b),
        Kind::Zones => zones(b),
        Kind::Mode => mode(b, mode10),
        Kind::LogPage => log_page(b),
    }
    .map_err(|e| e.to_string())
}

fn inquiry(b: &[u8]) -> Result<(String, Value), scsi_cdb::DecodeError> {
    let i = StandardInquiry::parse(b)?;
    let s = |f: Option<scsi_cdb::data::AsciiField<'_>>| f.map(|f| f.to_string());
    let vd: Vec<scsi_cdb::VersionDescriptor> = i.version_descriptors().collect();
    let j = shape(&i, None);
    let mut t = String::from("Standard INQUIRY data\n");
    let _ = writeln!(
        t,
        "  peripheral qualifier {}, device type {:02X}h ({})",
        i.peripheral_qualifier(),
        i.device_type().0,
        i.device_type().name()
    );
    let _ = writeln!(
        t,
        "  version {:02X}h ({}), response data format {}",
        i.version(),
        i.version_name().unwrap_or("reserved"),
        i.response_data_format()
    );
    let _ = writeln!(
        t,
        "  RMB={} HiSup={} NormACA={} TPGS={} 3PC={} Protect={} CmdQue={}",
        u8::from(i.rmb()),
        u8::from(i.hisup()),
        u8::from(i.norm_aca()),
        i.tpgs().unwrap_or(0),
        u8::from(i.third_party_copy().unwrap_or(false)),
        u8::from(i.protect().unwrap_or(false)),
        u8::from(i.cmd_que().unwrap_or(false))
    );
    let _ = writeln!(t, "  vendor: {}", s(i.vendor()).unwrap_or_else(|| "(absent)".into()));
    let _ = writeln!(t, "  product: {}", s(i.product()).unwrap_or_else(|| "(absent)".into()));
    let _ = writeln!(t, "  revision: {}", s(i.revision()).unwrap_or_else(|| "(absent)".into()));
    if !vd.is_empty() {
        let _ = writeln!(t, "  version descriptors:");
        for v in &vd {
            let _ = writeln!(t, "    {v}");
        }
    }
    let _ = writeln!(
        t,
        "  length: {} declared, {} present{}",
        i.total_len(),
        i.available_len(),
        if i.is_truncated() { " (ask again with the declared length)" } else { "" }
    );
    Ok((t, j))
}

fn vpd_page(b: &[u8]) -> Result<(String, Value), scsi_cdb::DecodeError> {
    let v = VpdPageView::parse(b)?;
    let page = v.page_code();
    let mut t = format!(
        "VPD page {:02X}h ({page}), length {} declared, {} present\n",
        page.0,
        v.declared_len(),
        v.available_len()
    );
    match page {
        VpdPage::SUPPORTED_PAGES => {
            for p in vpd::SupportedPages::parse(b)?.pages() {
                let _ = writeln!(t, "  {:02X}h {p}", p.0);
            }
        }
        VpdPage::UNIT_SERIAL_NUMBER => {
            let _ = writeln!(t, "  serial number: {}", vpd::UnitSerialNumber::parse(b)?.serial());
        }
        VpdPage::DEVICE_IDENTIFICATION => {
            for d in vpd::DeviceIdentification::parse(b)?.designators() {
                let _ = writeln!(
                    t,
                    "  {} ({}), code set {}, {}: {}",
                    d.type_name(),
                    d.association_name(),
                    d.code_set,
                    if d.piv { "protocol given" } else { "no protocol" },
                    hex(d.designator)
                );
            }
        }
        VpdPage::BLOCK_LIMITS => fields_lines(&mut t, vpd::BlockLimits::parse(b)?),
        VpdPage::BLOCK_DEVICE_CHARACTERISTICS => {
            fields_lines(&mut t, vpd::BlockDeviceCharacteristics::parse(b)?);
        }
        VpdPage::LOGICAL_BLOCK_PROVISIONING => fields_lines(&mut t, vpd::LogicalBlockProvisioning::parse(b)?),
        VpdPage::EXTENDED_INQUIRY => fields_lines(&mut t, vpd::ExtendedInquiry::parse(b)?),
        VpdPage::POWER_CONDITION => fields_lines(&mut t, vpd::PowerConditionVpd::parse(b)?),
        VpdPage::REFERRALS => fields_lines(&mut t, vpd::Referrals::parse(b)?),
        VpdPage::BLOCK_DEVICE_CHARACTERISTICS_EXT => {
            let x = vpd::BlockDeviceCharacteristicsExt::parse(b)?;
            fields_lines(&mut t, x);
            let names = [
                ("utilization_type_name", x.utilization_type_name()),
                ("utilization_units_name", x.utilization_units_name()),
                ("utilization_interval_name", x.utilization_interval_name()),
            ];
            name_lines(&mut t, &names);
        }
        VpdPage::ZONED_BLOCK_DEVICE_CHARACTERISTICS => {
            let z = vpd::ZonedBlockDeviceCharacteristics::parse(b)?;
            fields_lines(&mut t, z);
            let names = [
                ("zoned_block_device_extension_name", z.extension_name()),
                ("zone_alignment_method_name", z.zone_alignment_method_name()),
            ];
            name_lines(&mut t, &names);
        }
        VpdPage::BLOCK_LIMITS_EXTENSION => fields_lines(&mut t, vpd::BlockLimitsExtension::parse(b)?),
        VpdPage::MODE_PAGE_POLICY => {
            for p in vpd::ModePagePolicies::parse(b)?.policies() {
                let _ = writeln!(
                    t,
                    "  page {:02X}h/{:02X}h: {}{}",
                    p.page_code,
                    p.subpage_code,
                    p.policy_name(),
                    if p.mlus { ", shared by logical units (MLUS)" } else { "" }
                );
            }
        }
        VpdPage::SCSI_PORTS => {
            for port in vpd::ScsiPorts::parse(b)?.ports() {
                let _ = writeln!(t, "  relative port {}", port.relative_port);
                for d in port.target_port_designators() {
                    let _ = writeln!(t, "    {}: {}", d.type_name(), hex(d.designator));
                }
            }
        }
        VpdPage::ATA_INFORMATION => {
            let a = vpd::AtaInformation::parse(b)?;
            let s = |x: Option<String>| x.unwrap_or_default();
            let model = s(a.model_number().and_then(|m| m.as_str().map(str::to_string)));
            let serial = s(a.serial_number().and_then(|m| m.as_str().map(|x| x.trim().to_string())));
            let fw = s(a.firmware_revision().and_then(|m| m.as_str().map(str::to_string)));
            let _ = writeln!(
                t,
                "  translator: {} {} {}
  device: {model}, serial {serial}, firmware {fw}",
                a.sat_vendor(),
                a.sat_product(),
                a.sat_revision()
            );
        }
        VpdPage::THIRD_PARTY_COPY => {
            for d in vpd::ThirdPartyCopy::parse(b)?.descriptors() {
                let _ = writeln!(t, "  {:04X}h {}: {}", d.descriptor_type, d.type_name(), hex(d.body));
            }
        }
        _ => {
            let _ = writeln!(t, "  payload: {}", hex(v.payload()));
        }
    }
    Ok((t, shape(&v, None)))
}

/// The text of a typed page value, from its JSON (the library's `Serialize`): one line per
/// field, never a Rust `Debug` form. The names of code fields (`*_name`) come after, from
/// [`name_lines`].
fn fields_lines<T: serde::Serialize>(t: &mut String, v: T) {
    let mut j = serde_json::to_value(v).unwrap_or(Value::Null);
    if let Value::Object(o) = &mut j {
        o.retain(|k, _| !k.ends_with("_name"));
    }
    for (name, value) in fields_text(&j) {
        let _ = writeln!(t, "  {name}: {value}");
    }
}

/// The names of a page's code fields (those present), one line each.
fn name_lines(t: &mut String, names: &[(&str, Option<&str>)]) {
    for (key, name) in names {
        if let Some(name) = name {
            let _ = writeln!(t, "  {key}: {name}");
        }
    }
}

/// The fields of a serialized struct as (T10-style name, text) pairs: `null` is a field the
/// data does not hold ("not present"), booleans are 1/0 as SPC writes bits.
pub fn fields_text(v: &Value) -> Vec<(String, String)> {
    let Value::Object(o) = v else { return vec![(String::from("value"), value_text(v))] };
    o.iter().map(|(k, v)| (k.replace('_', " "), value_text(v))).collect()
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "not present".to_string(),
        Value::Bool(b) => u8::from(*b).to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => a.iter().map(value_text).collect::<Vec<_>>().join(", "),
        Value::Object(_) => {
            fields_text(v).into_iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
        }
    }
}

fn log_page(b: &[u8]) -> Result<(String, Value), scsi_cdb::DecodeError> {
    let l = scsi_cdb::data::LogPage::parse(b)?;
    let mut t = format!(
        "LOG page {:02X}h/{:02X}h, length {} declared, {} present{}\n",
        l.page_code(),
        l.subpage_code(),
        l.declared_len(),
        l.payload().len(),
        if l.is_truncated() { " (truncated)" } else { "" }
    );
    for p in l.parameters() {
        let _ = writeln!(t, "  parameter {:04X}h (control {:02X}h): {}", p.code, p.control, hex(p.value));
    }
    if let Some((cur, reference)) = l.temperature() {
        let c = |v: Option<u8>| v.map_or_else(|| "not available".to_string(), |v| format!("{v} C"));
        let _ = writeln!(t, "  temperature {}, reference {}", c(cur), c(reference));
    }
    if let Some((asc, temp)) = l.informational_exceptions() {
        let temp = temp.map_or_else(|| "not available".to_string(), |v| format!("{v} C"));
        let _ = writeln!(t, "  most recent informational exception: {asc}; temperature {temp}");
    }
    Ok((t, shape(&l, None)))
}

fn readcap(b: &[u8]) -> Result<(String, Value), scsi_cdb::DecodeError> {
    if b.len() <= 8 {
        let d = ReadCapacity10Data::parse(b)?;
        let t = format!(
            "READ CAPACITY (10) data\n  last LBA {:#x}, block length {}, capacity {}\n",
            d.last_lba,
            d.block_len,
            d.capacity_bytes()
                .map_or_else(|| "too large: use READ CAPACITY (16)".to_string(), |c| format!("{c} bytes")),
        );
        let j = shape(&d, Some("READ CAPACITY(10)"));
        return Ok((t, j));
    }
    let d = ReadCapacity16Data::parse(b)?;
    let opt = |v: Option<String>| v.unwrap_or_else(|| "not present".to_string());
    let flag = |v: Option<bool>| opt(v.map(|b| u8::from(b).to_string()));
    let t = format!(
        "READ CAPACITY (16) data\n  last LBA {:#x}, block length {}, capacity {} bytes\n  protection type {}, physical block {} bytes, LBPME {}, LBPRZ {}, lowest aligned LBA {}\n",
        d.last_lba,
        d.block_len,
        d.capacity_bytes(),
        opt(d.protection_type().map(|p| if p == 0 { "none".to_string() } else { p.to_string() })),
        opt(d.physical_block_len().map(|p| p.to_string())),
        flag(d.lbpme),
        flag(d.lbprz),
        opt(d.lowest_aligned_lba.map(|l| l.to_string()))
    );
    Ok((t, shape(&d, Some("READ CAPACITY(16)"))))
}

fn luns(b: &[u8]) -> Result<(String, Value), scsi_cdb::DecodeError> {
    let d = ReportLunsData::parse(b)?;
    let mut t = format!(
        "REPORT LUNS data: {} LUNs declared{}\n",
        d.declared_count(),
        if d.is_truncated() { " (truncated)" } else { "" }
    );
    for l in d.luns() {
        let _ = writeln!(t, "  {}  {l} (Linux LUN {})", hex(&l.0), l.to_int());
    }
    Ok((t, shape(&d, None)))
}

fn zones(b: &[u8]) -> Result<(String, Value), scsi_cdb::DecodeError> {
    let d = ReportZonesData::parse(b)?;
    let mut t = format!(
        "REPORT ZONES data: {} zones declared{}; SAME {} ({}), maximum LBA {:#x}\n",
        d.zone_list_len as usize / ZoneDescriptor::LEN,
        if d.is_truncated() { " (truncated)" } else { "" },
        d.same,
        ReportZonesData::same_name(d.same).unwrap_or("reserved"),
        d.max_lba
    );
    let _ = writeln!(
        t,
        "  zone starting LBA granularity: {}",
        d.zone_starting_lba_granularity.map_or_else(|| "not present".to_string(), |g| g.to_string())
    );
    for (i, z) in d.zones().enumerate() {
        let _ = writeln!(t, "  zone {i}: {}", zone_text(&z));
    }
    let _ = writeln!(
        t,
        "  length: {} declared, {} present{}",
        d.declared_len(),
        d.available_len(),
        if d.is_truncated() { " (ask again with the declared length)" } else { "" }
    );
    Ok((t, shape(&d, None)))
}

/// One zone descriptor in words: its type and condition (name and code), where it starts, how
/// long it is, its write pointer and the two flags when set.
fn zone_text(z: &ZoneDescriptor) -> String {
    let mut t = format!(
        "{} ({:X}h), {} ({:X}h), start LBA {:#x}, length {} blocks, write pointer {:#x}",
        z.zone_type.name().unwrap_or("reserved"),
        z.zone_type.0,
        z.condition.name().unwrap_or("reserved"),
        z.condition.0,
        z.start,
        z.length,
        z.write_pointer
    );
    if z.non_seq {
        t.push_str(", NON_SEQ=1");
    }
    if z.reset {
        t.push_str(", RESET=1");
    }
    t
}

fn mode(b: &[u8], ten: bool) -> Result<(String, Value), scsi_cdb::DecodeError> {
    let m = ModeData::parse(b, ten)?;
    let mut t = format!(
        "MODE SENSE({}) data: {} bytes declared{}; medium type {:#04x}, WP={} DPOFUA={}\n",
        if ten { 10 } else { 6 },
        m.total_len(),
        if m.is_truncated() { " (truncated)" } else { "" },
        m.medium_type(),
        u8::from(m.write_protected()),
        u8::from(m.dpofua())
    );
    for d in m.block_descriptors() {
        let _ = writeln!(t, "  block descriptor: {} blocks of {} bytes", d.blocks, d.block_len);
    }
    // One serialization: the text of each typed page is read from the whole object's
    // `pages`, which lists the pages (and a page-list error) in the order `pages()` yields them.
    let v = shape(&m, Some(if ten { "MODE SENSE(10)" } else { "MODE SENSE(6)" }));
    for (i, p) in m.pages().enumerate() {
        match p {
            Ok(p) => {
                let typed = v["pages"].get(i).and_then(|pj| pj.get("decoded")).filter(|v| !v.is_null());
                let _ = writeln!(
                    t,
                    "  page {:02X}h/{:02X}h ({} bytes){}",
                    p.code,
                    p.subpage,
                    p.data.len(),
                    typed.map_or(String::new(), |v| format!(": {}", value_text(v)))
                );
            }
            Err(e) => {
                let _ = writeln!(t, "  page list ends early: {e}");
            }
        }
    }
    Ok((t, v))
}

/// The byte map of each kind of response data: the library's layout tables (the same field
/// constants its readers and writers use).
fn layout(kind: Kind, b: &[u8], mode10: bool) -> &'static [Span] {
    match kind {
        Kind::Inquiry => layout::standard_inquiry(),
        Kind::Vpd => layout::vpd_page(VpdPage(b.get(1).copied().unwrap_or(0))),
        Kind::ReadCap if b.len() <= 8 => layout::read_capacity_10(),
        Kind::ReadCap => layout::read_capacity_16(),
        Kind::Luns => layout::report_luns(),
        Kind::Zones => layout::report_zones(),
        Kind::Mode => layout::mode_header(mode10),
        Kind::LogPage => layout::log_page_header(),
    }
}

/// The name of byte `i` from a byte map: the bit fields it holds, or the multi-byte field it
/// is part of.
pub fn byte_name(map: &[Span], i: usize) -> Option<String> {
    let here: Vec<String> = map
        .iter()
        .filter(|s| s.covers(i))
        .map(|s| {
            if s.len > 1 { format!("{} [byte {} of {}]", s.name, i - s.start + 1, s.len) } else { s.label() }
        })
        .collect();
    (!here.is_empty()).then(|| here.join(", "))
}

/// The name of byte `i` of REPORT ZONES data past its header: the field of its zone
/// descriptor (`layout::zone_descriptor`), or that it lies past the declared length.
fn zone_byte_name(i: usize, declared: u64) -> String {
    let (at, len) = (i.saturating_sub(ReportZonesData::HEADER_LEN), ZoneDescriptor::LEN);
    if i as u64 >= declared {
        return "past ZONE LIST LENGTH".to_string();
    }
    let field =
        byte_name(layout::zone_descriptor(), at % len).unwrap_or_else(|| format!("byte {}", at % len));
    format!("zone {}: {field}", at / len)
}

/// The byte map of response data: each byte with the field it belongs to (lists after the
/// fixed part are labelled by entry: LUN n, zone n, designator, mode page).
#[must_use]
pub fn explain(kind: Kind, b: &[u8], mode10: bool) -> String {
    let fields = layout(kind, b, mode10);
    let zones_declared = match kind {
        Kind::Zones => ReportZonesData::parse(b).map_or(0, |d| d.declared_len()),
        _ => 0,
    };
    let mut t = String::new();
    for (i, x) in b.iter().enumerate() {
        let name = byte_name(fields, i).unwrap_or_else(|| match kind {
            Kind::Luns => format!("LUN {} byte {}", (i - 8) / 8, (i - 8) % 8),
            Kind::Zones => zone_byte_name(i, zones_declared),
            Kind::Vpd => "page parameters".to_string(),
            Kind::Mode => "block descriptors / mode pages".to_string(),
            Kind::LogPage => "log parameters".to_string(),
            _ => "additional data".to_string(),
        });
        let _ = writeln!(t, "  byte {i:>3}  {x:02x}  {x:08b}  {name}");
    }
    t
}
