//! The result of a probe: [`DeviceProfile`] and its fixed-capacity parts.

use crate::data::Lun;

/// Printable ASCII of at most `N` bytes, trimmed of spaces at both ends (other bytes become
/// `?`). Serialized as a string.
///
/// ```rust
/// use scsi_cdb::probe::Text;
/// // INQUIRY's VENDOR IDENTIFICATION is 8 bytes, padded with spaces.
/// let (vendor, cut) = Text::<8>::new(b"ATA     ");
/// assert_eq!((vendor.as_str(), cut), ("ATA", false));
/// // Longer than N: cut, and said so; a byte outside printable ASCII becomes `?`.
/// let (t, cut) = Text::<4>::new(b"QEMU HARDDISK");
/// assert_eq!((t.to_string(), cut), ("QEMU".to_string(), true));
/// assert_eq!(Text::<8>::new(b"SSD\xFF").0.as_str(), "SSD?");
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Text<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Text<N> {
    /// The text of `raw` and whether it had to be cut to `N` bytes.
    #[must_use]
    pub fn new(raw: &[u8]) -> (Self, bool) {
        let start = raw.iter().position(|b| *b != b' ' && *b != 0).unwrap_or(raw.len());
        let end = raw.iter().rposition(|b| *b != b' ' && *b != 0).map_or(start, |i| i + 1);
        let body = raw.get(start..end).unwrap_or_default();
        let mut t = Self { bytes: [0; N], len: 0 };
        for (slot, b) in t.bytes.iter_mut().zip(body) {
            *slot = if (0x20..=0x7E).contains(b) { *b } else { b'?' };
            t.len += 1;
        }
        (t, body.len() > N)
    }

    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(self.bytes.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

impl<const N: usize> core::fmt::Debug for Text<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl<const N: usize> core::fmt::Display for Text<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<const N: usize> serde::Serialize for Text<N> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The longest designator value kept (longer ones are cut and reported in `unknown`).
pub const DESIGNATOR_CAPACITY: usize = 64;
/// How many designators of page 83h are kept.
pub const MAX_DESIGNATORS: usize = 8;
/// How many LUNs a profile lists.
pub const MAX_LUNS: usize = 16;

/// One designation descriptor of page 83h, copied.
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::probe::{Probe, ProbeConfig};
/// let mut inquiry = [0u8; 36];
/// inquiry[..5].copy_from_slice(&[0x00, 0x00, 0x06, 0x02, 31]); // disk, SPC-4
/// let vpd00 = [0, 0x00, 0, 2, 0x00, 0x83]; // supported pages: 00h, 83h
/// // Page 83h with one binary NAA designator (type 3) of the logical unit.
/// let vpd83 = [0, 0x83, 0, 12, 0x01, 0x03, 0, 8, 0x50, 0, 0x0C, 0x50, 0x12, 0x34, 0x56, 0x78];
/// let mut probe = Probe::new(ProbeConfig::default());
/// for data in [&[][..], &inquiry, &vpd00, &vpd83] { // TUR, INQUIRY, VPD 00h, VPD 83h
///     probe.next();
///     probe.complete(Status::GOOD, &[], data);
/// }
/// let d = probe.profile().designators.iter().next().unwrap();
/// assert_eq!((d.designator_type, d.association, d.is_text()), (3, 0, false));
/// assert_eq!(d.value(), [0x50, 0, 0x0C, 0x50, 0x12, 0x34, 0x56, 0x78]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DesignatorValue {
    /// DESIGNATOR TYPE (3 NAA, 2 EUI-64, 1 T10 vendor ID, 8 SCSI name string, ...).
    pub designator_type: u8,
    /// ASSOCIATION: 0 logical unit, 1 target port, 2 target device.
    pub association: u8,
    /// CODE SET: 1 binary, 2 ASCII, 3 UTF-8.
    pub code_set: u8,
    value: [u8; DESIGNATOR_CAPACITY],
    len: usize,
}

impl DesignatorValue {
    /// The designator bytes kept.
    #[must_use]
    pub fn value(&self) -> &[u8] {
        self.value.get(..self.len).unwrap_or_default()
    }

    /// True for the ASCII and UTF-8 code sets (the value is text).
    #[must_use]
    pub const fn is_text(&self) -> bool {
        matches!(self.code_set, 2 | 3)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for DesignatorValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Designator", 4)?;
        st.serialize_field("type", &self.designator_type)?;
        st.serialize_field("association", &self.association)?;
        st.serialize_field("code_set", &self.code_set)?;
        let mut buf = [0u8; 2 * DESIGNATOR_CAPACITY];
        let text = if self.is_text() {
            Text::<DESIGNATOR_CAPACITY>::new(self.value()).0
        } else {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            for (pair, b) in buf.chunks_exact_mut(2).zip(self.value()) {
                if let [hi, lo] = pair {
                    *hi = HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
                    *lo = HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0');
                }
            }
            let hex = core::str::from_utf8(buf.get(..2 * self.len).unwrap_or_default()).unwrap_or_default();
            st.serialize_field("value", hex)?;
            return st.end();
        };
        st.serialize_field("value", text.as_str())?;
        st.end()
    }
}

/// A fixed-capacity list, serialized as a sequence.
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::probe::{Field, Probe, ProbeConfig};
/// // HARDWARE ERROR, INTERNAL TARGET FAILURE (44h/00h).
/// let sense = [0x70, 0, 0x04, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x44, 0, 0, 0, 0, 0];
/// let mut probe = Probe::new(ProbeConfig::default());
/// probe.next(); // TEST UNIT READY
/// probe.complete(Status::GOOD, &[], &[]);
/// probe.next(); // INQUIRY, which fails
/// probe.complete(Status::CHECK_CONDITION, &sense, &[]);
/// let unknown = &probe.profile().unknown;
/// let first: Vec<Field> = unknown.iter().map(|u| u.field).take(4).collect();
/// assert_eq!(first, [Field::Vendor, Field::Product, Field::Revision, Field::DeviceType]);
/// // The probe ended there: every field but the zoned model is unknown.
/// assert_eq!(unknown.len(), Field::ALL.len() - 1);
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct List<T: Copy, const N: usize> {
    items: [Option<T>; N],
    len: usize,
}

impl<T: Copy, const N: usize> List<T, N> {
    pub(crate) const fn new() -> Self {
        Self { items: [None; N], len: 0 }
    }

    /// Appends `v`; false when the list is full.
    pub(crate) fn push(&mut self, v: T) -> bool {
        match self.items.get_mut(self.len) {
            Some(slot) => {
                *slot = Some(v);
                self.len += 1;
                true
            }
            None => false,
        }
    }

    /// The items.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.items.iter().take(self.len).flatten()
    }

    /// The number of items.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len
    }

    /// True when empty.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<T: Copy + core::fmt::Debug, const N: usize> core::fmt::Debug for List<T, N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(feature = "serde")]
