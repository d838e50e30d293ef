//! Peripheral device types (SPC-6 table 148).

use core::fmt;

/// The PERIPHERAL DEVICE TYPE field of standard INQUIRY data (5 bits), also used to pick
/// device-type-specific opcode names.
///
/// ```
/// use scsi_cdb::PeripheralDeviceType;
/// assert_eq!(PeripheralDeviceType::DIRECT_ACCESS.name(), "direct access block device");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(transparent)]
pub struct PeripheralDeviceType(pub u8);

impl PeripheralDeviceType {
    /// 00h direct access block device (SBC): disks, SSDs, USB sticks.
    pub const DIRECT_ACCESS: Self = Self(0x00);
    /// 01h sequential-access device (SSC): tape.
    pub const SEQUENTIAL_ACCESS: Self = Self(0x01);
    /// 02h printer (obsolete).
    pub const PRINTER: Self = Self(0x02);
    /// 03h processor device (SPC-2).
    pub const PROCESSOR: Self = Self(0x03);
    /// 04h write-once device (obsolete).
    pub const WRITE_ONCE: Self = Self(0x04);
    /// 05h CD/DVD device (MMC).
    pub const CD_DVD: Self = Self(0x05);
    /// 06h scanner (obsolete).
    pub const SCANNER: Self = Self(0x06);
    /// 07h optical memory device (SBC).
    pub const OPTICAL_MEMORY: Self = Self(0x07);
    /// 08h media changer (SMC).
    pub const MEDIA_CHANGER: Self = Self(0x08);
    /// 09h communications device (obsolete).
    pub const COMMUNICATIONS: Self = Self(0x09);
    /// 0Ch storage array controller (SCC).
    pub const STORAGE_ARRAY_CONTROLLER: Self = Self(0x0C);
    /// 0Dh enclosure services device (SES).
    pub const ENCLOSURE_SERVICES: Self = Self(0x0D);
    /// 0Eh simplified direct-access device (RBC).
    pub const SIMPLIFIED_DIRECT_ACCESS: Self = Self(0x0E);
    /// 0Fh optical card reader/writer (OCRW).
    pub const OPTICAL_CARD: Self = Self(0x0F);
    /// 10h bridge controller commands (BCC).
    pub const BRIDGE_CONTROLLER: Self = Self(0x10);
    /// 11h object-based storage device (OSD).
    pub const OBJECT_STORAGE: Self = Self(0x11);
    /// 12h automation/drive interface (ADC).
    pub const AUTOMATION_DRIVE_INTERFACE: Self = Self(0x12);
    /// 13h security manager device.
    pub const SECURITY_MANAGER: Self = Self(0x13);
    /// 14h host managed zoned block device (ZBC).
    pub const HOST_MANAGED_ZONED: Self = Self(0x14);
    /// 1Eh well known logical unit.
    pub const WELL_KNOWN_LU: Self = Self(0x1E);
    /// 1Fh unknown or no device type.
    pub const UNKNOWN: Self = Self(0x1F);

    /// The SPC name of the device type (all 32 values of the 5-bit field have one).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self.0 & 0x1F {
            0x00 => "direct access block device",
            0x01 => "sequential-access device",
            0x02 => "printer device",
            0x03 => "processor device",
            0x04 => "write-once device",
            0x05 => "CD/DVD device",
            0x06 => "scanner device",
            0x07 => "optical memory device",
            0x08 => "media changer device",
            0x09 => "communications device",
            0x0A | 0x0B => "graphic arts pre-press device (obsolete)",
            0x0C => "storage array controller device",
            0x0D => "enclosure services device",
            0x0E => "simplified direct-access device",
            0x0F => "optical card reader/writer device",
            0x10 => "bridge controller commands",
            0x11 => "object-based storage device",
            0x12 => "automation/drive interface",
            0x13 => "security manager device",
            0x14 => "host managed zoned block device",
            0x1E => "well known logical unit",
            0x1F => "unknown or no device type",
            _ => "reserved device type",
        }
    }
}

impl fmt::Debug for PeripheralDeviceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#04x} ({})", self.0, self.name())
    }
}

impl fmt::Display for PeripheralDeviceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
