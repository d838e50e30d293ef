//! Typed views of the remaining VPD pages: 86h Extended INQUIRY Data, 87h Mode Page Policy,
//! 88h SCSI Ports, 89h ATA Information, 8Ah Power Condition, 8Fh Third-party Copy, B3h
//! Referrals, B5h Block Device Characteristics Extension, B6h Zoned Block Device
//! Characteristics and B7h Block Limits Extension.
//!
//! Same rules as the other pages: a page is checked for its page code, the declared length is
//! trusted only up to the buffer, and a field past the end is `None`.

use super::vpd::{Designator, VpdPageView, page, walk_designators};
use crate::wire::{be16_at, be32_at, be64_at, clamped, u8_at};
use crate::{DecodeError, VpdPage};

/// 86h Extended INQUIRY Data: byte offsets from the start of the page, as SPC-6 numbers them.
pub(crate) mod ext_inquiry_field {
    use crate::wire::Bits;
    pub(crate) const ACTIVATE_MICROCODE: Bits = Bits::new(4, 6, 2);
    pub(crate) const SPT: Bits = Bits::new(4, 3, 3);
    pub(crate) const GRD_CHK: Bits = Bits::flag(4, 2);
    pub(crate) const APP_CHK: Bits = Bits::flag(4, 1);
    pub(crate) const REF_CHK: Bits = Bits::flag(4, 0);
    pub(crate) const UASK_SUP: Bits = Bits::flag(5, 5);
    pub(crate) const GROUP_SUP: Bits = Bits::flag(5, 4);
    pub(crate) const PRIOR_SUP: Bits = Bits::flag(5, 3);
    pub(crate) const HEADSUP: Bits = Bits::flag(5, 2);
    pub(crate) const ORDSUP: Bits = Bits::flag(5, 1);
    pub(crate) const SIMPSUP: Bits = Bits::flag(5, 0);
    pub(crate) const WU_SUP: Bits = Bits::flag(6, 3);
    pub(crate) const CRD_SUP: Bits = Bits::flag(6, 2);
    pub(crate) const NV_SUP: Bits = Bits::flag(6, 1);
    pub(crate) const V_SUP: Bits = Bits::flag(6, 0);
    pub(crate) const NO_PI_CHK: Bits = Bits::flag(7, 5);
    pub(crate) const P_I_I_SUP: Bits = Bits::flag(7, 4);
    pub(crate) const LUICLR: Bits = Bits::flag(7, 0);
    pub(crate) const LU_COLL_TYPE: Bits = Bits::new(8, 5, 3);
    pub(crate) const R_SUP: Bits = Bits::flag(8, 4);
    pub(crate) const RTD_SUP: Bits = Bits::flag(8, 3);
    pub(crate) const HSSRELEF: Bits = Bits::flag(8, 1);
    pub(crate) const CBCS: Bits = Bits::flag(8, 0);
    pub(crate) const MULTI_IT_NEXUS_MICROCODE_DOWNLOAD: Bits = Bits::new(9, 0, 4);
    /// EXTENDED SELF-TEST COMPLETION MINUTES (2 bytes).
    pub(crate) const EXTENDED_SELF_TEST_MINUTES: usize = 10;
    pub(crate) const POA_SUP: Bits = Bits::flag(12, 7);
    pub(crate) const HRA_SUP: Bits = Bits::flag(12, 6);
    pub(crate) const VSA_SUP: Bits = Bits::flag(12, 5);
    pub(crate) const DMS_VALID: Bits = Bits::flag(12, 4);
    pub(crate) const MAX_SENSE_LEN: Bits = Bits::new(13, 0, 8);
    pub(crate) const IBS: Bits = Bits::flag(14, 7);
    pub(crate) const IAS: Bits = Bits::flag(14, 6);
    pub(crate) const SAC: Bits = Bits::flag(14, 2);
    pub(crate) const NRD1: Bits = Bits::flag(14, 1);
    pub(crate) const NRD0: Bits = Bits::flag(14, 0);
    /// MAXIMUM INQUIRY CHANGE LOGS (2 bytes).
    pub(crate) const MAX_INQUIRY_CHANGE_LOGS: usize = 15;
    /// MAXIMUM MODE PAGE CHANGE LOGS (2 bytes).
    pub(crate) const MAX_MODE_PAGE_CHANGE_LOGS: usize = 17;
}

/// 86h Extended INQUIRY Data (SPC-6).
///
/// ```
/// use scsi_cdb::data::vpd::ExtendedInquiry;
///
/// // 86h as a disk with type 1 protection sends it: REF_CHK, HEADSUP/ORDSUP/SIMPSUP, and an
/// // extended self-test of 30 minutes (bytes 10-11).
/// let mut page = [0u8; 64];
/// (page[1], page[3], page[4], page[5], page[11]) = (0x86, 0x3C, 0x01, 0x07, 30);
/// let e = ExtendedInquiry::parse(&page)?;
/// assert_eq!((e.ref_chk, e.grd_chk), (Some(true), Some(false)));
/// assert_eq!((e.headsup, e.simpsup), (Some(true), Some(true)));
/// assert_eq!(e.extended_self_test_minutes, Some(30));
/// // A PAGE LENGTH of 2 covers bytes 4-5 only: later fields are unknown, not zero.
/// page[3] = 2;
/// assert_eq!(ExtendedInquiry::parse(&page)?.extended_self_test_minutes, None);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
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
    /// LU_COLL_TYPE: logical unit collection type (3 bits; 0: not reported).
    pub lu_coll_type: Option<u8>,
    /// R_SUP: referrals supported.
    pub r_sup: Option<bool>,
    /// RTD_SUP: revert to defaults supported.
    pub rtd_sup: Option<bool>,
    /// HSSRELEF: history snapshots release effects.
    pub hssrelef: Option<bool>,
    /// CBCS: capability-based command security (obsolete).
    pub cbcs: Option<bool>,
    /// MULTI I_T NEXUS MICROCODE DOWNLOAD (4 bits).
    #[cfg_attr(feature = "serde", serde(rename = "multi_i_t_nexus_microcode_download"))]
    pub multi_it_nexus_microcode_download: Option<u8>,
    /// EXTENDED SELF-TEST COMPLETION MINUTES.
    #[cfg_attr(feature = "serde", serde(rename = "extended_self_test_completion_minutes"))]
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
    #[cfg_attr(feature = "serde", serde(rename = "maximum_supported_sense_data_length"))]
    pub max_sense_len: Option<u8>,
    /// IBS: implicit bind supported.
    pub ibs: Option<bool>,
    /// IAS: implicit affiliation supported.
    pub ias: Option<bool>,
    /// SAC: set affiliation command supported.
    pub sac: Option<bool>,
    /// NRD1: no redirect, one of the two bits of no redirect support.
    pub nrd1: Option<bool>,
    /// NRD0: no redirect, the other bit.
    pub nrd0: Option<bool>,
    /// MAXIMUM INQUIRY CHANGE LOGS.
    #[cfg_attr(feature = "serde", serde(rename = "maximum_inquiry_change_logs"))]
    pub max_inquiry_change_logs: Option<u16>,
    /// MAXIMUM MODE PAGE CHANGE LOGS.
    #[cfg_attr(feature = "serde", serde(rename = "maximum_mode_page_change_logs"))]
    pub max_mode_page_change_logs: Option<u16>,
}

