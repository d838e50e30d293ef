//! Standard INQUIRY data (SPC-6 §6.7.2).

use core::fmt;

use crate::data::WriteData;
use crate::wire::{be16_at, clamped, put_ascii, put_at, zeroed_prefix};
use crate::{PeripheralDeviceType, VersionDescriptor};

/// Standard INQUIRY data layout (SPC-6 table 148): the one description its reader
/// ([`StandardInquiry`]), its writer ([`StandardInquiryWriter`]) and the byte map use.
pub(crate) mod field {
    use crate::wire::Bits;
    /// PERIPHERAL QUALIFIER: byte 0 of every INQUIRY answer, described once (the VPD header).
    pub(crate) const QUALIFIER: Bits = crate::data::vpd::field::QUALIFIER;
    /// PERIPHERAL DEVICE TYPE.
    pub(crate) const DEVICE_TYPE: Bits = crate::data::vpd::field::DEVICE_TYPE;
    /// RMB.
    pub(crate) const RMB: Bits = Bits::flag(1, 7);
    /// LU_CONG.
    pub(crate) const LU_CONG: Bits = Bits::flag(1, 6);
    /// VERSION.
    pub(crate) const VERSION: Bits = Bits::new(2, 0, 8);
    /// NORMACA.
    pub(crate) const NORMACA: Bits = Bits::flag(3, 5);
    /// HISUP.
    pub(crate) const HISUP: Bits = Bits::flag(3, 4);
    /// RESPONSE DATA FORMAT.
    pub(crate) const RESPONSE_DATA_FORMAT: Bits = Bits::new(3, 0, 4);
    /// ADDITIONAL LENGTH (n - 4).
    pub(crate) const ADDITIONAL_LENGTH: Bits = Bits::new(4, 0, 8);
    /// The header: bytes up to and including ADDITIONAL LENGTH.
    pub(crate) const HEADER_LEN: usize = 5;
    /// SCCS.
    pub(crate) const SCCS: Bits = Bits::flag(5, 7);
    /// ACC.
    pub(crate) const ACC: Bits = Bits::flag(5, 6);
    /// TPGS.
    pub(crate) const TPGS: Bits = Bits::new(5, 4, 2);
    /// 3PC.
    pub(crate) const THIRD_PARTY_COPY: Bits = Bits::flag(5, 3);
    /// PROTECT.
    pub(crate) const PROTECT: Bits = Bits::flag(5, 0);
    /// ENCSERV.
    pub(crate) const ENCSERV: Bits = Bits::flag(6, 6);
    /// MULTIP.
    pub(crate) const MULTIP: Bits = Bits::flag(6, 4);
    /// CMDQUE.
    pub(crate) const CMDQUE: Bits = Bits::flag(7, 1);
    /// T10 VENDOR IDENTIFICATION.
    pub(crate) const VENDOR: core::ops::Range<usize> = 8..16;
    /// PRODUCT IDENTIFICATION.
    pub(crate) const PRODUCT: core::ops::Range<usize> = 16..32;
    /// PRODUCT REVISION LEVEL.
    pub(crate) const REVISION: core::ops::Range<usize> = 32..36;
    /// The length every device returns at least.
    pub(crate) const MIN_LEN: usize = 36;
    /// Vendor specific.
    pub(crate) const VENDOR_SPECIFIC: core::ops::Range<usize> = 36..56;
    /// VERSION DESCRIPTOR 1 .. 8, two bytes each.
    pub(crate) const VERSION_DESCRIPTORS: usize = 58;
    /// Number of VERSION DESCRIPTOR slots.
    pub(crate) const VERSION_DESCRIPTOR_COUNT: usize = 8;
    /// The length most devices return when they list version descriptors (bytes 74-95 reserved).
    pub(crate) const FULL_LEN: usize = 96;
}

/// A zero-copy view over standard INQUIRY data of any length (5, 36, 96 bytes or more).
///
/// Fields past the end of the buffer are `None`. [`StandardInquiry::total_len`] says how many
/// bytes the device has (ADDITIONAL LENGTH + 5), so a two-step INQUIRY is: ask 36, then ask
/// `total_len()` when [`StandardInquiry::is_truncated`].
///
/// ```
/// use scsi_cdb::data::StandardInquiry;
/// let mut b = [0u8; 36];
/// b[..8].copy_from_slice(&[0x00, 0x00, 0x06, 0x12, 0x5B, 0x00, 0x10, 0x02]);
/// b[8..16].copy_from_slice(b"ACME    ");
/// b[16..32].copy_from_slice(b"SuperDisk 3000  ");
/// b[32..36].copy_from_slice(b"1.0a");
/// let inq = StandardInquiry::parse(&b)?;
/// assert_eq!(inq.vendor().unwrap().to_string(), "ACME");
/// assert_eq!(inq.total_len(), 96);
/// assert!(inq.is_truncated());
/// assert_eq!(inq.version_name(), Some("SPC-4"));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct StandardInquiry<'a> {
    buf: &'a [u8],
}

