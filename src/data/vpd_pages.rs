//! Typed views of the remaining VPD pages: 86h Extended INQUIRY Data, 87h Mode Page Policy,
//! 88h SCSI Ports, 89h ATA Information, 8Ah Power Condition, 8Fh Third-party Copy, B3h
//! Referrals, B5h Block Device Characteristics Extension, B6h Zoned Block Device
//! Characteristics and B7h Block Limits Extension.
//!
//! Same rules as the other pages: a page is checked for its page code, the declared length is
//! trusted only up to the buffer, and a field past the end is `None`.

use super::vpd::{Designator, VpdPageView, walk_designators};
use crate::wire::{be16_at, be32_at, be64_at, clamped, u8_at};
use crate::{DecodeError, VpdPage};

/// The page's bytes cut at its declared length (header included).
fn page(buf: &[u8], code: VpdPage) -> Result<&[u8], DecodeError> {
    let v = VpdPageView::parse_page(buf, code)?;
    Ok(buf.get(..4 + v.declared_len()).unwrap_or(buf))
}

fn bit(b: &[u8], off: usize, bit: u8) -> Option<bool> {
    u8_at(b, off).map(|v| v & (1 << bit) != 0)
}

/// 86h Extended INQUIRY Data (SPC-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ExtendedInquiry {
    /// ACTIVATE MICROCODE (2 bits): when downloaded microcode becomes active.
    pub activate_microcode: Option<u8>,
    /// SPT: supported protection types (3 bits).
    pub spt: Option<u8>,
    /// GRD_CHK: the guard is checked.
    pub grd_chk: Option<bool>,
    /// APP_CHK: the application tag is checked.
    pub app_chk: Option<bool>,
    /// REF_CHK: the reference tag is checked.
    pub ref_chk: Option<bool>,
    /// UASK_SUP: unit attention sense key specific data supported.
    pub uask_sup: Option<bool>,
    /// GROUP_SUP: grouping function supported.
    pub group_sup: Option<bool>,
    /// PRIOR_SUP: command priority supported.
    pub prior_sup: Option<bool>,
    /// HEADSUP: HEAD OF QUEUE task attribute supported.
    pub headsup: Option<bool>,
    /// ORDSUP: ORDERED task attribute supported.
    pub ordsup: Option<bool>,
    /// SIMPSUP: SIMPLE task attribute supported.
    pub simpsup: Option<bool>,
    /// WU_SUP: write uncorrectable supported.
    pub wu_sup: Option<bool>,
    /// CRD_SUP: correction disable supported.
    pub crd_sup: Option<bool>,
    /// NV_SUP: a non-volatile cache exists.
    pub nv_sup: Option<bool>,
    /// V_SUP: a volatile cache exists (SYNCHRONIZE CACHE matters).
    pub v_sup: Option<bool>,
    /// NO_PI_CHK: protection information checking is disabled.
    pub no_pi_chk: Option<bool>,
    /// P_I_I_SUP: protection information interval supported.
    pub p_i_i_sup: Option<bool>,
    /// LUICLR: unit attentions are cleared per I_T nexus.
    pub luiclr: Option<bool>,
    /// R_SUP: referrals supported.
    pub r_sup: Option<bool>,
    /// RTD_SUP: revert to defaults supported.
    pub rtd_sup: Option<bool>,
    /// HSSRELEF: history snapshots release effects.
    pub hssrelef: Option<bool>,
    /// CBCS: capability-based command security (obsolete).
    pub cbcs: Option<bool>,
    /// MULTI I_T NEXUS MICROCODE DOWNLOAD (4 bits).
    pub multi_it_nexus_microcode_download: Option<u8>,
    /// EXTENDED SELF-TEST COMPLETION MINUTES.
    pub extended_self_test_minutes: Option<u16>,
    /// POA_SUP: power-on activation supported.
    pub poa_sup: Option<bool>,
    /// HRA_SUP: hard reset activation supported.
    pub hra_sup: Option<bool>,
    /// VSA_SUP: vendor-specific activation supported.
    pub vsa_sup: Option<bool>,
    /// DMS_VALID: the DM_MD fields are valid.
    pub dms_valid: Option<bool>,
    /// MAXIMUM SUPPORTED SENSE DATA LENGTH (0: not reported).
    pub max_sense_len: Option<u8>,
    /// IBS: implicit bind supported.
    pub ibs: Option<bool>,
    /// IAS: implicit affiliation supported.
    pub ias: Option<bool>,
    /// SAC: set affiliation command supported.
    pub sac: Option<bool>,
    /// NRD1 / NRD0: no redirect support (2 bits).
    pub nrd: Option<u8>,
    /// MAXIMUM INQUIRY CHANGE LOGS.
    pub max_inquiry_change_logs: Option<u16>,
    /// MAXIMUM MODE PAGE CHANGE LOGS.
    pub max_mode_page_change_logs: Option<u16>,
}