impl ExtendedInquiry {
    /// Decodes 86h Extended INQUIRY Data.
    ///
    /// ```
    /// use scsi_cdb::data::vpd::ExtendedInquiry;
    /// let mut p = [0u8; 64];
    /// p[1] = 0x86;
    /// p[3] = 0x3C;
    /// p[4] = 0x0D; // SPT 1, GRD_CHK, REF_CHK
    /// p[6] = 0x01; // V_SUP: volatile cache
    /// p[10..12].copy_from_slice(&30u16.to_be_bytes());
    /// let e = ExtendedInquiry::parse(&p)?;
    /// assert_eq!((e.spt, e.grd_chk, e.app_chk, e.v_sup), (Some(1), Some(true), Some(false), Some(true)));
    /// assert_eq!(e.extended_self_test_minutes, Some(30));
    /// # Ok::<(), scsi_cdb::DecodeError>(())
    /// ```
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &[u8]) -> Result<Self, DecodeError> {
        use ext_inquiry_field as f;
        let b = page(buf, VpdPage::EXTENDED_INQUIRY)?;
        Ok(ExtendedInquiry {
            activate_microcode: f::ACTIVATE_MICROCODE.get(b),
            spt: f::SPT.get(b),
            grd_chk: f::GRD_CHK.is_set(b),
            app_chk: f::APP_CHK.is_set(b),
            ref_chk: f::REF_CHK.is_set(b),
            uask_sup: f::UASK_SUP.is_set(b),
            group_sup: f::GROUP_SUP.is_set(b),
            prior_sup: f::PRIOR_SUP.is_set(b),
            headsup: f::HEADSUP.is_set(b),
            ordsup: f::ORDSUP.is_set(b),
            simpsup: f::SIMPSUP.is_set(b),
            wu_sup: f::WU_SUP.is_set(b),
            crd_sup: f::CRD_SUP.is_set(b),
            nv_sup: f::NV_SUP.is_set(b),
            v_sup: f::V_SUP.is_set(b),
            no_pi_chk: f::NO_PI_CHK.is_set(b),
            p_i_i_sup: f::P_I_I_SUP.is_set(b),
            luiclr: f::LUICLR.is_set(b),
            lu_coll_type: f::LU_COLL_TYPE.get(b),
            r_sup: f::R_SUP.is_set(b),
            rtd_sup: f::RTD_SUP.is_set(b),
            hssrelef: f::HSSRELEF.is_set(b),
            cbcs: f::CBCS.is_set(b),
            multi_it_nexus_microcode_download: f::MULTI_IT_NEXUS_MICROCODE_DOWNLOAD.get(b),
            extended_self_test_minutes: be16_at(b, f::EXTENDED_SELF_TEST_MINUTES),
            poa_sup: f::POA_SUP.is_set(b),
            hra_sup: f::HRA_SUP.is_set(b),
            vsa_sup: f::VSA_SUP.is_set(b),
            dms_valid: f::DMS_VALID.is_set(b),
            max_sense_len: f::MAX_SENSE_LEN.get(b),
            ibs: f::IBS.is_set(b),
            ias: f::IAS.is_set(b),
            sac: f::SAC.is_set(b),
            nrd1: f::NRD1.is_set(b),
            nrd0: f::NRD0.is_set(b),
            max_inquiry_change_logs: be16_at(b, f::MAX_INQUIRY_CHANGE_LOGS),
            max_mode_page_change_logs: be16_at(b, f::MAX_MODE_PAGE_CHANGE_LOGS),
        })
    }
}

/// One 87h mode page policy descriptor.
///
/// ```
/// use scsi_cdb::data::vpd::ModePagePolicies;
///
/// // 87h as scsi_debug sends it: one descriptor, page 3Fh subpage FFh (every page), shared.
/// let page = [0x00, 0x87, 0x00, 0x04, 0x3F, 0xFF, 0x00, 0x00];
/// let p = ModePagePolicies::parse(&page)?.policies().next().expect("one policy");
/// assert_eq!((p.page_code, p.subpage_code, p.mlus, p.policy), (0x3F, 0xFF, false, 0));
/// assert_eq!(p.policy_name(), "shared");
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// 87h Mode Page Policy.
///
/// ```
/// use scsi_cdb::data::vpd::ModePagePolicies;
///
/// // 87h as scsi_debug sends it: one descriptor, page 3Fh subpage FFh (every page), shared.
/// let page = [0x00, 0x87, 0x00, 0x04, 0x3F, 0xFF, 0x00, 0x00];
/// let p = ModePagePolicies::parse(&page)?.policies().next().expect("one policy");
/// assert_eq!((p.page_code, p.subpage_code, p.mlus, p.policy), (0x3F, 0xFF, false, 0));
/// assert_eq!(p.policy_name(), "shared");
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModePagePolicies<'a> {
    view: VpdPageView<'a>,
}

impl<'a> ModePagePolicies<'a> {
    /// Views page 87h.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &'a [u8]) -> Result<Self, DecodeError> {
        Ok(Self { view: VpdPageView::parse_page(buf, VpdPage::MODE_PAGE_POLICY)? })
    }

    /// The generic view: declared and available length.
    #[must_use]
    pub const fn view(&self) -> VpdPageView<'a> {
        self.view
    }

    /// The descriptors within the declared length.
    pub fn policies(&self) -> impl Iterator<Item = ModePagePolicy> + use<'a> {
        walk_policies(self.view.payload())
    }
}

fn walk_policies(list: &[u8]) -> impl Iterator<Item = ModePagePolicy> + '_ {
    list.chunks_exact(4).map(|d| {
        let b = |i| u8_at(d, i).unwrap_or_default();
        ModePagePolicy {
            page_code: b(0) & 0x3F,
            subpage_code: b(1),
            mlus: b(2) & 0x80 != 0,
            policy: b(2) & 3,
        }
    })
}

/// One 88h SCSI port designation descriptor.
///
/// ```
/// use scsi_cdb::data::vpd::ScsiPorts;
///
/// // 88h: relative port 1, no initiator TransportID, one NAA target port designator.
/// let mut page = vec![0x00, 0x88, 0x00, 0x18, 0, 0, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0x00, 0x0C];
/// page.extend([0x61, 0x93, 0x00, 0x08, 0x52, 0x22, 0x22, 0x20, 0, 0, 0x0F, 0x9E]);
/// let port = ScsiPorts::parse(&page)?.ports().next().expect("one port");
/// assert_eq!((port.relative_port, port.initiator_transport_id.len()), (1, 0));
/// let d = port.target_port_designators().next().expect("one designator");
/// assert_eq!((d.association, d.designator_type, d.designator.len()), (1, 3, 8));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
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

/// 88h SCSI Ports.
///
/// ```
/// use scsi_cdb::data::vpd::ScsiPorts;
///
/// // 88h: relative port 1, no initiator TransportID, one NAA target port designator.
/// let mut page = vec![0x00, 0x88, 0x00, 0x18, 0, 0, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0x00, 0x0C];
/// page.extend([0x61, 0x93, 0x00, 0x08, 0x52, 0x22, 0x22, 0x20, 0, 0, 0x0F, 0x9E]);
/// let port = ScsiPorts::parse(&page)?.ports().next().expect("one port");
/// assert_eq!((port.relative_port, port.initiator_transport_id.len()), (1, 0));
/// let d = port.target_port_designators().next().expect("one designator");
/// assert_eq!((d.association, d.designator_type, d.designator.len()), (1, 3, 8));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScsiPorts<'a> {
    view: VpdPageView<'a>,
}

impl<'a> ScsiPorts<'a> {
    /// Views page 88h.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &'a [u8]) -> Result<Self, DecodeError> {
        Ok(Self { view: VpdPageView::parse_page(buf, VpdPage::SCSI_PORTS)? })
    }

    /// The generic view: declared and available length.
    #[must_use]
    pub const fn view(&self) -> VpdPageView<'a> {
        self.view
    }

    /// The port designation descriptors within the declared length; one that runs past the
    /// end stops the walk.
    pub fn ports(&self) -> impl Iterator<Item = ScsiPort<'a>> + use<'a> {
        walk_ports(self.view.payload())
    }
}

fn walk_ports(list: &[u8]) -> impl Iterator<Item = ScsiPort<'_>> + '_ {
    let mut rest = list;
    core::iter::from_fn(move || {
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
    })
}

