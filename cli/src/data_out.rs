//! Response data (INQUIRY, VPD, READ CAPACITY, REPORT LUNS, MODE SENSE) as text and JSON.

use std::fmt::Write as _;

use scsi_cdb::VpdPage;
use scsi_cdb::data::layout::{self, Span};
use scsi_cdb::data::{
    LunAddress, ModeData, ReadCapacity10Data, ReadCapacity16Data, ReportLunsData, StandardInquiry,
    VpdPageView, vpd,
};
use serde_json::{Value, json};

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
    /// MODE SENSE (6) or (10) data.
    Mode,
    /// A LOG SENSE page.
    LogPage,
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
        Kind::Mode => mode(b, mode10),
        Kind::LogPage => log_page(b),
    }
    .map_err(|e| e.to_string())
}

fn inquiry(b: &[u8]) -> Result<(String, Value), scsi_cdb::DecodeError> {
    let i = StandardInquiry::parse(b)?;
    let s = |f: Option<scsi_cdb::data::AsciiField<'_>>| f.map(|f| f.to_string());
    let vd: Vec<scsi_cdb::VersionDescriptor> = i.version_descriptors().collect();
    let j = json!({
        "peripheral_qualifier": i.peripheral_qualifier(),
        "device_type": i.device_type().0,
        "device_type_name": i.device_type().name(),
        "rmb": i.rmb(), "lu_cong": i.lu_cong(),
        "version": i.version(), "version_name": i.version_name(),
        "normaca": i.norm_aca(), "hisup": i.hisup(), "response_data_format": i.response_data_format(),
        "additional_length": i.additional_len(), "total_length": i.total_len(),
        "available_length": i.available_len(), "truncated": i.is_truncated(),
        "sccs": i.sccs(), "acc": i.acc(), "tpgs": i.tpgs(), "3pc": i.third_party_copy(), "protect": i.protect(),
        "encserv": i.enc_serv(), "multip": i.multi_p(), "cmdque": i.cmd_que(),
        "vendor": s(i.vendor()), "product": s(i.product()), "revision": s(i.revision()),
        "vendor_specific": hex(i.vendor_specific()),
        "version_descriptors": vd.iter().map(|v| json!({ "code": v.0, "name": v.name() })).collect::<Vec<_>>(),
    });
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
    let detail = match page {
        VpdPage::SUPPORTED_PAGES => {
            let pages: Vec<u8> = vpd::SupportedPages::parse(b).map(|p| p.pages())?.map(|p| p.0).collect();
            for p in &pages {
                let _ = writeln!(t, "  {p:02X}h {}", VpdPage(*p));
            }
            json!({ "pages": pages })
        }
        VpdPage::UNIT_SERIAL_NUMBER => {
            let sn = vpd::UnitSerialNumber::parse(b).map(|p| p.serial())?.to_string();
            let _ = writeln!(t, "  serial number: {sn}");
            json!({ "serial_number": sn })
        }
        VpdPage::DEVICE_IDENTIFICATION => {
            let mut list = Vec::new();
            for d in vpd::DeviceIdentification::parse(b).map(|p| p.designators())? {
                let _ = writeln!(
                    t,
                    "  {} ({}), code set {}, {}: {}",
                    d.type_name(),
                    d.association_name(),
                    d.code_set,
                    if d.piv { "protocol given" } else { "no protocol" },
                    hex(d.designator)
                );
                list.push(json!({
                    "designator_type": d.designator_type, "type_name": d.type_name(),
                    "association": d.association, "code_set": d.code_set, "piv": d.piv, "protocol": d.protocol,
                    "naa": d.naa(), "designator": hex(d.designator),
                }));
            }
            json!({ "designators": list })
        }
        VpdPage::BLOCK_LIMITS => debug_json(&mut t, vpd::BlockLimits::parse(b)?),
        VpdPage::BLOCK_DEVICE_CHARACTERISTICS => {
            debug_json(&mut t, vpd::BlockDeviceCharacteristics::parse(b)?)
        }
        VpdPage::LOGICAL_BLOCK_PROVISIONING => debug_json(&mut t, vpd::LogicalBlockProvisioning::parse(b)?),
        VpdPage::EXTENDED_INQUIRY => debug_json(&mut t, vpd::ExtendedInquiry::parse(b)?),
        VpdPage::POWER_CONDITION => debug_json(&mut t, vpd::PowerConditionVpd::parse(b)?),
        VpdPage::REFERRALS => debug_json(&mut t, vpd::Referrals::parse(b)?),
        VpdPage::BLOCK_DEVICE_CHARACTERISTICS_EXT => {
            let x = vpd::BlockDeviceCharacteristicsExt::parse(b)?;
            let mut j = debug_json(&mut t, x);
            let names = [
                ("utilization_type_name", x.utilization_type_name()),
                ("utilization_units_name", x.utilization_units_name()),
                ("utilization_interval_name", x.utilization_interval_name()),
            ];
            with_names(&mut t, &mut j, &names);
            j
        }
        VpdPage::ZONED_BLOCK_DEVICE_CHARACTERISTICS => {
            let z = vpd::ZonedBlockDeviceCharacteristics::parse(b)?;
            let mut j = debug_json(&mut t, z);
            let names = [
                ("extension_name", z.extension_name()),
                ("zone_alignment_method_name", z.zone_alignment_method_name()),
            ];
            with_names(&mut t, &mut j, &names);
            j
        }
        VpdPage::BLOCK_LIMITS_EXTENSION => debug_json(&mut t, vpd::BlockLimitsExtension::parse(b)?),
        VpdPage::MODE_PAGE_POLICY => {
            let list: Vec<Value> = vpd::ModePagePolicies::parse(b)
                .map(|p| p.policies())?
                .map(|p| {
                    let _ = writeln!(
                        t,
                        "  page {:02X}h/{:02X}h: {}{}",
                        p.page_code,
                        p.subpage_code,
                        p.policy_name(),
                        if p.mlus { ", shared by logical units (MLUS)" } else { "" }
                    );
                    json!({ "page_code": p.page_code, "subpage_code": p.subpage_code, "mlus": p.mlus,
                            "policy": p.policy, "policy_name": p.policy_name() })
                })
                .collect();
            json!({ "policies": list })
        }
        VpdPage::SCSI_PORTS => {
            let mut list = Vec::new();
            for port in vpd::ScsiPorts::parse(b).map(|p| p.ports())? {
                let _ = writeln!(t, "  relative port {}", port.relative_port);
                let ds: Vec<Value> = port
                    .target_port_designators()
                    .map(|d| {
                        let _ = writeln!(t, "    {}: {}", d.type_name(), hex(d.designator));
                        json!({ "designator_type": d.designator_type, "type_name": d.type_name(),
                                "protocol": d.protocol, "designator": hex(d.designator) })
                    })
                    .collect();
                list.push(json!({ "relative_port": port.relative_port,
                    "initiator_transport_id": hex(port.initiator_transport_id), "target_port_designators": ds }));
            }
            json!({ "ports": list })
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
            json!({ "sat_vendor": a.sat_vendor().to_string(), "sat_product": a.sat_product().to_string(),
                    "sat_revision": a.sat_revision().to_string(), "command_code": a.command_code(),
                    "model": model, "serial_number": serial, "firmware_revision": fw,
                    "lba48_sectors": a.lba48_sectors(), "logical_sector_size": a.logical_sector_size() })
        }
        VpdPage::THIRD_PARTY_COPY => {
            let list: Vec<Value> = vpd::ThirdPartyCopy::parse(b).map(|p| p.descriptors())?
                .map(|d| {
                    let _ = writeln!(t, "  {:04X}h {}: {}", d.descriptor_type, d.type_name(), hex(d.body));
                    json!({ "descriptor_type": d.descriptor_type, "type_name": d.type_name(), "body": hex(d.body) })
                })
                .collect();
            json!({ "descriptors": list })
        }
        _ => {
            let _ = writeln!(t, "  payload: {}", hex(v.payload()));
            json!({ "payload": hex(v.payload()) })
        }
    };
    let j = json!({
        "page_code": page.0, "page_name": page.name(), "device_type": v.device_type().0,
        "declared_length": v.declared_len(), "available_length": v.available_len(),
        "truncated": v.is_truncated(), "page": detail,
    });
    Ok((t, j))
}