/// Decodes 86h Extended INQUIRY Data.
///
/// ```
/// use scsi_cdb::data::vpd::extended_inquiry;
/// let mut p = [0u8; 64];
/// p[1] = 0x86;
/// p[3] = 0x3C;
/// p[4] = 0x0D; // SPT 1, GRD_CHK, REF_CHK
/// p[6] = 0x01; // V_SUP: volatile cache
/// p[10..12].copy_from_slice(&30u16.to_be_bytes());
/// let e = extended_inquiry(&p)?;
/// assert_eq!((e.spt, e.grd_chk, e.app_chk, e.v_sup), (Some(1), Some(true), Some(false), Some(true)));
/// assert_eq!(e.extended_self_test_minutes, Some(30));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn extended_inquiry(buf: &[u8]) -> Result<ExtendedInquiry, DecodeError> {
    let b = page(buf, VpdPage::EXTENDED_INQUIRY)?;
    Ok(ExtendedInquiry {
        activate_microcode: u8_at(b, 4).map(|v| v >> 6),
        spt: u8_at(b, 4).map(|v| (v >> 3) & 7),
        grd_chk: bit(b, 4, 2),
        app_chk: bit(b, 4, 1),
        ref_chk: bit(b, 4, 0),
        uask_sup: bit(b, 5, 5),
        group_sup: bit(b, 5, 4),
        prior_sup: bit(b, 5, 3),
        headsup: bit(b, 5, 2),
        ordsup: bit(b, 5, 1),
        simpsup: bit(b, 5, 0),
        wu_sup: bit(b, 6, 3),
        crd_sup: bit(b, 6, 2),
        nv_sup: bit(b, 6, 1),
        v_sup: bit(b, 6, 0),
        no_pi_chk: bit(b, 7, 5),
        p_i_i_sup: bit(b, 7, 4),
        luiclr: bit(b, 7, 0),
        r_sup: bit(b, 8, 4),
        rtd_sup: bit(b, 8, 3),
        hssrelef: bit(b, 8, 1),
        cbcs: bit(b, 8, 0),
        multi_it_nexus_microcode_download: u8_at(b, 9).map(|v| v & 0x0F),
        extended_self_test_minutes: be16_at(b, 10),
        poa_sup: bit(b, 12, 7),
        hra_sup: bit(b, 12, 6),
        vsa_sup: bit(b, 12, 5),
        dms_valid: bit(b, 12, 4),
        max_sense_len: u8_at(b, 13),
        ibs: bit(b, 14, 7),
        ias: bit(b, 14, 6),
        sac: bit(b, 14, 2),
        nrd: u8_at(b, 14).map(|v| v & 3),
        max_inquiry_change_logs: be16_at(b, 15),
        max_mode_page_change_logs: be16_at(b, 17),
    })
}

/// One 87h mode page policy descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ModePagePolicy {
    /// POLICY PAGE CODE (3Fh with subpage FFh: every page not listed).
    pub page_code: u8,
    /// POLICY SUBPAGE CODE.
    pub subpage_code: u8,
    /// MLUS: the page is shared by multiple logical units.
    pub mlus: bool,
    /// MODE PAGE POLICY: 0 shared, 1 per target port, 3 per I_T nexus.
    pub policy: u8,
}

impl ModePagePolicy {
    /// The policy's name.
    #[must_use]
    pub const fn policy_name(&self) -> &'static str {
        match self.policy {
            0 => "shared",
            1 => "per target port",
            2 => "per initiator port (obsolete)",
            _ => "per I_T nexus",
        }
    }
}

