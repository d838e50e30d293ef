//! Vital product data pages (SPC-6 §7.7, SBC-5 §6.6, SAT-5, ZBC-2): a generic view for any
//! page and typed views for 00h, 80h, 83h, 86h, 87h, 88h, 89h, 8Ah, 8Fh, B0h, B1h, B2h, B3h,
//! B5h, B6h and B7h.

pub use super::vpd_pages::*;

use crate::data::AsciiField;
use crate::wire::{be16_at, be32_at, be64_at, clamped, u8_at};
use crate::{DecodeError, PeripheralDeviceType, VpdPage};

/// Any VPD page: the 4-byte header (2-byte PAGE LENGTH for every page SPC-4 and later define)
/// and the payload, cut at the declared length and at the buffer.
///
/// ```
/// use scsi_cdb::data::VpdPageView;
/// let p = VpdPageView::parse(&[0x00, 0x80, 0x00, 0x04, b'S', b'N', b'1', b'2'])?;
/// assert_eq!(p.page_code().0, 0x80);
/// assert_eq!(p.payload(), b"SN12");
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VpdPageView<'a> {
    buf: &'a [u8],
}

impl<'a> VpdPageView<'a> {
    /// Views `buf` as a VPD page; needs the 4-byte header.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] below 4 bytes.
    pub fn parse(buf: &'a [u8]) -> Result<Self, DecodeError> {
        if buf.len() < 4 {
            return Err(DecodeError::truncated(4, buf.len()));
        }
        Ok(Self { buf })
    }

    /// Views `buf` as the given page.
    ///
    /// # Errors
    /// As [`VpdPageView::parse`], and [`DecodeError::WrongPage`].
    pub fn parse_page(buf: &'a [u8], page: VpdPage) -> Result<Self, DecodeError> {
        let v = Self::parse(buf)?;
        if v.page_code() != page {
            return Err(DecodeError::WrongPage { expected: page.0, found: v.page_code().0 });
        }
        Ok(v)
    }

    /// PERIPHERAL QUALIFIER and DEVICE TYPE.
    #[must_use]
    pub fn device_type(&self) -> PeripheralDeviceType {
        PeripheralDeviceType(u8_at(self.buf, 0).unwrap_or(0) & 0x1F)
    }

    /// PAGE CODE.
    #[must_use]
    pub fn page_code(&self) -> VpdPage {
        VpdPage(u8_at(self.buf, 1).unwrap_or(0))
    }

    /// PAGE LENGTH as declared.
    #[must_use]
    pub fn declared_len(&self) -> usize {
        usize::from(be16_at(self.buf, 2).unwrap_or(0))
    }

    /// Payload bytes present.
    #[must_use]
    pub fn available_len(&self) -> usize {
        self.payload().len()
    }

    /// True when the buffer ends before the declared length.
    #[must_use]
    pub fn is_truncated(&self) -> bool {
        self.buf.len() < 4 + self.declared_len()
    }

    /// The page's payload (after byte 3), cut at the declared length.
    #[must_use]
    pub fn payload(&self) -> &'a [u8] {
        clamped(self.buf, 4, self.declared_len())
    }
}

/// The bytes of page `code` in `buf`, header included, cut at the declared length.
pub(super) fn page(buf: &[u8], code: VpdPage) -> Result<&[u8], DecodeError> {
    let v = VpdPageView::parse_page(buf, code)?;
    Ok(buf.get(..4 + v.declared_len()).unwrap_or(buf))
}

/// 00h Supported VPD Pages: the page codes.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn supported_pages(buf: &[u8]) -> Result<impl Iterator<Item = VpdPage> + '_, DecodeError> {
    let v = VpdPageView::parse_page(buf, VpdPage::SUPPORTED_PAGES)?;
    Ok(v.payload().iter().map(|p| VpdPage(*p)))
}

/// 80h Unit Serial Number.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn unit_serial_number(buf: &[u8]) -> Result<AsciiField<'_>, DecodeError> {
    let v = VpdPageView::parse_page(buf, VpdPage::UNIT_SERIAL_NUMBER)?;
    // Leading spaces are also padding in practice.
    let p = v.payload();
    let start = p.iter().position(|b| *b != b' ').unwrap_or(p.len());
    Ok(AsciiField::new(p.get(start..).unwrap_or_default()))
}