/// An identification string from INQUIRY or VPD data: ASCII with trailing spaces (and NULs)
/// trimmed.
///
/// One rule for both renderings: bytes 20h-7Eh are text. [`AsciiField::as_str`] is `Some`
/// exactly when every byte is text, and then `Display` writes the same string; otherwise
/// `as_str` is `None` and `Display` writes each other byte as `\xNN`, so a log line is never
/// corrupted and nothing is hidden.
///
/// ```
/// use scsi_cdb::data::AsciiField;
/// let plain = AsciiField::new(b"DISK    ");
/// assert_eq!((plain.as_str(), plain.to_string()), (Some("DISK"), "DISK".to_string()));
/// let odd = AsciiField::new(b"DISK\xE9");
/// assert_eq!((odd.as_str(), odd.to_string()), (None, "DISK\\xe9".to_string()));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AsciiField<'a>(&'a [u8]);

impl<'a> AsciiField<'a> {
    /// Trims trailing spaces and NULs.
    #[must_use]
    pub fn new(raw: &'a [u8]) -> Self {
        let end = raw.iter().rposition(|b| *b != b' ' && *b != 0).map_or(0, |i| i + 1);
        Self(raw.get(..end).unwrap_or_default())
    }

    /// The trimmed bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.0
    }

    /// The text when every byte is printable ASCII (20h-7Eh), else `None`; `Display` then
    /// shows the other bytes as `\xNN`.
    #[must_use]
    pub fn as_str(&self) -> Option<&'a str> {
        if self.0.iter().all(|b| is_text(*b)) { core::str::from_utf8(self.0).ok() } else { None }
    }
}

/// The one rule for text in identification fields: printable ASCII.
pub(crate) const fn is_text(b: u8) -> bool {
    matches!(b, 0x20..=0x7E)
}