/// An ATA string from IDENTIFY DEVICE data: the words' bytes swapped back into reading order,
/// trailing spaces and NULs trimmed, held by value (no allocation).
///
/// ```
/// use scsi_cdb::data::vpd::AtaInformation;
///
/// // 89h: SAT VENDOR "linux", then IDENTIFY DEVICE data at byte 60 whose words 27-46 hold
/// // the model number with each word's two bytes swapped, as ATA stores them.
/// let mut page = vec![0u8; 572];
/// (page[1], page[2], page[3]) = (0x89, 0x02, 0x38);
/// page[8..16].copy_from_slice(b"linux   ");
/// let model = b"QEMU HARDDISK                           ";
/// for (i, pair) in model.chunks(2).enumerate() {
///     (page[60 + 54 + 2 * i], page[60 + 55 + 2 * i]) = (pair[1], pair[0]);
/// }
/// let ata = AtaInformation::parse(&page)?;
/// assert_eq!(ata.sat_vendor().as_str(), Some("linux"));
/// let m = ata.model_number().expect("IDENTIFY data present");
/// assert_eq!(m.as_str(), Some("QEMU HARDDISK"));
/// assert_eq!(m.as_bytes(), b"QEMU HARDDISK");
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
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

    /// The text when every byte is printable ASCII (leading spaces kept, as the device sent
    /// them), the same rule as [`AsciiField::as_str`](super::AsciiField::as_str).
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        let b = self.as_bytes();
        if b.iter().all(|c| super::inquiry::is_text(*c)) { core::str::from_utf8(b).ok() } else { None }
    }
}

impl<const N: usize> core::fmt::Debug for AtaString<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{:?}", super::AsciiField::new(self.as_bytes()))
    }
}

/// 89h ATA Information (SAT-5): what the SCSI-to-ATA translator and the ATA device say.
///
/// ```
/// use scsi_cdb::data::vpd::AtaInformation;
///
/// // 89h: SAT VENDOR "linux", then IDENTIFY DEVICE data at byte 60 whose words 27-46 hold
/// // the model number with each word's two bytes swapped, as ATA stores them.
/// let mut page = vec![0u8; 572];
/// (page[1], page[2], page[3]) = (0x89, 0x02, 0x38);
/// page[8..16].copy_from_slice(b"linux   ");
/// let model = b"QEMU HARDDISK                           ";
/// for (i, pair) in model.chunks(2).enumerate() {
///     (page[60 + 54 + 2 * i], page[60 + 55 + 2 * i]) = (pair[1], pair[0]);
/// }
/// let ata = AtaInformation::parse(&page)?;
/// assert_eq!(ata.sat_vendor().as_str(), Some("linux"));
/// let m = ata.model_number().expect("IDENTIFY data present");
/// assert_eq!(m.as_str(), Some("QEMU HARDDISK"));
/// assert_eq!(m.as_bytes(), b"QEMU HARDDISK");
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AtaInformation<'a> {
    buf: &'a [u8],
}

/// 89h ATA Information (SAT-5): byte ranges from the start of the page.
pub(crate) mod ata_information_field {
    use core::ops::Range;
    pub(crate) const SAT_VENDOR: Range<usize> = 8..16;
    pub(crate) const SAT_PRODUCT: Range<usize> = 16..32;
    pub(crate) const SAT_REVISION: Range<usize> = 32..36;
    pub(crate) const DEVICE_SIGNATURE: Range<usize> = 36..56;
    pub(crate) const COMMAND_CODE: usize = 56;
    /// IDENTIFY (PACKET) DEVICE data: 512 bytes.
    pub(crate) const IDENTIFY: Range<usize> = 60..572;
}

const fn span_len(r: &core::ops::Range<usize>) -> usize {
    r.end - r.start
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
        super::AsciiField::new(clamped(
            self.buf,
            ata_information_field::SAT_VENDOR.start,
            span_len(&ata_information_field::SAT_VENDOR),
        ))
    }

    /// SAT PRODUCT IDENTIFICATION.
    #[must_use]
    pub fn sat_product(&self) -> super::AsciiField<'a> {
        super::AsciiField::new(clamped(
            self.buf,
            ata_information_field::SAT_PRODUCT.start,
            span_len(&ata_information_field::SAT_PRODUCT),
        ))
    }

    /// SAT PRODUCT REVISION LEVEL.
    #[must_use]
    pub fn sat_revision(&self) -> super::AsciiField<'a> {
        super::AsciiField::new(clamped(
            self.buf,
            ata_information_field::SAT_REVISION.start,
            span_len(&ata_information_field::SAT_REVISION),
        ))
    }

    /// ATA DEVICE SIGNATURE (the 20-byte register image after reset), when present.
    #[must_use]
    pub fn device_signature(&self) -> Option<&'a [u8]> {
        self.buf.get(ata_information_field::DEVICE_SIGNATURE)
    }

    /// COMMAND CODE: ECh (IDENTIFY DEVICE) or A1h (IDENTIFY PACKET DEVICE).
    #[must_use]
    pub fn command_code(&self) -> Option<u8> {
        u8_at(self.buf, ata_information_field::COMMAND_CODE)
    }

    /// The IDENTIFY (PACKET) DEVICE data present (up to 512 bytes).
    #[must_use]
    pub fn identify_data(&self) -> &'a [u8] {
        clamped(self.buf, ata_information_field::IDENTIFY.start, span_len(&ata_information_field::IDENTIFY))
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
///
/// ```
/// use scsi_cdb::data::vpd::PowerConditionVpd;
///
/// // 8Ah: STANDBY_Z and IDLE_A supported, 5000 ms back from stopped, 100 ms from idle_a.
/// let mut page = [0u8; 18];
/// (page[1], page[3], page[4], page[5]) = (0x8A, 0x0E, 0x01, 0x01);
/// page[6..8].copy_from_slice(&5000u16.to_be_bytes());
/// page[12..14].copy_from_slice(&100u16.to_be_bytes());
/// let p = PowerConditionVpd::parse(&page)?;
/// assert_eq!((p.standby_z, p.standby_y, p.idle_a), (Some(true), Some(false), Some(true)));
/// assert_eq!((p.stopped_recovery_ms, p.idle_a_recovery_ms), (Some(5000), Some(100)));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
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
    #[cfg_attr(feature = "serde", serde(rename = "stopped_condition_recovery_time"))]
    pub stopped_recovery_ms: Option<u16>,
    /// STANDBY_Z CONDITION RECOVERY TIME.
    #[cfg_attr(feature = "serde", serde(rename = "standby_z_condition_recovery_time"))]
    pub standby_z_recovery_ms: Option<u16>,
    /// STANDBY_Y CONDITION RECOVERY TIME.
    #[cfg_attr(feature = "serde", serde(rename = "standby_y_condition_recovery_time"))]
    pub standby_y_recovery_ms: Option<u16>,
    /// IDLE_A CONDITION RECOVERY TIME.
    #[cfg_attr(feature = "serde", serde(rename = "idle_a_condition_recovery_time"))]
    pub idle_a_recovery_ms: Option<u16>,
    /// IDLE_B CONDITION RECOVERY TIME.
    #[cfg_attr(feature = "serde", serde(rename = "idle_b_condition_recovery_time"))]
    pub idle_b_recovery_ms: Option<u16>,
    /// IDLE_C CONDITION RECOVERY TIME.
    #[cfg_attr(feature = "serde", serde(rename = "idle_c_condition_recovery_time"))]
    pub idle_c_recovery_ms: Option<u16>,
}

