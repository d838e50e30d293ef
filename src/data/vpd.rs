//! Vital product data pages (SPC-6 §7.7, SBC-5 §6.6, SAT-5, ZBC-2): a generic view for any
//! page and typed views for 00h, 80h, 83h, 86h, 87h, 88h, 89h, 8Ah, 8Fh, B0h, B1h, B2h, B3h,
//! B5h, B6h and B7h.
//!
//! One entry shape for every page: `Xxx::parse(buf) -> Result<Xxx, DecodeError>` checks the
//! page code, cuts the page at its PAGE LENGTH, and a field the declared length (or the buffer)
//! does not cover is `None`; lists are iterators on the parsed view. The `Option` convention
//! is the same in every page: a field of the page itself is `Option` (its bytes may be past
//! PAGE LENGTH), while a list entry (a designator, a mode page policy) is yielded only whole,
//! so its fields are plain values. The target side writes the same pages through
//! [`VpdWriter`] from the same field layouts.
//!
//! ```
//! use scsi_cdb::data::vpd::{LogicalBlockProvisioning, VpdWriter};
//! use scsi_cdb::data::WriteData;
//! use scsi_cdb::PeripheralDeviceType;
//! let lbp = LogicalBlockProvisioning { lbpu: Some(true), provisioning_type: Some(2), ..Default::default() };
//! let mut out = [0u8; 64];
//! let n = VpdWriter::new(PeripheralDeviceType::DIRECT_ACCESS, lbp).write(&mut out);
//! assert_eq!(&out[..n], &[0x00, 0xB2, 0x00, 0x04, 0x00, 0x80, 0x02, 0x00]);
//! let back = LogicalBlockProvisioning::parse(&out[..n])?;
//! assert_eq!(back.lbpu, Some(true));
//! assert_eq!(back.provisioning_type, Some(2));
//! # Ok::<(), scsi_cdb::DecodeError>(())
//! ```

pub use super::vpd_pages::*;

use crate::data::{AsciiField, WriteData};
use crate::wire::{be16_at, be32_at, be64_at, clamped, put_at, zeroed_prefix};
use crate::{DecodeError, PeripheralDeviceType, VpdPage};

/// The VPD page header (SPC-6 table 499), shared by every page's reader and writer.
pub(crate) mod field {
    use crate::wire::Bits;
    /// PERIPHERAL QUALIFIER.
    pub(crate) const QUALIFIER: Bits = Bits::new(0, 5, 3);
    /// PERIPHERAL DEVICE TYPE.
    pub(crate) const DEVICE_TYPE: Bits = Bits::new(0, 0, 5);
    /// PAGE CODE.
    pub(crate) const PAGE_CODE: Bits = Bits::new(1, 0, 8);
    /// PAGE LENGTH (n - 3), two bytes.
    pub(crate) const PAGE_LENGTH: usize = 2;
    /// The header.
    pub(crate) const HEADER_LEN: usize = 4;
}

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
        if buf.len() < field::HEADER_LEN {
            return Err(DecodeError::truncated(field::HEADER_LEN, buf.len()));
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

    /// PERIPHERAL QUALIFIER.
    #[must_use]
    pub fn peripheral_qualifier(&self) -> u8 {
        field::QUALIFIER.get_or0(self.buf)
    }

    /// PERIPHERAL DEVICE TYPE.
    #[must_use]
    pub fn device_type(&self) -> PeripheralDeviceType {
        PeripheralDeviceType(field::DEVICE_TYPE.get_or0(self.buf))
    }

    /// PAGE CODE.
    #[must_use]
    pub fn page_code(&self) -> VpdPage {
        VpdPage(field::PAGE_CODE.get_or0(self.buf))
    }

    /// PAGE LENGTH as declared.
    #[must_use]
    pub fn declared_len(&self) -> usize {
        usize::from(be16_at(self.buf, field::PAGE_LENGTH).unwrap_or(0))
    }

    /// The page, header included, cut at the declared length and at the buffer: what every
    /// typed page reads its fields from (a field past the cut is `None`).
    #[must_use]
    pub fn page_bytes(&self) -> &'a [u8] {
        clamped(self.buf, 0, field::HEADER_LEN + self.declared_len())
    }

    /// Payload bytes present.
    #[must_use]
    pub fn available_len(&self) -> usize {
        self.payload().len()
    }

    /// True when the buffer ends before the declared length.
    #[must_use]
    pub fn is_truncated(&self) -> bool {
        self.buf.len() < field::HEADER_LEN + self.declared_len()
    }

    /// The page's payload (after byte 3), cut at the declared length.
    #[must_use]
    pub fn payload(&self) -> &'a [u8] {
        clamped(self.buf, field::HEADER_LEN, self.declared_len())
    }
}