impl fmt::Display for AsciiField<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in self.0 {
            if is_text(b) {
                fmt::Write::write_char(f, char::from(b))?;
            } else {
                write!(f, "\\x{b:02x}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for AsciiField<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

impl<'a> StandardInquiry<'a> {
    /// The size every device must answer with at least.
    pub const MIN_LEN: usize = field::MIN_LEN;

    /// Views `buf` as standard INQUIRY data; needs the 5-byte header.
    ///
    /// # Errors
    /// [`crate::DecodeError::Truncated`] below 5 bytes.
    pub fn parse(buf: &'a [u8]) -> Result<Self, crate::DecodeError> {
        if buf.len() < field::HEADER_LEN {
            return Err(crate::DecodeError::truncated(field::HEADER_LEN, buf.len()));
        }
        Ok(Self { buf })
    }

    /// The bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.buf
    }

    /// PERIPHERAL QUALIFIER (bits 7:5 of byte 0): 0 connected, 1 not connected, 3 no device.
    #[must_use]
    pub fn peripheral_qualifier(&self) -> u8 {
        field::QUALIFIER.get_or0(self.buf)
    }

    /// PERIPHERAL DEVICE TYPE.
    #[must_use]
    pub fn device_type(&self) -> PeripheralDeviceType {
        PeripheralDeviceType(field::DEVICE_TYPE.get_or0(self.buf))
    }

    /// RMB: removable medium.
    #[must_use]
    pub fn rmb(&self) -> bool {
        field::RMB.is_set(self.buf).unwrap_or(false)
    }

    /// LU_CONG: logical unit conglomerate.
    #[must_use]
    pub fn lu_cong(&self) -> bool {
        field::LU_CONG.is_set(self.buf).unwrap_or(false)
    }

    /// VERSION.
    #[must_use]
    pub fn version(&self) -> u8 {
        field::VERSION.get_or0(self.buf)
    }

    /// The standard VERSION claims.
    #[must_use]
    pub fn version_name(&self) -> Option<&'static str> {
        Some(match self.version() {
            0x00 => "no standard claimed",
            0x01 | 0x02 => "SCSI-2 or earlier",
            0x03 => "SPC",
            0x04 => "SPC-2",
            0x05 => "SPC-3",
            0x06 => "SPC-4",
            0x07 => "SPC-5",
            0x08 => "SPC-6",
            _ => return None,
        })
    }

    /// NORMACA.
    #[must_use]
    pub fn norm_aca(&self) -> bool {
        field::NORMACA.is_set(self.buf).unwrap_or(false)
    }

    /// HISUP: hierarchical LUN addressing.
    #[must_use]
    pub fn hisup(&self) -> bool {
        field::HISUP.is_set(self.buf).unwrap_or(false)
    }

    /// RESPONSE DATA FORMAT (2 for SPC-2 and later).
    #[must_use]
    pub fn response_data_format(&self) -> u8 {
        field::RESPONSE_DATA_FORMAT.get_or0(self.buf)
    }

    /// ADDITIONAL LENGTH.
    #[must_use]
    pub fn additional_len(&self) -> u8 {
        field::ADDITIONAL_LENGTH.get_or0(self.buf)
    }

    /// ADDITIONAL LENGTH + 5: what the device would return with a large enough allocation.
    #[must_use]
    pub fn total_len(&self) -> usize {
        usize::from(self.additional_len()) + field::HEADER_LEN
    }

    /// The bytes present.
    #[must_use]
    pub const fn available_len(&self) -> usize {
        self.buf.len()
    }

    /// True when the device has more than the buffer holds (ask again with `total_len()`).
    #[must_use]
    pub fn is_truncated(&self) -> bool {
        self.buf.len() < self.total_len()
    }

    /// SCCS: embedded storage array controller.
    #[must_use]
    pub fn sccs(&self) -> Option<bool> {
        field::SCCS.is_set(self.buf)
    }

    /// ACC: access controls coordinator.
    #[must_use]
    pub fn acc(&self) -> Option<bool> {
        field::ACC.is_set(self.buf)
    }

    /// TPGS: target port group support (0 none, 1 implicit, 2 explicit, 3 both).
    #[must_use]
    pub fn tpgs(&self) -> Option<u8> {
        field::TPGS.get(self.buf)
    }

    /// 3PC: third-party copy.
    #[must_use]
    pub fn third_party_copy(&self) -> Option<bool> {
        field::THIRD_PARTY_COPY.is_set(self.buf)
    }

    /// PROTECT: protection information supported.
    #[must_use]
    pub fn protect(&self) -> Option<bool> {
        field::PROTECT.is_set(self.buf)
    }

    /// ENCSERV: embedded enclosure services.
    #[must_use]
    pub fn enc_serv(&self) -> Option<bool> {
        field::ENCSERV.is_set(self.buf)
    }

    /// MULTIP: multi-port.
    #[must_use]
    pub fn multi_p(&self) -> Option<bool> {
        field::MULTIP.is_set(self.buf)
    }

    /// CMDQUE: command queuing.
    #[must_use]
    pub fn cmd_que(&self) -> Option<bool> {
        field::CMDQUE.is_set(self.buf)
    }

    /// T10 VENDOR IDENTIFICATION (bytes 8-15), when all present.
    #[must_use]
    pub fn vendor(&self) -> Option<AsciiField<'a>> {
        self.buf.get(field::VENDOR).map(AsciiField::new)
    }

    /// PRODUCT IDENTIFICATION (bytes 16-31).
    #[must_use]
    pub fn product(&self) -> Option<AsciiField<'a>> {
        self.buf.get(field::PRODUCT).map(AsciiField::new)
    }

    /// PRODUCT REVISION LEVEL (bytes 32-35).
    #[must_use]
    pub fn revision(&self) -> Option<AsciiField<'a>> {
        self.buf.get(field::REVISION).map(AsciiField::new)
    }

    /// Vendor-specific bytes 36-55 (those present within ADDITIONAL LENGTH).
    #[must_use]
    pub fn vendor_specific(&self) -> &'a [u8] {
        clamped(self.effective(), field::VENDOR_SPECIFIC.start, field::VENDOR_SPECIFIC.len())
    }

    /// The buffer cut at the declared length.
    fn effective(&self) -> &'a [u8] {
        self.buf.get(..self.total_len()).unwrap_or(self.buf)
    }

    /// The VERSION DESCRIPTORs present (bytes 58-73), zero entries skipped; each names its
    /// standard through [`VersionDescriptor::name`](crate::VersionDescriptor::name).
    pub fn version_descriptors(&self) -> impl Iterator<Item = crate::VersionDescriptor> + 'a {
        let b = self.effective();
        (0..field::VERSION_DESCRIPTOR_COUNT)
            .filter_map(move |i| be16_at(b, field::VERSION_DESCRIPTORS + 2 * i))
            .filter(|v| *v != 0)
            .map(VersionDescriptor)
    }
}

