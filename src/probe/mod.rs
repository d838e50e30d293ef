//! Bringing up a logical unit the way Linux does (`sd.c`, `scsi_scan.c`), as a sans-IO state
//! machine.
//!
//! [`Probe::next`] says what to do ([`Step::Send`] a command, [`Step::Wait`], or
//! [`Step::Done`]); [`Probe::complete`] takes the status, sense and data of the command just
//! sent. The probe owns no buffer and does no I/O, so it runs the same over SG_IO, iSCSI or a
//! simulated device. The order of the steps:
//!
//! 1. TEST UNIT READY until unit attentions are cleared; NOT READY "in progress" ASCQs wait and
//!    poll again, 04h/02h sends START STOP UNIT (START), 3Ah records no medium.
//! 2. Standard INQUIRY of 36 bytes, again with ADDITIONAL LENGTH + 5 when the device has more.
//! 3. VPD 00h, then 80h, 83h, 89h, B0h, B1h, B2h, each only when 00h lists it (and, as in
//!    Linux, only for devices claiming SPC-2 or later).
//! 4. READ CAPACITY (10), and (16) when (10) says FFFF_FFFFh, INQUIRY PROTECT is set or B2h
//!    says the unit is thin; (16) falls back to the (10) answer when the unit rejects it.
//! 5. MODE SENSE (10) of the caching page, (6) when (10) is rejected: WCE, RCD, DPOFUA.
//! 6. LUN discovery: REPORT LUNS (devices claiming SCSI-3 or later) and an INQUIRY of each
//!    listed LUN, or a sequential INQUIRY scan when REPORT LUNS fails or is not asked;
//!    peripheral qualifier 001b/011b and ASC 25h mean no unit.
//!
//! Unit attentions and deferred errors are retried, BUSY and TASK SET FULL wait and retry, and every loop has a
//! bound in [`ProbeConfig`]; [`ProbeConfig::max_commands`] caps the whole run, so a probe
//! ends after at most `2 * max_commands + 1` steps whatever the device answers.
//!
//! ```
//! use scsi_cdb::data::{ReadCapacity10Data, StandardInquiryWriter, WriteData};
//! use scsi_cdb::probe::{Probe, ProbeConfig, Step};
//! use scsi_cdb::sense::SenseBuilder;
//! use scsi_cdb::{Cdb, PeripheralDeviceType, Status};
//!
//! // A tiny simulated disk: TEST UNIT READY, standard INQUIRY and READ CAPACITY (10) work,
//! // anything else is an INVALID COMMAND OPERATION CODE.
//! fn device(cdb: &[u8], data: &mut [u8], sense: &mut [u8]) -> (Status, usize, usize) {
//!     let inquiry = StandardInquiryWriter::new(PeripheralDeviceType::DIRECT_ACCESS, b"ACME", b"Disk", b"1.0");
//!     match (cdb[0], cdb[1]) {
//!         (0x00, _) => (Status::GOOD, 0, 0),
//!         (0x12, 0) => (Status::GOOD, inquiry.write(data), 0),
//!         (0x25, _) => (Status::GOOD, ReadCapacity10Data { last_lba: 2047, block_len: 512 }.write(data), 0),
//!         _ => (Status::CHECK_CONDITION, 0, SenseBuilder::invalid_opcode().emit(sense).unwrap_or(0)),
//!     }
//! }
//!
//! let mut probe = Probe::new(ProbeConfig::default());
//! let (mut data, mut sense) = ([0u8; 512], [0u8; 252]);
//! loop {
//!     match probe.next() {
//!         Step::Send(req) => {
//!             let buf = &mut data[..req.data_len.min(512) as usize];
//!             let (status, n, s) = device(req.command.to_buf()?.as_bytes(), buf, &mut sense);
//!             probe.complete(status, &sense[..s], &buf[..n]);
//!         }
//!         Step::Wait { millis } => std::thread::sleep(std::time::Duration::from_millis(millis.into())),
//!         Step::Done => break,
//!     }
//! }
//! let p = probe.profile();
//! assert_eq!((p.capacity_blocks, p.logical_block_size), (Some(2048), Some(512)));
//! assert_eq!(p.vendor.map(|v| v.to_string()).as_deref(), Some("ACME"));
//! assert_eq!(p.write_cache, None); // MODE SENSE was rejected: unknown, and `unknown` says why
//! # Ok::<(), scsi_cdb::BuildError>(())
//! ```

mod command;
mod profile;

pub use command::ProbeCommand;
pub use profile::{
    DESIGNATOR_CAPACITY, DesignatorValue, DeviceProfile, End, Field, List, MAX_DESIGNATORS, MAX_LUNS,
    ProvisioningMode, Reason, Text, Unknown, Zoned,
};