/// 8Ah Power Condition: byte offsets from the start of the page.
pub(crate) mod power_condition_field {
    use crate::wire::Bits;
    pub(crate) const STANDBY_Y: Bits = Bits::flag(4, 1);
    pub(crate) const STANDBY_Z: Bits = Bits::flag(4, 0);
    pub(crate) const IDLE_C: Bits = Bits::flag(5, 2);
    pub(crate) const IDLE_B: Bits = Bits::flag(5, 1);
    pub(crate) const IDLE_A: Bits = Bits::flag(5, 0);
    /// The six recovery times, 2 bytes each, in this order.
    pub(crate) const STOPPED_RECOVERY: usize = 6;
    pub(crate) const STANDBY_Z_RECOVERY: usize = 8;
    pub(crate) const STANDBY_Y_RECOVERY: usize = 10;
    pub(crate) const IDLE_A_RECOVERY: usize = 12;
    pub(crate) const IDLE_B_RECOVERY: usize = 14;
    pub(crate) const IDLE_C_RECOVERY: usize = 16;
}

impl PowerConditionVpd {
    /// Decodes 8Ah Power Condition.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &[u8]) -> Result<Self, DecodeError> {
        use power_condition_field as f;
        let b = page(buf, VpdPage::POWER_CONDITION)?;
        Ok(PowerConditionVpd {
            standby_y: f::STANDBY_Y.is_set(b),
            standby_z: f::STANDBY_Z.is_set(b),
            idle_c: f::IDLE_C.is_set(b),
            idle_b: f::IDLE_B.is_set(b),
            idle_a: f::IDLE_A.is_set(b),
            stopped_recovery_ms: be16_at(b, f::STOPPED_RECOVERY),
            standby_z_recovery_ms: be16_at(b, f::STANDBY_Z_RECOVERY),
            standby_y_recovery_ms: be16_at(b, f::STANDBY_Y_RECOVERY),
            idle_a_recovery_ms: be16_at(b, f::IDLE_A_RECOVERY),
            idle_b_recovery_ms: be16_at(b, f::IDLE_B_RECOVERY),
            idle_c_recovery_ms: be16_at(b, f::IDLE_C_RECOVERY),
        })
    }
}

/// One 8Fh third-party copy descriptor: its type and body.
///
/// ```
/// use scsi_cdb::data::vpd::ThirdPartyCopy;
///
/// // 8Fh: one Supported Commands descriptor (type 0001h) of 4 body bytes.
/// let page = [0x00, 0x8F, 0x00, 0x08, 0x00, 0x01, 0x00, 0x04, 0x03, 0x83, 0x01, 0x00];
/// let d = ThirdPartyCopy::parse(&page)?.descriptors().next().expect("one descriptor");
/// assert_eq!((d.descriptor_type, d.type_name()), (0x0001, "Supported Commands"));
/// assert_eq!(d.body, &[0x03, 0x83, 0x01, 0x00][..]);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
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

/// 8Fh Third-party Copy.
///
/// ```
/// use scsi_cdb::data::vpd::ThirdPartyCopy;
///
/// // 8Fh: one Supported Commands descriptor (type 0001h) of 4 body bytes.
/// let page = [0x00, 0x8F, 0x00, 0x08, 0x00, 0x01, 0x00, 0x04, 0x03, 0x83, 0x01, 0x00];
/// let d = ThirdPartyCopy::parse(&page)?.descriptors().next().expect("one descriptor");
/// assert_eq!((d.descriptor_type, d.type_name()), (0x0001, "Supported Commands"));
/// assert_eq!(d.body, &[0x03, 0x83, 0x01, 0x00][..]);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThirdPartyCopy<'a> {
    view: VpdPageView<'a>,
}

impl<'a> ThirdPartyCopy<'a> {
    /// Views page 8Fh.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &'a [u8]) -> Result<Self, DecodeError> {
        Ok(Self { view: VpdPageView::parse_page(buf, VpdPage::THIRD_PARTY_COPY)? })
    }

    /// The generic view: declared and available length.
    #[must_use]
    pub const fn view(&self) -> VpdPageView<'a> {
        self.view
    }

    /// The third-party copy descriptors within the declared length; one that runs past the end
    /// stops the walk.
    pub fn descriptors(&self) -> impl Iterator<Item = ThirdPartyCopyDescriptor<'a>> + use<'a> {
        walk_tpc(self.view.payload())
    }
}

fn walk_tpc(list: &[u8]) -> impl Iterator<Item = ThirdPartyCopyDescriptor<'_>> + '_ {
    let mut rest = list;
    core::iter::from_fn(move || {
        let descriptor_type = be16_at(rest, 0)?;
        let len = usize::from(be16_at(rest, 2)?);
        let (d, r) = rest.split_at_checked(4 + len)?;
        rest = r;
        Some(ThirdPartyCopyDescriptor { descriptor_type, body: d.get(4..).unwrap_or_default() })
    })
}

/// B3h Referrals (SBC-5).
///
/// ```
/// use scsi_cdb::data::vpd::Referrals;
///
/// // B3h: user data segments of 2048 blocks, multiplier 4 (bytes 8-11 and 12-15).
/// let mut page = [0u8; 16];
/// (page[1], page[3]) = (0xB3, 0x0C);
/// page[8..12].copy_from_slice(&2048u32.to_be_bytes());
/// page[12..16].copy_from_slice(&4u32.to_be_bytes());
/// let r = Referrals::parse(&page)?;
/// assert_eq!((r.user_data_segment_size, r.user_data_segment_multiplier), (Some(2048), Some(4)));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Referrals {
    /// USER DATA SEGMENT SIZE (blocks).
    pub user_data_segment_size: Option<u32>,
    /// USER DATA SEGMENT MULTIPLIER.
    pub user_data_segment_multiplier: Option<u32>,
}

/// B3h Referrals: byte offsets from the start of the page.
pub(crate) mod referrals_field {
    /// USER DATA SEGMENT SIZE (4 bytes).
    pub(crate) const SEGMENT_SIZE: usize = 8;
    /// USER DATA SEGMENT MULTIPLIER (4 bytes).
    pub(crate) const SEGMENT_MULTIPLIER: usize = 12;
}

impl Referrals {
    /// Decodes B3h Referrals.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &[u8]) -> Result<Self, DecodeError> {
        let b = page(buf, VpdPage::REFERRALS)?;
        Ok(Referrals {
            user_data_segment_size: be32_at(b, referrals_field::SEGMENT_SIZE),
            user_data_segment_multiplier: be32_at(b, referrals_field::SEGMENT_MULTIPLIER),
        })
    }
}
/// B5h Block Device Characteristics Extension: byte offsets from the start of the page.
pub(crate) mod characteristics_ext_field {
    pub(crate) const UTILIZATION_TYPE: usize = 5;
    pub(crate) const UTILIZATION_UNITS: usize = 6;
    pub(crate) const UTILIZATION_INTERVAL: usize = 7;
    /// UTILIZATION B (4 bytes).
    pub(crate) const UTILIZATION_B: usize = 8;
    /// UTILIZATION A (4 bytes).
    pub(crate) const UTILIZATION_A: usize = 12;
}

/// B5h Block Device Characteristics Extension (SBC-5): designed utilization.
///
/// ```
/// use scsi_cdb::data::vpd::BlockDeviceCharacteristicsExt;
///
/// // B5h: utilization type, units and interval codes (bytes 5-7), then B and A.
/// let mut page = [0u8; 16];
/// (page[1], page[3], page[5], page[6], page[7]) = (0xB5, 0x0C, 0x01, 0x02, 0x0A);
/// page[8..12].copy_from_slice(&500u32.to_be_bytes());
/// page[12..16].copy_from_slice(&7u32.to_be_bytes());
/// let c = BlockDeviceCharacteristicsExt::parse(&page)?;
/// assert_eq!((c.utilization_type, c.utilization_units), (Some(1), Some(2)));
/// assert_eq!(c.utilization_interval, Some(0x0A));
/// assert_eq!((c.utilization_b, c.utilization_a), (Some(500), Some(7)));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