/// The bytes of page `code` in `buf`, header included, cut at the declared length.
pub(super) fn page(buf: &[u8], code: VpdPage) -> Result<&[u8], DecodeError> {
    Ok(VpdPageView::parse_page(buf, code)?.page_bytes())
}

/// The payload of a VPD page as a target writes it: its page code, its length, and its fields
/// written at their page offsets. [`VpdWriter`] adds the header and the allocation-length cut.
///
/// ```
/// use scsi_cdb::data::WriteData;
/// use scsi_cdb::data::vpd::{VpdPayload, VpdWriter};
/// use scsi_cdb::{PeripheralDeviceType, VpdPage};
/// // A vendor-specific page C0h that carries a 2-byte firmware build number.
/// struct Firmware(u16);
/// impl VpdPayload for Firmware {
///     const PAGE: VpdPage = VpdPage(0xC0);
///     fn page_len(&self) -> usize { 2 }
///     fn write_fields(&self, page: &mut [u8]) {
///         page.get_mut(4..6).map(|f| f.copy_from_slice(&self.0.to_be_bytes()));
///     }
/// }
/// let mut out = [0u8; 16];
/// let n = VpdWriter::new(PeripheralDeviceType::DIRECT_ACCESS, Firmware(0x0102)).write(&mut out);
/// assert_eq!(&out[..n], &[0x00, 0xC0, 0x00, 0x02, 0x01, 0x02]);
/// ```
pub trait VpdPayload {
    /// PAGE CODE.
    const PAGE: VpdPage;

    /// PAGE LENGTH: the bytes after the 4-byte header.
    fn page_len(&self) -> usize;

    /// Writes the fields into `page` (zeroed, header included, possibly cut short: a field
    /// past its end is dropped); offsets are the page's byte numbers.
    fn write_fields(&self, page: &mut [u8]);
}

/// A VPD page as a target answers INQUIRY with EVPD set: the header (device type, page code,
/// PAGE LENGTH) and the payload, cut at the allocation length.
///
/// ```
/// use scsi_cdb::data::vpd::{SupportedPages, SupportedPagesWriter, VpdWriter};
/// use scsi_cdb::data::WriteData;
/// use scsi_cdb::{PeripheralDeviceType, VpdPage};
/// let pages = [VpdPage::SUPPORTED_PAGES, VpdPage::UNIT_SERIAL_NUMBER, VpdPage::BLOCK_LIMITS];
/// let w = VpdWriter::new(PeripheralDeviceType::DIRECT_ACCESS, SupportedPagesWriter { pages: &pages });
/// let mut out = [0u8; 32];
/// let n = w.write(&mut out);
/// assert_eq!(&out[..n], &[0x00, 0x00, 0x00, 0x03, 0x00, 0x80, 0xB0]);
/// assert!(SupportedPages::parse(&out[..n])?.pages().eq(pages));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VpdWriter<P> {
    /// PERIPHERAL QUALIFIER (3 bits).
    pub peripheral_qualifier: u8,
    /// PERIPHERAL DEVICE TYPE (5 bits).
    pub device_type: PeripheralDeviceType,
    /// The page.
    pub page: P,
}

impl<P: VpdPayload> VpdWriter<P> {
    /// The page for a connected logical unit of `device_type`.
    #[must_use]
    pub const fn new(device_type: PeripheralDeviceType, page: P) -> Self {
        Self { peripheral_qualifier: 0, device_type, page }
    }
}

impl<P: VpdPayload> WriteData for VpdWriter<P> {
    fn total_len(&self) -> usize {
        field::HEADER_LEN + self.page.page_len().min(usize::from(u16::MAX))
    }

    fn write(&self, out: &mut [u8]) -> usize {
        let out = zeroed_prefix(out, self.total_len());
        field::QUALIFIER.put(out, self.peripheral_qualifier);
        field::DEVICE_TYPE.put(out, self.device_type.0);
        field::PAGE_CODE.put(out, P::PAGE.0);
        let len = u16::try_from(self.page.page_len()).unwrap_or(u16::MAX);
        put_at(out, field::PAGE_LENGTH, &len.to_be_bytes());
        self.page.write_fields(out);
        out.len()
    }
}

/// 00h Supported VPD Pages.
///
/// ```
/// use scsi_cdb::data::vpd::SupportedPages;
/// use scsi_cdb::VpdPage;
/// let p = SupportedPages::parse(&[0x00, 0x00, 0x00, 0x02, 0x00, 0x80, 0x83])?;
/// assert!(p.pages().eq([VpdPage::SUPPORTED_PAGES, VpdPage::UNIT_SERIAL_NUMBER]));
/// assert!(p.view().is_truncated() == false);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SupportedPages<'a> {
    view: VpdPageView<'a>,
}

