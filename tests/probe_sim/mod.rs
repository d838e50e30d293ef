//! A simulated logical unit for the probe tests and benches, built from the crate's target-side
//! writers and `SenseBuilder`. Each knob turns one behaviour of a real device on or off.

#![allow(dead_code)]

use scsi_cdb::cdb::spc::PageControl;
use scsi_cdb::data::vpd::{
    BlockDeviceCharacteristics, BlockLimits, DeviceIdentificationWriter, LogicalBlockProvisioning,
    SupportedPagesWriter, UnitSerialNumberWriter, VpdWriter,
};
use scsi_cdb::data::{
    Caching, DEVICE_SPECIFIC_DPOFUA, Designator, Lun, ModePageSource, ModePageValues, ModeSenseWriter,
    ReadCapacity10Data, ReadCapacity16Data, ReportLunsWriter, StandardInquiryWriter, WriteData,
};
use scsi_cdb::probe::{Probe, ProbeConfig, Step};
use scsi_cdb::sense::SenseBuilder;
use scsi_cdb::{AdditionalSense, Cdb, PeripheralDeviceType, SenseKey, Status, VersionDescriptor, VpdPage};

/// Readiness of the medium.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    Ready,
    /// 04h/01h for this many more TEST UNIT READYs.
    Becoming(u32),
    /// 04h/02h until START STOP UNIT (START).
    NeedsStart,
    /// 04h/01h forever.
    Never,
    /// 3Ah/00h.
    NoMedium,
}

/// The device's behaviour.
#[derive(Debug, Clone)]
pub struct SimDevice {
    pub device_type: PeripheralDeviceType,
    pub version: u8,
    pub protect: bool,
    /// Long standard INQUIRY data (a version descriptor: 74 bytes instead of 36).
    pub long_inquiry: bool,
    /// Pages listed in 00h besides 00h.
    pub vpd: Vec<VpdPage>,
    pub limits: BlockLimits,
    pub characteristics: BlockDeviceCharacteristics,
    pub provisioning: LogicalBlockProvisioning,
    pub blocks: u64,
    pub block_len: u32,
    /// LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT.
    pub lbppbe: u8,
    pub lbpme: bool,
    /// Protection type 1-3 reported by READ CAPACITY (16) (0 = PROT_EN clear).
    pub prot_type: u8,
    pub read_capacity_10: bool,
    pub read_capacity_16: bool,
    pub mode_sense_10: bool,
    pub mode_sense_6: bool,
    pub report_luns: bool,
    pub wce: bool,
    pub rcd: bool,
    pub dpofua: bool,
    /// The first this-many commands get UNIT ATTENTION 29h/00h.
    pub unit_attentions: u32,
    pub readiness: Readiness,
    /// LUNs with a connected unit (others answer PERIPHERAL QUALIFIER 011b).
    pub luns: Vec<u64>,
    /// Answer INQUIRY of an absent LUN with 25h/00h instead of a peripheral qualifier.
    pub lun_not_supported: bool,
    /// The PERIPHERAL QUALIFIER an absent LUN answers (011b, or 001b: "not connected").
    pub absent_qualifier: u8,
    /// What was sent: a short name per command (`INQ@1` for LUN 1).
    pub log: Vec<String>,
}

impl Default for SimDevice {
    /// A plain 1 GiB 512-byte disk with VPD 80h, 83h, B0h, B1h, write cache on, DPOFUA, one LUN.
    fn default() -> Self {
        Self {
            device_type: PeripheralDeviceType::DIRECT_ACCESS,
            version: 0x07,
            protect: false,
            long_inquiry: true,
            vpd: vec![
                VpdPage::UNIT_SERIAL_NUMBER,
                VpdPage::DEVICE_IDENTIFICATION,
                VpdPage::BLOCK_LIMITS,
                VpdPage::BLOCK_DEVICE_CHARACTERISTICS,
            ],
            limits: BlockLimits {
                max_transfer: Some(0x800),
                optimal_transfer: Some(0x80),
                ..BlockLimits::default()
            },
            characteristics: BlockDeviceCharacteristics {
                rotation_rate: Some(7200),
                form_factor: Some(2),
                zoned: Some(0),
            },
            provisioning: LogicalBlockProvisioning::default(),
            blocks: 2 * 1024 * 1024,
            block_len: 512,
            lbppbe: 3,
            lbpme: false,
            prot_type: 0,
            read_capacity_10: true,
            read_capacity_16: true,
            mode_sense_10: true,
            mode_sense_6: true,
            report_luns: true,
            wce: true,
            rcd: false,
            dpofua: true,
            unit_attentions: 0,
            readiness: Readiness::Ready,
            luns: vec![0],
            lun_not_supported: false,
            absent_qualifier: 3,
            log: Vec::new(),
        }
    }
}