use crate::cdb::U6;
use crate::cdb::sbc::StartStopUnit;
use crate::cdb::spc::{ModeSense6, ModeSense10, ReportLuns};
use crate::data::vpd::{
    BlockDeviceCharacteristics, BlockLimits, DeviceIdentification, LogicalBlockProvisioning, SupportedPages,
    UnitSerialNumber,
};
use crate::data::{Lun, ModeData, ReadCapacity10Data, ReadCapacity16Data, ReportLunsData, StandardInquiry};
use crate::sense::Sense;
use crate::{
    AdditionalSense, Cdb, DataDirection, Inquiry, PeripheralDeviceType, ReadCapacity10, ReadCapacity16,
    SenseKey, Status, TestUnitReady, VpdPage,
};

/// The bounds and choices of a probe.
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::probe::{Probe, ProbeConfig, Step};
/// // NOT READY, LOGICAL UNIT IS IN PROCESS OF BECOMING READY (04h/01h): poll every 500 ms.
/// let becoming = [0x70, 0, 0x02, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x04, 0x01, 0, 0, 0, 0];
/// let mut probe = Probe::new(ProbeConfig { ready_poll_ms: 500, ..ProbeConfig::default() });
/// probe.next(); // TEST UNIT READY
/// probe.complete(Status::CHECK_CONDITION, &becoming, &[]);
/// assert_eq!(probe.next(), Step::Wait { millis: 500 });
/// assert_eq!(probe.config().max_ready_polls, 30);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProbeConfig {
    /// The logical unit to bring up.
    pub lun: Lun,
    /// Unit attentions retried over the whole probe.
    pub max_unit_attentions: u16,
    /// TEST UNIT READY polls while the unit reports an operation in progress.
    pub max_ready_polls: u16,
    /// The wait between those polls.
    pub ready_poll_ms: u32,
    /// START STOP UNIT commands sent for 04h/02h.
    pub max_start_units: u16,
    /// BUSY / TASK SET FULL retries over the whole probe.
    pub max_busy_retries: u16,
    /// The wait before such a retry.
    pub busy_wait_ms: u32,
    /// Commands sent at most; reaching it ends the probe.
    pub max_commands: u16,
    /// Send READ CAPACITY (16) first (Linux does for SPC-3 and later devices), falling back
    /// to (10) when it is rejected.
    pub read_capacity_16_first: bool,
    /// Look for other LUNs (REPORT LUNS or a sequential scan). Off for a transport that
    /// reaches one logical unit only (an sg node).
    pub discover_luns: bool,
    /// The sequential scan asks LUNs 1 to this bound (exclusive) and stops at the first absent.
    pub max_scan_luns: u16,
    /// The longest standard INQUIRY asked for.
    pub max_inquiry_len: u16,
    /// The allocation length of the VPD and MODE SENSE reads.
    pub page_alloc_len: u16,
    /// Read VPD pages whatever INQUIRY VERSION says. Off, as in Linux: only devices claiming
    /// SPC-2 or later (VERSION 4 and up) are asked, since some older ones fail on EVPD.
    pub vpd_for_old_devices: bool,
}

impl Default for ProbeConfig {
    fn default() -> Self {
        Self {
            lun: Lun::from_int(0),
            max_unit_attentions: 8,
            max_ready_polls: 30,
            ready_poll_ms: 1000,
            max_start_units: 1,
            max_busy_retries: 8,
            busy_wait_ms: 100,
            max_commands: 128,
            read_capacity_16_first: false,
            discover_luns: true,
            max_scan_luns: 8,
            max_inquiry_len: 255,
            page_alloc_len: 255,
            vpd_for_old_devices: false,
        }
    }
}

/// A command to send.
///
/// ```rust
/// use scsi_cdb::probe::{Probe, ProbeConfig, Step};
/// use scsi_cdb::{Cdb, DataDirection, Status};
/// let mut probe = Probe::new(ProbeConfig::default());
/// probe.next(); // TEST UNIT READY
/// probe.complete(Status::GOOD, &[], &[]);
/// let Step::Send(req) = probe.next() else { panic!("expected a command") };
/// // Standard INQUIRY of 36 bytes to LUN 0.
/// assert_eq!(req.command.to_buf()?.as_bytes(), [0x12, 0, 0, 0, 0x24, 0]);
/// assert_eq!((req.lun.to_int(), req.direction, req.data_len), (0, DataDirection::FromDevice, 36));
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    /// The command.
    pub command: ProbeCommand,
    /// The logical unit to address.
    pub lun: Lun,
    /// Its data direction (data-in or none).
    pub direction: DataDirection,
    /// The data-in buffer length in bytes (the allocation length).
    pub data_len: u32,
}

/// What the driver does next.
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::probe::{Probe, ProbeCommand, ProbeConfig, Step};
/// // UNIT ATTENTION, POWER ON, RESET, OR BUS DEVICE RESET OCCURRED (29h/00h).
/// let ua = [0x70, 0, 0x06, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x29, 0, 0, 0, 0, 0];
/// let mut probe = Probe::new(ProbeConfig::default());
/// let first = probe.next();
/// assert!(matches!(first, Step::Send(r) if matches!(r.command, ProbeCommand::TestUnitReady(_))));
/// probe.complete(Status::CHECK_CONDITION, &ua, &[]);
/// // The unit attention is retried: the same TEST UNIT READY again.
/// assert_eq!(probe.next(), first);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Send this command, then call [`Probe::complete`].
    Send(Request),
    /// Wait this long, then call [`Probe::next`] again.
    Wait {
        /// Milliseconds.
        millis: u32,
    },
    /// The probe has ended: read [`Probe::profile`].
    Done,
}

