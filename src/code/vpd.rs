//! Vital product data page codes (SPC-6 §7.7, SBC-5 §6.6, ZBC-2).

use core::fmt;

/// A VPD page code: byte 2 of an INQUIRY CDB with EVPD set, and byte 1 of the page.
///
/// ```
/// use scsi_cdb::VpdPage;
/// assert_eq!(VpdPage::DEVICE_IDENTIFICATION.name(), Some("Device Identification"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(transparent)]
pub struct VpdPage(pub u8);

impl VpdPage {
    /// 00h Supported VPD Pages.
    pub const SUPPORTED_PAGES: Self = Self(0x00);
    /// 80h Unit Serial Number.
    pub const UNIT_SERIAL_NUMBER: Self = Self(0x80);
    /// 83h Device Identification.
    pub const DEVICE_IDENTIFICATION: Self = Self(0x83);
    /// 84h Software Interface Identification.
    pub const SOFTWARE_INTERFACE_IDENTIFICATION: Self = Self(0x84);
    /// 85h Management Network Addresses.
    pub const MANAGEMENT_NETWORK_ADDRESSES: Self = Self(0x85);
    /// 86h Extended INQUIRY Data.
    pub const EXTENDED_INQUIRY: Self = Self(0x86);
    /// 87h Mode Page Policy.
    pub const MODE_PAGE_POLICY: Self = Self(0x87);
    /// 88h SCSI Ports.
    pub const SCSI_PORTS: Self = Self(0x88);
    /// 89h ATA Information (SAT).
    pub const ATA_INFORMATION: Self = Self(0x89);
    /// 8Ah Power Condition.
    pub const POWER_CONDITION: Self = Self(0x8A);
    /// 8Bh Device Constituents.
    pub const DEVICE_CONSTITUENTS: Self = Self(0x8B);
    /// 8Ch CFA Profile Information.
    pub const CFA_PROFILE: Self = Self(0x8C);
    /// 8Dh Power Consumption.
    pub const POWER_CONSUMPTION: Self = Self(0x8D);
    /// 8Fh Third-party Copy.
    pub const THIRD_PARTY_COPY: Self = Self(0x8F);
    /// 90h Protocol Specific Logical Unit Information.
    pub const PROTOCOL_SPECIFIC_LU: Self = Self(0x90);
    /// 91h Protocol Specific Port Information.
    pub const PROTOCOL_SPECIFIC_PORT: Self = Self(0x91);
    /// 92h SCSI Feature Sets.
    pub const SCSI_FEATURE_SETS: Self = Self(0x92);
    /// B0h Block Limits (SBC).
    pub const BLOCK_LIMITS: Self = Self(0xB0);
    /// B1h Block Device Characteristics (SBC).
    pub const BLOCK_DEVICE_CHARACTERISTICS: Self = Self(0xB1);
    /// B2h Logical Block Provisioning (SBC).
    pub const LOGICAL_BLOCK_PROVISIONING: Self = Self(0xB2);
    /// B3h Referrals (SBC).
    pub const REFERRALS: Self = Self(0xB3);
    /// B4h Supported Block Lengths and Protection Types (SBC).
    pub const SUPPORTED_BLOCK_LENGTHS: Self = Self(0xB4);
    /// B5h Block Device Characteristics Extension (SBC).
    pub const BLOCK_DEVICE_CHARACTERISTICS_EXT: Self = Self(0xB5);
    /// B6h Zoned Block Device Characteristics (ZBC).
    pub const ZONED_BLOCK_DEVICE_CHARACTERISTICS: Self = Self(0xB6);
    /// B7h Block Limits Extension (SBC).
    pub const BLOCK_LIMITS_EXTENSION: Self = Self(0xB7);
    /// B8h Format Presets (SBC).
    pub const FORMAT_PRESETS: Self = Self(0xB8);
    /// B9h Concurrent Positioning Ranges (SBC).
    pub const CONCURRENT_POSITIONING_RANGES: Self = Self(0xB9);
    /// BAh Capacity/Product Identification Mapping (SBC).
    pub const CAPACITY_PRODUCT_ID_MAPPING: Self = Self(0xBA);

    /// The T10 name, or `None` for unassigned and vendor-specific codes.
    #[must_use]
    pub const fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            0x00 => "Supported VPD Pages",
            0x01..=0x7F => "ASCII Information",
            0x80 => "Unit Serial Number",
            0x83 => "Device Identification",
            0x84 => "Software Interface Identification",
            0x85 => "Management Network Addresses",
            0x86 => "Extended INQUIRY Data",
            0x87 => "Mode Page Policy",
            0x88 => "SCSI Ports",
            0x89 => "ATA Information",
            0x8A => "Power Condition",
            0x8B => "Device Constituents",
            0x8C => "CFA Profile Information",
            0x8D => "Power Consumption",
            0x8F => "Third-party Copy",
            0x90 => "Protocol Specific Logical Unit Information",
            0x91 => "Protocol Specific Port Information",
            0x92 => "SCSI Feature Sets",
            0xB0 => "Block Limits",
            0xB1 => "Block Device Characteristics",
            0xB2 => "Logical Block Provisioning",
            0xB3 => "Referrals",
            0xB4 => "Supported Block Lengths and Protection Types",
            0xB5 => "Block Device Characteristics Extension",
            0xB6 => "Zoned Block Device Characteristics",
            0xB7 => "Block Limits Extension",
            0xB8 => "Format Presets",
            0xB9 => "Concurrent Positioning Ranges",
            0xBA => "Capacity/Product Identification Mapping",
            _ => return None,
        })
    }

    /// True for C0h-FFh, the vendor-specific pages.
    #[must_use]
    pub const fn is_vendor_specific(self) -> bool {
        self.0 >= 0xC0
    }
}

impl fmt::Debug for VpdPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => write!(f, "{:#04x} ({n})", self.0),
            None => write!(f, "{:#04x}", self.0),
        }
    }
}

impl fmt::Display for VpdPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None if self.is_vendor_specific() => write!(f, "vendor specific page {:02X}h", self.0),
            None => write!(f, "reserved page {:02X}h", self.0),
        }
    }
}
