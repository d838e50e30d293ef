//! Byte maps: the named fields of each structure, built from the same field constants its
//! reader and writer use (so a byte map cannot drift from the decoder). `scsi-decode
//! --explain` prints them.
//!
//! ```
//! use scsi_cdb::data::layout;
//! let names: Vec<String> = layout::fields_at(layout::standard_inquiry(), 1).map(|s| s.label()).collect();
//! assert_eq!(names, ["RMB (7)", "LU_CONG (6)"]);
//! let s = layout::fields_at(layout::standard_inquiry(), 9).next().unwrap();
//! assert_eq!((s.name, s.start, s.len), ("T10 VENDOR IDENTIFICATION", 8, 8));
//! ```

use crate::VpdPage;
use crate::wire::Bits;

/// One named field: a run of whole bytes, or a bit field inside one byte.
///
/// ```
/// use scsi_cdb::data::layout;
///
/// // Standard INQUIRY byte 0: PERIPHERAL QUALIFIER is bits 7:5, DEVICE TYPE bits 4:0 (SPC-6).
/// let byte0: Vec<_> = layout::fields_at(layout::standard_inquiry(), 0).collect();
/// assert_eq!(byte0.len(), 2);
/// assert!(byte0.iter().any(|s| s.bits == Some((7, 5)) && s.name == "PERIPHERAL QUALIFIER"));
/// assert!(byte0.iter().any(|s| s.bits == Some((4, 0))));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// Bytes covered.
    pub len: usize,
    /// For a bit field: its highest and lowest bit.
    pub bits: Option<(u8, u8)>,
    /// The T10 name.
    pub name: &'static str,
}

impl Span {
    pub(crate) const fn bytes(start: usize, len: usize, name: &'static str) -> Self {
        Self { start, len, bits: None, name }
    }

    pub(crate) const fn range(r: core::ops::Range<usize>, name: &'static str) -> Self {
        Self::bytes(r.start, r.end - r.start, name)
    }

    pub(crate) const fn bits(b: Bits, name: &'static str) -> Self {
        if b.width == 8 {
            return Self::bytes(b.byte, 1, name);
        }
        Self { start: b.byte, len: 1, bits: Some((b.shift + b.width - 1, b.shift)), name }
    }

    /// True when the field covers byte `i`.
    #[must_use]
    pub const fn covers(&self, i: usize) -> bool {
        i >= self.start && i - self.start < self.len
    }

    /// The name with its bits, as the standards' tables write it: `TPGS (5:4)`, `RMB (7)`.
    #[cfg(feature = "alloc")]
    #[must_use]
    pub fn label(&self) -> alloc::string::String {
        use alloc::format;
        match self.bits {
            Some((hi, lo)) if hi == lo => format!("{} ({hi})", self.name),
            Some((hi, lo)) => format!("{} ({hi}:{lo})", self.name),
            None => self.name.into(),
        }
    }
}

/// The fields of `map` that cover byte `i`.
pub fn fields_at(map: &'static [Span], i: usize) -> impl Iterator<Item = &'static Span> {
    map.iter().filter(move |s| s.covers(i))
}

/// Standard INQUIRY data.
#[must_use]
pub fn standard_inquiry() -> &'static [Span] {
    use super::inquiry::field as f;
    const MAP: &[Span] = &[
        Span::bits(f::QUALIFIER, "PERIPHERAL QUALIFIER"),
        Span::bits(f::DEVICE_TYPE, "PERIPHERAL DEVICE TYPE"),
        Span::bits(f::RMB, "RMB"),
        Span::bits(f::LU_CONG, "LU_CONG"),
        Span::bits(f::VERSION, "VERSION"),
        Span::bits(f::NORMACA, "NORMACA"),
        Span::bits(f::HISUP, "HISUP"),
        Span::bits(f::RESPONSE_DATA_FORMAT, "RESPONSE DATA FORMAT"),
        Span::bits(f::ADDITIONAL_LENGTH, "ADDITIONAL LENGTH"),
        Span::bits(f::SCCS, "SCCS"),
        Span::bits(f::ACC, "ACC"),
        Span::bits(f::TPGS, "TPGS"),
        Span::bits(f::THIRD_PARTY_COPY, "3PC"),
        Span::bits(f::PROTECT, "PROTECT"),
        Span::bits(f::ENCSERV, "ENCSERV"),
        Span::bits(f::MULTIP, "MULTIP"),
        Span::bits(f::CMDQUE, "CMDQUE"),
        Span::bytes(f::VENDOR.start, f::VENDOR.end - f::VENDOR.start, "T10 VENDOR IDENTIFICATION"),
        Span::bytes(f::PRODUCT.start, f::PRODUCT.end - f::PRODUCT.start, "PRODUCT IDENTIFICATION"),
        Span::bytes(f::REVISION.start, f::REVISION.end - f::REVISION.start, "PRODUCT REVISION LEVEL"),
        Span::bytes(
            f::VENDOR_SPECIFIC.start,
            f::VENDOR_SPECIFIC.end - f::VENDOR_SPECIFIC.start,
            "vendor specific",
        ),
        Span::bytes(
            f::VERSION_DESCRIPTORS,
            2 * f::VERSION_DESCRIPTOR_COUNT,
            "VERSION DESCRIPTORS (8 x 2 bytes)",
        ),
    ];
    MAP
}