impl<'a> StandardInquiry<'a> {
    /// The fields as a [`StandardInquiryWriter`] (identification strings trimmed, absent
    /// fields false or zero): what a target would write to answer the same way.
    #[must_use]
    pub fn to_writer(&self) -> StandardInquiryWriter<'a> {
        let mut version_descriptors = [VersionDescriptor(0); field::VERSION_DESCRIPTOR_COUNT];
        let b = self.effective();
        for (i, slot) in version_descriptors.iter_mut().enumerate() {
            *slot = VersionDescriptor(be16_at(b, field::VERSION_DESCRIPTORS + 2 * i).unwrap_or(0));
        }
        let text = |f: Option<AsciiField<'a>>| f.map_or(&[][..], |a| a.as_bytes());
        StandardInquiryWriter {
            peripheral_qualifier: self.peripheral_qualifier(),
            device_type: self.device_type(),
            rmb: self.rmb(),
            lu_cong: self.lu_cong(),
            version: self.version(),
            norm_aca: self.norm_aca(),
            hisup: self.hisup(),
            response_data_format: self.response_data_format(),
            sccs: self.sccs().unwrap_or(false),
            acc: self.acc().unwrap_or(false),
            tpgs: self.tpgs().unwrap_or(0),
            third_party_copy: self.third_party_copy().unwrap_or(false),
            protect: self.protect().unwrap_or(false),
            enc_serv: self.enc_serv().unwrap_or(false),
            multi_p: self.multi_p().unwrap_or(false),
            cmd_que: self.cmd_que().unwrap_or(false),
            vendor: text(self.vendor()),
            product: text(self.product()),
            revision: text(self.revision()),
            vendor_specific: {
                // Trailing zero bytes are padding of the 20-byte field.
                let vs = self.vendor_specific();
                vs.get(..vs.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1)).unwrap_or_default()
            },
            version_descriptors,
        }
    }
}

/// Standard INQUIRY data as a target writes it, from the same field layout
/// [`StandardInquiry`] reads.
///
/// The length is 36 bytes, or 96 when a version descriptor is set or vendor-specific bytes are
/// given (bytes 74-95 reserved, as most devices answer); ADDITIONAL LENGTH says so even when
/// the allocation length cuts the answer. Identification strings are space-padded to their
/// width and cut at it.
///
/// ```
/// use scsi_cdb::data::{StandardInquiry, StandardInquiryWriter, WriteData};
/// use scsi_cdb::PeripheralDeviceType;
/// let inq = StandardInquiryWriter::new(PeripheralDeviceType::DIRECT_ACCESS, b"ACME", b"SuperDisk", b"1.0");
/// let mut out = [0u8; 255];
/// let n = inq.write(&mut out);
/// assert_eq!(n, 36);
/// let back = StandardInquiry::parse(&out[..n])?;
/// assert_eq!(back.product().unwrap().to_string(), "SuperDisk");
/// assert_eq!(back.to_writer(), inq);
/// // An initiator that asks for 5 bytes learns the full length.
/// let mut short = [0u8; 5];
/// assert_eq!(inq.write(&mut short), 5);
/// assert_eq!(StandardInquiry::parse(&short)?.total_len(), 36);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandardInquiryWriter<'a> {
    /// PERIPHERAL QUALIFIER (3 bits): 0 connected, 1 not connected, 3 no device.
    pub peripheral_qualifier: u8,
    /// PERIPHERAL DEVICE TYPE (5 bits).
    pub device_type: PeripheralDeviceType,
    /// RMB.
    pub rmb: bool,
    /// LU_CONG.
    pub lu_cong: bool,
    /// VERSION.
    pub version: u8,
    /// NORMACA.
    pub norm_aca: bool,
    /// HISUP.
    pub hisup: bool,
    /// RESPONSE DATA FORMAT (4 bits; 2).
    pub response_data_format: u8,
    /// SCCS.
    pub sccs: bool,
    /// ACC.
    pub acc: bool,
    /// TPGS (2 bits).
    pub tpgs: u8,
    /// 3PC.
    pub third_party_copy: bool,
    /// PROTECT.
    pub protect: bool,
    /// ENCSERV.
    pub enc_serv: bool,
    /// MULTIP.
    pub multi_p: bool,
    /// CMDQUE.
    pub cmd_que: bool,
    /// T10 VENDOR IDENTIFICATION (up to 8 bytes).
    pub vendor: &'a [u8],
    /// PRODUCT IDENTIFICATION (up to 16 bytes).
    pub product: &'a [u8],
    /// PRODUCT REVISION LEVEL (up to 4 bytes).
    pub revision: &'a [u8],
    /// Vendor-specific bytes 36-55 (up to 20; [`StandardInquiry::to_writer`] drops trailing
    /// zero bytes as padding).
    pub vendor_specific: &'a [u8],
    /// VERSION DESCRIPTOR 1-8; zero is an empty slot.
    pub version_descriptors: [VersionDescriptor; 8],
}