impl<T: Copy + serde::Serialize, const N: usize> serde::Serialize for List<T, N> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// How Linux sd would discard on this device (`sd_discard_mode`; sysfs `provisioning_mode`).
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::probe::{Probe, ProbeConfig, ProvisioningMode};
/// let mut inquiry = [0u8; 36];
/// inquiry[..5].copy_from_slice(&[0x00, 0x00, 0x03, 0x02, 31]); // disk, SPC: no VPD pages
/// let mut rc16 = [0u8; 32];
/// (rc16[7], rc16[10], rc16[14]) = (0xFF, 0x02, 0x80); // 256 blocks of 512 bytes, LBPME
/// let config = ProbeConfig { read_capacity_16_first: true, ..ProbeConfig::default() };
/// let config = ProbeConfig { max_commands: 3, ..config };
/// let mut probe = Probe::new(config);
/// for data in [&[][..], &inquiry, &rc16] { // TUR, INQUIRY, READ CAPACITY (16)
///     probe.next();
///     probe.complete(Status::GOOD, &[], data);
/// }
/// probe.next(); // the command bound ends the probe
/// // Thin without page B2h: Linux sd discards with WRITE SAME (16).
/// assert_eq!(probe.profile().provisioning_mode, ProvisioningMode::WriteSame16);
/// assert_eq!(ProvisioningMode::WriteSame16.as_str(), "writesame_16");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum ProvisioningMode {
    /// Fully provisioned (LBPME clear): no discard.
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "full"))]
    Full,
    /// UNMAP.
    #[cfg_attr(feature = "serde", serde(rename = "unmap"))]
    Unmap,
    /// WRITE SAME (16) with UNMAP.
    #[cfg_attr(feature = "serde", serde(rename = "writesame_16"))]
    WriteSame16,
    /// WRITE SAME (10) with UNMAP.
    #[cfg_attr(feature = "serde", serde(rename = "writesame_10"))]
    WriteSame10,
    /// Thin, but page B2h offers no method Linux uses.
    #[cfg_attr(feature = "serde", serde(rename = "disabled"))]
    Disabled,
}