impl<'a> SupportedPages<'a> {
    /// Views page 00h.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &'a [u8]) -> Result<Self, DecodeError> {
        Ok(Self { view: VpdPageView::parse_page(buf, VpdPage::SUPPORTED_PAGES)? })
    }

    /// The generic view: declared and available length.
    #[must_use]
    pub const fn view(&self) -> VpdPageView<'a> {
        self.view
    }

    /// The page codes present within the declared length.
    pub fn pages(&self) -> impl Iterator<Item = VpdPage> + use<'a> {
        self.view.payload().iter().map(|p| VpdPage(*p))
    }
}

/// The 00h payload a target writes: the page codes, in ascending order as SPC requires.
///
/// ```
/// use scsi_cdb::data::WriteData;
/// use scsi_cdb::data::vpd::{SupportedPagesWriter, VpdPayload, VpdWriter};
/// use scsi_cdb::{PeripheralDeviceType, VpdPage};
/// let pages = [VpdPage::SUPPORTED_PAGES, VpdPage::UNIT_SERIAL_NUMBER, VpdPage(0x83)];
/// let w = SupportedPagesWriter { pages: &pages };
/// assert_eq!(w.page_len(), 3);
/// // ALLOCATION LENGTH 4: only the header, whose PAGE LENGTH still says 3.
/// let mut out = [0u8; 4];
/// let n = VpdWriter::new(PeripheralDeviceType::DIRECT_ACCESS, w).write(&mut out);
/// assert_eq!(&out[..n], &[0x00, 0x00, 0x00, 0x03]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SupportedPagesWriter<'a> {
    /// SUPPORTED VPD PAGE LIST.
    pub pages: &'a [VpdPage],
}

impl VpdPayload for SupportedPagesWriter<'_> {
    const PAGE: VpdPage = VpdPage::SUPPORTED_PAGES;
    fn page_len(&self) -> usize {
        self.pages.len()
    }
    fn write_fields(&self, page: &mut [u8]) {
        for (i, p) in self.pages.iter().enumerate() {
            put_at(page, field::HEADER_LEN + i, &[p.0]);
        }
    }
}

/// 80h Unit Serial Number.
///
/// ```
/// use scsi_cdb::data::vpd::UnitSerialNumber;
/// let p = UnitSerialNumber::parse(&[0x00, 0x80, 0x00, 0x06, b' ', b' ', b'S', b'N', b'1', b' '])?;
/// assert_eq!(p.serial().to_string(), "SN1");
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitSerialNumber<'a> {
    view: VpdPageView<'a>,
}

impl<'a> UnitSerialNumber<'a> {
    /// Views page 80h.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &'a [u8]) -> Result<Self, DecodeError> {
        Ok(Self { view: VpdPageView::parse_page(buf, VpdPage::UNIT_SERIAL_NUMBER)? })
    }

    /// The generic view: declared and available length.
    #[must_use]
    pub const fn view(&self) -> VpdPageView<'a> {
        self.view
    }

    /// PRODUCT SERIAL NUMBER, leading and trailing spaces trimmed (both are padding in
    /// practice).
    #[must_use]
    pub fn serial(&self) -> AsciiField<'a> {
        let p = self.view.payload();
        let start = p.iter().position(|b| *b != b' ').unwrap_or(p.len());
        AsciiField::new(p.get(start..).unwrap_or_default())
    }
}

/// The 80h payload a target writes.
///
/// ```
/// use scsi_cdb::data::WriteData;
/// use scsi_cdb::data::vpd::{UnitSerialNumber, UnitSerialNumberWriter, VpdWriter};
/// use scsi_cdb::PeripheralDeviceType;
/// let usn = UnitSerialNumberWriter { serial: b"WD-WCC4E1234567" };
/// let mut out = [0u8; 64];
/// let n = VpdWriter::new(PeripheralDeviceType::DIRECT_ACCESS, usn).write(&mut out);
/// assert_eq!(&out[..4], &[0x00, 0x80, 0x00, 15]);
/// assert_eq!(UnitSerialNumber::parse(&out[..n])?.serial().to_string(), "WD-WCC4E1234567");
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitSerialNumberWriter<'a> {
    /// PRODUCT SERIAL NUMBER (ASCII).
    pub serial: &'a [u8],
}

impl VpdPayload for UnitSerialNumberWriter<'_> {
    const PAGE: VpdPage = VpdPage::UNIT_SERIAL_NUMBER;
    fn page_len(&self) -> usize {
        self.serial.len()
    }
    fn write_fields(&self, page: &mut [u8]) {
        put_at(page, field::HEADER_LEN, self.serial);
    }
}