/// Decodes 87h Mode Page Policy: the descriptors present.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn mode_page_policies(buf: &[u8]) -> Result<impl Iterator<Item = ModePagePolicy> + '_, DecodeError> {
    let v = VpdPageView::parse_page(buf, VpdPage::MODE_PAGE_POLICY)?;
    Ok(v.payload().chunks_exact(4).map(|d| {
        let b = |i| u8_at(d, i).unwrap_or_default();
        ModePagePolicy {
            page_code: b(0) & 0x3F,
            subpage_code: b(1),
            mlus: b(2) & 0x80 != 0,
            policy: b(2) & 3,
        }
    }))
}

/// One 88h SCSI port designation descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScsiPort<'a> {
    /// RELATIVE PORT IDENTIFIER.
    pub relative_port: u16,
    /// The initiator port TransportID (empty when not reported).
    pub initiator_transport_id: &'a [u8],
    target_descriptors: &'a [u8],
}

impl<'a> ScsiPort<'a> {
    /// The target port designation descriptors (same layout as page 83h's).
    pub fn target_port_designators(&self) -> impl Iterator<Item = Designator<'a>> + 'a {
        walk_designators(self.target_descriptors)
    }
}

/// Decodes 88h SCSI Ports: the port designation descriptors present; one that runs past the
/// end stops the walk.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn scsi_ports(buf: &[u8]) -> Result<impl Iterator<Item = ScsiPort<'_>> + '_, DecodeError> {
    let v = VpdPageView::parse_page(buf, VpdPage::SCSI_PORTS)?;
    let mut rest = v.payload();
    Ok(core::iter::from_fn(move || {
        let relative_port = be16_at(rest, 2)?;
        let tid_len = usize::from(be16_at(rest, 6)?);
        let after_tid = 8 + tid_len;
        let tpd_len = usize::from(be16_at(rest, after_tid + 2)?);
        let total = after_tid + 4 + tpd_len;
        let (d, r) = rest.split_at_checked(total)?;
        rest = r;
        Some(ScsiPort {
            relative_port,
            initiator_transport_id: d.get(8..after_tid).unwrap_or_default(),
            target_descriptors: d.get(after_tid + 4..).unwrap_or_default(),
        })
    }))
}

/// An ATA string from IDENTIFY DEVICE data: the words' bytes swapped back into reading order,
/// trailing spaces and NULs trimmed, held by value (no allocation).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AtaString<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> AtaString<N> {
    fn from_words(raw: &[u8]) -> Self {
        let mut bytes = [0u8; N];
        for (dst, pair) in bytes.chunks_exact_mut(2).zip(raw.chunks_exact(2)) {
            if let ([d0, d1], [s0, s1]) = (dst, pair) {
                *d0 = *s1;
                *d1 = *s0;
            }
        }
        let len = bytes.iter().rposition(|b| *b != b' ' && *b != 0).map_or(0, |p| p + 1);
        Self { bytes, len }
    }

    /// The bytes, trimmed.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    /// The text, when it is ASCII (leading spaces kept, as the device sent them).
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        let b = self.as_bytes();
        if b.is_ascii() { core::str::from_utf8(b).ok() } else { None }
    }
}

impl<const N: usize> core::fmt::Debug for AtaString<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{:?}", super::AsciiField::new(self.as_bytes()))
    }
}

/// 89h ATA Information (SAT-5): what the SCSI-to-ATA translator and the ATA device say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AtaInformation<'a> {
    buf: &'a [u8],
}

