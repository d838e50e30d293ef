//! Fuzz target bodies. The same file is compiled into the cargo-fuzz targets (nightly, with
//! sanitizers) and, through `#[path]`, into ordinary tests that run every body over the seed
//! corpus on stable, so CI covers them without a fuzzer.

#![allow(missing_docs, clippy::missing_panics_doc)]

use scsi_cdb::data::{
    ModeData, ReadCapacity10Data, ReadCapacity16Data, ReportLunsData, StandardInquiry, VpdPageView, vpd,
};
use scsi_cdb::sense::{Descriptor, Sense, SenseBuilder};
use scsi_cdb::{Cdb, Command};

/// Any bytes as a CDB: decode strictly and by prefix; a decoded typed command re-encodes to
/// the same bytes.
pub fn decode_cdb(data: &[u8]) {
    let _ = Command::parse(data).map(|c| c.name());
    // What `scsi-decode cdb` shows: every field of the layout lies inside the bytes.
    let r = scsi_cdb::cdb::explain::CdbReport::new(data);
    for (f, _) in r.fields() {
        assert!(usize::from(f.byte) + usize::from(f.nbytes) <= data.len(), "{f:?}");
    }
    let _ = (r.name().to_string(), r.text(512).to_string(), r.byte_map().to_string());
    if let Ok((cmd, n)) = Command::parse_prefix(data) {
        assert!(n <= data.len());
        let mut out = [0u8; 64];
        let Some(c) = cmd.as_cdb() else { return };
        let m = c.encode_into(&mut out).expect("re-encode");
        // Every command is described with cdb_command! and re-encodes to exactly the bytes it
        // came from: every set bit is in a field or the decoder rejected it.
        assert_eq!(&out[..m], &data[..n]);
        for f in cmd.fields() {
            let _ = f.get(&data[..n]);
        }
        let _ = (cmd.direction(), cmd.transfer_len(4096), cmd.type_name());
        // ATA PASS-THROUGH's register view gives back the same form.
        if let Some(a) = cmd.ata() {
            assert_eq!(Command::from(a.cdb()), cmd);
        }
        // Obsolete bits are dropped on decode, so compare the decode of the re-encoding.
        assert_eq!(Command::parse_prefix(&out[..m]).map(|(c, _)| c), Ok(cmd));
    }
}

/// Any bytes as sense data: every accessor, the summary, the text, the walk (forwarded sense
/// followed to any depth), and conversion to a builder that emits valid sense again.
pub fn decode_sense(data: &[u8]) {
    fn walk(s: &Sense<'_>, depth: u32) {
        // Each level needs an 8-byte header and a 4-byte descriptor header.
        assert!(depth <= 24, "forwarded sense deeper than 263 bytes allow (12 bytes a level)");
        let sum = s.summary();
        let _ = (s.to_string(), s.ata_status(), sum.disposition(), s.fixed_additional_bytes(), s.sdat_ovfl());
        for d in s.descriptors() {
            match d {
                Ok((off, Descriptor::ForwardedSense { sense: Some(inner), .. })) => {
                    assert!(off < s.as_bytes().len());
                    walk(&inner, depth + 1);
                }
                Ok((off, d)) => {
                    assert!(off < s.as_bytes().len());
                    let _ = Descriptor::type_name(d.code());
                }
                Err(e) => assert!(e.declared > e.available),
            }
        }
        if let Some(b) = SenseBuilder::from_sense(s) {
            let mut out = [0u8; 252];
            if let Ok(n) = b.emit(&mut out) {
                let again = Sense::parse(&out[..n]).expect("emitted sense parses");
                assert_eq!(again.sense_key(), Some(b.key));
            }
        }
    }
    if let Ok(s) = Sense::parse(data) {
        walk(&s, 0);
    }
}