impl BlockDeviceCharacteristicsExt {
    /// What UTILIZATION A and B count: `None` when the field is absent.
    #[must_use]
    pub const fn utilization_type_name(&self) -> Option<&'static str> {
        match self.utilization_type {
            None => None,
            Some(1) => Some("combined writes and reads (A), B unused"),
            Some(2) => Some("writes only (A), B unused"),
            Some(3) => Some("separate writes (A) and reads (B)"),
            Some(_) => Some("reserved"),
        }
    }

    /// The unit of UTILIZATION A and B: `None` when the field is absent.
    #[must_use]
    pub const fn utilization_units_name(&self) -> Option<&'static str> {
        match self.utilization_units {
            None => None,
            Some(2) => Some("megabytes"),
            Some(3) => Some("gigabytes"),
            Some(4) => Some("terabytes"),
            Some(5) => Some("petabytes"),
            Some(6) => Some("exabytes"),
            Some(_) => Some("reserved"),
        }
    }

    /// The period UTILIZATION A and B are given for: `None` when the field is absent.
    #[must_use]
    pub const fn utilization_interval_name(&self) -> Option<&'static str> {
        match self.utilization_interval {
            None => None,
            Some(0x0A) => Some("per day"),
            Some(0x0E) => Some("per year"),
            Some(_) => Some("reserved"),
        }
    }
}

impl BlockDeviceCharacteristicsExt {
    /// Decodes B5h Block Device Characteristics Extension.
    ///
    /// B5h is this page only on block devices: a sequential-access device answers the Logical
    /// Block Protection page (SSC) under the same code, so check [`VpdPageView::device_type`]
    /// first when the device type is not known.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &[u8]) -> Result<Self, DecodeError> {
        use characteristics_ext_field as f;
        let b = page(buf, VpdPage::BLOCK_DEVICE_CHARACTERISTICS_EXT)?;
        Ok(BlockDeviceCharacteristicsExt {
            utilization_type: u8_at(b, f::UTILIZATION_TYPE),
            utilization_units: u8_at(b, f::UTILIZATION_UNITS),
            utilization_interval: u8_at(b, f::UTILIZATION_INTERVAL),
            utilization_b: be32_at(b, f::UTILIZATION_B),
            utilization_a: be32_at(b, f::UTILIZATION_A),
        })
    }
}

/// B6h Zoned Block Device Characteristics: byte offsets from the start of the page.
pub(crate) mod zoned_field {
    use crate::wire::Bits;
    pub(crate) const EXTENSION: Bits = Bits::new(4, 4, 4);
    pub(crate) const AAORB: Bits = Bits::flag(4, 1);
    pub(crate) const URSWRZ: Bits = Bits::flag(4, 0);
    /// The three zone counts, 4 bytes each.
    pub(crate) const OPTIMAL_OPEN_SWP: usize = 8;
    pub(crate) const OPTIMAL_NON_SEQ_SWP: usize = 12;
    pub(crate) const MAX_OPEN_SWR: usize = 16;
    pub(crate) const ZONE_ALIGNMENT_METHOD: Bits = Bits::new(23, 0, 4);
    /// ZONE STARTING LBA GRANULARITY (8 bytes).
    pub(crate) const ZONE_STARTING_LBA_GRANULARITY: usize = 24;
}

/// B6h Zoned Block Device Characteristics (ZBC-2).
///
/// ```
/// use scsi_cdb::data::vpd::ZonedBlockDeviceCharacteristics;
///
/// // B6h of a host-managed disk: URSWRZ set, at most 128 open sequential write required zones.
/// let mut page = [0u8; 64];
/// (page[1], page[3], page[4]) = (0xB6, 0x3C, 0x01);
/// page[16..20].copy_from_slice(&128u32.to_be_bytes());
/// let z = ZonedBlockDeviceCharacteristics::parse(&page)?;
/// assert_eq!((z.urswrz, z.max_open_swr_zones), (Some(true), Some(128)));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

impl ZonedBlockDeviceCharacteristics {
    /// The ZONED BLOCK DEVICE EXTENSION's meaning: `None` when the field is absent.
    #[must_use]
    pub const fn extension_name(&self) -> Option<&'static str> {
        match self.extension {
            None => None,
            Some(0) => Some("not reported"),
            Some(1) => Some("host aware (obsolete)"),
            Some(2) => Some("domains and realms"),
            Some(_) => Some("reserved"),
        }
    }

    /// How zone starting LBAs are aligned: `None` when the field is absent.
    #[must_use]
    pub const fn zone_alignment_method_name(&self) -> Option<&'static str> {
        match self.zone_alignment_method {
            None => None,
            Some(0) => Some("not reported"),
            Some(1) => Some("constant zone lengths"),
            Some(8) => Some("zone starting LBAs may vary (see REPORT ZONES)"),
            Some(_) => Some("reserved"),
        }
    }
}

impl ZonedBlockDeviceCharacteristics {
    /// Decodes B6h Zoned Block Device Characteristics.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &[u8]) -> Result<Self, DecodeError> {
        use zoned_field as f;
        let b = page(buf, VpdPage::ZONED_BLOCK_DEVICE_CHARACTERISTICS)?;
        Ok(ZonedBlockDeviceCharacteristics {
            extension: f::EXTENSION.get(b),
            aaorb: f::AAORB.is_set(b),
            urswrz: f::URSWRZ.is_set(b),
            optimal_open_swp_zones: be32_at(b, f::OPTIMAL_OPEN_SWP),
            optimal_non_seq_swp_zones: be32_at(b, f::OPTIMAL_NON_SEQ_SWP),
            max_open_swr_zones: be32_at(b, f::MAX_OPEN_SWR),
            zone_alignment_method: f::ZONE_ALIGNMENT_METHOD.get(b),
            zone_starting_lba_granularity: be64_at(b, f::ZONE_STARTING_LBA_GRANULARITY),
        })
    }
}

/// B7h Block Limits Extension: byte offsets from the start of the page.
pub(crate) mod limits_ext_field {
    use crate::wire::Bits;
    pub(crate) const RSCS: Bits = Bits::flag(5, 0);
    /// MAXIMUM NUMBER OF STREAMS (2 bytes).
    pub(crate) const MAX_STREAMS: usize = 6;
    /// OPTIMAL STREAM WRITE SIZE (2 bytes).
    pub(crate) const OPTIMAL_STREAM_WRITE_SIZE: usize = 8;
    /// STREAM GRANULARITY SIZE (4 bytes).
    pub(crate) const STREAM_GRANULARITY_SIZE: usize = 10;
    /// MAXIMUM SCATTERED LBA RANGE TRANSFER LENGTH (4 bytes).
    pub(crate) const MAX_SCATTERED_LBA_RANGE_TRANSFER: usize = 16;
    /// MAXIMUM SCATTERED LBA RANGE DESCRIPTOR COUNT (2 bytes).
    pub(crate) const MAX_SCATTERED_LBA_RANGE_DESCRIPTORS: usize = 22;
    /// MAXIMUM SCATTERED TRANSFER LENGTH (4 bytes).
    pub(crate) const MAX_SCATTERED_TRANSFER: usize = 24;
}