impl<'a> AtaInformation<'a> {
    /// Decodes 89h.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &'a [u8]) -> Result<Self, DecodeError> {
        Ok(Self { buf: page(buf, VpdPage::ATA_INFORMATION)? })
    }

    /// SAT VENDOR IDENTIFICATION (the translator's vendor).
    #[must_use]
    pub fn sat_vendor(&self) -> super::AsciiField<'a> {
        super::AsciiField::new(clamped(self.buf, 8, 8))
    }

    /// SAT PRODUCT IDENTIFICATION.
    #[must_use]
    pub fn sat_product(&self) -> super::AsciiField<'a> {
        super::AsciiField::new(clamped(self.buf, 16, 16))
    }

    /// SAT PRODUCT REVISION LEVEL.
    #[must_use]
    pub fn sat_revision(&self) -> super::AsciiField<'a> {
        super::AsciiField::new(clamped(self.buf, 32, 4))
    }

    /// ATA DEVICE SIGNATURE (the 20-byte register image after reset), when present.
    #[must_use]
    pub fn device_signature(&self) -> Option<&'a [u8]> {
        self.buf.get(36..56)
    }

    /// COMMAND CODE: ECh (IDENTIFY DEVICE) or A1h (IDENTIFY PACKET DEVICE).
    #[must_use]
    pub fn command_code(&self) -> Option<u8> {
        u8_at(self.buf, 56)
    }

    /// The IDENTIFY (PACKET) DEVICE data present (up to 512 bytes).
    #[must_use]
    pub fn identify_data(&self) -> &'a [u8] {
        clamped(self.buf, 60, 512)
    }

    fn word(&self, w: usize) -> Option<u16> {
        crate::wire::array_at(self.identify_data(), 2 * w).map(u16::from_le_bytes)
    }

    /// Serial number (words 10-19).
    #[must_use]
    pub fn serial_number(&self) -> Option<AtaString<20>> {
        self.identify_data().get(20..40).map(AtaString::from_words)
    }

    /// Firmware revision (words 23-26).
    #[must_use]
    pub fn firmware_revision(&self) -> Option<AtaString<8>> {
        self.identify_data().get(46..54).map(AtaString::from_words)
    }

    /// Model number (words 27-46).
    #[must_use]
    pub fn model_number(&self) -> Option<AtaString<40>> {
        self.identify_data().get(54..94).map(AtaString::from_words)
    }

    /// The number of user-addressable sectors with 48-bit addressing (words 100-103), when the
    /// device supports the 48-bit feature set (word 83 bit 10).
    #[must_use]
    pub fn lba48_sectors(&self) -> Option<u64> {
        if self.word(83)? & (1 << 10) == 0 {
            return None;
        }
        let lo = crate::wire::array_at::<8>(self.identify_data(), 200)?;
        Some(u64::from_le_bytes(lo) & 0xFFFF_FFFF_FFFF)
    }

    /// The logical sector size in bytes: words 117-118 when word 106 says they are valid, else
    /// 512.
    #[must_use]
    pub fn logical_sector_size(&self) -> Option<u32> {
        let w106 = self.word(106)?;
        if w106 & 0xC000 == 0x4000 && w106 & (1 << 12) != 0 {
            let words = u32::from(self.word(117)?) | (u32::from(self.word(118)?) << 16);
            Some(words.saturating_mul(2))
        } else {
            Some(512)
        }
    }
}

/// 8Ah Power Condition (SPC-6): supported conditions and recovery times (ms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PowerConditionVpd {
    /// STANDBY_Y supported.
    pub standby_y: Option<bool>,
    /// STANDBY_Z supported.
    pub standby_z: Option<bool>,
    /// IDLE_C supported.
    pub idle_c: Option<bool>,
    /// IDLE_B supported.
    pub idle_b: Option<bool>,
    /// IDLE_A supported.
    pub idle_a: Option<bool>,
    /// STOPPED CONDITION RECOVERY TIME.
    pub stopped_recovery_ms: Option<u16>,
    /// STANDBY_Z CONDITION RECOVERY TIME.
    pub standby_z_recovery_ms: Option<u16>,
    /// STANDBY_Y CONDITION RECOVERY TIME.
    pub standby_y_recovery_ms: Option<u16>,
    /// IDLE_A CONDITION RECOVERY TIME.
    pub idle_a_recovery_ms: Option<u16>,
    /// IDLE_B CONDITION RECOVERY TIME.
    pub idle_b_recovery_ms: Option<u16>,
    /// IDLE_C CONDITION RECOVERY TIME.
    pub idle_c_recovery_ms: Option<u16>,
}