/// Designation descriptor layout (SPC-6 table 507).
pub(crate) mod designator_field {
    use crate::wire::Bits;
    /// PROTOCOL IDENTIFIER.
    pub(crate) const PROTOCOL: Bits = Bits::new(0, 4, 4);
    /// CODE SET.
    pub(crate) const CODE_SET: Bits = Bits::new(0, 0, 4);
    /// PIV.
    pub(crate) const PIV: Bits = Bits::flag(1, 7);
    /// ASSOCIATION.
    pub(crate) const ASSOCIATION: Bits = Bits::new(1, 4, 2);
    /// DESIGNATOR TYPE.
    pub(crate) const TYPE: Bits = Bits::new(1, 0, 4);
    /// DESIGNATOR LENGTH.
    pub(crate) const LENGTH: Bits = Bits::new(3, 0, 8);
    /// The descriptor header.
    pub(crate) const HEADER_LEN: usize = 4;
}

/// One designation descriptor of page 83h (SPC-6 §7.7.6). The same value is read from a page
/// and written into one ([`DeviceIdentificationWriter`]).
///
/// ```
/// use scsi_cdb::data::vpd::DeviceIdentification;
/// // A SAS disk: NAA 5 logical unit name, then relative target port 1 (PIV, protocol 6h SAS).
/// let p = [0x00, 0x83, 0x00, 0x14, 0x01, 0x03, 0x00, 0x08, 0x50, 0x00, 0xC5, 0x00, 0xA1, 0xB2,
///     0xC3, 0xD4, 0x61, 0x94, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01];
/// let mut ds = DeviceIdentification::parse(&p)?.designators();
/// let lu = ds.next().unwrap();
/// assert_eq!((lu.type_name(), lu.naa(), lu.association_name()), ("NAA", Some(5), "logical unit"));
/// let port = ds.next().unwrap();
/// assert_eq!((port.protocol, port.piv, port.association_name()), (6, true, "target port"));
/// assert_eq!((port.type_name(), port.port_or_group()), ("relative target port", Some(1)));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
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
    /// The DESIGNATOR bytes (at most 255 are written).
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

impl<'a> Designator<'a> {
    /// An NAA designator (binary, logical unit association) over the 8 or 16 NAA bytes.
    #[must_use]
    pub const fn naa_lu(naa: &'a [u8]) -> Self {
        Self { protocol: 0, code_set: 1, piv: false, association: 0, designator_type: 3, designator: naa }
    }

    /// The bytes the descriptor takes in a page: header and designator.
    #[must_use]
    pub fn encoded_len(&self) -> usize {
        designator_field::HEADER_LEN + self.designator.len().min(usize::from(u8::MAX))
    }

    /// Writes the descriptor at the start of `out` (cut at its end).
    fn write(&self, out: &mut [u8]) {
        use designator_field as f;
        f::PROTOCOL.put(out, self.protocol);
        f::CODE_SET.put(out, self.code_set);
        f::PIV.put_flag(out, self.piv);
        f::ASSOCIATION.put(out, self.association);
        f::TYPE.put(out, self.designator_type);
        let d = self.designator.get(..usize::from(u8::MAX)).unwrap_or(self.designator);
        f::LENGTH.put(out, u8::try_from(d.len()).unwrap_or(u8::MAX));
        put_at(out, f::HEADER_LEN, d);
    }
}

/// 83h Device Identification.
///
/// ```
/// use scsi_cdb::data::vpd::DeviceIdentification;
/// let p = [0x00, 0x83, 0x00, 0x0C, 0x01, 0x03, 0x00, 0x08, 0x60, 1, 2, 3, 4, 5, 6, 7];
/// let d = DeviceIdentification::parse(&p)?.designators().next().unwrap();
/// assert_eq!((d.type_name(), d.naa()), ("NAA", Some(6)));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeviceIdentification<'a> {
    view: VpdPageView<'a>,
}

impl<'a> DeviceIdentification<'a> {
    /// Views page 83h.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &'a [u8]) -> Result<Self, DecodeError> {
        Ok(Self { view: VpdPageView::parse_page(buf, VpdPage::DEVICE_IDENTIFICATION)? })
    }

    /// The generic view: declared and available length.
    #[must_use]
    pub const fn view(&self) -> VpdPageView<'a> {
        self.view
    }

    /// The designation descriptors within the declared length; an entry that runs past the
    /// end stops the walk.
    pub fn designators(&self) -> impl Iterator<Item = Designator<'a>> + use<'a> {
        walk_designators(self.view.payload())
    }
}