/// A VPD page: the header, and the fields of the fixed-layout pages (86h, 89h, 8Ah, B0h, B1h,
/// B2h, B3h, B5h, B6h, B7h); list pages (00h, 80h, 83h, 87h, 88h, 8Fh) get the header only.
#[must_use]
pub fn vpd_page(page: VpdPage) -> &'static [Span] {
    use super::vpd::field as h;
    macro_rules! with_header {
        ($($s:expr),* $(,)?) => {{
            const MAP: &[Span] = &[
                Span::bits(h::QUALIFIER, "PERIPHERAL QUALIFIER"),
                Span::bits(h::DEVICE_TYPE, "PERIPHERAL DEVICE TYPE"),
                Span::bits(h::PAGE_CODE, "PAGE CODE"),
                Span::bytes(h::PAGE_LENGTH, 2, "PAGE LENGTH"),
                $($s),*
            ];
            MAP
        }};
    }
    match page {
        VpdPage::BLOCK_LIMITS => {
            use super::vpd::block_limits_field as f;
            with_header![
                Span::bits(f::MAX_COMPARE_AND_WRITE, "MAXIMUM COMPARE AND WRITE LENGTH"),
                Span::bytes(f::OPTIMAL_GRANULARITY, 2, "OPTIMAL TRANSFER LENGTH GRANULARITY"),
                Span::bytes(f::MAX_TRANSFER, 4, "MAXIMUM TRANSFER LENGTH"),
                Span::bytes(f::OPTIMAL_TRANSFER, 4, "OPTIMAL TRANSFER LENGTH"),
                Span::bytes(f::MAX_PREFETCH, 4, "MAXIMUM PREFETCH LENGTH"),
                Span::bytes(f::MAX_UNMAP_LBA_COUNT, 4, "MAXIMUM UNMAP LBA COUNT"),
                Span::bytes(f::MAX_UNMAP_DESCRIPTORS, 4, "MAXIMUM UNMAP BLOCK DESCRIPTOR COUNT"),
                Span::bytes(f::OPTIMAL_UNMAP_GRANULARITY, 4, "OPTIMAL UNMAP GRANULARITY"),
                Span::bytes(f::UNMAP_ALIGNMENT, 4, "UGAVALID (31), UNMAP GRANULARITY ALIGNMENT"),
                Span::bytes(f::MAX_WRITE_SAME, 8, "MAXIMUM WRITE SAME LENGTH"),
                Span::bytes(f::MAX_ATOMIC_TRANSFER, 4, "MAXIMUM ATOMIC TRANSFER LENGTH"),
            ]
        }
        VpdPage::BLOCK_DEVICE_CHARACTERISTICS => {
            use super::vpd::characteristics_field as f;
            with_header![
                Span::bytes(f::ROTATION_RATE, 2, "MEDIUM ROTATION RATE"),
                Span::bits(f::FORM_FACTOR, "NOMINAL FORM FACTOR"),
                Span::bits(f::ZONED, "ZONED"),
            ]
        }
        VpdPage::LOGICAL_BLOCK_PROVISIONING => {
            use super::vpd::provisioning_field as f;
            with_header![
                Span::bits(f::THRESHOLD_EXPONENT, "THRESHOLD EXPONENT"),
                Span::bits(f::LBPU, "LBPU"),
                Span::bits(f::LBPWS, "LBPWS"),
                Span::bits(f::LBPWS10, "LBPWS10"),
                Span::bits(f::LBPRZ, "LBPRZ"),
                Span::bits(f::ANC_SUP, "ANC_SUP"),
                Span::bits(f::DP, "DP"),
                Span::bits(f::PROVISIONING_TYPE, "PROVISIONING TYPE"),
            ]
        }
        VpdPage::EXTENDED_INQUIRY => {
            use super::vpd_pages::ext_inquiry_field as f;
            with_header![
                Span::bits(f::ACTIVATE_MICROCODE, "ACTIVATE MICROCODE"),
                Span::bits(f::SPT, "SPT"),
                Span::bits(f::GRD_CHK, "GRD_CHK"),
                Span::bits(f::APP_CHK, "APP_CHK"),
                Span::bits(f::REF_CHK, "REF_CHK"),
                Span::bits(f::UASK_SUP, "UASK_SUP"),
                Span::bits(f::GROUP_SUP, "GROUP_SUP"),
                Span::bits(f::PRIOR_SUP, "PRIOR_SUP"),
                Span::bits(f::HEADSUP, "HEADSUP"),
                Span::bits(f::ORDSUP, "ORDSUP"),
                Span::bits(f::SIMPSUP, "SIMPSUP"),
                Span::bits(f::WU_SUP, "WU_SUP"),
                Span::bits(f::CRD_SUP, "CRD_SUP"),
                Span::bits(f::NV_SUP, "NV_SUP"),
                Span::bits(f::V_SUP, "V_SUP"),
                Span::bits(f::NO_PI_CHK, "NO_PI_CHK"),
                Span::bits(f::P_I_I_SUP, "P_I_I_SUP"),
                Span::bits(f::LUICLR, "LUICLR"),
                Span::bits(f::LU_COLL_TYPE, "LU_COLL_TYPE"),
                Span::bits(f::R_SUP, "R_SUP"),
                Span::bits(f::RTD_SUP, "RTD_SUP"),
                Span::bits(f::HSSRELEF, "HSSRELEF"),
                Span::bits(f::CBCS, "CBCS"),
                Span::bits(f::MULTI_IT_NEXUS_MICROCODE_DOWNLOAD, "MULTI I_T NEXUS MICROCODE DOWNLOAD"),
                Span::bytes(f::EXTENDED_SELF_TEST_MINUTES, 2, "EXTENDED SELF-TEST COMPLETION MINUTES"),
                Span::bits(f::POA_SUP, "POA_SUP"),
                Span::bits(f::HRA_SUP, "HRA_SUP"),
                Span::bits(f::VSA_SUP, "VSA_SUP"),
                Span::bits(f::DMS_VALID, "DMS_VALID"),
                Span::bits(f::MAX_SENSE_LEN, "MAXIMUM SUPPORTED SENSE DATA LENGTH"),
                Span::bits(f::IBS, "IBS"),
                Span::bits(f::IAS, "IAS"),
                Span::bits(f::SAC, "SAC"),
                Span::bits(f::NRD1, "NRD1"),
                Span::bits(f::NRD0, "NRD0"),
                Span::bytes(f::MAX_INQUIRY_CHANGE_LOGS, 2, "MAXIMUM INQUIRY CHANGE LOGS"),
                Span::bytes(f::MAX_MODE_PAGE_CHANGE_LOGS, 2, "MAXIMUM MODE PAGE CHANGE LOGS"),
            ]
        }
        VpdPage::ATA_INFORMATION => {
            use super::vpd_pages::ata_information_field as f;
            with_header![
                Span::bytes(f::SAT_VENDOR.end - 4, 4, "reserved"),
                Span::range(f::SAT_VENDOR, "SAT VENDOR IDENTIFICATION"),
                Span::range(f::SAT_PRODUCT, "SAT PRODUCT IDENTIFICATION"),
                Span::range(f::SAT_REVISION, "SAT PRODUCT REVISION LEVEL"),
                Span::range(f::DEVICE_SIGNATURE, "ATA DEVICE SIGNATURE"),
                Span::bytes(f::COMMAND_CODE, 1, "COMMAND CODE"),
                Span::bytes(f::COMMAND_CODE + 1, f::IDENTIFY.start - f::COMMAND_CODE - 1, "reserved"),
                Span::range(f::IDENTIFY, "IDENTIFY (PACKET) DEVICE DATA"),
            ]
        }
        VpdPage::POWER_CONDITION => {
            use super::vpd_pages::power_condition_field as f;
            with_header![
                Span::bits(f::STANDBY_Y, "STANDBY_Y"),
                Span::bits(f::STANDBY_Z, "STANDBY_Z"),
                Span::bits(f::IDLE_C, "IDLE_C"),
                Span::bits(f::IDLE_B, "IDLE_B"),
                Span::bits(f::IDLE_A, "IDLE_A"),
                Span::bytes(f::STOPPED_RECOVERY, 2, "STOPPED CONDITION RECOVERY TIME"),
                Span::bytes(f::STANDBY_Z_RECOVERY, 2, "STANDBY_Z CONDITION RECOVERY TIME"),
                Span::bytes(f::STANDBY_Y_RECOVERY, 2, "STANDBY_Y CONDITION RECOVERY TIME"),
                Span::bytes(f::IDLE_A_RECOVERY, 2, "IDLE_A CONDITION RECOVERY TIME"),
                Span::bytes(f::IDLE_B_RECOVERY, 2, "IDLE_B CONDITION RECOVERY TIME"),
                Span::bytes(f::IDLE_C_RECOVERY, 2, "IDLE_C CONDITION RECOVERY TIME"),
            ]
        }
        VpdPage::REFERRALS => {
            use super::vpd_pages::referrals_field as f;
            with_header![
                Span::bytes(h::HEADER_LEN, f::SEGMENT_SIZE - h::HEADER_LEN, "reserved"),
                Span::bytes(f::SEGMENT_SIZE, 4, "USER DATA SEGMENT SIZE"),
                Span::bytes(f::SEGMENT_MULTIPLIER, 4, "USER DATA SEGMENT MULTIPLIER"),
            ]
        }
        VpdPage::BLOCK_DEVICE_CHARACTERISTICS_EXT => {
            use super::vpd_pages::characteristics_ext_field as f;
            with_header![
                Span::bytes(h::HEADER_LEN, f::UTILIZATION_TYPE - h::HEADER_LEN, "reserved"),
                Span::bytes(f::UTILIZATION_TYPE, 1, "UTILIZATION TYPE"),
                Span::bytes(f::UTILIZATION_UNITS, 1, "UTILIZATION UNITS"),
                Span::bytes(f::UTILIZATION_INTERVAL, 1, "UTILIZATION INTERVAL"),
                Span::bytes(f::UTILIZATION_B, 4, "UTILIZATION B"),
                Span::bytes(f::UTILIZATION_A, 4, "UTILIZATION A"),
            ]
        }
        VpdPage::ZONED_BLOCK_DEVICE_CHARACTERISTICS => {
            use super::vpd_pages::zoned_field as f;
            with_header![
                Span::bits(f::EXTENSION, "ZONED BLOCK DEVICE EXTENSION"),
                Span::bits(f::AAORB, "AAORB"),
                Span::bits(f::URSWRZ, "URSWRZ"),
                Span::bytes(f::EXTENSION.byte + 1, f::OPTIMAL_OPEN_SWP - f::EXTENSION.byte - 1, "reserved"),
                Span::bytes(
                    f::OPTIMAL_OPEN_SWP,
                    4,
                    "OPTIMAL NUMBER OF OPEN SEQUENTIAL WRITE PREFERRED ZONES"
                ),
                Span::bytes(
                    f::OPTIMAL_NON_SEQ_SWP,
                    4,
                    "OPTIMAL NUMBER OF NON-SEQUENTIALLY WRITTEN SEQUENTIAL WRITE PREFERRED ZONES"
                ),
                Span::bytes(f::MAX_OPEN_SWR, 4, "MAXIMUM NUMBER OF OPEN SEQUENTIAL WRITE REQUIRED ZONES"),
                Span::bytes(
                    f::MAX_OPEN_SWR + 4,
                    f::ZONE_ALIGNMENT_METHOD.byte - f::MAX_OPEN_SWR - 4,
                    "reserved"
                ),
                Span::bits(f::ZONE_ALIGNMENT_METHOD, "ZONE ALIGNMENT METHOD"),
                Span::bytes(f::ZONE_STARTING_LBA_GRANULARITY, 8, "ZONE STARTING LBA GRANULARITY"),
            ]
        }
        VpdPage::BLOCK_LIMITS_EXTENSION => {
            use super::vpd_pages::limits_ext_field as f;
            with_header![
                Span::bytes(h::HEADER_LEN, f::RSCS.byte - h::HEADER_LEN, "reserved"),
                Span::bits(f::RSCS, "RSCS"),
                Span::bytes(f::MAX_STREAMS, 2, "MAXIMUM NUMBER OF STREAMS"),
                Span::bytes(f::OPTIMAL_STREAM_WRITE_SIZE, 2, "OPTIMAL STREAM WRITE SIZE"),
                Span::bytes(f::STREAM_GRANULARITY_SIZE, 4, "STREAM GRANULARITY SIZE"),
                Span::bytes(f::STREAM_GRANULARITY_SIZE + 4, 2, "reserved"),
                Span::bytes(
                    f::MAX_SCATTERED_LBA_RANGE_TRANSFER,
                    4,
                    "MAXIMUM SCATTERED LBA RANGE TRANSFER LENGTH"
                ),
                Span::bytes(f::MAX_SCATTERED_LBA_RANGE_TRANSFER + 4, 2, "reserved"),
                Span::bytes(
                    f::MAX_SCATTERED_LBA_RANGE_DESCRIPTORS,
                    2,
                    "MAXIMUM SCATTERED LBA RANGE DESCRIPTOR COUNT"
                ),
                Span::bytes(f::MAX_SCATTERED_TRANSFER, 4, "MAXIMUM SCATTERED TRANSFER LENGTH"),
            ]
        }
        _ => with_header![],
    }
}