impl ProvisioningMode {
    /// The sysfs spelling.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Unmap => "unmap",
            Self::WriteSame16 => "writesame_16",
            Self::WriteSame10 => "writesame_10",
            Self::Disabled => "disabled",
        }
    }
}

/// The zoned model (sysfs `queue/zoned`).
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::probe::{Probe, ProbeConfig, Zoned};
/// // A host-managed zoned disk: PERIPHERAL DEVICE TYPE 14h.
/// let mut inquiry = [0u8; 36];
/// inquiry[..5].copy_from_slice(&[0x14, 0x00, 0x06, 0x02, 31]);
/// let mut probe = Probe::new(ProbeConfig { max_commands: 2, ..ProbeConfig::default() });
/// for data in [&[][..], &inquiry] { // TEST UNIT READY, INQUIRY
///     probe.next();
///     probe.complete(Status::GOOD, &[], data);
/// }
/// probe.next(); // the command bound ends the probe
/// assert_eq!(probe.profile().zoned, Zoned::HostManaged);
/// assert_eq!(Zoned::HostManaged.as_str(), "host-managed");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Zoned {
    /// Not zoned (or device managed).
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "none"))]
    None,
    /// Host aware (page B1h ZONED = 1).
    #[cfg_attr(feature = "serde", serde(rename = "host-aware"))]
    HostAware,
    /// Host managed (peripheral device type 14h).
    #[cfg_attr(feature = "serde", serde(rename = "host-managed"))]
    HostManaged,
}

impl Zoned {
    /// The sysfs spelling.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::HostAware => "host-aware",
            Self::HostManaged => "host-managed",
        }
    }
}

/// A profile field the probe may fail to learn.
///
/// ```rust
/// use scsi_cdb::probe::{DeviceProfile, Field};
/// let p = DeviceProfile::new();
/// assert_eq!(Field::ALL.len(), 23);
/// // An empty profile knows only the zoned model (which defaults to "none").
/// let known: Vec<Field> = Field::ALL.into_iter().filter(|f| p.has(*f)).collect();
/// assert_eq!(known, [Field::Zoned]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "snake_case"))]
#[allow(missing_docs)]
pub enum Field {
    Vendor,
    Product,
    Revision,
    Serial,
    Designators,
    DeviceType,
    LogicalBlockSize,
    PhysicalBlockSize,
    LowestAlignedLba,
    CapacityBlocks,
    ProtectionType,
    WriteCache,
    ReadCache,
    Fua,
    ThinProvisioned,
    MaxTransferBlocks,
    OptimalTransferBlocks,
    MaxUnmapBlocks,
    UnmapGranularity,
    MaxWriteSameBlocks,
    RotationRate,
    Zoned,
    Luns,
}

impl Field {
    /// Every field, in profile order.
    pub const ALL: [Self; 23] = [
        Self::Vendor,
        Self::Product,
        Self::Revision,
        Self::Serial,
        Self::Designators,
        Self::DeviceType,
        Self::LogicalBlockSize,
        Self::PhysicalBlockSize,
        Self::LowestAlignedLba,
        Self::CapacityBlocks,
        Self::ProtectionType,
        Self::WriteCache,
        Self::ReadCache,
        Self::Fua,
        Self::ThinProvisioned,
        Self::MaxTransferBlocks,
        Self::OptimalTransferBlocks,
        Self::MaxUnmapBlocks,
        Self::UnmapGranularity,
        Self::MaxWriteSameBlocks,
        Self::RotationRate,
        Self::Zoned,
        Self::Luns,
    ];
}