/// The 83h payload a target writes: the descriptors in order.
///
/// ```
/// use scsi_cdb::data::WriteData;
/// use scsi_cdb::data::vpd::{Designator, DeviceIdentification, DeviceIdentificationWriter};
/// use scsi_cdb::data::vpd::VpdWriter;
/// use scsi_cdb::PeripheralDeviceType;
/// // NAA 6 (IEEE Registered Extended), 16 bytes.
/// let naa = [0x60, 0x01, 0x40, 0x5A, 0xBC, 0xDE, 0xF0, 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE,
///     0xF0, 0x12];
/// let ids = [Designator::naa_lu(&naa)];
/// let w = DeviceIdentificationWriter { designators: &ids };
/// let mut out = [0u8; 64];
/// let n = VpdWriter::new(PeripheralDeviceType::DIRECT_ACCESS, w).write(&mut out);
/// assert_eq!(&out[..8], &[0x00, 0x83, 0x00, 0x14, 0x01, 0x03, 0x00, 0x10]);
/// assert!(DeviceIdentification::parse(&out[..n])?.designators().eq(ids));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeviceIdentificationWriter<'a> {
    /// The designation descriptors.
    pub designators: &'a [Designator<'a>],
}

impl VpdPayload for DeviceIdentificationWriter<'_> {
    const PAGE: VpdPage = VpdPage::DEVICE_IDENTIFICATION;
    fn page_len(&self) -> usize {
        self.designators.iter().map(Designator::encoded_len).sum()
    }
    fn write_fields(&self, page: &mut [u8]) {
        let mut at = field::HEADER_LEN;
        for d in self.designators {
            if let Some(rest) = page.get_mut(at..) {
                d.write(rest);
            }
            at += d.encoded_len();
        }
    }
}

/// Walks a list of designation descriptors (page 83h, and the target port descriptors of page
/// 88h); an entry that runs past the end stops the walk.
pub(crate) fn walk_designators(list: &[u8]) -> impl Iterator<Item = Designator<'_>> {
    use designator_field as f;
    let mut rest = list;
    core::iter::from_fn(move || {
        let len = usize::from(f::LENGTH.get(rest)?);
        let (d, r) = rest.split_at_checked(f::HEADER_LEN + len)?;
        rest = r;
        Some(Designator {
            protocol: f::PROTOCOL.get_or0(d),
            code_set: f::CODE_SET.get_or0(d),
            piv: f::PIV.is_set(d).unwrap_or(false),
            association: f::ASSOCIATION.get_or0(d),
            designator_type: f::TYPE.get_or0(d),
            designator: d.get(f::HEADER_LEN..).unwrap_or_default(),
        })
    })
}

/// B0h Block Limits layout (SBC-5 table 241), page byte numbers.
pub(crate) mod block_limits_field {
    use crate::wire::Bits;
    /// MAXIMUM COMPARE AND WRITE LENGTH.
    pub(crate) const MAX_COMPARE_AND_WRITE: Bits = Bits::new(5, 0, 8);
    /// OPTIMAL TRANSFER LENGTH GRANULARITY.
    pub(crate) const OPTIMAL_GRANULARITY: usize = 6;
    /// MAXIMUM TRANSFER LENGTH.
    pub(crate) const MAX_TRANSFER: usize = 8;
    /// OPTIMAL TRANSFER LENGTH.
    pub(crate) const OPTIMAL_TRANSFER: usize = 12;
    /// MAXIMUM PREFETCH LENGTH.
    pub(crate) const MAX_PREFETCH: usize = 16;
    /// MAXIMUM UNMAP LBA COUNT.
    pub(crate) const MAX_UNMAP_LBA_COUNT: usize = 20;
    /// MAXIMUM UNMAP BLOCK DESCRIPTOR COUNT.
    pub(crate) const MAX_UNMAP_DESCRIPTORS: usize = 24;
    /// OPTIMAL UNMAP GRANULARITY.
    pub(crate) const OPTIMAL_UNMAP_GRANULARITY: usize = 28;
    /// UGAVALID (bit 31) and UNMAP GRANULARITY ALIGNMENT.
    pub(crate) const UNMAP_ALIGNMENT: usize = 32;
    /// UGAVALID in the 32-bit field.
    pub(crate) const UGAVALID: u32 = 0x8000_0000;
    /// MAXIMUM WRITE SAME LENGTH.
    pub(crate) const MAX_WRITE_SAME: usize = 36;
    /// MAXIMUM ATOMIC TRANSFER LENGTH.
    pub(crate) const MAX_ATOMIC_TRANSFER: usize = 44;
    /// PAGE LENGTH of the SBC-3 and later page.
    pub(crate) const PAGE_LEN: usize = 0x3C;
}