/// A log page: the header (the parameters follow it, each with its own 4-byte header).
#[must_use]
pub fn log_page_header() -> &'static [Span] {
    use super::log::field as f;
    const MAP: &[Span] = &[
        Span::bits(f::DS, "DS"),
        Span::bits(f::SPF, "SPF"),
        Span::bits(f::PAGE_CODE, "PAGE CODE"),
        Span::bytes(f::SUBPAGE_CODE, 1, "SUBPAGE CODE"),
        Span::bytes(f::PAGE_LENGTH, 2, "PAGE LENGTH"),
    ];
    MAP
}

/// READ CAPACITY (10) data.
#[must_use]
pub fn read_capacity_10() -> &'static [Span] {
    use super::capacity::field10 as f;
    const MAP: &[Span] = &[
        Span::bytes(f::LAST_LBA, 4, "RETURNED LOGICAL BLOCK ADDRESS"),
        Span::bytes(f::BLOCK_LEN, 4, "LOGICAL BLOCK LENGTH IN BYTES"),
    ];
    MAP
}

/// READ CAPACITY (16) data.
#[must_use]
pub fn read_capacity_16() -> &'static [Span] {
    use super::capacity::field16 as f;
    const MAP: &[Span] = &[
        Span::bytes(f::LAST_LBA, 8, "RETURNED LOGICAL BLOCK ADDRESS"),
        Span::bytes(f::BLOCK_LEN, 4, "LOGICAL BLOCK LENGTH IN BYTES"),
        Span::bits(f::P_TYPE, "P_TYPE"),
        Span::bits(f::PROT_EN, "PROT_EN"),
        Span::bits(f::P_I_EXPONENT, "P_I_EXPONENT"),
        Span::bits(f::LBPPBE, "LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT"),
        Span::bits(f::LBPME, "LBPME"),
        Span::bits(f::LBPRZ, "LBPRZ"),
        Span::bytes(f::LOWEST_ALIGNED, 2, "LOWEST ALIGNED LOGICAL BLOCK ADDRESS (13:0)"),
        Span::bytes(f::MIN_LEN + 4, f::LEN - f::MIN_LEN - 4, "reserved"),
    ];
    MAP
}