/// The VPD pages read after 00h, in order.
const VPD_PAGES: [VpdPage; 6] = [
    VpdPage::UNIT_SERIAL_NUMBER,
    VpdPage::DEVICE_IDENTIFICATION,
    VpdPage::ATA_INFORMATION,
    VpdPage::BLOCK_LIMITS,
    VpdPage::BLOCK_DEVICE_CHARACTERISTICS,
    VpdPage::LOGICAL_BLOCK_PROVISIONING,
];

/// The caching mode page.
const CACHING_PAGE: u8 = 0x08;
/// The standard INQUIRY first read.
const INQUIRY_FIRST: u16 = Inquiry::SAFE_ALLOC_LEN;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Tur,
    StartUnit,
    Inquiry,
    InquiryFull(u16),
    VpdList,
    Vpd(usize),
    Rc10,
    Rc16,
    ModeSense10,
    ModeSense6,
    ReportLuns,
    LunInquiry(Lun),
    Finished,
}

/// How the unit answered, reduced to what the probe acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Good,
    Check(SenseKey, AdditionalSense),
    Failed,
}

/// The probe state machine. See the [module docs](self).
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::probe::{Probe, ProbeConfig, Step};
/// let mut probe = Probe::new(ProbeConfig::default());
/// probe.next(); // TEST UNIT READY
/// probe.complete(Status::BUSY, &[], &[]);
/// // BUSY: wait `busy_wait_ms`, then send the command again.
/// assert_eq!(probe.next(), Step::Wait { millis: 100 });
/// assert!(matches!(probe.next(), Step::Send(_)));
/// assert_eq!((probe.is_done(), probe.profile().commands), (false, 2));
/// ```
#[derive(Debug, Clone)]
pub struct Probe {
    config: ProbeConfig,
    profile: DeviceProfile,
    phase: Phase,
    in_flight: bool,
    wait: Option<u32>,
    unit_attentions: u16,
    polls: u16,
    starts: u16,
    busy: u16,
    /// Bit i: `VPD_PAGES[i]` is listed in 00h.
    listed: u8,
    /// No VPD page was asked for (INQUIRY VERSION before SPC-2).
    vpd_skipped: bool,
    protect: bool,
    /// B2h was read, with LBPU, LBPWS, LBPWS10.
    lbp_vpd: Option<(bool, bool, bool)>,
    thin_hint: bool,
    rc10: Option<ReadCapacity10Data>,
    rc16_tried: bool,
    rc10_tried: bool,
    /// REPORT LUNS candidates still to check.
    candidates: List<Lun, MAX_LUNS>,
    next_candidate: usize,
    sequential: bool,
}

impl Probe {
    /// A probe of `config.lun`.
    #[must_use]
    pub fn new(config: ProbeConfig) -> Self {
        Self {
            config,
            profile: DeviceProfile::new(),
            phase: Phase::Tur,
            in_flight: false,
            wait: None,
            unit_attentions: 0,
            polls: 0,
            starts: 0,
            busy: 0,
            listed: 0,
            vpd_skipped: false,
            protect: false,
            lbp_vpd: None,
            thin_hint: false,
            rc10: None,
            rc16_tried: false,
            rc10_tried: false,
            candidates: List::new(),
            next_candidate: 0,
            sequential: false,
        }
    }

    /// The configuration.
    #[must_use]
    pub const fn config(&self) -> &ProbeConfig {
        &self.config
    }

    /// What is known so far (complete once [`Step::Done`] was returned).
    #[must_use]
    pub const fn profile(&self) -> &DeviceProfile {
        &self.profile
    }

    /// The profile.
    #[must_use]
    pub const fn into_profile(self) -> DeviceProfile {
        self.profile
    }