const NAA: [u8; 8] = [0x60, 0x01, 0x40, 0x50, 0x12, 0x34, 0x56, 0x78];

fn check(sense: &mut [u8], b: SenseBuilder) -> (Status, usize, usize) {
    (Status::CHECK_CONDITION, 0, b.emit(sense).unwrap_or(0))
}

fn good<W: WriteData>(w: &W, data: &mut [u8]) -> (Status, usize, usize) {
    (Status::GOOD, w.write(data), 0)
}

impl SimDevice {
    fn name(cdb: &[u8], lun: u64) -> String {
        let base = match (cdb[0], cdb[1]) {
            (0x00, _) => "TUR".to_string(),
            (0x1B, _) => "SSU".to_string(),
            (0x12, 0) if cdb[4] == 36 && cdb[3] == 0 => "INQ".to_string(),
            (0x12, 0) => format!("INQ({})", u16::from_be_bytes([cdb[3], cdb[4]])),
            (0x12, 1) => format!("VPD{:02X}", cdb[2]),
            (0x25, _) => "RC10".to_string(),
            (0x9E, 0x10) => "RC16".to_string(),
            (0x5A, _) => "MS10".to_string(),
            (0x1A, _) => "MS6".to_string(),
            (0xA0, _) => "RL".to_string(),
            (op, _) => format!("{op:02X}"),
        };
        if lun == 0 { base } else { format!("{base}@{lun}") }
    }

    /// Answers one CDB sent to `lun`: (status, data bytes, sense bytes).
    pub fn answer(
        &mut self,
        cdb: &[u8],
        lun: u64,
        data: &mut [u8],
        sense: &mut [u8],
    ) -> (Status, usize, usize) {
        self.log.push(Self::name(cdb, lun));
        if self.unit_attentions > 0 {
            self.unit_attentions -= 1;
            return check(sense, SenseBuilder::power_on_reset());
        }
        let present = self.luns.contains(&lun);
        if !present && cdb[0] != 0x12 {
            return check(sense, SenseBuilder::lun_not_supported());
        }
        let not_ready = match self.readiness {
            Readiness::Ready => None,
            Readiness::Becoming(0) => {
                self.readiness = Readiness::Ready;
                None
            }
            Readiness::Becoming(n) => {
                if cdb[0] == 0x00 {
                    self.readiness = Readiness::Becoming(n - 1);
                }
                Some(SenseBuilder::becoming_ready(0))
            }
            Readiness::Never => Some(SenseBuilder::becoming_ready(0)),
            Readiness::NeedsStart => Some(SenseBuilder::needs_start_unit()),
            Readiness::NoMedium => Some(SenseBuilder::medium_not_present()),
        };
        match cdb[0] {
            0x00 => match not_ready {
                Some(s) => check(sense, s),
                None => (Status::GOOD, 0, 0),
            },
            0x1B => {
                if cdb[4] & 1 == 1 && self.readiness == Readiness::NeedsStart {
                    self.readiness = Readiness::Ready;
                }
                (Status::GOOD, 0, 0)
            }
            0x12 => self.inquiry(cdb, present, data, sense),
            0x25 | 0x9E if not_ready.is_some() => {
                check(sense, not_ready.unwrap_or(SenseBuilder::invalid_opcode()))
            }
            0x25 if self.read_capacity_10 => {
                let last = u32::try_from(self.blocks - 1).unwrap_or(u32::MAX);
                good(&ReadCapacity10Data { last_lba: last, block_len: self.block_len }, data)
            }
            0x9E if cdb[1] == 0x10 && self.read_capacity_16 => {
                let rc = ReadCapacity16Data {
                    lbppbe: Some(self.lbppbe),
                    lbpme: Some(self.lbpme),
                    prot_en: Some(self.prot_type != 0),
                    p_type: Some(self.prot_type.saturating_sub(1)),
                    ..ReadCapacity16Data::new(self.blocks, self.block_len)
                };
                good(&rc, data)
            }
            0x5A if self.mode_sense_10 => self.mode_sense(cdb, true, data),
            0x1A if self.mode_sense_6 => self.mode_sense(cdb, false, data),
            0xA0 if self.report_luns => {
                let luns: Vec<Lun> = self.luns.iter().map(|l| Lun::from_int(*l)).collect();
                good(&ReportLunsWriter { luns: &luns }, data)
            }
            _ => check(sense, SenseBuilder::invalid_opcode()),
        }
    }