/// REPORT LUNS data header.
#[must_use]
pub fn report_luns() -> &'static [Span] {
    use super::luns::field as f;
    const MAP: &[Span] = &[
        Span::bytes(f::LIST_LENGTH, 4, "LUN LIST LENGTH"),
        Span::bytes(f::LIST_LENGTH + 4, f::HEADER_LEN - 4, "reserved"),
    ];
    MAP
}

/// REPORT ZONES data: the 64-byte header.
///
/// ```
/// use scsi_cdb::data::layout;
/// let s = layout::fields_at(layout::report_zones(), 9).next().unwrap();
/// assert_eq!((s.name, s.start, s.len), ("MAXIMUM LBA", 8, 8));
/// ```
#[must_use]
pub fn report_zones() -> &'static [Span] {
    use super::zones::field as f;
    const MAP: &[Span] = &[
        Span::bytes(f::ZONE_LIST_LENGTH, 4, "ZONE LIST LENGTH"),
        Span::bits(f::SAME, "SAME"),
        Span::bytes(f::SAME.byte + 1, f::MAXIMUM_LBA - f::SAME.byte - 1, "reserved"),
        Span::bytes(f::MAXIMUM_LBA, 8, "MAXIMUM LBA"),
        Span::bytes(f::ZONE_STARTING_LBA_GRANULARITY, 8, "ZONE STARTING LBA GRANULARITY"),
        Span::bytes(
            f::ZONE_STARTING_LBA_GRANULARITY + 8,
            f::HEADER_LEN - f::ZONE_STARTING_LBA_GRANULARITY - 8,
            "reserved",
        ),
    ];
    MAP
}