/// B0h Block Limits (SBC-5 §6.6.4): the fields hosts use to size and align I/O. A field the
/// PAGE LENGTH does not cover is `None`.
///
/// ```
/// use scsi_cdb::data::vpd::{BlockLimits, VpdWriter};
/// use scsi_cdb::data::WriteData;
/// use scsi_cdb::PeripheralDeviceType;
/// let mut p = [0u8; 64];
/// p[1] = 0xB0;
/// p[3] = 0x10; // an SBC-2 era page: 16 bytes
/// p[8..12].copy_from_slice(&0x800u32.to_be_bytes());
/// let l = BlockLimits::parse(&p)?;
/// assert_eq!(l.max_transfer, Some(0x800));
/// assert_eq!(l.max_unmap_lba_count, None); // beyond PAGE LENGTH
/// // The target side.
/// let mine = BlockLimits { max_transfer: Some(0x800), ..BlockLimits::default() };
/// let n = VpdWriter::new(PeripheralDeviceType::DIRECT_ACCESS, mine).write(&mut p);
/// assert_eq!(n, 64);
/// assert_eq!(BlockLimits::parse(&p)?.max_transfer, Some(0x800));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BlockLimits {
    /// MAXIMUM COMPARE AND WRITE LENGTH (blocks).
    #[cfg_attr(feature = "serde", serde(rename = "maximum_compare_and_write_length"))]
    pub max_compare_and_write: Option<u8>,
    /// OPTIMAL TRANSFER LENGTH GRANULARITY (blocks).
    #[cfg_attr(feature = "serde", serde(rename = "optimal_transfer_length_granularity"))]
    pub optimal_granularity: Option<u16>,
    /// MAXIMUM TRANSFER LENGTH (blocks; 0 = no limit reported).
    #[cfg_attr(feature = "serde", serde(rename = "maximum_transfer_length"))]
    pub max_transfer: Option<u32>,
    /// OPTIMAL TRANSFER LENGTH (blocks).
    #[cfg_attr(feature = "serde", serde(rename = "optimal_transfer_length"))]
    pub optimal_transfer: Option<u32>,
    /// MAXIMUM PREFETCH LENGTH.
    #[cfg_attr(feature = "serde", serde(rename = "maximum_prefetch_length"))]
    pub max_prefetch: Option<u32>,
    /// MAXIMUM UNMAP LBA COUNT (FFFF_FFFFh = unlimited).
    #[cfg_attr(feature = "serde", serde(rename = "maximum_unmap_lba_count"))]
    pub max_unmap_lba_count: Option<u32>,
    /// MAXIMUM UNMAP BLOCK DESCRIPTOR COUNT.
    #[cfg_attr(feature = "serde", serde(rename = "maximum_unmap_block_descriptor_count"))]
    pub max_unmap_descriptors: Option<u32>,
    /// OPTIMAL UNMAP GRANULARITY.
    pub optimal_unmap_granularity: Option<u32>,
    /// UNMAP GRANULARITY ALIGNMENT (31 bits), when UGAVALID.
    #[cfg_attr(feature = "serde", serde(rename = "unmap_granularity_alignment"))]
    pub unmap_alignment: Option<u32>,
    /// MAXIMUM WRITE SAME LENGTH.
    #[cfg_attr(feature = "serde", serde(rename = "maximum_write_same_length"))]
    pub max_write_same: Option<u64>,
    /// MAXIMUM ATOMIC TRANSFER LENGTH.
    #[cfg_attr(feature = "serde", serde(rename = "maximum_atomic_transfer_length"))]
    pub max_atomic_transfer: Option<u32>,
}

impl BlockLimits {
    /// Decodes page B0h; fields past the declared length or the buffer are `None`.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &[u8]) -> Result<Self, DecodeError> {
        use block_limits_field as f;
        let b = page(buf, VpdPage::BLOCK_LIMITS)?;
        Ok(Self {
            max_compare_and_write: f::MAX_COMPARE_AND_WRITE.get(b),
            optimal_granularity: be16_at(b, f::OPTIMAL_GRANULARITY),
            max_transfer: be32_at(b, f::MAX_TRANSFER),
            optimal_transfer: be32_at(b, f::OPTIMAL_TRANSFER),
            max_prefetch: be32_at(b, f::MAX_PREFETCH),
            max_unmap_lba_count: be32_at(b, f::MAX_UNMAP_LBA_COUNT),
            max_unmap_descriptors: be32_at(b, f::MAX_UNMAP_DESCRIPTORS),
            optimal_unmap_granularity: be32_at(b, f::OPTIMAL_UNMAP_GRANULARITY),
            unmap_alignment: be32_at(b, f::UNMAP_ALIGNMENT)
                .filter(|v| v & f::UGAVALID != 0)
                .map(|v| v & !f::UGAVALID),
            max_write_same: be64_at(b, f::MAX_WRITE_SAME),
            max_atomic_transfer: be32_at(b, f::MAX_ATOMIC_TRANSFER),
        })
    }
}

