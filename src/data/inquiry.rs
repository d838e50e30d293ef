//! Standard INQUIRY data (SPC-6 §6.7.2).

use core::fmt;

use crate::PeripheralDeviceType;
use crate::wire::{be16_at, clamped, u8_at};

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
/// assert_eq!(inq.vendor().unwrap().as_str(), "ACME");
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
/// trimmed. `Display` shows non-printable bytes as `\xNN`, so a log line is never corrupted.
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

    /// The text when it is printable ASCII, else "" (use `Display` for a safe rendering).
    #[must_use]
    pub fn as_str(&self) -> &'a str {
        if self.0.iter().all(|b| (0x20..0x7F).contains(b)) {
            core::str::from_utf8(self.0).unwrap_or("")
        } else {
            ""
        }
    }
}

impl fmt::Display for AsciiField<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in self.0 {
            if (0x20..0x7F).contains(&b) {
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
    pub const MIN_LEN: usize = 36;

    /// Views `buf` as standard INQUIRY data; needs the 5-byte header.
    ///
    /// # Errors
    /// [`crate::DecodeError::Truncated`] below 5 bytes.
    pub fn parse(buf: &'a [u8]) -> Result<Self, crate::DecodeError> {
        if buf.len() < 5 {
            return Err(crate::DecodeError::truncated(5, buf.len()));
        }
        Ok(Self { buf })
    }

    /// The bytes.
    #[must_use]
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.buf
    }

    fn byte(&self, i: usize) -> u8 {
        u8_at(self.buf, i).unwrap_or(0)
    }

    fn bit(&self, i: usize, b: u8) -> Option<bool> {
        u8_at(self.buf, i).map(|v| v & (1 << b) != 0)
    }

    /// PERIPHERAL QUALIFIER (bits 7:5 of byte 0): 0 connected, 1 not connected, 3 no device.
    #[must_use]
    pub fn peripheral_qualifier(&self) -> u8 {
        self.byte(0) >> 5
    }

    /// PERIPHERAL DEVICE TYPE.
    #[must_use]
    pub fn device_type(&self) -> PeripheralDeviceType {
        PeripheralDeviceType(self.byte(0) & 0x1F)
    }

    /// RMB: removable medium.
    #[must_use]
    pub fn rmb(&self) -> bool {
        self.byte(1) & 0x80 != 0
    }

    /// LU_CONG: logical unit conglomerate.
    #[must_use]
    pub fn lu_cong(&self) -> bool {
        self.byte(1) & 0x40 != 0
    }

    /// VERSION.
    #[must_use]
    pub fn version(&self) -> u8 {
        self.byte(2)
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
        self.byte(3) & 0x20 != 0
    }

    /// HISUP: hierarchical LUN addressing.
    #[must_use]
    pub fn hisup(&self) -> bool {
        self.byte(3) & 0x10 != 0
    }

    /// RESPONSE DATA FORMAT (2 for SPC-2 and later).
    #[must_use]
    pub fn response_data_format(&self) -> u8 {
        self.byte(3) & 0x0F
    }

    /// ADDITIONAL LENGTH.
    #[must_use]
    pub fn additional_len(&self) -> u8 {
        self.byte(4)
    }

    /// ADDITIONAL LENGTH + 5: what the device would return with a large enough allocation.
    #[must_use]
    pub fn total_len(&self) -> usize {
        usize::from(self.additional_len()) + 5
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
        self.bit(5, 7)
    }

    /// ACC: access controls coordinator.
    #[must_use]
    pub fn acc(&self) -> Option<bool> {
        self.bit(5, 6)
    }

    /// TPGS: target port group support (0 none, 1 implicit, 2 explicit, 3 both).
    #[must_use]
    pub fn tpgs(&self) -> Option<u8> {
        u8_at(self.buf, 5).map(|b| (b >> 4) & 3)
    }

    /// 3PC: third-party copy.
    #[must_use]
    pub fn third_party_copy(&self) -> Option<bool> {
        self.bit(5, 3)
    }

    /// PROTECT: protection information supported.
    #[must_use]
    pub fn protect(&self) -> Option<bool> {
        self.bit(5, 0)
    }

    /// ENCSERV: embedded enclosure services.
    #[must_use]
    pub fn enc_serv(&self) -> Option<bool> {
        self.bit(6, 6)
    }

    /// MULTIP: multi-port.
    #[must_use]
    pub fn multi_p(&self) -> Option<bool> {
        self.bit(6, 4)
    }

    /// CMDQUE: command queuing.
    #[must_use]
    pub fn cmd_que(&self) -> Option<bool> {
        self.bit(7, 1)
    }

    /// T10 VENDOR IDENTIFICATION (bytes 8-15), when all present.
    #[must_use]
    pub fn vendor(&self) -> Option<AsciiField<'a>> {
        self.buf.get(8..16).map(AsciiField::new)
    }

    /// PRODUCT IDENTIFICATION (bytes 16-31).
    #[must_use]
    pub fn product(&self) -> Option<AsciiField<'a>> {
        self.buf.get(16..32).map(AsciiField::new)
    }

    /// PRODUCT REVISION LEVEL (bytes 32-35).
    #[must_use]
    pub fn revision(&self) -> Option<AsciiField<'a>> {
        self.buf.get(32..36).map(AsciiField::new)
    }

    /// Vendor-specific bytes 36-55 (those present).
    #[must_use]
    pub fn vendor_specific(&self) -> &'a [u8] {
        clamped(self.effective(), 36, 20)
    }

    /// The buffer cut at the declared length.
    fn effective(&self) -> &'a [u8] {
        self.buf.get(..self.total_len()).unwrap_or(self.buf)
    }

    /// The VERSION DESCRIPTORs present (bytes 58-73), zero entries skipped; each names its
    /// standard through [`VersionDescriptor::name`](crate::VersionDescriptor::name).
    pub fn version_descriptors(&self) -> impl Iterator<Item = crate::VersionDescriptor> + 'a {
        let b = self.effective();
        (0..8).filter_map(move |i| be16_at(b, 58 + 2 * i)).filter(|v| *v != 0).map(crate::VersionDescriptor)
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