/// Any bytes through every response-data view.
pub fn response_data(data: &[u8]) {
    if let Ok(i) = StandardInquiry::parse(data) {
        let _ =
            (i.vendor().map(|v| v.to_string()), i.product(), i.revision(), i.version_descriptors().count());
    }
    if let Ok(v) = VpdPageView::parse(data) {
        assert!(v.payload().len() <= data.len());
    }
    let _ = vpd::SupportedPages::parse(data).map(|p| p.pages()).map(Iterator::count);
    let _ = vpd::UnitSerialNumber::parse(data).map(|p| p.serial()).map(|s| s.to_string());
    if let Ok(it) = vpd::DeviceIdentification::parse(data).map(|p| p.designators()) {
        for d in it {
            let _ = (d.naa(), d.port_or_group(), d.type_name());
        }
    }
    let _ = (
        vpd::BlockLimits::parse(data),
        vpd::BlockDeviceCharacteristics::parse(data),
        vpd::LogicalBlockProvisioning::parse(data),
    );
    writers_round_trip(data);
    let _ = (
        vpd::ExtendedInquiry::parse(data),
        vpd::PowerConditionVpd::parse(data),
        vpd::Referrals::parse(data),
        vpd::BlockDeviceCharacteristicsExt::parse(data),
        vpd::ZonedBlockDeviceCharacteristics::parse(data),
        vpd::BlockLimitsExtension::parse(data),
    );
    if let Ok(x) = vpd::BlockDeviceCharacteristicsExt::parse(data) {
        let _ = (x.utilization_type_name(), x.utilization_units_name(), x.utilization_interval_name());
    }
    if let Ok(z) = vpd::ZonedBlockDeviceCharacteristics::parse(data) {
        let _ = (z.extension_name(), z.zone_alignment_method_name());
    }
    if let Ok(it) = vpd::ModePagePolicies::parse(data).map(|p| p.policies()) {
        for p in it {
            let _ = p.policy_name();
        }
    }
    if let Ok(it) = vpd::ScsiPorts::parse(data).map(|p| p.ports()) {
        for p in it {
            assert!(p.initiator_transport_id.len() <= data.len());
            for d in p.target_port_designators() {
                let _ = (d.type_name(), d.naa());
            }
        }
    }
    if let Ok(a) = vpd::AtaInformation::parse(data) {
        let _ = (a.sat_vendor(), a.sat_product(), a.sat_revision(), a.device_signature(), a.command_code());
        let _ = (a.model_number(), a.serial_number(), a.firmware_revision(), a.lba48_sectors());
        let _ = a.logical_sector_size();
        assert!(a.identify_data().len() <= 512);
    }
    if let Ok(it) = vpd::ThirdPartyCopy::parse(data).map(|p| p.descriptors()) {
        for d in it {
            assert!(d.body.len() <= data.len());
            let _ = d.type_name();
        }
    }
    if let Ok(p) = scsi_cdb::data::PrKeys::parse(data) {
        let _ = (p.keys().count(), p.is_truncated());
    }
    let _ = (scsi_cdb::data::PrReservation::parse(data), scsi_cdb::data::PrCapabilities::parse(data));
    if let Ok(l) = scsi_cdb::data::LogPage::parse(data) {
        for p in l.parameters() {
            assert!(p.value.len() <= data.len());
            let _ = (p.as_u64(), p.format_and_linking());
        }
        let _ = (l.temperature(), l.informational_exceptions(), l.is_truncated());
        if let Some(it) = l.supported_pages() {
            let _ = it.count();
        }
    }
    if let Ok(z) = scsi_cdb::data::ReportZonesData::parse(data) {
        assert!(z.available_len() <= data.len() && z.available_len() as u64 <= z.declared_len());
        for d in z.zones() {
            let _ = (d.zone_type.name(), d.condition.name());
        }
    }
    let _ = ReadCapacity10Data::parse(data).map(|r| r.capacity_bytes());
    if let Ok(it) = scsi_cdb::data::supported_commands(data) {
        for c in it {
            let _ = (c.name(), c.timeouts);
        }
    }
    let _ = scsi_cdb::data::OneCommand::parse(data).map(|o| o.is_supported());
    let _ = scsi_cdb::data::lba_status(data).map(Iterator::count);
    let _ = ReadCapacity16Data::parse(data)
        .map(|r| (r.capacity_bytes(), r.physical_block_len(), r.protection_type()));
    if let Ok(l) = ReportLunsData::parse(data) {
        for lun in l.luns() {
            assert_eq!(scsi_cdb::data::Lun::from_int(lun.to_int()), lun);
        }
    }
    for ten in [false, true] {
        if let Ok(m) = ModeData::parse(data, ten) {
            let _ = m.block_descriptors().count();
            for p in m.pages().flatten() {
                let _ = (
                    p.caching(),
                    p.control(),
                    p.rw_error_recovery(),
                    p.informational_exceptions(),
                    p.power_condition(),
                );
            }
        }
    }
}