/// The 3Ch-byte page; a `None` field is written as zero (and `unmap_alignment: None` as
/// UGAVALID clear).
impl VpdPayload for BlockLimits {
    const PAGE: VpdPage = VpdPage::BLOCK_LIMITS;
    fn page_len(&self) -> usize {
        block_limits_field::PAGE_LEN
    }
    fn write_fields(&self, page: &mut [u8]) {
        use block_limits_field as f;
        f::MAX_COMPARE_AND_WRITE.put(page, self.max_compare_and_write.unwrap_or(0));
        put_at(page, f::OPTIMAL_GRANULARITY, &self.optimal_granularity.unwrap_or(0).to_be_bytes());
        for (at, v) in [
            (f::MAX_TRANSFER, self.max_transfer),
            (f::OPTIMAL_TRANSFER, self.optimal_transfer),
            (f::MAX_PREFETCH, self.max_prefetch),
            (f::MAX_UNMAP_LBA_COUNT, self.max_unmap_lba_count),
            (f::MAX_UNMAP_DESCRIPTORS, self.max_unmap_descriptors),
            (f::OPTIMAL_UNMAP_GRANULARITY, self.optimal_unmap_granularity),
            (f::UNMAP_ALIGNMENT, self.unmap_alignment.map(|a| (a & !f::UGAVALID) | f::UGAVALID)),
            (f::MAX_ATOMIC_TRANSFER, self.max_atomic_transfer),
        ] {
            put_at(page, at, &v.unwrap_or(0).to_be_bytes());
        }
        put_at(page, f::MAX_WRITE_SAME, &self.max_write_same.unwrap_or(0).to_be_bytes());
    }
}

/// B1h Block Device Characteristics layout (SBC-5 table 236).
pub(crate) mod characteristics_field {
    use crate::wire::Bits;
    /// MEDIUM ROTATION RATE.
    pub(crate) const ROTATION_RATE: usize = 4;
    /// NOMINAL FORM FACTOR.
    pub(crate) const FORM_FACTOR: Bits = Bits::new(7, 0, 4);
    /// ZONED.
    pub(crate) const ZONED: Bits = Bits::new(8, 4, 2);
    /// PAGE LENGTH.
    pub(crate) const PAGE_LEN: usize = 0x3C;
}

/// B1h Block Device Characteristics (SBC-5 §6.6.2). A field the PAGE LENGTH does not cover is
/// `None`.
///
/// ```
/// use scsi_cdb::data::vpd::BlockDeviceCharacteristics;
/// let mut p = [0u8; 64];
/// p[1] = 0xB1;
/// p[3] = 0x3C;
/// p[5] = 1; // non-rotating
/// p[7] = 3; // 2.5"
/// let c = BlockDeviceCharacteristics::parse(&p)?;
/// assert_eq!((c.rotation_rate, c.form_factor, c.zoned), (Some(1), Some(3), Some(0)));
/// p[3] = 2; // declares only the rotation rate
/// assert_eq!(BlockDeviceCharacteristics::parse(&p)?.form_factor, None);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BlockDeviceCharacteristics {
    /// MEDIUM ROTATION RATE: 1 = non-rotating (SSD), else rpm (0 = not reported).
    #[cfg_attr(feature = "serde", serde(rename = "medium_rotation_rate"))]
    pub rotation_rate: Option<u16>,
    /// NOMINAL FORM FACTOR: 1 5.25", 2 3.5", 3 2.5", 4 1.8", 5 below 1.8".
    #[cfg_attr(feature = "serde", serde(rename = "nominal_form_factor"))]
    pub form_factor: Option<u8>,
    /// ZONED: 0 not reported, 1 host aware, 2 device managed.
    pub zoned: Option<u8>,
}

impl BlockDeviceCharacteristics {
    /// Decodes page B1h.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &[u8]) -> Result<Self, DecodeError> {
        use characteristics_field as f;
        let b = page(buf, VpdPage::BLOCK_DEVICE_CHARACTERISTICS)?;
        Ok(Self {
            rotation_rate: be16_at(b, f::ROTATION_RATE),
            form_factor: f::FORM_FACTOR.get(b),
            zoned: f::ZONED.get(b),
        })
    }
}

/// The 3Ch-byte page; `None` is written as zero.
impl VpdPayload for BlockDeviceCharacteristics {
    const PAGE: VpdPage = VpdPage::BLOCK_DEVICE_CHARACTERISTICS;
    fn page_len(&self) -> usize {
        characteristics_field::PAGE_LEN
    }
    fn write_fields(&self, page: &mut [u8]) {
        use characteristics_field as f;
        put_at(page, f::ROTATION_RATE, &self.rotation_rate.unwrap_or(0).to_be_bytes());
        f::FORM_FACTOR.put(page, self.form_factor.unwrap_or(0));
        f::ZONED.put(page, self.zoned.unwrap_or(0));
    }
}