/// Why a field is unknown.
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::probe::{Field, Probe, ProbeConfig, Reason};
/// // NOT READY, MEDIUM NOT PRESENT (3Ah/00h), then the INQUIRY data of an empty CD drive.
/// let no_medium = [0x70, 0, 0x02, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x3A, 0, 0, 0, 0, 0];
/// let mut inquiry = [0u8; 36];
/// inquiry[..5].copy_from_slice(&[0x05, 0x80, 0x03, 0x02, 31]); // CD/DVD, removable, SPC
/// let mut probe = Probe::new(ProbeConfig::default());
/// probe.next();
/// probe.complete(Status::CHECK_CONDITION, &no_medium, &[]);
/// probe.next();
/// probe.complete(Status::GOOD, &[], &inquiry);
/// assert_eq!(probe.profile().medium_present, Some(false));
/// assert_eq!(probe.profile().reason(Field::CapacityBlocks), Some(Reason::NoMedium));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum Reason {
    /// The unit never became ready within the bound; media commands were not sent.
    NotReady,
    /// No medium (ASC 3Ah).
    NoMedium,
    /// The device rejected the command (INVALID COMMAND OPERATION CODE or INVALID FIELD).
    NotSupported,
    /// The VPD page is not in page 00h (or 00h itself failed).
    PageNotListed,
    /// The command failed another way (status, sense or short data).
    CommandFailed,
    /// The answer held more than the profile keeps; the kept part is shown.
    Truncated,
    /// The device answered without this value (0 = not reported, or beyond the page length).
    NotReported,
    /// The field has no meaning for this device type.
    NotApplicable,
    /// No logical unit at the probed LUN (peripheral qualifier not 000b).
    NoLogicalUnit,
    /// The probe stopped at its command bound.
    BoundReached,
    /// INQUIRY VERSION predates the command (VPD pages need SPC-2), so it was not sent.
    OldDevice,
}

/// One entry of [`DeviceProfile::unknown`].
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::probe::{Field, Probe, ProbeConfig, Reason, Unknown};
/// let mut probe = Probe::new(ProbeConfig::default());
/// probe.next(); // TEST UNIT READY
/// probe.complete(Status::GOOD, &[], &[]);
/// probe.next(); // INQUIRY, answered with no data
/// probe.complete(Status::GOOD, &[], &[]);
/// let first = probe.profile().unknown.iter().next().copied();
/// assert_eq!(first, Some(Unknown { field: Field::Vendor, reason: Reason::CommandFailed }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Unknown {
    /// The field.
    pub field: Field,
    /// Why.
    pub reason: Reason,
}

/// How the probe ended.
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::probe::{End, Probe, ProbeConfig, Step};
/// let mut probe = Probe::new(ProbeConfig { max_commands: 1, ..ProbeConfig::default() });
/// assert_eq!(probe.profile().end, End::Running);
/// assert!(matches!(probe.next(), Step::Send(_))); // TEST UNIT READY
/// probe.complete(Status::GOOD, &[], &[]);
/// assert_eq!(probe.next(), Step::Done);
/// assert_eq!(probe.profile().end, End::BoundReached);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum End {
    /// Still running.
    #[default]
    Running,
    /// Every step ran.
    Complete,
    /// The unit did not become ready; identification only.
    NotReady,
    /// The unit reported no medium; identification only.
    NoMedium,
    /// No logical unit at the probed LUN (peripheral qualifier 001b or 011b).
    NoLogicalUnit,
    /// Standard INQUIRY failed: nothing else is asked.
    InquiryFailed,
    /// [`ProbeConfig::max_commands`](super::ProbeConfig::max_commands) was reached.
    BoundReached,
}