/// An arbitrary sense builder: emit, decode, and get the same values back.
pub fn roundtrip_sense(b: SenseBuilder) {
    let mut out = [0u8; 252];
    let Ok(n) = b.emit(&mut out) else { return };
    assert_eq!(n, b.len());
    let s = Sense::parse(&out[..n]).expect("emitted sense parses");
    let back = SenseBuilder::from_sense(&s).expect("builder back");
    let mut want = b;
    // What the formats cannot carry: a SKS whose key gives it another meaning, a zero
    // command-specific field or a 64-bit INFORMATION in fixed format, and FRU 0 (= none).
    want.sks = b.sks.and_then(|k| scsi_cdb::sense::SenseKeySpecific::decode(b.key, k.encode()));
    if want.format == scsi_cdb::sense::SenseFormatChoice::Fixed {
        if want.command_specific == Some(0) {
            want.command_specific = None;
        }
        // Fixed format sends an INFORMATION above 32 bits with VALID clear.
        if want.information.is_some_and(|v| v > u64::from(u32::MAX)) {
            want.information = None;
        }
    }
    assert_eq!(back, want);
}

/// Arbitrary READ/WRITE parameters: best fit and each size encode, decode to equal values.
pub fn roundtrip_cdb(p: (u64, u32, u8, u8, bool)) {
    let (lba, blocks, group, protect, fua) = p;
    let params = scsi_cdb::RwParams {
        lba,
        transfer_length: blocks,
        group_number: scsi_cdb::GroupNumber::new(group & 0x3F).expect("6 bits"),
        protect: scsi_cdb::Protect::new(protect & 7).expect("3 bits"),
        flags: if fua { scsi_cdb::RwFlags::FUA } else { scsi_cdb::RwFlags::empty() },
        ..Default::default()
    };
    let r = scsi_cdb::ReadAny::best_fit(&params, scsi_cdb::BestFit::default()).expect("valid");
    let buf = r.to_buf().expect("fits");
    assert_eq!(scsi_cdb::ReadAny::decode(buf.as_bytes()), Ok(r));
    let w = scsi_cdb::Write16 { fua, ..scsi_cdb::Write16::new(lba, blocks) };
    assert_eq!(scsi_cdb::Write16::decode(&w.to_bytes()), Ok(w));
}

/// The target-side writers against the readers on any bytes: whatever a reader got out of
/// them, written back and read again, is the same value (every field the reader found keeps
/// its value; a field it did not find is written as zero), and a cut at any length is a
/// prefix of the whole answer.
fn writers_round_trip(data: &[u8]) {
    use scsi_cdb::data::WriteData;
    use scsi_cdb::data::vpd::VpdWriter;
    fn check<W: WriteData>(w: &W) -> Vec<u8> {
        let mut full = vec![0u8; w.total_len()];
        assert_eq!(w.write(&mut full), full.len());
        let cut = full.len() / 2;
        let mut half = vec![0xAAu8; cut];
        assert_eq!(w.write(&mut half), cut);
        assert_eq!(half[..], full[..cut]);
        full
    }
    fn same<T: PartialEq + core::fmt::Debug + Copy>(a: T, b: T) {
        assert_eq!(a, b);
    }
    let dt = scsi_cdb::PeripheralDeviceType(0);
    if let Ok(v) = vpd::BlockLimits::parse(data) {
        let b = vpd::BlockLimits::parse(&check(&VpdWriter::new(dt, v))).expect("written B0h parses");
        let keep = |x: Option<u32>, y: Option<u32>| x.is_none() || x == y;
        assert!(keep(v.max_transfer, b.max_transfer) && keep(v.optimal_transfer, b.optimal_transfer));
        assert!(
            keep(v.unmap_alignment, b.unmap_alignment) && keep(v.max_unmap_lba_count, b.max_unmap_lba_count)
        );
        same(vpd::BlockLimits::parse(&check(&VpdWriter::new(dt, b))).ok(), Some(b));
    }
    if let Ok(v) = vpd::LogicalBlockProvisioning::parse(data) {
        let b =
            vpd::LogicalBlockProvisioning::parse(&check(&VpdWriter::new(dt, v))).expect("written B2h parses");
        assert!(v.provisioning_type.is_none() || v.provisioning_type == b.provisioning_type);
        assert!(v.lbpu.is_none() || v.lbpu == b.lbpu);
        same(vpd::LogicalBlockProvisioning::parse(&check(&VpdWriter::new(dt, b))).ok(), Some(b));
    }
    if let Ok(v) = vpd::BlockDeviceCharacteristics::parse(data) {
        let b = vpd::BlockDeviceCharacteristics::parse(&check(&VpdWriter::new(dt, v)))
            .expect("written B1h parses");
        same(vpd::BlockDeviceCharacteristics::parse(&check(&VpdWriter::new(dt, b))).ok(), Some(b));
    }
    if let Ok(c) = ReadCapacity16Data::parse(data) {
        let b = ReadCapacity16Data::parse(&check(&c)).expect("written READ CAPACITY (16) data parses");
        assert_eq!(
            (b.last_lba, b.block_len, c.p_type.is_none() || c.p_type == b.p_type),
            (c.last_lba, c.block_len, true)
        );
    }
    if let Ok(i) = StandardInquiry::parse(data) {
        let w = i.to_writer();
        let out = check(&w);
        let back = StandardInquiry::parse(&out).expect("written INQUIRY data parses").to_writer();
        // Identification bytes come back trimmed of trailing spaces and NULs, as the reader trims.
        same(
            (back.device_type, back.version, back.cmd_que, back.tpgs),
            (w.device_type, w.version, w.cmd_que, w.tpgs),
        );
        same(StandardInquiry::parse(&check(&back)).map(|x| x.to_writer()).ok(), Some(back));
    }
    if let Ok(l) = ReportLunsData::parse(data) {
        let luns: Vec<_> = l.luns().collect();
        let out = check(&scsi_cdb::data::ReportLunsWriter { luns: &luns });
        assert!(
            ReportLunsData::parse(&out)
                .expect("written REPORT LUNS data parses")
                .luns()
                .eq(luns.iter().copied())
        );
    }
}