    fn mode_sense(&self, cdb: &[u8], ten: bool, data: &mut [u8]) -> (Status, usize, usize) {
        let caching = ModePageValues::fixed(Caching { wce: self.wce, rcd: self.rcd, ..Caching::default() });
        let pages: [&dyn ModePageSource; 1] = [&caching];
        let w = ModeSenseWriter {
            device_specific: if self.dpofua { DEVICE_SPECIFIC_DPOFUA } else { 0 },
            pages: &pages,
            page_code: cdb[2] & 0x3F,
            page_control: PageControl::Current,
            ..ModeSenseWriter::new(ten)
        };
        good(&w, data)
    }

    fn inquiry(
        &self,
        cdb: &[u8],
        present: bool,
        data: &mut [u8],
        sense: &mut [u8],
    ) -> (Status, usize, usize) {
        let t = self.device_type;
        if !present {
            if self.lun_not_supported {
                return check(sense, SenseBuilder::lun_not_supported());
            }
            // 001b keeps the device type (a unit could be there); 011b says 1Fh.
            let dt = if self.absent_qualifier == 1 { t } else { PeripheralDeviceType::UNKNOWN };
            let w = StandardInquiryWriter {
                peripheral_qualifier: self.absent_qualifier,
                ..StandardInquiryWriter::new(dt, b"SIM", b"", b"")
            };
            return good(&w, data);
        }
        if cdb[1] & 1 == 0 {
            let mut w = StandardInquiryWriter {
                protect: self.protect,
                version: self.version,
                ..StandardInquiryWriter::new(t, b"SIMCO", b"Probe Disk", b"0100")
            };
            if self.long_inquiry {
                w.version_descriptors[0] = VersionDescriptor(0x04C0);
            }
            return good(&w, data);
        }
        let listed = |p: VpdPage| self.vpd.contains(&p);
        match VpdPage(cdb[2]) {
            VpdPage::SUPPORTED_PAGES => {
                let mut pages = vec![VpdPage::SUPPORTED_PAGES];
                pages.extend(self.vpd.iter().copied());
                good(&VpdWriter::new(t, SupportedPagesWriter { pages: &pages }), data)
            }
            p @ VpdPage::UNIT_SERIAL_NUMBER if listed(p) => {
                good(&VpdWriter::new(t, UnitSerialNumberWriter { serial: b"  SIM0001 " }), data)
            }
            p @ VpdPage::DEVICE_IDENTIFICATION if listed(p) => {
                let ids = [Designator::naa_lu(&NAA)];
                good(&VpdWriter::new(t, DeviceIdentificationWriter { designators: &ids }), data)
            }
            p @ VpdPage::ATA_INFORMATION if listed(p) => {
                // Only the header matters to the probe.
                let page = [t.0, 0x89, 0, 0];
                let n = data.len().min(page.len());
                data[..n].copy_from_slice(&page[..n]);
                (Status::GOOD, n, 0)
            }
            p @ VpdPage::BLOCK_LIMITS if listed(p) => good(&VpdWriter::new(t, self.limits), data),
            p @ VpdPage::BLOCK_DEVICE_CHARACTERISTICS if listed(p) => {
                good(&VpdWriter::new(t, self.characteristics), data)
            }
            p @ VpdPage::LOGICAL_BLOCK_PROVISIONING if listed(p) => {
                good(&VpdWriter::new(t, self.provisioning), data)
            }
            _ => check(sense, SenseBuilder::invalid_field_in_cdb(scsi_cdb::FieldPointer::byte(2))),
        }
    }
}

/// What a run did.
#[derive(Debug)]
pub struct Run {
    pub probe: Probe,
    pub steps: usize,
    pub waits: Vec<u32>,
}

/// Drives a probe against the device until it is done (or 10 000 steps, a failure).
pub fn run(dev: &mut SimDevice, config: ProbeConfig) -> Run {
    let mut probe = Probe::new(config);
    let mut data = vec![0u8; 4096];
    let mut sense = [0u8; 252];
    let mut steps = 0;
    let mut waits = Vec::new();
    loop {
        steps += 1;
        assert!(steps < 10_000, "the probe did not end");
        match probe.next() {
            Step::Send(req) => {
                let cdb = req.command.to_buf().expect("encodes");
                let len = (req.data_len as usize).min(data.len());
                let buf = &mut data[..len];
                buf.fill(0);
                let (status, n, s) = dev.answer(cdb.as_bytes(), req.lun.to_int(), buf, &mut sense);
                probe.complete(status, &sense[..s], &buf[..n]);
            }
            Step::Wait { millis } => waits.push(millis),
            Step::Done => break,
        }
    }
    Run { probe, steps, waits }
}

/// Sense with a key and ASC/ASCQ, for hand-made answers.
pub fn sense_of(key: SenseKey, asc: u8, ascq: u8) -> Vec<u8> {
    let mut out = [0u8; 252];
    let n = SenseBuilder::new(key, AdditionalSense::new(asc, ascq)).emit(&mut out).unwrap_or(0);
    out[..n].to_vec()
}