/// What a probe learned about one logical unit, in fixed-capacity storage. Every `None`
/// field has an entry in [`DeviceProfile::unknown`] saying why.
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::probe::{Probe, ProbeConfig};
/// let mut inquiry = [0u8; 36];
/// inquiry[..5].copy_from_slice(&[0x00, 0x00, 0x03, 0x02, 31]); // disk, SPC
/// inquiry[8..12].copy_from_slice(b"ACME");
/// let capacity = [0x00, 0x03, 0xFF, 0xFF, 0x00, 0x00, 0x02, 0x00]; // last LBA 3FFFFh, 512
/// let mut probe = Probe::new(ProbeConfig::default());
/// for data in [&[][..], &inquiry, &capacity] { // TUR, INQUIRY, READ CAPACITY (10)
///     probe.next();
///     probe.complete(Status::GOOD, &[], data);
/// }
/// let p = probe.profile();
/// assert_eq!(p.vendor.map(|v| v.to_string()).as_deref(), Some("ACME"));
/// assert_eq!((p.capacity_blocks, p.logical_block_size), (Some(0x4_0000), Some(512)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DeviceProfile {
    /// T10 VENDOR IDENTIFICATION.
    pub vendor: Option<Text<8>>,
    /// PRODUCT IDENTIFICATION.
    pub product: Option<Text<16>>,
    /// PRODUCT REVISION LEVEL.
    pub revision: Option<Text<4>>,
    /// Unit serial number (VPD 80h).
    pub serial: Option<Text<64>>,
    /// Designators of VPD 83h.
    pub designators: List<DesignatorValue, MAX_DESIGNATORS>,
    /// PERIPHERAL DEVICE TYPE.
    pub device_type: Option<u8>,
    /// PERIPHERAL QUALIFIER of the probed LUN.
    pub peripheral_qualifier: Option<u8>,
    /// INQUIRY VERSION.
    pub version: Option<u8>,
    /// Logical block length in bytes.
    pub logical_block_size: Option<u32>,
    /// Physical block length in bytes (READ CAPACITY (16) only).
    pub physical_block_size: Option<u64>,
    /// LOWEST ALIGNED LOGICAL BLOCK ADDRESS (READ CAPACITY (16) only).
    pub lowest_aligned_lba: Option<u16>,
    /// Number of logical blocks.
    pub capacity_blocks: Option<u64>,
    /// Protection type 0-3 (0 when INQUIRY PROTECT is clear, as Linux sd reports it).
    pub protection_type: Option<u8>,
    /// Write cache enabled (caching mode page WCE).
    pub write_cache: Option<bool>,
    /// Read cache enabled (caching mode page RCD clear).
    pub read_cache: Option<bool>,
    /// DPO and FUA supported (mode parameter header DPOFUA).
    pub fua: Option<bool>,
    /// LBPME of READ CAPACITY (16).
    pub thin_provisioned: Option<bool>,
    /// The discard method Linux sd would choose.
    pub provisioning_mode: ProvisioningMode,
    /// B0h MAXIMUM TRANSFER LENGTH (blocks; zero is reported as unknown).
    pub max_transfer_blocks: Option<u32>,
    /// B0h OPTIMAL TRANSFER LENGTH (blocks).
    pub optimal_transfer_blocks: Option<u32>,
    /// B0h MAXIMUM UNMAP LBA COUNT.
    pub max_unmap_blocks: Option<u32>,
    /// B0h OPTIMAL UNMAP GRANULARITY.
    pub unmap_granularity: Option<u32>,
    /// B0h MAXIMUM WRITE SAME LENGTH.
    pub max_write_same_blocks: Option<u64>,
    /// B1h MEDIUM ROTATION RATE (1 = non-rotating).
    pub rotation_rate: Option<u16>,
    /// The zoned model.
    pub zoned: Zoned,
    /// VPD 89h (ATA Information) is listed: a SCSI-to-ATA translation layer.
    pub sat: bool,
    /// The unit answered TEST UNIT READY with GOOD (`None`: never learned).
    pub ready: Option<bool>,
    /// False after ASC 3Ah (MEDIUM NOT PRESENT).
    pub medium_present: Option<bool>,
    /// LUNs with a connected logical unit (`Lun::to_int` form), the probed one first.
    pub luns: List<u64, MAX_LUNS>,
    /// What the probe could not learn, and why.
    pub unknown: List<Unknown, { Field::ALL.len() }>,
    /// How the probe ended.
    pub end: End,
    /// Commands sent.
    pub commands: u16,
}