/// One designation descriptor of page 83h (SPC-6 §7.7.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Designator<'a> {
    /// PROTOCOL IDENTIFIER (valid when PIV is set).
    pub protocol: u8,
    /// CODE SET: 1 binary, 2 ASCII, 3 UTF-8.
    pub code_set: u8,
    /// PIV.
    pub piv: bool,
    /// ASSOCIATION: 0 logical unit, 1 target port, 2 target device.
    pub association: u8,
    /// DESIGNATOR TYPE.
    pub designator_type: u8,
    /// The DESIGNATOR bytes.
    pub designator: &'a [u8],
}

impl Designator<'_> {
    /// The SPC name of the designator type.
    #[must_use]
    pub const fn type_name(&self) -> &'static str {
        match self.designator_type {
            0x0 => "vendor specific",
            0x1 => "T10 vendor ID",
            0x2 => "EUI-64",
            0x3 => "NAA",
            0x4 => "relative target port",
            0x5 => "target port group",
            0x6 => "logical unit group",
            0x7 => "MD5 logical unit identifier",
            0x8 => "SCSI name string",
            0x9 => "protocol specific port identifier",
            0xA => "UUID",
            _ => "reserved",
        }
    }

    /// The association's name.
    #[must_use]
    pub const fn association_name(&self) -> &'static str {
        match self.association {
            0 => "logical unit",
            1 => "target port",
            2 => "target device",
            _ => "reserved",
        }
    }

    /// The NAA field (top 4 bits) of an NAA designator: 2, 3, 5 or 6.
    #[must_use]
    pub fn naa(&self) -> Option<u8> {
        if self.designator_type == 3 { self.designator.first().map(|b| b >> 4) } else { None }
    }

    /// A relative target port or target port group / logical unit group number.
    #[must_use]
    pub fn port_or_group(&self) -> Option<u16> {
        matches!(self.designator_type, 4..=6).then(|| be16_at(self.designator, 2)).flatten()
    }
}

/// 83h Device Identification: the designation descriptors. An entry that runs past the end
/// stops the walk.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn designators(buf: &[u8]) -> Result<impl Iterator<Item = Designator<'_>>, DecodeError> {
    let v = VpdPageView::parse_page(buf, VpdPage::DEVICE_IDENTIFICATION)?;
    Ok(walk_designators(v.payload()))
}

/// Walks a list of designation descriptors (page 83h, and the target port descriptors of page
/// 88h); an entry that runs past the end stops the walk.
pub(crate) fn walk_designators(list: &[u8]) -> impl Iterator<Item = Designator<'_>> {
    let mut rest = list;
    core::iter::from_fn(move || {
        let len = usize::from(*rest.get(3)?);
        let (d, r) = rest.split_at_checked(4 + len)?;
        rest = r;
        let (b0, b1) = (u8_at(d, 0)?, u8_at(d, 1)?);
        Some(Designator {
            protocol: b0 >> 4,
            code_set: b0 & 0x0F,
            piv: b1 & 0x80 != 0,
            association: (b1 >> 4) & 3,
            designator_type: b1 & 0x0F,
            designator: d.get(4..).unwrap_or_default(),
        })
    })
}

/// B0h Block Limits (SBC-5 §6.6.4): the fields hosts use to size and align I/O.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BlockLimits {
    /// MAXIMUM COMPARE AND WRITE LENGTH (blocks).
    pub max_compare_and_write: Option<u8>,
    /// OPTIMAL TRANSFER LENGTH GRANULARITY (blocks).
    pub optimal_granularity: Option<u16>,
    /// MAXIMUM TRANSFER LENGTH (blocks; 0 = no limit reported).
    pub max_transfer: Option<u32>,
    /// OPTIMAL TRANSFER LENGTH (blocks).
    pub optimal_transfer: Option<u32>,
    /// MAXIMUM PREFETCH LENGTH.
    pub max_prefetch: Option<u32>,
    /// MAXIMUM UNMAP LBA COUNT (FFFF_FFFFh = unlimited).
    pub max_unmap_lba_count: Option<u32>,
    /// MAXIMUM UNMAP BLOCK DESCRIPTOR COUNT.
    pub max_unmap_descriptors: Option<u32>,
    /// OPTIMAL UNMAP GRANULARITY.
    pub optimal_unmap_granularity: Option<u32>,
    /// UNMAP GRANULARITY ALIGNMENT, when UGAVALID.
    pub unmap_alignment: Option<u32>,
    /// MAXIMUM WRITE SAME LENGTH.
    pub max_write_same: Option<u64>,
    /// MAXIMUM ATOMIC TRANSFER LENGTH.
    pub max_atomic_transfer: Option<u32>,
}