    /// True once the probe has ended.
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.phase == Phase::Finished
    }

    /// The next step. Calling it again before [`Probe::complete`] returns the same command.
    // Not an `Iterator`: a step depends on the answer fed back in between, and `Done` repeats.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Step {
        if self.phase == Phase::Finished {
            return Step::Done;
        }
        if let Some(millis) = self.wait.take() {
            return Step::Wait { millis };
        }
        if !self.in_flight {
            if self.profile.commands >= self.config.max_commands {
                self.finish(End::BoundReached);
                return Step::Done;
            }
            self.profile.commands += 1;
            self.in_flight = true;
        }
        let (command, lun) = self.command();
        Step::Send(Request {
            command,
            lun,
            direction: command.direction(),
            data_len: u32::try_from(command.transfer_len(0)).unwrap_or(u32::MAX),
        })
    }

    /// The answer to the command [`Probe::next`] returned: `status`, the sense bytes (empty
    /// when none) and the data-in bytes received. Ignored when no command is outstanding.
    pub fn complete(&mut self, status: Status, sense: &[u8], data: &[u8]) {
        if !self.in_flight || self.phase == Phase::Finished {
            return;
        }
        self.in_flight = false;
        let answer = classify(status, sense);
        if status == Status::BUSY || status == Status::TASK_SET_FULL {
            if self.busy < self.config.max_busy_retries {
                self.busy += 1;
                self.wait = Some(self.config.busy_wait_ms);
                return;
            }
        } else if matches!(answer, Answer::Check(SenseKey::UnitAttention, _)) || is_deferred(status, sense) {
            // A deferred error belongs to an earlier command: retried as Linux does, from the
            // same budget.
            if self.unit_attentions < self.config.max_unit_attentions {
                self.unit_attentions += 1;
                return;
            }
        }
        match self.phase {
            Phase::Tur => self.on_tur(answer),
            Phase::StartUnit => self.phase = Phase::Tur,
            Phase::Inquiry => self.on_inquiry(answer, data, false),
            Phase::InquiryFull(_) => self.on_inquiry(answer, data, true),
            Phase::VpdList => self.on_vpd_list(answer, data),
            Phase::Vpd(i) => self.on_vpd(i, answer, data),
            Phase::Rc10 => self.on_rc10(answer, data),
            Phase::Rc16 => self.on_rc16(answer, data),
            Phase::ModeSense10 => self.on_mode_sense(answer, data, true),
            Phase::ModeSense6 => self.on_mode_sense(answer, data, false),
            Phase::ReportLuns => self.on_report_luns(answer, data),
            Phase::LunInquiry(lun) => self.on_lun_inquiry(lun, answer, data),
            Phase::Finished => {}
        }
    }

    fn command(&self) -> (ProbeCommand, Lun) {
        let page_len = self.config.page_alloc_len;
        let me = self.config.lun;
        let c = match self.phase {
            Phase::Tur | Phase::Finished => ProbeCommand::TestUnitReady(TestUnitReady::new()),
            Phase::StartUnit => ProbeCommand::StartStopUnit(StartStopUnit::start()),
            Phase::Inquiry => ProbeCommand::Inquiry(Inquiry::standard(INQUIRY_FIRST)),
            Phase::InquiryFull(n) => ProbeCommand::Inquiry(Inquiry::standard(n)),
            Phase::VpdList => ProbeCommand::Inquiry(Inquiry::vpd(VpdPage::SUPPORTED_PAGES, page_len)),
            Phase::Vpd(i) => ProbeCommand::Inquiry(Inquiry::vpd(
                VPD_PAGES.get(i).copied().unwrap_or(VpdPage::SUPPORTED_PAGES),
                page_len,
            )),
            Phase::Rc10 => ProbeCommand::ReadCapacity10(ReadCapacity10::new()),
            Phase::Rc16 => ProbeCommand::ReadCapacity16(ReadCapacity16::new()),
            Phase::ModeSense10 => ProbeCommand::ModeSense10(ModeSense10 {
                dbd: true,
                page_code: U6::new(CACHING_PAGE).unwrap_or_default(),
                allocation_length: page_len,
                ..ModeSense10::default()
            }),
            Phase::ModeSense6 => ProbeCommand::ModeSense6(ModeSense6 {
                dbd: true,
                page_code: U6::new(CACHING_PAGE).unwrap_or_default(),
                allocation_length: u8::try_from(page_len).unwrap_or(u8::MAX),
                ..ModeSense6::default()
            }),
            Phase::ReportLuns => {
                // Header plus room for every LUN the profile keeps and one more, to see a
                // longer list.
                let len = 8 + 8 * (MAX_LUNS as u32 + 1);
                ProbeCommand::ReportLuns(ReportLuns { allocation_length: len, ..ReportLuns::default() })
            }
            Phase::LunInquiry(lun) => return (ProbeCommand::Inquiry(Inquiry::standard(INQUIRY_FIRST)), lun),
        };
        (c, me)
    }

    fn on_tur(&mut self, answer: Answer) {
        match answer {
            Answer::Good => {
                self.profile.ready = Some(true);
                self.profile.medium_present = Some(true);
                self.phase = Phase::Inquiry;
            }
            Answer::Check(SenseKey::NotReady, a) if a.asc == 0x04 && a.ascq == 0x02 => {
                if self.starts < self.config.max_start_units {
                    self.starts += 1;
                    self.phase = Phase::StartUnit;
                } else {
                    self.poll();
                }
            }
            Answer::Check(SenseKey::NotReady, a) if a.asc == 0x04 && in_progress(a.ascq) => self.poll(),
            Answer::Check(SenseKey::NotReady, a) if a.asc == 0x3A => {
                self.profile.ready = Some(false);
                self.profile.medium_present = Some(false);
                self.phase = Phase::Inquiry;
            }
            Answer::Check(SenseKey::NotReady, _) | Answer::Check(SenseKey::UnitAttention, _) => {
                self.profile.ready = Some(false);
                self.phase = Phase::Inquiry;
            }
            // Anything else (a device that does not implement TEST UNIT READY properly):
            // go on as Linux does and let the media commands tell.
            Answer::Check(..) | Answer::Failed => self.phase = Phase::Inquiry,
        }
    }

    fn poll(&mut self) {
        if self.polls < self.config.max_ready_polls {
            self.polls += 1;
            self.wait = Some(self.config.ready_poll_ms);
        } else {
            self.profile.ready = Some(false);
            self.phase = Phase::Inquiry;
        }
    }

    fn on_inquiry(&mut self, answer: Answer, data: &[u8], second: bool) {
        let inq = match (answer, StandardInquiry::parse(data)) {
            (Answer::Good, Ok(inq)) if data.len() >= 8 => inq,
            _ if second => return self.after_inquiry(),
            _ => {
                for f in [Field::Vendor, Field::Product, Field::Revision, Field::DeviceType] {
                    self.profile.miss(f, Reason::CommandFailed);
                }
                return self.finish(End::InquiryFailed);
            }
        };
        let p = &mut self.profile;
        p.peripheral_qualifier = Some(inq.peripheral_qualifier());
        p.device_type = Some(inq.device_type().0);
        p.version = Some(inq.version());
        self.protect = inq.protect().unwrap_or(false);
        // A short answer keeps what an earlier read found.
        if let Some(v) = inq.vendor() {
            p.vendor = Some(Text::new(v.as_bytes()).0);
        }
        if let Some(v) = inq.product() {
            p.product = Some(Text::new(v.as_bytes()).0);
        }
        if let Some(v) = inq.revision() {
            p.revision = Some(Text::new(v.as_bytes()).0);
        }
        let total = inq.total_len();
        let want = u16::try_from(total).unwrap_or(u16::MAX).min(self.config.max_inquiry_len);
        if !second && total > data.len() && usize::from(want) > data.len() {
            self.phase = Phase::InquiryFull(want);
        } else {
            self.after_inquiry();
        }
    }

    fn after_inquiry(&mut self) {
        if self.profile.peripheral_qualifier != Some(0) {
            self.no_unit_fields(Reason::NoLogicalUnit);
            self.profile.end = End::NoLogicalUnit;
            return self.discover();
        }
        if self.config.vpd_for_old_devices || self.profile.version.is_some_and(|v| v >= 4) {
            self.phase = Phase::VpdList;
        } else {
            self.vpd_skipped = true;
            self.media();
        }
    }

    fn on_vpd_list(&mut self, answer: Answer, data: &[u8]) {
        if let (Answer::Good, Ok(list)) = (answer, SupportedPages::parse(data)) {
            for page in list.pages() {
                if let Some(i) = VPD_PAGES.iter().position(|p| *p == page) {
                    self.listed |= 1 << i;
                }
            }
        }
        self.next_vpd(0);
    }

    fn next_vpd(&mut self, from: usize) {
        match (from..VPD_PAGES.len()).find(|i| self.listed & (1 << i) != 0) {
            Some(i) => self.phase = Phase::Vpd(i),
            None => self.media(),
        }
    }

    fn on_vpd(&mut self, i: usize, answer: Answer, data: &[u8]) {
        let page = VPD_PAGES.get(i).copied().unwrap_or(VpdPage::SUPPORTED_PAGES);
        let ok = answer == Answer::Good;
        let p = &mut self.profile;
        match page {
            VpdPage::UNIT_SERIAL_NUMBER => match UnitSerialNumber::parse(data) {
                Ok(s) if ok => {
                    let (t, cut) = Text::new(s.serial().as_bytes());
                    if cut {
                        p.miss(Field::Serial, Reason::Truncated);
                    }
                    if !t.as_str().is_empty() {
                        p.serial = Some(t);
                    }
                }
                _ => p.miss(Field::Serial, Reason::CommandFailed),
            },
            VpdPage::DEVICE_IDENTIFICATION => match DeviceIdentification::parse(data) {
                Ok(d) if ok => {
                    let mut cut = d.view().is_truncated();
                    for des in d.designators() {
                        cut |= !p.add_designator(&des);
                    }
                    if cut {
                        p.miss(Field::Designators, Reason::Truncated);
                    }
                }
                _ => p.miss(Field::Designators, Reason::CommandFailed),
            },
            VpdPage::ATA_INFORMATION => p.sat = ok,
            VpdPage::BLOCK_LIMITS => match BlockLimits::parse(data) {
                Ok(l) if ok => {
                    p.max_transfer_blocks = l.max_transfer.filter(|v| *v != 0);
                    p.optimal_transfer_blocks = l.optimal_transfer.filter(|v| *v != 0);
                    p.max_unmap_blocks = l.max_unmap_lba_count.filter(|v| *v != 0);
                    p.unmap_granularity = l.optimal_unmap_granularity.filter(|v| *v != 0);
                    p.max_write_same_blocks = l.max_write_same.filter(|v| *v != 0);
                }
                _ => {
                    for f in BLOCK_LIMIT_FIELDS {
                        p.miss(f, Reason::CommandFailed);
                    }
                }
            },
            VpdPage::BLOCK_DEVICE_CHARACTERISTICS => match BlockDeviceCharacteristics::parse(data) {
                Ok(c) if ok => {
                    p.rotation_rate = c.rotation_rate.filter(|v| *v != 0);
                    if c.zoned == Some(1) {
                        p.zoned = Zoned::HostAware;
                    }
                }
                _ => p.miss(Field::RotationRate, Reason::CommandFailed),
            },
            VpdPage::LOGICAL_BLOCK_PROVISIONING => {
                if let (true, Ok(l)) = (ok, LogicalBlockProvisioning::parse(data)) {
                    let (u, ws, ws10) =
                        (l.lbpu.unwrap_or(false), l.lbpws.unwrap_or(false), l.lbpws10.unwrap_or(false));
                    self.lbp_vpd = Some((u, ws, ws10));
                    self.thin_hint = u || ws || ws10 || l.provisioning_type.is_some_and(|t| t != 0);
                }
            }
            _ => {}
        }
        self.next_vpd(i + 1);
    }

    /// The capacity commands, unless the unit is not ready.
    fn media(&mut self) {
        let why = match (self.profile.ready, self.profile.medium_present) {
            (_, Some(false)) => Some(Reason::NoMedium),
            (Some(false), _) => Some(Reason::NotReady),
            _ => None,
        };
        if let Some(r) = why {
            for f in CAPACITY_FIELDS {
                self.profile.miss(f, r);
            }
            self.phase = Phase::ModeSense10;
        } else if self.config.read_capacity_16_first {
            self.phase = Phase::Rc16;
        } else {
            self.phase = Phase::Rc10;
        }
    }

    fn on_rc10(&mut self, answer: Answer, data: &[u8]) {
        self.rc10_tried = true;
        match (answer, ReadCapacity10Data::parse(data)) {
            (Answer::Good, Ok(rc)) => {
                self.rc10 = Some(rc);
                if !self.rc16_tried && (rc.needs_read_capacity_16() || self.protect || self.thin_hint) {
                    self.phase = Phase::Rc16;
                } else {
                    self.use_rc10();
                }
            }
            (a, _) => {
                let r = if rejected(a) { Reason::NotSupported } else { Reason::CommandFailed };
                for f in CAPACITY_FIELDS {
                    self.profile.miss(f, r);
                }
                self.phase = Phase::ModeSense10;
            }
        }
    }

    fn use_rc10(&mut self) {
        let p = &mut self.profile;
        if let Some(rc) = self.rc10 {
            p.logical_block_size = Some(rc.block_len);
            match rc.blocks() {
                Some(n) => p.capacity_blocks = Some(n),
                None => p.miss(Field::CapacityBlocks, Reason::NotSupported),
            }
            p.protection_type = (!self.protect).then_some(0);
            // What only (16) gives: rejected, or not asked for.
            let r = if self.rc16_tried { Reason::NotSupported } else { Reason::NotReported };
            for f in [Field::PhysicalBlockSize, Field::LowestAlignedLba, Field::ThinProvisioned] {
                p.miss(f, r);
            }
            if p.protection_type.is_none() {
                p.miss(Field::ProtectionType, r);
            }
        }
        self.phase = Phase::ModeSense10;
    }

    fn on_rc16(&mut self, answer: Answer, data: &[u8]) {
        self.rc16_tried = true;
        match (answer, ReadCapacity16Data::parse(data)) {
            (Answer::Good, Ok(rc)) => {
                let p = &mut self.profile;
                p.logical_block_size = Some(rc.block_len);
                p.capacity_blocks = u64::try_from(rc.blocks()).ok();
                p.physical_block_size = rc.physical_block_len();
                p.lowest_aligned_lba = rc.lowest_aligned_lba;
                p.protection_type = if self.protect { rc.protection_type() } else { Some(0) };
                p.thin_provisioned = rc.lbpme;
                self.phase = Phase::ModeSense10;
            }
            _ if self.rc10.is_some() => self.use_rc10(),
            _ if !self.rc10_tried => self.phase = Phase::Rc10,
            (a, _) => {
                let r = if rejected(a) { Reason::NotSupported } else { Reason::CommandFailed };
                for f in CAPACITY_FIELDS {
                    self.profile.miss(f, r);
                }
                self.phase = Phase::ModeSense10;
            }
        }
    }

    fn on_mode_sense(&mut self, answer: Answer, data: &[u8], ten: bool) {
        match (answer, ModeData::parse(data, ten)) {
            (Answer::Good, Ok(m)) => {
                let p = &mut self.profile;
                let disk = p.device_type.is_some_and(|t| is_disk(PeripheralDeviceType(t)));
                if disk {
                    p.fua = Some(m.dpofua());
                } else {
                    p.miss(Field::Fua, Reason::NotApplicable);
                }
                match m.page(CACHING_PAGE, 0).and_then(|pg| pg.caching()) {
                    Some(c) => {
                        p.write_cache = Some(c.wce);
                        p.read_cache = Some(!c.rcd);
                    }
                    None => {
                        p.miss(Field::WriteCache, Reason::NotReported);
                        p.miss(Field::ReadCache, Reason::NotReported);
                    }
                }
                self.discover();
            }
            (Answer::Check(SenseKey::IllegalRequest, _), _) if ten => self.phase = Phase::ModeSense6,
            (a, _) => {
                let r = if rejected(a) { Reason::NotSupported } else { Reason::CommandFailed };
                for f in [Field::WriteCache, Field::ReadCache, Field::Fua] {
                    self.profile.miss(f, r);
                }
                self.discover();
            }
        }
    }

    /// LUN discovery, or the end.
    fn discover(&mut self) {
        if self.profile.peripheral_qualifier == Some(0) {
            let _ = self.profile.add_lun(self.config.lun);
        }
        if !self.config.discover_luns {
            let end = self.default_end();
            return self.finish(end);
        }
        if self.profile.version.is_some_and(|v| v >= 3) {
            self.phase = Phase::ReportLuns;
        } else {
            self.start_sequential();
        }
    }

    fn start_sequential(&mut self) {
        self.sequential = true;
        self.next_candidate = 1;
        self.next_sequential();
    }

    fn next_sequential(&mut self) {
        let me = self.config.lun.to_int();
        let mut n = self.next_candidate as u64;
        if n == me {
            n += 1;
        }
        if n < u64::from(self.config.max_scan_luns) {
            self.next_candidate = (n + 1) as usize;
            self.phase = Phase::LunInquiry(Lun::from_int(n));
        } else {
            let end = self.default_end();
            self.finish(end);
        }
    }

    fn next_reported(&mut self) {
        let me = self.config.lun;
        let next = self
            .candidates
            .iter()
            .enumerate()
            .skip(self.next_candidate)
            .find(|(_, l)| **l != me)
            .map(|(i, l)| (i, *l));
        match next {
            Some((i, lun)) => {
                self.next_candidate = i + 1;
                self.phase = Phase::LunInquiry(lun);
            }
            None => self.finish(self.default_end()),
        }
    }

    fn on_report_luns(&mut self, answer: Answer, data: &[u8]) {
        match (answer, ReportLunsData::parse(data)) {
            (Answer::Good, Ok(list)) => {
                let mut cut = list.is_truncated();
                for l in list.luns() {
                    cut |= !self.candidates.push(l);
                }
                if cut {
                    self.profile.miss(Field::Luns, Reason::Truncated);
                }
                self.next_candidate = 0;
                self.next_reported();
            }
            _ => self.start_sequential(),
        }
    }

    fn on_lun_inquiry(&mut self, lun: Lun, answer: Answer, data: &[u8]) {
        let present = match (answer, StandardInquiry::parse(data)) {
            (Answer::Good, Ok(inq)) => {
                inq.peripheral_qualifier() == 0 && inq.device_type() != PeripheralDeviceType::UNKNOWN
            }
            // 25h/00h LOGICAL UNIT NOT SUPPORTED, or any other failure: no unit there.
            _ => false,
        };
        if present && !self.profile.add_lun(lun) {
            self.profile.miss(Field::Luns, Reason::Truncated);
        }
        if self.sequential {
            if present {
                self.next_sequential();
            } else {
                let end = self.default_end();
                self.finish(end);
            }
        } else {
            self.next_reported();
        }
    }

    fn no_unit_fields(&mut self, r: Reason) {
        for f in Field::ALL {
            if !matches!(f, Field::Luns | Field::DeviceType | Field::Zoned) {
                self.profile.miss(f, r);
            }
        }
    }

    fn default_end(&self) -> End {
        match (self.profile.end, self.profile.ready, self.profile.medium_present) {
            (End::NoLogicalUnit, ..) => End::NoLogicalUnit,
            (_, _, Some(false)) => End::NoMedium,
            (_, Some(false), _) => End::NotReady,
            _ => End::Complete,
        }
    }

    fn finish(&mut self, end: End) {
        self.phase = Phase::Finished;
        self.in_flight = false;
        self.wait = None;
        let p = &mut self.profile;
        p.end = end;
        if p.device_type == Some(PeripheralDeviceType::HOST_MANAGED_ZONED.0) {
            p.zoned = Zoned::HostManaged;
        }
        p.provisioning_mode =
            discard_mode(p.thin_provisioned.unwrap_or(false), self.lbp_vpd, p.max_unmap_blocks);
        let vpd_reason = if self.listed == 0 { Reason::PageNotListed } else { Reason::NotReported };
        let vpd_fields = [
            Field::Serial,
            Field::Designators,
            Field::MaxTransferBlocks,
            Field::OptimalTransferBlocks,
            Field::MaxUnmapBlocks,
            Field::UnmapGranularity,
            Field::MaxWriteSameBlocks,
            Field::RotationRate,
        ];
        if self.vpd_skipped {
            for f in vpd_fields {
                p.miss(f, Reason::OldDevice);
            }
        }
        let bound = end == End::BoundReached;
        for f in Field::ALL {
            if !p.has(f) {
                let r = match f {
                    _ if bound => Reason::BoundReached,
                    Field::Serial if self.listed & 1 == 0 => Reason::PageNotListed,
                    Field::Designators if self.listed & 2 == 0 => Reason::PageNotListed,
                    Field::MaxTransferBlocks
                    | Field::OptimalTransferBlocks
                    | Field::MaxUnmapBlocks
                    | Field::UnmapGranularity
                    | Field::MaxWriteSameBlocks
                        if self.listed & 8 == 0 =>
                    {
                        Reason::PageNotListed
                    }
                    Field::RotationRate if self.listed & 16 == 0 => Reason::PageNotListed,
                    Field::Serial | Field::Designators | Field::RotationRate => vpd_reason,
                    _ => Reason::NotReported,
                };
                p.miss(f, r);
            }
        }
    }
}