/// One REPORT ZONES zone descriptor (64 bytes, numbered from its first byte; the descriptors
/// follow the header one after another).
///
/// ```
/// use scsi_cdb::data::layout;
/// let names: Vec<String> = layout::fields_at(layout::zone_descriptor(), 1).map(|s| s.label()).collect();
/// assert_eq!(names, ["ZONE CONDITION (7:4)", "NON_SEQ (1)", "RESET (0)"]);
/// ```
#[must_use]
pub fn zone_descriptor() -> &'static [Span] {
    use super::zones::field::descriptor as f;
    const MAP: &[Span] = &[
        Span::bits(f::ZONE_TYPE, "ZONE TYPE"),
        Span::bits(f::ZONE_CONDITION, "ZONE CONDITION"),
        Span::bits(f::NON_SEQ, "NON_SEQ"),
        Span::bits(f::RESET, "RESET"),
        Span::bytes(f::RESET.byte + 1, f::ZONE_LENGTH - f::RESET.byte - 1, "reserved"),
        Span::bytes(f::ZONE_LENGTH, 8, "ZONE LENGTH"),
        Span::bytes(f::ZONE_START_LBA, 8, "ZONE START LBA"),
        Span::bytes(f::WRITE_POINTER_LBA, 8, "WRITE POINTER LBA"),
        Span::bytes(f::WRITE_POINTER_LBA + 8, f::LEN - f::WRITE_POINTER_LBA - 8, "reserved"),
    ];
    MAP
}

