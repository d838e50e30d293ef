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
/// assert_eq!(VersionDescriptor(0x0460).to_string(), "0460h (SPC-4 (no version claimed))");
/// assert_eq!(VersionDescriptor(0xFFFF).name(), None);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[repr(transparent)]
pub struct VersionDescriptor(pub u16);

impl VersionDescriptor {
    /// The standard the code names, from the generated T10 table (609 entries).
    #[must_use]
    pub fn name(self) -> Option<&'static str> {
        let i = VERSION_DESCRIPTOR_CODES.binary_search(&self.0).ok()?;
        VERSION_DESCRIPTOR_NAMES.get(i).copied()
    }

    /// The standard family: the code with its version bits (the low 5 bits) cleared, which is
    /// the "(no version claimed)" entry of the same standard.
    #[must_use]
    pub const fn family(self) -> Self {
        Self(self.0 & !0x1F)
    }

    /// Every code in the table, ascending.
    pub fn all() -> impl Iterator<Item = Self> {
        VERSION_DESCRIPTOR_CODES.iter().map(|c| Self(*c))
    }
}

impl fmt::Display for VersionDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => write!(f, "{:04X}h ({n})", self.0),
            None => write!(f, "{:04X}h", self.0),
        }
    }
}

impl fmt::Debug for VersionDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#06x}", self.0)?;
        if let Some(n) = self.name() {
            write!(f, " ({n})")?;
        }
        Ok(())
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
            (0x1740, "UAS (no version claimed)"),
            (0x1EA0, "SAT (no version claimed)"),
            (0x1EC0, "SAT-2 (no version claimed)"),
            (0xFFC0, "IEEE 1667 (no version claimed)"),
        ] {
            assert_eq!(VersionDescriptor(code).name(), Some(name), "{code:04X}");
        }
        assert_eq!(VersionDescriptor(0x0464).family(), VersionDescriptor(0x0460));
    }
}