/// The fields READ CAPACITY gives.
const CAPACITY_FIELDS: [Field; 6] = [
    Field::LogicalBlockSize,
    Field::PhysicalBlockSize,
    Field::LowestAlignedLba,
    Field::CapacityBlocks,
    Field::ProtectionType,
    Field::ThinProvisioned,
];

/// The fields page B0h gives.
const BLOCK_LIMIT_FIELDS: [Field; 5] = [
    Field::MaxTransferBlocks,
    Field::OptimalTransferBlocks,
    Field::MaxUnmapBlocks,
    Field::UnmapGranularity,
    Field::MaxWriteSameBlocks,
];

fn classify(status: Status, sense: &[u8]) -> Answer {
    if status == Status::GOOD || status == Status::CONDITION_MET {
        return Answer::Good;
    }
    if status != Status::CHECK_CONDITION {
        return Answer::Failed;
    }
    match Sense::parse(sense) {
        Ok(s) => match (s.sense_key(), s.additional_sense()) {
            (Some(k), Some(a)) => Answer::Check(k, a),
            (Some(k), None) => Answer::Check(k, AdditionalSense::new(0, 0)),
            _ => Answer::Failed,
        },
        Err(_) => Answer::Failed,
    }
}

/// CHECK CONDITION with deferred sense (71h/73h).
fn is_deferred(status: Status, sense: &[u8]) -> bool {
    status == Status::CHECK_CONDITION && Sense::parse(sense).is_ok_and(|s| s.is_deferred())
}