/// The MODE SENSE (6) or (10) parameter header.
#[must_use]
pub fn mode_header(ten: bool) -> &'static [Span] {
    use super::mode::{HEADER6, HEADER10};
    const SIX: &[Span] = &[
        Span::bytes(0, HEADER6.mode_data_len_size, "MODE DATA LENGTH"),
        Span::bits(HEADER6.medium_type, "MEDIUM TYPE"),
        Span::bits(HEADER6.device_specific, "DEVICE-SPECIFIC PARAMETER (WP 7, DPOFUA 4)"),
        Span::bytes(
            HEADER6.block_descriptor_len.0,
            HEADER6.block_descriptor_len.1,
            "BLOCK DESCRIPTOR LENGTH",
        ),
    ];
    const TEN: &[Span] = &[
        Span::bytes(0, HEADER10.mode_data_len_size, "MODE DATA LENGTH"),
        Span::bits(HEADER10.medium_type, "MEDIUM TYPE"),
        Span::bits(HEADER10.device_specific, "DEVICE-SPECIFIC PARAMETER (WP 7, DPOFUA 4)"),
        Span::bits(
            match HEADER10.long_lba {
                Some(b) => b,
                None => Bits::flag(0, 0),
            },
            "LONGLBA",
        ),
        Span::bytes(
            HEADER10.block_descriptor_len.0,
            HEADER10.block_descriptor_len.1,
            "BLOCK DESCRIPTOR LENGTH",
        ),
    ];
    if ten { TEN } else { SIX }
}