/// Decodes B0h Block Limits; fields past the end are `None`.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn block_limits(buf: &[u8]) -> Result<BlockLimits, DecodeError> {
    let b = page(buf, VpdPage::BLOCK_LIMITS)?;
    Ok(BlockLimits {
        max_compare_and_write: u8_at(b, 5),
        optimal_granularity: be16_at(b, 6),
        max_transfer: be32_at(b, 8),
        optimal_transfer: be32_at(b, 12),
        max_prefetch: be32_at(b, 16),
        max_unmap_lba_count: be32_at(b, 20),
        max_unmap_descriptors: be32_at(b, 24),
        optimal_unmap_granularity: be32_at(b, 28),
        unmap_alignment: be32_at(b, 32).filter(|v| v & 0x8000_0000 != 0).map(|v| v & 0x7FFF_FFFF),
        max_write_same: be64_at(b, 36),
        max_atomic_transfer: be32_at(b, 44),
    })
}

/// B1h Block Device Characteristics (SBC-5 §6.6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BlockDeviceCharacteristics {
    /// MEDIUM ROTATION RATE: 1 = non-rotating (SSD), else rpm (0 = not reported).
    pub rotation_rate: Option<u16>,
    /// NOMINAL FORM FACTOR: 1 5.25", 2 3.5", 3 2.5", 4 1.8", 5 below 1.8".
    pub form_factor: Option<u8>,
    /// ZONED: 0 not reported, 1 host aware, 2 device managed.
    pub zoned: Option<u8>,
}

/// Decodes B1h.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn block_device_characteristics(buf: &[u8]) -> Result<BlockDeviceCharacteristics, DecodeError> {
    VpdPageView::parse_page(buf, VpdPage::BLOCK_DEVICE_CHARACTERISTICS)?;
    Ok(BlockDeviceCharacteristics {
        rotation_rate: be16_at(buf, 4),
        form_factor: u8_at(buf, 7).map(|b| b & 0x0F),
        zoned: u8_at(buf, 8).map(|b| (b >> 4) & 3),
    })
}

/// B2h Logical Block Provisioning (SBC-5 §6.6.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LogicalBlockProvisioning {
    /// THRESHOLD EXPONENT.
    pub threshold_exponent: Option<u8>,
    /// LBPU: UNMAP supported.
    pub lbpu: bool,
    /// LBPWS: WRITE SAME(16) with UNMAP supported.
    pub lbpws: bool,
    /// LBPWS10: WRITE SAME(10) with UNMAP supported.
    pub lbpws10: bool,
    /// LBPRZ (3 bits): what unmapped blocks read back as.
    pub lbprz: u8,
    /// ANC_SUP.
    pub anc_sup: bool,
    /// DP: a provisioning group descriptor is present.
    pub dp: bool,
    /// PROVISIONING TYPE: 0 full, 1 resource, 2 thin.
    pub provisioning_type: Option<u8>,
}

/// Decodes B2h.
///
/// # Errors
/// As [`VpdPageView::parse_page`].
pub fn logical_block_provisioning(buf: &[u8]) -> Result<LogicalBlockProvisioning, DecodeError> {
    VpdPageView::parse_page(buf, VpdPage::LOGICAL_BLOCK_PROVISIONING)?;
    let b5 = u8_at(buf, 5).unwrap_or(0);
    let b6 = u8_at(buf, 6);
    Ok(LogicalBlockProvisioning {
        threshold_exponent: u8_at(buf, 4),
        lbpu: b5 & 0x80 != 0,
        lbpws: b5 & 0x40 != 0,
        lbpws10: b5 & 0x20 != 0,
        lbprz: (b5 >> 2) & 7,
        anc_sup: b5 & 0x02 != 0,
        dp: b5 & 0x01 != 0,
        provisioning_type: b6.map(|b| b & 7),
    })
}
