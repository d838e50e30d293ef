//! VERSION DESCRIPTOR values (SPC-6, the T10 version descriptor list): the standards a
//! device claims in bytes 58-73 of its standard INQUIRY data.

use core::fmt;

use crate::generated::version_descriptors::{VERSION_DESCRIPTOR_CODES, VERSION_DESCRIPTOR_NAMES};

/// A 16-bit VERSION DESCRIPTOR. Open code space: unknown values are kept and print as hex.
///
/// ```
/// use scsi_cdb::VersionDescriptor;
/// assert_eq!(VersionDescriptor(0x0460).name(), Some("SPC-4 (no version claimed)"));
/// assert_eq!(VersionDescriptor(0x0600).name(), Some("SBC-4 (no version claimed)"));
/// assert_eq!(VersionDescriptor(0x0960).name(), Some("iSCSI (no version claimed)"));
/// assert_eq!(VersionDescriptor(0x0460).to_string(), "0x0460 (SPC-4 (no version claimed))");
/// assert_eq!(VersionDescriptor(0xFFFF).name(), None);
/// assert_eq!(VersionDescriptor(0xFFFF).to_string(), "0xffff");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[repr(transparent)]
pub struct VersionDescriptor(pub u16);

impl VersionDescriptor {
    /// The standard the code names, from the generated T10 table (610 entries).
    #[must_use]
    pub fn name(self) -> Option<&'static str> {
        let i = VERSION_DESCRIPTOR_CODES.binary_search(&self.0).ok()?;
        VERSION_DESCRIPTOR_NAMES.get(i).copied()
    }

    /// The standard family: the code with its version bits (the low 5 bits) cleared, which for
    /// most codes is the "(no version claimed)" entry of the same standard. Not so in the
    /// ATA and USB block 1720h-17BFh, where T10 assigns codes one by one (ACS-2 at 1761h, ACS-3
    /// at 1765h, ZAC at 17A3h): there the result names no family.
    #[must_use]
    pub const fn family(self) -> Self {
        Self(self.0 & !0x1F)
    }

    /// Every code in the table, ascending.
    pub fn all() -> impl Iterator<Item = Self> {
        VERSION_DESCRIPTOR_CODES.iter().map(|c| Self(*c))
    }
}

/// `0x0460 (SPC-4 (no version claimed))`, or the hex alone for a code the table lacks.
impl fmt::Display for VersionDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => write!(f, "{:#06x} ({n})", self.0),
            None => write!(f, "{:#06x}", self.0),
        }
    }
}

/// The same text as `Display` (like `OpCode`'s `Debug`: the code, then its name).
impl fmt::Debug for VersionDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_named() {
        assert!(VERSION_DESCRIPTOR_CODES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(VERSION_DESCRIPTOR_CODES.len(), VERSION_DESCRIPTOR_NAMES.len());
        assert!(VERSION_DESCRIPTOR_CODES.len() > 600);
        assert!(VERSION_DESCRIPTOR_NAMES.iter().all(|n| !n.is_empty()));
    }

    #[test]
    fn known_answers_across_groups() {
        // Values from the T10 version descriptor list (SPC-6 Annex E), one or two per group:
        // architecture, command sets, transports, protocols, ATA, IEEE.
        for (code, name) in [
            (0x0000, "Version Descriptor not supported or No standard identified"),
            (0x0020, "SAM (no version claimed)"),
            (0x00A0, "SAM-5 (no version claimed)"),
            (0x0300, "SPC-3 (no version claimed)"),
            (0x0460, "SPC-4 (no version claimed)"),
            (0x05C0, "SPC-5 (no version claimed)"),
            (0x04C0, "SBC-3 (no version claimed)"),
            (0x0600, "SBC-4 (no version claimed)"),
            (0x0620, "ZBC (no version claimed)"),
            (0x0960, "iSCSI (no version claimed)"),
            (0x0980, "SBP-3 (no version claimed)"),
            (0x0C00, "SAS-1.1 (no version claimed)"),
            (0x0C60, "SAS-3 (no version claimed)"),
            (0x0D20, "FC-PH (no version claimed)"),
            (0x1600, "ATA/ATAPI-7 (no version claimed)"),
            (0x1623, "ATA/ATAPI-8 ATA8-ACS ATA/ATAPI command set (no version claimed)"),
            (0x1766, "ACS-3 INCITS 522-2014"),
            (0x1740, "UAS (no version claimed)"),
            (0x1EA0, "SAT (no version claimed)"),
            (0x1EC0, "SAT-2 (no version claimed)"),
            (0xFFC0, "IEEE 1667 (no version claimed)"),
        ] {
            assert_eq!(VersionDescriptor(code).name(), Some(name), "{code:04X}");
        }
        assert_eq!(VersionDescriptor(0x0464).family(), VersionDescriptor(0x0460));
    }

    #[test]
    fn display_and_debug() {
        extern crate std;
        use std::format;
        let spc4 = VersionDescriptor(0x0460);
        assert_eq!(format!("{spc4}"), "0x0460 (SPC-4 (no version claimed))");
        assert_eq!(format!("{spc4:?}"), "0x0460 (SPC-4 (no version claimed))");
        assert_eq!(format!("{}", VersionDescriptor(0x1EA0)), "0x1ea0 (SAT (no version claimed))");
        assert_eq!(format!("{}", VersionDescriptor(0x0001)), "0x0001");
        assert_eq!(format!("{:?}", VersionDescriptor(0xFFFE)), "0xfffe");
    }

    #[test]
    fn family_is_the_no_version_claimed_row_outside_the_ata_usb_block() {
        let acronym = |n: &'static str| n.split_whitespace().next();
        let mut checked = 0;
        for c in VersionDescriptor::all() {
            // 0000h and SOP-2 (no draft published) are their own rows; UAS-3 (1807h) has no
            // "(no version claimed)" row in the list.
            if matches!(c.0, 0x0000 | 0x2220 | 0x1807 | 0x1720..=0x17BF) {
                continue;
            }
            let head = c.family().name().unwrap_or_else(|| panic!("{c:?}: no family row"));
            assert!(head.ends_with("(no version claimed)"), "{c:?}: {head}");
            assert_eq!(acronym(head), acronym(c.name().unwrap()), "{c:?}");
            checked += 1;
        }
        assert!(checked > 570, "{checked}");
        assert_eq!(VersionDescriptor(0x1765).family().name(), None);
    }
}