/// B7h Block Limits Extension (SBC-5).
///
/// ```
/// use scsi_cdb::data::vpd::BlockLimitsExtension;
///
/// // B7h: RSCS set (byte 5 bit 0), 16 streams (bytes 6-7).
/// let mut page = [0u8; 64];
/// (page[1], page[3], page[5], page[7]) = (0xB7, 0x3C, 0x01, 16);
/// let b = BlockLimitsExtension::parse(&page)?;
/// assert_eq!((b.rscs, b.max_streams), (Some(true), Some(16)));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BlockLimitsExtension {
    /// RSCS: reduced stream control supported.
    pub rscs: Option<bool>,
    /// MAXIMUM NUMBER OF STREAMS (0: streams not supported).
    #[cfg_attr(feature = "serde", serde(rename = "maximum_number_of_streams"))]
    pub max_streams: Option<u16>,
    /// OPTIMAL STREAM WRITE SIZE (blocks).
    pub optimal_stream_write_size: Option<u16>,
    /// STREAM GRANULARITY SIZE (in optimal stream write sizes).
    pub stream_granularity_size: Option<u32>,
    /// MAXIMUM SCATTERED LBA RANGE TRANSFER LENGTH (blocks; 0: no limit reported).
    #[cfg_attr(feature = "serde", serde(rename = "maximum_scattered_lba_range_transfer_length"))]
    pub max_scattered_lba_range_transfer: Option<u32>,
    /// MAXIMUM SCATTERED LBA RANGE DESCRIPTOR COUNT.
    #[cfg_attr(feature = "serde", serde(rename = "maximum_scattered_lba_range_descriptor_count"))]
    pub max_scattered_lba_range_descriptors: Option<u16>,
    /// MAXIMUM SCATTERED TRANSFER LENGTH (blocks).
    #[cfg_attr(feature = "serde", serde(rename = "maximum_scattered_transfer_length"))]
    pub max_scattered_transfer: Option<u32>,
}

impl BlockLimitsExtension {
    /// Decodes B7h Block Limits Extension.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &[u8]) -> Result<Self, DecodeError> {
        use limits_ext_field as f;
        let b = page(buf, VpdPage::BLOCK_LIMITS_EXTENSION)?;
        Ok(BlockLimitsExtension {
            rscs: f::RSCS.is_set(b),
            max_streams: be16_at(b, f::MAX_STREAMS),
            optimal_stream_write_size: be16_at(b, f::OPTIMAL_STREAM_WRITE_SIZE),
            stream_granularity_size: be32_at(b, f::STREAM_GRANULARITY_SIZE),
            max_scattered_lba_range_transfer: be32_at(b, f::MAX_SCATTERED_LBA_RANGE_TRANSFER),
            max_scattered_lba_range_descriptors: be16_at(b, f::MAX_SCATTERED_LBA_RANGE_DESCRIPTORS),
            max_scattered_transfer: be32_at(b, f::MAX_SCATTERED_TRANSFER),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;
    use std::vec;
    use std::vec::Vec;

    /// A page with the given code whose PAGE LENGTH covers `payload`.
    fn page_of(code: u8, payload: &[u8]) -> Vec<u8> {
        let len = u16::try_from(payload.len()).unwrap();
        let mut p = vec![0x00, code];
        p.extend_from_slice(&len.to_be_bytes());
        p.extend_from_slice(payload);
        p
    }

    /// Fields present in a decoded struct of `Option`s (counted from its `Debug` text).
    fn present<T: core::fmt::Debug>(v: &T) -> usize {
        format!("{v:?}").matches("Some(").count()
    }

    /// Every prefix of `page`: below the 4-byte header an error, from there on a score (the
    /// fields or items `decode` finds) that never drops as the prefix grows and reaches `full`
    /// on the whole page.
    fn truncation_loop(page: &[u8], decode: impl Fn(&[u8]) -> Result<usize, DecodeError>, full: usize) {
        let mut last = 0;
        for n in 0..=page.len() {
            match decode(&page[..n]) {
                Err(e) => {
                    assert!(n < 4, "prefix {n} of page {:02X}h: {e:?}", page[1]);
                    assert_eq!(e, DecodeError::truncated(4, n));
                }
                Ok(s) => {
                    assert!(n >= 4);
                    assert!(s >= last, "prefix {n} of page {:02X}h: {s} < {last}", page[1]);
                    last = s;
                }
            }
        }
        assert_eq!(last, full, "page {:02X}h", page[1]);
        // Another page code is refused, not misread.
        let mut other = page.to_vec();
        other[1] ^= 0x40;
        assert!(matches!(decode(&other), Err(DecodeError::WrongPage { .. })));
    }

    /// A decoder of a struct of `Option`s, scored by its fields present.
    fn fields<T: core::fmt::Debug>(
        f: impl Fn(&[u8]) -> Result<T, DecodeError>,
    ) -> impl Fn(&[u8]) -> Result<usize, DecodeError> {
        move |b| f(b).map(|v| present(&v))
    }

    fn ext_inquiry_vector() -> Vec<u8> {
        let mut b = vec![0u8; 60];
        b[0] = 0b1010_1010; // ACTIVATE MICROCODE 2, SPT 5, GRD_CHK 0, APP_CHK 1, REF_CHK 0
        b[1] = 0b0010_1010; // UASK_SUP, PRIOR_SUP, ORDSUP
        b[2] = 0b0000_0101; // CRD_SUP, V_SUP
        b[3] = 0b0011_0001; // NO_PI_CHK, P_I_I_SUP, LUICLR
        b[4] = 0b0111_0010; // LU_COLL_TYPE 3, R_SUP, HSSRELEF
        b[5] = 0x06; // MULTI I_T NEXUS MICROCODE DOWNLOAD
        b[6..8].copy_from_slice(&0x0123u16.to_be_bytes());
        b[8] = 0b1011_0000; // POA_SUP, VSA_SUP, DMS_VALID
        b[9] = 0xFC; // MAXIMUM SUPPORTED SENSE DATA LENGTH
        b[10] = 0b0100_0101; // IAS, SAC, NRD0
        b[11..13].copy_from_slice(&0x0456u16.to_be_bytes());
        b[13..15].copy_from_slice(&0x0789u16.to_be_bytes());
        page_of(0x86, &b)
    }

    #[test]
    fn extended_inquiry_known_answer() {
        let p = ext_inquiry_vector();
        let e = ExtendedInquiry::parse(&p).unwrap();
        assert_eq!((e.activate_microcode, e.spt), (Some(2), Some(5)));
        assert_eq!((e.grd_chk, e.app_chk, e.ref_chk), (Some(false), Some(true), Some(false)));
        assert_eq!(
            [e.uask_sup, e.group_sup, e.prior_sup, e.headsup, e.ordsup, e.simpsup],
            [Some(true), Some(false), Some(true), Some(false), Some(true), Some(false)]
        );
        assert_eq!(
            [e.wu_sup, e.crd_sup, e.nv_sup, e.v_sup],
            [Some(false), Some(true), Some(false), Some(true)]
        );
        assert_eq!([e.no_pi_chk, e.p_i_i_sup, e.luiclr], [Some(true), Some(true), Some(true)]);
        assert_eq!(e.lu_coll_type, Some(3));
        assert_eq!(
            [e.r_sup, e.rtd_sup, e.hssrelef, e.cbcs],
            [Some(true), Some(false), Some(true), Some(false)]
        );
        assert_eq!(e.multi_it_nexus_microcode_download, Some(6));
        assert_eq!(e.extended_self_test_minutes, Some(0x0123));
        assert_eq!(
            [e.poa_sup, e.hra_sup, e.vsa_sup, e.dms_valid],
            [Some(true), Some(false), Some(true), Some(true)]
        );
        assert_eq!(e.max_sense_len, Some(0xFC));
        assert_eq!(
            (e.ibs, e.ias, e.sac, e.nrd1, e.nrd0),
            (Some(false), Some(true), Some(true), Some(false), Some(true))
        );
        assert_eq!((e.max_inquiry_change_logs, e.max_mode_page_change_logs), (Some(0x0456), Some(0x0789)));
        truncation_loop(&p, fields(ExtendedInquiry::parse), 37);
        // Only the first 8 payload bytes declared: the rest is absent although present.
        let mut short = p.clone();
        short[3] = 5;
        let s = ExtendedInquiry::parse(&short).unwrap();
        assert_eq!((s.cbcs, s.multi_it_nexus_microcode_download), (Some(false), None));
    }

    #[test]
    fn mode_page_policy_known_answer() {
        let p = page_of(
            0x87,
            &[
                0x08, 0x00, 0x81, 0x00, // Caching: MLUS, per target port
                0x1C, 0x01, 0x03, 0x00, // Informational Exceptions subpage 1: per I_T nexus
                0xFF, 0xFF, 0x00,
                0x00, // 3Fh/FFh (reserved bits of byte 0 set): every other page, shared
                0x0A, 0x00, // a partial descriptor: not returned
            ],
        );
        let v: Vec<_> = ModePagePolicies::parse(&p).map(|p| p.policies()).unwrap().collect();
        assert_eq!(
            v,
            [
                ModePagePolicy { page_code: 0x08, subpage_code: 0, mlus: true, policy: 1 },
                ModePagePolicy { page_code: 0x1C, subpage_code: 1, mlus: false, policy: 3 },
                ModePagePolicy { page_code: 0x3F, subpage_code: 0xFF, mlus: false, policy: 0 },
            ]
        );
        assert_eq!(
            v.iter().map(ModePagePolicy::policy_name).collect::<Vec<_>>(),
            ["per target port", "per I_T nexus", "shared"]
        );
        truncation_loop(&p, |b| ModePagePolicies::parse(b).map(|p| p.policies()).map(Iterator::count), 3);
    }

    fn scsi_ports_vector() -> Vec<u8> {
        let mut b = Vec::new();
        // Port 1: an 8-byte TransportID (SAS: protocol 6, reserved, 64-bit address would follow
        // in a real one; here 8 distinct bytes) and one NAA target port designator.
        b.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 8]);
        b.extend_from_slice(&[6, 0, 0, 0, 0xA1, 0xA2, 0xA3, 0xA4]);
        b.extend_from_slice(&[0, 0, 0, 12]);
        b.extend_from_slice(&[0x61, 0x93, 0, 8, 0x50, 1, 2, 3, 4, 5, 6, 7]);
        // Port 2: no TransportID, a relative target port designator and an ASCII name.
        b.extend_from_slice(&[0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 16]);
        b.extend_from_slice(&[0x61, 0x94, 0, 4, 0, 0, 0, 2]);
        b.extend_from_slice(&[0x53, 0x98, 0, 4, b'p', b'o', b'r', b't']);
        page_of(0x88, &b)
    }