/// Decodes 8Ah Power Condition.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn power_condition(buf: &[u8]) -> Result<PowerConditionVpd, DecodeError> {
    let b = page(buf, VpdPage::POWER_CONDITION)?;
    Ok(PowerConditionVpd {
        standby_y: bit(b, 4, 1),
        standby_z: bit(b, 4, 0),
        idle_c: bit(b, 5, 2),
        idle_b: bit(b, 5, 1),
        idle_a: bit(b, 5, 0),
        stopped_recovery_ms: be16_at(b, 6),
        standby_z_recovery_ms: be16_at(b, 8),
        standby_y_recovery_ms: be16_at(b, 10),
        idle_a_recovery_ms: be16_at(b, 12),
        idle_b_recovery_ms: be16_at(b, 14),
        idle_c_recovery_ms: be16_at(b, 16),
    })
}

/// One 8Fh third-party copy descriptor: its type and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThirdPartyCopyDescriptor<'a> {
    /// THIRD-PARTY COPY DESCRIPTOR TYPE.
    pub descriptor_type: u16,
    /// The bytes after the 4-byte descriptor header.
    pub body: &'a [u8],
}

impl ThirdPartyCopyDescriptor<'_> {
    /// The standard's name for the descriptor type.
    #[must_use]
    pub const fn type_name(&self) -> &'static str {
        match self.descriptor_type {
            0x0000 => "Block Device ROD Token Limits",
            0x0001 => "Supported Commands",
            0x0004 => "Parameter Data",
            0x0008 => "Supported Descriptors",
            0x000C => "Supported CSCD Descriptor IDs",
            0x000D => "Copy Group Identifier",
            0x0106 => "ROD Token Features",
            0x0108 => "Supported ROD Token and ROD Types",
            0x8001 => "General Copy Operations",
            0x9101 => "Stream Copy Operations",
            0xC001 => "Held Data",
            0xE000..=0xEFFF => "restricted",
            _ => "reserved",
        }
    }
}

/// Decodes 8Fh Third-party Copy: the descriptors present; one that runs past the end stops the
/// walk.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn third_party_copy(
    buf: &[u8],
) -> Result<impl Iterator<Item = ThirdPartyCopyDescriptor<'_>> + '_, DecodeError> {
    let v = VpdPageView::parse_page(buf, VpdPage::THIRD_PARTY_COPY)?;
    let mut rest = v.payload();
    Ok(core::iter::from_fn(move || {
        let descriptor_type = be16_at(rest, 0)?;
        let len = usize::from(be16_at(rest, 2)?);
        let (d, r) = rest.split_at_checked(4 + len)?;
        rest = r;
        Some(ThirdPartyCopyDescriptor { descriptor_type, body: d.get(4..).unwrap_or_default() })
    }))
}

/// B3h Referrals (SBC-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Referrals {
    /// USER DATA SEGMENT SIZE (blocks).
    pub user_data_segment_size: Option<u32>,
    /// USER DATA SEGMENT MULTIPLIER.
    pub user_data_segment_multiplier: Option<u32>,
}

/// Decodes B3h Referrals.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn referrals(buf: &[u8]) -> Result<Referrals, DecodeError> {
    let b = page(buf, VpdPage::REFERRALS)?;
    Ok(Referrals { user_data_segment_size: be32_at(b, 8), user_data_segment_multiplier: be32_at(b, 12) })
}

/// B5h Block Device Characteristics Extension (SBC-5): designed utilization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BlockDeviceCharacteristicsExt {
    /// UTILIZATION TYPE: 1 combined writes and reads, 2 writes only, 3 separate.
    pub utilization_type: Option<u8>,
    /// UTILIZATION UNITS: 2 megabytes, 3 gigabytes, 4 terabytes, 5 petabytes, 6 exabytes.
    pub utilization_units: Option<u8>,
    /// UTILIZATION INTERVAL: 0Ah per day, 0Eh per year.
    pub utilization_interval: Option<u8>,
    /// UTILIZATION B.
    pub utilization_b: Option<u32>,
    /// UTILIZATION A.
    pub utilization_a: Option<u32>,
}