/// ILLEGAL REQUEST with INVALID COMMAND OPERATION CODE or INVALID FIELD IN CDB.
fn rejected(a: Answer) -> bool {
    matches!(a, Answer::Check(SenseKey::IllegalRequest, AdditionalSense { asc: 0x20 | 0x24, ascq: 0 }))
}

/// NOT READY, LOGICAL UNIT NOT READY ASCQs that say the unit is working towards ready: wait
/// and poll again.
fn in_progress(ascq: u8) -> bool {
    matches!(ascq, 0x01 | 0x04..=0x09 | 0x11 | 0x13 | 0x14 | 0x1A | 0x1B | 0x24)
}

/// Device types whose mode parameter header carries DPOFUA.
fn is_disk(t: PeripheralDeviceType) -> bool {
    matches!(
        t,
        PeripheralDeviceType::DIRECT_ACCESS
            | PeripheralDeviceType::HOST_MANAGED_ZONED
            | PeripheralDeviceType::SIMPLIFIED_DIRECT_ACCESS
    )
}

/// Linux sd's `sd_discard_mode`: LBPME clear means full provisioning; without page B2h,
/// UNMAP when B0h gives a MAXIMUM UNMAP LBA COUNT, else WRITE SAME (16); with B2h, the
/// first of UNMAP (LBPU and a maximum), WRITE SAME (16), WRITE SAME (10) it offers.
fn discard_mode(
    lbpme: bool,
    lbp_vpd: Option<(bool, bool, bool)>,
    max_unmap: Option<u32>,
) -> ProvisioningMode {
    let unmap = max_unmap.is_some_and(|m| m != 0);
    match (lbpme, lbp_vpd) {
        (false, _) => ProvisioningMode::Full,
        (true, None) if unmap => ProvisioningMode::Unmap,
        (true, None) => ProvisioningMode::WriteSame16,
        (true, Some((true, _, _))) if unmap => ProvisioningMode::Unmap,
        (true, Some((_, true, _))) => ProvisioningMode::WriteSame16,
        (true, Some((_, _, true))) => ProvisioningMode::WriteSame10,
        (true, Some(_)) => ProvisioningMode::Disabled,
    }
}