/// B2h Logical Block Provisioning layout (SBC-5 table 247).
pub(crate) mod provisioning_field {
    use crate::wire::Bits;
    /// THRESHOLD EXPONENT.
    pub(crate) const THRESHOLD_EXPONENT: Bits = Bits::new(4, 0, 8);
    /// LBPU.
    pub(crate) const LBPU: Bits = Bits::flag(5, 7);
    /// LBPWS.
    pub(crate) const LBPWS: Bits = Bits::flag(5, 6);
    /// LBPWS10.
    pub(crate) const LBPWS10: Bits = Bits::flag(5, 5);
    /// LBPRZ.
    pub(crate) const LBPRZ: Bits = Bits::new(5, 2, 3);
    /// ANC_SUP.
    pub(crate) const ANC_SUP: Bits = Bits::flag(5, 1);
    /// DP.
    pub(crate) const DP: Bits = Bits::flag(5, 0);
    /// PROVISIONING TYPE.
    pub(crate) const PROVISIONING_TYPE: Bits = Bits::new(6, 0, 3);
    /// PAGE LENGTH without a provisioning group descriptor.
    pub(crate) const PAGE_LEN: usize = 4;
}

/// B2h Logical Block Provisioning (SBC-5 §6.6.6). A field the PAGE LENGTH does not cover is
/// `None` (a page declaring 0 bytes has no fields).
///
/// ```
/// use scsi_cdb::data::vpd::LogicalBlockProvisioning;
/// let p = LogicalBlockProvisioning::parse(&[0x00, 0xB2, 0x00, 0x04, 0x00, 0xE0, 0x02, 0x00])?;
/// assert_eq!((p.lbpu, p.lbpws, p.provisioning_type), (Some(true), Some(true), Some(2)));
/// let empty = LogicalBlockProvisioning::parse(&[0x00, 0xB2, 0x00, 0x00, 0x00, 0xE0, 0x02, 0x00])?;
/// assert_eq!((empty.lbpu, empty.provisioning_type), (None, None));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LogicalBlockProvisioning {
    /// THRESHOLD EXPONENT.
    pub threshold_exponent: Option<u8>,
    /// LBPU: UNMAP supported.
    pub lbpu: Option<bool>,
    /// LBPWS: WRITE SAME(16) with UNMAP supported.
    pub lbpws: Option<bool>,
    /// LBPWS10: WRITE SAME(10) with UNMAP supported.
    pub lbpws10: Option<bool>,
    /// LBPRZ (3 bits): what unmapped blocks read back as.
    pub lbprz: Option<u8>,
    /// ANC_SUP.
    pub anc_sup: Option<bool>,
    /// DP: a provisioning group descriptor is present.
    pub dp: Option<bool>,
    /// PROVISIONING TYPE: 0 full, 1 resource, 2 thin.
    pub provisioning_type: Option<u8>,
}

impl LogicalBlockProvisioning {
    /// Decodes page B2h.
    ///
    /// # Errors
    /// As [`VpdPageView::parse_page`].
    pub fn parse(buf: &[u8]) -> Result<Self, DecodeError> {
        use provisioning_field as f;
        let b = page(buf, VpdPage::LOGICAL_BLOCK_PROVISIONING)?;
        Ok(Self {
            threshold_exponent: f::THRESHOLD_EXPONENT.get(b),
            lbpu: f::LBPU.is_set(b),
            lbpws: f::LBPWS.is_set(b),
            lbpws10: f::LBPWS10.is_set(b),
            lbprz: f::LBPRZ.get(b),
            anc_sup: f::ANC_SUP.is_set(b),
            dp: f::DP.is_set(b),
            provisioning_type: f::PROVISIONING_TYPE.get(b),
        })
    }
}

/// The 4-byte page (no provisioning group descriptor); `None` is written as zero.
impl VpdPayload for LogicalBlockProvisioning {
    const PAGE: VpdPage = VpdPage::LOGICAL_BLOCK_PROVISIONING;
    fn page_len(&self) -> usize {
        provisioning_field::PAGE_LEN
    }
    fn write_fields(&self, page: &mut [u8]) {
        use provisioning_field as f;
        f::THRESHOLD_EXPONENT.put(page, self.threshold_exponent.unwrap_or(0));
        f::LBPU.put_flag(page, self.lbpu.unwrap_or(false));
        f::LBPWS.put_flag(page, self.lbpws.unwrap_or(false));
        f::LBPWS10.put_flag(page, self.lbpws10.unwrap_or(false));
        f::LBPRZ.put(page, self.lbprz.unwrap_or(0));
        f::ANC_SUP.put_flag(page, self.anc_sup.unwrap_or(false));
        f::DP.put_flag(page, self.dp.unwrap_or(false));
        f::PROVISIONING_TYPE.put(page, self.provisioning_type.unwrap_or(0));
    }
}