/// Any bytes as a device's answers to a probe: the first bytes choose the bounds, then each
/// command takes a status, a sense length and sense, a data length and data (the input is
/// read again from its start when it runs out). The probe must not panic, must send only
/// commands that encode, and must end within `2 * max_commands + 1` steps.
pub fn probe(data: &[u8]) {
    use scsi_cdb::Status;
    use scsi_cdb::probe::{End, Field, Probe, ProbeConfig, Step};
    let byte = |i: usize| data.get(i).copied().unwrap_or(0);
    let config = ProbeConfig {
        max_commands: u16::from(byte(0) & 0x7F) + 1,
        max_ready_polls: u16::from(byte(1) & 0x1F),
        max_unit_attentions: u16::from(byte(2) & 0x0F),
        max_busy_retries: u16::from(byte(3) & 0x0F),
        max_start_units: u16::from(byte(4) & 0x03),
        read_capacity_16_first: byte(5) & 1 != 0,
        discover_luns: byte(5) & 2 == 0,
        max_scan_luns: u16::from(byte(6) & 0x1F),
        max_inquiry_len: u16::from(byte(7)).max(36),
        page_alloc_len: u16::from(byte(8)).max(4) * 2,
        ..ProbeConfig::default()
    };
    let answers = data.get(9..).unwrap_or_default();
    let mut pos = 0usize;
    let mut take = |n: usize| -> &[u8] {
        if answers.is_empty() {
            return &[];
        }
        if pos >= answers.len() {
            pos = 0;
        }
        let end = (pos + n).min(answers.len());
        let s = &answers[pos..end];
        pos = end;
        s
    };
    let mut p = Probe::new(config);
    let bound = 2 * usize::from(config.max_commands) + 1;
    let mut steps = 0usize;
    loop {
        steps += 1;
        assert!(steps <= bound, "the probe ran past its bound");
        match p.next() {
            Step::Send(req) => {
                let cdb = req.command.to_buf().expect("a probe command encodes");
                assert_eq!(cdb.as_bytes().len(), req.command.cdb_len());
                let status = take(1).first().copied().unwrap_or(0);
                let sense_len = usize::from(take(1).first().copied().unwrap_or(0));
                let sense = take(sense_len).to_vec();
                let len = take(2);
                let data_len = usize::from(u16::from_be_bytes([
                    len.first().copied().unwrap_or(0),
                    len.get(1).copied().unwrap_or(0),
                ]))
                .min(req.data_len as usize);
                let answer = take(data_len).to_vec();
                p.complete(Status(status), &sense, &answer);
            }
            Step::Wait { .. } => {}
            Step::Done => break,
        }
    }
    assert!(p.is_done());
    let prof = p.profile();
    assert!(prof.end != End::Running && prof.commands <= config.max_commands);
    for f in Field::ALL {
        assert!(prof.has(f) || prof.reason(f).is_some(), "{f:?} has neither a value nor a reason");
    }
}