impl<'a> StandardInquiryWriter<'a> {
    /// A connected logical unit of `device_type` claiming SPC-5 (VERSION 07h), RESPONSE DATA
    /// FORMAT 2, HISUP and CMDQUE, with these identification strings.
    #[must_use]
    pub const fn new(
        device_type: PeripheralDeviceType,
        vendor: &'a [u8],
        product: &'a [u8],
        revision: &'a [u8],
    ) -> Self {
        Self {
            peripheral_qualifier: 0,
            device_type,
            rmb: false,
            lu_cong: false,
            version: 0x07,
            norm_aca: false,
            hisup: true,
            response_data_format: 2,
            sccs: false,
            acc: false,
            tpgs: 0,
            third_party_copy: false,
            protect: false,
            enc_serv: false,
            multi_p: false,
            cmd_que: true,
            vendor,
            product,
            revision,
            vendor_specific: &[],
            version_descriptors: [VersionDescriptor(0); 8],
        }
    }
}

impl WriteData for StandardInquiryWriter<'_> {
    fn total_len(&self) -> usize {
        if self.version_descriptors.iter().any(|v| v.0 != 0) || !self.vendor_specific.is_empty() {
            field::FULL_LEN
        } else {
            field::MIN_LEN
        }
    }

    fn write(&self, out: &mut [u8]) -> usize {
        // Fill a whole answer of known size (the field writes need no run-time checks), then
        // copy the part the allocation length asks for.
        let total = self.total_len();
        let mut whole = [0u8; field::FULL_LEN];
        self.fill(&mut whole, total);
        let out = zeroed_prefix(out, total);
        put_at(out, 0, whole.get(..total).unwrap_or_default());
        out.len()
    }
}

impl StandardInquiryWriter<'_> {
    /// Every field into `out`, a zeroed buffer of the full length.
    fn fill(&self, out: &mut [u8; field::FULL_LEN], total: usize) {
        let out = &mut out[..];
        field::QUALIFIER.put(out, self.peripheral_qualifier);
        field::DEVICE_TYPE.put(out, self.device_type.0);
        field::RMB.put_flag(out, self.rmb);
        field::LU_CONG.put_flag(out, self.lu_cong);
        field::VERSION.put(out, self.version);
        field::NORMACA.put_flag(out, self.norm_aca);
        field::HISUP.put_flag(out, self.hisup);
        field::RESPONSE_DATA_FORMAT.put(out, self.response_data_format);
        #[allow(clippy::cast_possible_truncation)] // total is 36 or 96
        field::ADDITIONAL_LENGTH.put(out, (total - field::HEADER_LEN) as u8);
        field::SCCS.put_flag(out, self.sccs);
        field::ACC.put_flag(out, self.acc);
        field::TPGS.put(out, self.tpgs);
        field::THIRD_PARTY_COPY.put_flag(out, self.third_party_copy);
        field::PROTECT.put_flag(out, self.protect);
        field::ENCSERV.put_flag(out, self.enc_serv);
        field::MULTIP.put_flag(out, self.multi_p);
        field::CMDQUE.put_flag(out, self.cmd_que);
        put_ascii(out, field::VENDOR.start, field::VENDOR.len(), self.vendor);
        put_ascii(out, field::PRODUCT.start, field::PRODUCT.len(), self.product);
        put_ascii(out, field::REVISION.start, field::REVISION.len(), self.revision);
        if total > field::MIN_LEN {
            let vs = self.vendor_specific.get(..field::VENDOR_SPECIFIC.len()).unwrap_or(self.vendor_specific);
            put_at(out, field::VENDOR_SPECIFIC.start, vs);
            for (i, v) in self.version_descriptors.iter().enumerate() {
                put_at(out, field::VERSION_DESCRIPTORS + 2 * i, &v.0.to_be_bytes());
            }
        }
    }
}

impl fmt::Debug for StandardInquiry<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StandardInquiry")
            .field("device_type", &self.device_type())
            .field("version", &self.version())
            .field("vendor", &self.vendor())
            .field("product", &self.product())
            .field("revision", &self.revision())
            .field("total_len", &self.total_len())
            .finish()
    }
}