impl Default for DeviceProfile {
    fn default() -> Self {
        Self::new()
    }
}

impl DeviceProfile {
    /// An empty profile.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            vendor: None,
            product: None,
            revision: None,
            serial: None,
            designators: List::new(),
            device_type: None,
            peripheral_qualifier: None,
            version: None,
            logical_block_size: None,
            physical_block_size: None,
            lowest_aligned_lba: None,
            capacity_blocks: None,
            protection_type: None,
            write_cache: None,
            read_cache: None,
            fua: None,
            thin_provisioned: None,
            provisioning_mode: ProvisioningMode::Full,
            max_transfer_blocks: None,
            optimal_transfer_blocks: None,
            max_unmap_blocks: None,
            unmap_granularity: None,
            max_write_same_blocks: None,
            rotation_rate: None,
            zoned: Zoned::None,
            sat: false,
            ready: None,
            medium_present: None,
            luns: List::new(),
            unknown: List::new(),
            end: End::Running,
            commands: 0,
        }
    }

    /// Whether `field` has a value.
    #[must_use]
    pub fn has(&self, field: Field) -> bool {
        match field {
            Field::Vendor => self.vendor.is_some(),
            Field::Product => self.product.is_some(),
            Field::Revision => self.revision.is_some(),
            Field::Serial => self.serial.is_some(),
            Field::Designators => !self.designators.is_empty(),
            Field::DeviceType => self.device_type.is_some(),
            Field::LogicalBlockSize => self.logical_block_size.is_some(),
            Field::PhysicalBlockSize => self.physical_block_size.is_some(),
            Field::LowestAlignedLba => self.lowest_aligned_lba.is_some(),
            Field::CapacityBlocks => self.capacity_blocks.is_some(),
            Field::ProtectionType => self.protection_type.is_some(),
            Field::WriteCache => self.write_cache.is_some(),
            Field::ReadCache => self.read_cache.is_some(),
            Field::Fua => self.fua.is_some(),
            Field::ThinProvisioned => self.thin_provisioned.is_some(),
            Field::MaxTransferBlocks => self.max_transfer_blocks.is_some(),
            Field::OptimalTransferBlocks => self.optimal_transfer_blocks.is_some(),
            Field::MaxUnmapBlocks => self.max_unmap_blocks.is_some(),
            Field::UnmapGranularity => self.unmap_granularity.is_some(),
            Field::MaxWriteSameBlocks => self.max_write_same_blocks.is_some(),
            Field::RotationRate => self.rotation_rate.is_some(),
            Field::Zoned => true,
            Field::Luns => !self.luns.is_empty(),
        }
    }

    /// The recorded reason `field` is unknown (or cut short).
    #[must_use]
    pub fn reason(&self, field: Field) -> Option<Reason> {
        self.unknown.iter().find(|u| u.field == field).map(|u| u.reason)
    }

    /// Records why `field` is unknown; the first reason recorded for a field stays.
    pub(crate) fn miss(&mut self, field: Field, reason: Reason) {
        if self.reason(field).is_none() {
            // Capacity is one entry per field, so this cannot fill up.
            let _ = self.unknown.push(Unknown { field, reason });
        }
    }

    /// Records the LUN (`Lun::to_int` form); false when the list is full.
    pub(crate) fn add_lun(&mut self, lun: Lun) -> bool {
        let v = lun.to_int();
        self.luns.iter().any(|l| *l == v) || self.luns.push(v)
    }

    /// Copies a designator; false when it was cut or did not fit.
    pub(crate) fn add_designator(&mut self, d: &crate::data::Designator<'_>) -> bool {
        let mut v = DesignatorValue {
            designator_type: d.designator_type,
            association: d.association,
            code_set: d.code_set,
            value: [0; DESIGNATOR_CAPACITY],
            len: 0,
        };
        for (slot, b) in v.value.iter_mut().zip(d.designator) {
            *slot = *b;
            v.len += 1;
        }
        self.designators.push(v) && d.designator.len() <= DESIGNATOR_CAPACITY
    }
}