/// Adds the names of a page's code fields (those present) to its text and JSON.
fn with_names(t: &mut String, j: &mut Value, names: &[(&str, Option<&str>)]) {
    for (key, name) in names {
        if let Some(name) = name {
            let _ = writeln!(t, "  {key}: {name}");
            if let Value::Object(m) = j {
                m.insert((*key).to_string(), json!(name));
            }
        }
    }
}

/// JSON (the library's `Serialize`) of a typed page view, and its text from the same value:
/// one line per field, never a Rust `Debug` form.
fn debug_json<T: serde::Serialize>(t: &mut String, v: T) -> Value {
    let j = serde_json::to_value(v).unwrap_or(Value::Null);
    for (name, value) in fields_text(&j) {
        let _ = writeln!(t, "  {name}: {value}");
    }
    j
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
    let mut params = Vec::new();
    for p in l.parameters() {
        let _ = writeln!(t, "  parameter {:04X}h (control {:02X}h): {}", p.code, p.control, hex(p.value));
        params.push(
            json!({ "code": p.code, "control": p.control, "value": hex(p.value), "number": p.as_u64() }),
        );
    }
    let supported: Option<Vec<Value>> =
        l.supported_pages().map(|it| it.map(|(pg, sub)| json!({ "page": pg, "subpage": sub })).collect());
    if let Some((cur, reference)) = l.temperature() {
        let c = |v: Option<u8>| v.map_or_else(|| "not available".to_string(), |v| format!("{v} C"));
        let _ = writeln!(t, "  temperature {}, reference {}", c(cur), c(reference));
    }
    if let Some((asc, temp)) = l.informational_exceptions() {
        let temp = temp.map_or_else(|| "not available".to_string(), |v| format!("{v} C"));
        let _ = writeln!(t, "  most recent informational exception: {asc}; temperature {temp}");
    }
    let j = json!({
        "page_code": l.page_code(), "subpage_code": l.subpage_code(), "spf": l.spf(), "ds": l.ds(),
        "declared_length": l.declared_len(), "truncated": l.is_truncated(), "parameters": params,
        "supported_pages": supported,
        "temperature": l.temperature().map(|(c, r)| json!({ "current": c, "reference": r })),
        "informational_exception": l.informational_exceptions().map(|(a, t)| json!({
            "asc": a.asc, "ascq": a.ascq, "text": a.to_string(), "temperature": t })),
    });
    Ok((t, j))
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
        // The library's shape, the same keys as READ CAPACITY (16), plus what it derives.
        let mut j = serde_json::to_value(d).unwrap_or(Value::Null);
        if let Value::Object(o) = &mut j {
            o.insert("command".into(), json!("READ CAPACITY(10)"));
            o.insert("blocks".into(), json!(d.blocks()));
            o.insert("capacity_bytes".into(), json!(d.capacity_bytes().map(|c| c.to_string())));
            o.insert("use_read_capacity_16".into(), json!(d.needs_read_capacity_16()));
        }
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
    let mut j = serde_json::to_value(d).unwrap_or(Value::Null);
    if let Value::Object(o) = &mut j {
        o.insert("command".into(), json!("READ CAPACITY(16)"));
        o.insert("capacity_bytes".into(), json!(d.capacity_bytes().to_string()));
        o.insert("protection_type".into(), json!(d.protection_type()));
        o.insert("physical_block_length".into(), json!(d.physical_block_len()));
    }
    Ok((t, j))
}