/// Decodes B5h Block Device Characteristics Extension.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn block_device_characteristics_ext(buf: &[u8]) -> Result<BlockDeviceCharacteristicsExt, DecodeError> {
    let b = page(buf, VpdPage::BLOCK_DEVICE_CHARACTERISTICS_EXT)?;
    Ok(BlockDeviceCharacteristicsExt {
        utilization_type: u8_at(b, 5),
        utilization_units: u8_at(b, 6),
        utilization_interval: u8_at(b, 7),
        utilization_b: be32_at(b, 8),
        utilization_a: be32_at(b, 12),
    })
}

/// B6h Zoned Block Device Characteristics (ZBC-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ZonedBlockDeviceCharacteristics {
    /// ZONED BLOCK DEVICE EXTENSION (4 bits).
    pub extension: Option<u8>,
    /// AAORB: activation aligned on realm boundaries.
    pub aaorb: Option<bool>,
    /// URSWRZ: unrestricted read in sequential write required zones.
    pub urswrz: Option<bool>,
    /// OPTIMAL NUMBER OF OPEN SEQUENTIAL WRITE PREFERRED ZONES (FFFF_FFFFh: not reported).
    pub optimal_open_swp_zones: Option<u32>,
    /// OPTIMAL NUMBER OF NON-SEQUENTIALLY WRITTEN SEQUENTIAL WRITE PREFERRED ZONES.
    pub optimal_non_seq_swp_zones: Option<u32>,
    /// MAXIMUM NUMBER OF OPEN SEQUENTIAL WRITE REQUIRED ZONES (FFFF_FFFFh: no limit).
    pub max_open_swr_zones: Option<u32>,
    /// ZONE ALIGNMENT METHOD (4 bits).
    pub zone_alignment_method: Option<u8>,
    /// ZONE STARTING LBA GRANULARITY.
    pub zone_starting_lba_granularity: Option<u64>,
}

/// Decodes B6h Zoned Block Device Characteristics.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn zoned_block_device_characteristics(
    buf: &[u8],
) -> Result<ZonedBlockDeviceCharacteristics, DecodeError> {
    let b = page(buf, VpdPage::ZONED_BLOCK_DEVICE_CHARACTERISTICS)?;
    Ok(ZonedBlockDeviceCharacteristics {
        extension: u8_at(b, 4).map(|v| v >> 4),
        aaorb: bit(b, 4, 1),
        urswrz: bit(b, 4, 0),
        optimal_open_swp_zones: be32_at(b, 8),
        optimal_non_seq_swp_zones: be32_at(b, 12),
        max_open_swr_zones: be32_at(b, 16),
        zone_alignment_method: u8_at(b, 23).map(|v| v & 0x0F),
        zone_starting_lba_granularity: be64_at(b, 24),
    })
}

/// B7h Block Limits Extension (SBC-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BlockLimitsExtension {
    /// MAXIMUM NUMBER OF STREAMS (0: streams not supported).
    pub max_streams: Option<u16>,
    /// OPTIMAL STREAM WRITE SIZE (blocks).
    pub optimal_stream_write_size: Option<u16>,
    /// STREAM GRANULARITY SIZE (in optimal stream write sizes).
    pub stream_granularity_size: Option<u32>,
    /// MAXIMUM SCATTERED LBA RANGE TRANSFER LENGTH (blocks; 0: no limit reported).
    pub max_scattered_lba_range_transfer: Option<u32>,
    /// MAXIMUM SCATTERED LBA RANGE DESCRIPTOR COUNT.
    pub max_scattered_lba_range_descriptors: Option<u16>,
    /// MAXIMUM SCATTERED TRANSFER LENGTH (blocks).
    pub max_scattered_transfer: Option<u32>,
}

/// Decodes B7h Block Limits Extension.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn block_limits_extension(buf: &[u8]) -> Result<BlockLimitsExtension, DecodeError> {
    let b = page(buf, VpdPage::BLOCK_LIMITS_EXTENSION)?;
    Ok(BlockLimitsExtension {
        max_streams: be16_at(b, 6),
        optimal_stream_write_size: be16_at(b, 8),
        stream_granularity_size: be32_at(b, 10),
        max_scattered_lba_range_transfer: be32_at(b, 16),
        max_scattered_lba_range_descriptors: be16_at(b, 22),
        max_scattered_transfer: be32_at(b, 24),
    })
}