    #[test]
    fn scsi_ports_known_answer() {
        let p = scsi_ports_vector();
        let ports: Vec<_> = ScsiPorts::parse(&p).map(|p| p.ports()).unwrap().collect();
        assert_eq!(ports.len(), 2);
        assert_eq!(ports[0].relative_port, 1);
        assert_eq!(ports[0].initiator_transport_id, &[6, 0, 0, 0, 0xA1, 0xA2, 0xA3, 0xA4]);
        let d: Vec<_> = ports[0].target_port_designators().collect();
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].protocol, d[0].code_set, d[0].piv, d[0].association), (6, 1, true, 1));
        assert_eq!((d[0].designator_type, d[0].naa()), (3, Some(5)));
        assert_eq!(d[0].designator, &[0x50, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(ports[1].relative_port, 2);
        assert!(ports[1].initiator_transport_id.is_empty());
        let d: Vec<_> = ports[1].target_port_designators().collect();
        assert_eq!((d[0].type_name(), d[0].port_or_group()), ("relative target port", Some(2)));
        assert_eq!((d[1].type_name(), d[1].code_set, d[1].designator), ("SCSI name string", 3, &b"port"[..]));
        // Score: ports, plus the designators of each.
        let decode = |b: &[u8]| {
            ScsiPorts::parse(b)
                .map(|p| p.ports())
                .map(|it| it.map(|p| 1 + p.target_port_designators().count()).sum())
        };
        truncation_loop(&p, decode, 5);
        // A port whose target descriptor list overruns the page stops the walk.
        let mut bad = p.clone();
        bad[4 + 19] = 200;
        assert_eq!(ScsiPorts::parse(&bad).map(|p| p.ports()).unwrap().count(), 0);
    }

    /// IDENTIFY DEVICE string bytes: each pair swapped into word order.
    fn ata_words(text: &[u8], out: &mut [u8]) {
        for (o, i) in out.chunks_exact_mut(2).zip(text.chunks_exact(2)) {
            o[0] = i[1];
            o[1] = i[0];
        }
    }

    fn ata_information_vector(sector_words: Option<u32>) -> Vec<u8> {
        let mut b = vec![0u8; 568];
        b[4..12].copy_from_slice(b"SCSICDB ");
        b[12..28].copy_from_slice(b"TEST TRANSLATOR ");
        b[28..32].copy_from_slice(b"0042");
        b[32..52].copy_from_slice(&[0x34, 0, 0x50, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
        b[52] = 0xEC;
        let id = &mut b[56..];
        ata_words(b"        SN0123456789", &mut id[20..40]);
        ata_words(b"FW1.02  ", &mut id[46..54]);
        let mut model = [b' '; 40];
        model[..14].copy_from_slice(b"SCSICDB DRIVE1");
        ata_words(&model, &mut id[54..94]);
        id[166..168].copy_from_slice(&(1u16 << 10).to_le_bytes()); // word 83: 48-bit addressing
        id[200..208].copy_from_slice(&0x0000_0001_2345_6789u64.to_le_bytes());
        if let Some(words) = sector_words {
            id[212..214].copy_from_slice(&0x5000u16.to_le_bytes()); // word 106: valid, long sectors
            id[234..238].copy_from_slice(&words.to_le_bytes()); // words 117-118
        } else {
            id[212..214].copy_from_slice(&0x4000u16.to_le_bytes()); // valid, 512-byte sectors
        }
        page_of(0x89, &b)
    }

    #[test]
    fn ata_information_known_answer() {
        let p = ata_information_vector(Some(2048));
        assert_eq!(p.len(), 572);
        let a = AtaInformation::parse(&p).unwrap();
        assert_eq!(a.sat_vendor().as_str(), Some("SCSICDB"));
        assert_eq!(a.sat_product().as_str(), Some("TEST TRANSLATOR"));
        assert_eq!(a.sat_revision().as_str(), Some("0042"));
        assert_eq!(a.device_signature().map(|s| (s[0], s[2], s[3])), Some((0x34, 0x50, 1)));
        assert_eq!(a.command_code(), Some(0xEC));
        assert_eq!(a.identify_data().len(), 512);
        assert_eq!(a.serial_number().unwrap().as_str(), Some("        SN0123456789"));
        assert_eq!(a.firmware_revision().unwrap().as_str(), Some("FW1.02"));
        assert_eq!(a.model_number().unwrap().as_str(), Some("SCSICDB DRIVE1"));
        assert_eq!(format!("{:?}", a.model_number().unwrap()), format!("{:?}", "SCSICDB DRIVE1"));
        assert_eq!(a.lba48_sectors(), Some(0x1_2345_6789));
        assert_eq!(a.logical_sector_size(), Some(4096));
        let p512 = ata_information_vector(None);
        assert_eq!(AtaInformation::parse(&p512).unwrap().logical_sector_size(), Some(512));
        // No 48-bit feature set: no 48-bit capacity.
        let mut p28 = p512.clone();
        p28[60 + 167] = 0;
        assert_eq!(AtaInformation::parse(&p28).unwrap().lba48_sectors(), None);

        let score = |a: &AtaInformation<'_>| {
            a.sat_vendor().as_bytes().len()
                + a.sat_product().as_bytes().len()
                + a.sat_revision().as_bytes().len()
                + usize::from(a.device_signature().is_some())
                + usize::from(a.command_code().is_some())
                + a.identify_data().len()
                + usize::from(a.serial_number().is_some())
                + usize::from(a.firmware_revision().is_some())
                + usize::from(a.model_number().is_some())
                + usize::from(a.lba48_sectors().is_some())
                + usize::from(a.logical_sector_size().is_some())
        };
        truncation_loop(&p, |b| AtaInformation::parse(b).map(|a| score(&a)), 7 + 15 + 4 + 1 + 1 + 512 + 5);
    }

    #[test]
    fn power_condition_known_answer() {
        let mut b = vec![0x02, 0x05];
        for t in [0x0102u16, 0x0304, 0x0506, 0x0708, 0x090A, 0x0B0C] {
            b.extend_from_slice(&t.to_be_bytes());
        }
        let p = page_of(0x8A, &b);
        let c = PowerConditionVpd::parse(&p).unwrap();
        assert_eq!(
            [c.standby_y, c.standby_z, c.idle_c, c.idle_b, c.idle_a],
            [Some(true), Some(false), Some(true), Some(false), Some(true)]
        );
        assert_eq!(
            [
                c.stopped_recovery_ms,
                c.standby_z_recovery_ms,
                c.standby_y_recovery_ms,
                c.idle_a_recovery_ms,
                c.idle_b_recovery_ms,
                c.idle_c_recovery_ms
            ],
            [Some(0x0102), Some(0x0304), Some(0x0506), Some(0x0708), Some(0x090A), Some(0x0B0C)]
        );
        truncation_loop(&p, fields(PowerConditionVpd::parse), 11);
    }

    #[test]
    fn third_party_copy_known_answer() {
        let mut b = Vec::new();
        b.extend_from_slice(&[0x00, 0x00, 0x00, 0x04, 1, 2, 3, 4]);
        b.extend_from_slice(&[0x00, 0x01, 0x00, 0x02, 0x83, 0x84]);
        b.extend_from_slice(&[0xE1, 0x23, 0x00, 0x00]);
        b.extend_from_slice(&[0x77, 0x77, 0x00, 0x01, 0xAA]);
        b.extend_from_slice(&[0xC0, 0x01, 0x00, 0x08, 0, 0]); // runs past the end: dropped
        let p = page_of(0x8F, &b);
        let d: Vec<_> = ThirdPartyCopy::parse(&p).map(|p| p.descriptors()).unwrap().collect();
        assert_eq!(
            d.iter().map(|d| (d.descriptor_type, d.type_name(), d.body)).collect::<Vec<_>>(),
            [
                (0x0000, "Block Device ROD Token Limits", &[1u8, 2, 3, 4][..]),
                (0x0001, "Supported Commands", &[0x83, 0x84][..]),
                (0xE123, "restricted", &[][..]),
                (0x7777, "reserved", &[0xAA][..]),
            ]
        );
        let names = [0x0004, 0x0008, 0x000C, 0x000D, 0x0106, 0x0108, 0x8001, 0x9101, 0xC001]
            .map(|t| ThirdPartyCopyDescriptor { descriptor_type: t, body: &[] }.type_name());
        assert!(names.iter().all(|n| *n != "reserved" && *n != "restricted"), "{names:?}");
        truncation_loop(&p, |b| ThirdPartyCopy::parse(b).map(|p| p.descriptors()).map(Iterator::count), 4);
    }

    #[test]
    fn referrals_known_answer() {
        let p = page_of(0xB3, &[0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 4]);
        let r = Referrals::parse(&p).unwrap();
        assert_eq!((r.user_data_segment_size, r.user_data_segment_multiplier), (Some(0x1000), Some(4)));
        truncation_loop(&p, fields(Referrals::parse), 2);
    }

    #[test]
    fn block_device_characteristics_ext_known_answer() {
        let p = page_of(0xB5, &[0, 2, 4, 0x0A, 0, 0, 0, 0, 0, 0, 0x01, 0x2C, 0, 0, 0, 0]);
        let x = BlockDeviceCharacteristicsExt::parse(&p).unwrap();
        assert_eq!(
            (
                x.utilization_type,
                x.utilization_units,
                x.utilization_interval,
                x.utilization_b,
                x.utilization_a
            ),
            (Some(2), Some(4), Some(0x0A), Some(0), Some(300))
        );
        assert_eq!(
            (x.utilization_type_name(), x.utilization_units_name(), x.utilization_interval_name()),
            (Some("writes only (A), B unused"), Some("terabytes"), Some("per day"))
        );
        truncation_loop(&p, fields(BlockDeviceCharacteristicsExt::parse), 5);
        let h = BlockDeviceCharacteristicsExt::parse(&p[..6]).unwrap();
        assert_eq!(
            (h.utilization_type_name(), h.utilization_units_name()),
            (Some("writes only (A), B unused"), None)
        );
    }

    #[test]
    fn zoned_block_device_characteristics_known_answer() {
        let mut b = vec![0u8; 60];
        b[0] = 0x23; // extension 2, AAORB, URSWRZ
        b[4..8].copy_from_slice(&0x11u32.to_be_bytes());
        b[8..12].copy_from_slice(&0x22u32.to_be_bytes());
        b[12..16].copy_from_slice(&0xFFFF_FFFFu32.to_be_bytes());
        b[19] = 0xF8; // reserved high bits set, method 8
        b[20..28].copy_from_slice(&0x0008_0000u64.to_be_bytes());
        let p = page_of(0xB6, &b);
        let z = ZonedBlockDeviceCharacteristics::parse(&p).unwrap();
        assert_eq!((z.extension, z.aaorb, z.urswrz), (Some(2), Some(true), Some(true)));
        assert_eq!(
            (z.optimal_open_swp_zones, z.optimal_non_seq_swp_zones, z.max_open_swr_zones),
            (Some(0x11), Some(0x22), Some(0xFFFF_FFFF))
        );
        assert_eq!((z.zone_alignment_method, z.zone_starting_lba_granularity), (Some(8), Some(0x8_0000)));
        assert_eq!(z.extension_name(), Some("domains and realms"));
        assert_eq!(z.zone_alignment_method_name(), Some("zone starting LBAs may vary (see REPORT ZONES)"));
        truncation_loop(&p, fields(ZonedBlockDeviceCharacteristics::parse), 8);
    }

    #[test]
    fn block_limits_extension_known_answer() {
        let mut b = vec![0u8; 60];
        b[1] = 0x01; // RSCS
        b[2..4].copy_from_slice(&0x0010u16.to_be_bytes());
        b[4..6].copy_from_slice(&0x0020u16.to_be_bytes());
        b[6..10].copy_from_slice(&0x0000_0030u32.to_be_bytes());
        b[12..16].copy_from_slice(&0x0000_4000u32.to_be_bytes());
        b[18..20].copy_from_slice(&0x0050u16.to_be_bytes());
        b[20..24].copy_from_slice(&0x0006_0000u32.to_be_bytes());
        let p = page_of(0xB7, &b);
        let l = BlockLimitsExtension::parse(&p).unwrap();
        assert_eq!(l.rscs, Some(true));
        assert_eq!(
            (l.max_streams, l.optimal_stream_write_size, l.stream_granularity_size),
            (Some(0x10), Some(0x20), Some(0x30))
        );
        assert_eq!(
            (
                l.max_scattered_lba_range_transfer,
                l.max_scattered_lba_range_descriptors,
                l.max_scattered_transfer
            ),
            (Some(0x4000), Some(0x50), Some(0x6_0000))
        );
        truncation_loop(&p, fields(BlockLimitsExtension::parse), 7);
        // An SBC-4 page (PAGE LENGTH 0Ch) has no scattered-write fields.
        let mut sbc4 = p[..16].to_vec();
        sbc4[3] = 0x0C;
        let o = BlockLimitsExtension::parse(&sbc4).unwrap();
        assert_eq!((o.stream_granularity_size, o.max_scattered_lba_range_transfer), (Some(0x30), None));
    }
}