fn luns(b: &[u8]) -> Result<(String, Value), scsi_cdb::DecodeError> {
    let d = ReportLunsData::parse(b)?;
    let mut t = format!(
        "REPORT LUNS data: {} LUNs declared{}\n",
        d.declared_count(),
        if d.is_truncated() { " (truncated)" } else { "" }
    );
    let mut list = Vec::new();
    for l in d.luns() {
        let addr = match l.address() {
            LunAddress::Peripheral { bus, lun } => format!("peripheral bus {bus} lun {lun}"),
            LunAddress::Flat(n) => format!("flat {n}"),
            LunAddress::LogicalUnit { target, bus, lun } => {
                format!("logical unit target {target} bus {bus} lun {lun}")
            }
            LunAddress::Extended { well_known, .. } => match l.well_known_name() {
                Some(n) => format!("well-known LUN {n}"),
                None => match well_known {
                    Some(w) => format!("well-known LUN {w:02X}h"),
                    None => "extended".to_string(),
                },
            },
        };
        let _ = writeln!(t, "  {}  {} (Linux LUN {})", hex(&l.0), addr, l.to_int());
        list.push(json!({ "lun": hex(&l.0), "address": addr, "int": l.to_int() }));
    }
    let j = json!({ "list_length": d.list_len(), "declared_count": d.declared_count(), "truncated": d.is_truncated(), "luns": list });
    Ok((t, j))
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
    let mut bds = Vec::new();
    for d in m.block_descriptors() {
        let _ = writeln!(t, "  block descriptor: {} blocks of {} bytes", d.blocks, d.block_len);
        bds.push(json!({ "blocks": d.blocks, "logical_block_length": d.block_len }));
    }
    let mut pages = Vec::new();
    for p in m.pages() {
        match p {
            Ok(p) => {
                let typed = if let Some(c) = p.caching() {
                    serde_json::to_value(c).ok()
                } else if let Some(c) = p.control() {
                    serde_json::to_value(c).ok()
                } else if let Some(c) = p.rw_error_recovery() {
                    serde_json::to_value(c).ok()
                } else if let Some(c) = p.informational_exceptions() {
                    serde_json::to_value(c).ok()
                } else {
                    p.power_condition().and_then(|c| serde_json::to_value(c).ok())
                };
                let _ = writeln!(
                    t,
                    "  page {:02X}h/{:02X}h ({} bytes){}",
                    p.code,
                    p.subpage,
                    p.data.len(),
                    typed.as_ref().map_or(String::new(), |v| format!(": {}", value_text(v)))
                );
                pages.push(json!({ "page_code": p.code, "subpage": p.subpage, "ps": p.ps, "data": hex(p.data), "decoded": typed }));
            }
            Err(e) => {
                let _ = writeln!(t, "  page list ends early: {e}");
                pages.push(json!({ "error": e.to_string() }));
            }
        }
    }
    let j = json!({ "mode_sense": if ten { 10 } else { 6 }, "total_length": m.total_len(), "truncated": m.is_truncated(),
        "medium_type": m.medium_type(), "write_protected": m.write_protected(), "dpofua": m.dpofua(),
        "long_lba": m.long_lba(), "block_descriptors": bds, "pages": pages });
    Ok((t, j))
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

/// The byte map of response data: each byte with the field it belongs to (lists after the
/// fixed part are labelled by entry: LUN n, designator, mode page).
#[must_use]
pub fn explain(kind: Kind, b: &[u8], mode10: bool) -> String {
    let fields = layout(kind, b, mode10);
    let mut t = String::new();
    for (i, x) in b.iter().enumerate() {
        let name = byte_name(fields, i).unwrap_or_else(|| match kind {
            Kind::Luns => format!("LUN {} byte {}", (i - 8) / 8, (i - 8) % 8),
            Kind::Vpd => "page parameters".to_string(),
            Kind::Mode => "block descriptors / mode pages".to_string(),
            Kind::LogPage => "log parameters".to_string(),
            _ => "additional data".to_string(),
        });
        let _ = writeln!(t, "  byte {i:>3}  {x:02x}  {x:08b}  {name}");
    }
    t
}