/// Fixed-format sense data (bytes 0-17).
#[must_use]
pub fn sense_fixed() -> &'static [Span] {
    use crate::sense::field::{self as g, fixed as f};
    const MAP: &[Span] = &[
        Span::bits(f::VALID, "VALID"),
        Span::bits(g::RESPONSE_CODE, "RESPONSE CODE"),
        Span::bits(f::FILEMARK, "FILEMARK"),
        Span::bits(f::EOM, "EOM"),
        Span::bits(f::ILI, "ILI"),
        Span::bits(f::SDAT_OVFL, "SDAT_OVFL"),
        Span::bits(f::SENSE_KEY, "SENSE KEY"),
        Span::bytes(f::INFORMATION, 4, "INFORMATION"),
        Span::bytes(g::ADDITIONAL_LENGTH, 1, "ADDITIONAL SENSE LENGTH"),
        Span::bytes(f::COMMAND_SPECIFIC, 4, "COMMAND-SPECIFIC INFORMATION"),
        Span::bytes(f::ASC, 1, "ADDITIONAL SENSE CODE"),
        Span::bytes(f::ASCQ, 1, "ADDITIONAL SENSE CODE QUALIFIER"),
        Span::bytes(f::FRU, 1, "FIELD REPLACEABLE UNIT CODE"),
        Span::bits(Bits::flag(f::SKS, 7), "SKSV"),
        Span::bytes(f::SKS, 3, "SENSE-KEY SPECIFIC"),
    ];
    MAP
}

/// The descriptor-format sense header (bytes 0-7).
#[must_use]
pub fn sense_descriptor_header() -> &'static [Span] {
    use crate::sense::field::{self as g, descriptor as f};
    const MAP: &[Span] = &[
        Span::bits(g::RESPONSE_CODE, "RESPONSE CODE"),
        Span::bits(f::SENSE_KEY, "SENSE KEY"),
        Span::bytes(f::ASC, 1, "ADDITIONAL SENSE CODE"),
        Span::bytes(f::ASCQ, 1, "ADDITIONAL SENSE CODE QUALIFIER"),
        Span::bits(f::SDAT_OVFL, "SDAT_OVFL"),
        Span::bytes(g::ADDITIONAL_LENGTH, 1, "ADDITIONAL SENSE LENGTH"),
    ];
    MAP
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The REPORT ZONES maps name every bit of the header and of a descriptor exactly once
    /// (reserved runs included), so `--explain` has a name for each byte.
    #[test]
    fn zone_maps_cover_every_bit() {
        use crate::data::zones::field;
        // Left unnamed: the reserved bits beside SAME, ZONE TYPE and the descriptor flags.
        let header: &[(usize, u8)] = &[(field::SAME.byte, 0x0F)];
        let descriptor: &[(usize, u8)] = &[(0, 0x0F), (1, 0xF3)];
        for (map, len, unnamed) in [
            (report_zones(), field::HEADER_LEN, header),
            (zone_descriptor(), field::descriptor::LEN, descriptor),
        ] {
            let mut used = [0u8; 64];
            for s in map {
                let mask = match s.bits {
                    Some((hi, lo)) => (((1u16 << (hi - lo + 1)) - 1) as u8) << lo,
                    None => 0xFF,
                };
                for b in &mut used[s.start..s.start + s.len] {
                    assert_eq!(*b & mask, 0, "{} overlaps", s.name);
                    *b |= mask;
                }
            }
            let partly: std::vec::Vec<_> =
                used[..len].iter().enumerate().filter(|(_, b)| **b != 0xFF).map(|(i, b)| (i, *b)).collect();
            assert_eq!(partly, unnamed);
        }
    }

    /// No two fields claim the same bit, in every map.
    #[test]
    fn maps_do_not_overlap() {
        let fixed: [&[Span]; 11] = [
            standard_inquiry(),
            log_page_header(),
            read_capacity_10(),
            read_capacity_16(),
            report_luns(),
            report_zones(),
            zone_descriptor(),
            mode_header(false),
            mode_header(true),
            sense_fixed(),
            sense_descriptor_header(),
        ];
        let pages = (0..=255u8).map(|p| vpd_page(VpdPage(p)));
        for map in fixed.into_iter().chain(pages) {
            let mut used = [0u8; 1024];
            for s in map {
                #[allow(clippy::needless_range_loop)]
                for b in s.start..s.start + s.len {
                    let mask = match s.bits {
                        Some((hi, lo)) => (((1u16 << (hi - lo + 1)) - 1) as u8) << lo,
                        // A whole-byte run may carry a flag declared on its first byte (SKSV).
                        None => 0xFF,
                    };
                    if s.bits.is_none() && used[b] != 0 {
                        continue;
                    }
                    assert_eq!(used[b] & mask, 0, "{} overlaps at byte {b}", s.name);
                    used[b] |= mask;
                }
            }
        }
    }
}
