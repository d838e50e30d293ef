//! The layout engine behind every described CDB form.
//!
//! Most CDBs are a handful of bit fields at fixed places. Instead of writing the encoder, the
//! decoder, the reserved-bit check and the field list of each one by hand, a command is
//! described once with the crate-internal `cdb_command!` macro: every field with its T10 name, byte, width and shift.
//! The macro derives from that one description:
//!
//! - a plain struct with public, typed fields: any value of a field's type fits its place in the
//!   CDB (sub-byte integers use [`U2`]…[`U48`], codes use newtypes or enums), so a command
//!   that exists is valid and encoding cannot fail;
//! - `to_bytes()` into a fixed array (straight-line code; the optimiser folds the offsets);
//! - `decode()`, which rejects every reserved bit with the field pointer a target puts in its
//!   sense data (the reserved mask is computed at compile time from the field list);
//! - the [`Cdb`](super::Cdb) impl (direction and transfer length from a per-command rule);
//! - `FIELDS`, a table of [`FieldInfo`] that decoders such as the command-line tool use to show
//!   every field of any CDB.
//!
//! ```
//! use scsi_cdb::cdb::spc::ModeSense10;
//!
//! // MODE SENSE (10) from a log: read each field through the one description.
//! let cdb = [0x5A, 0x08, 0x08, 0, 0, 0, 0, 0x02, 0x00, 0];
//! let value = |name: &str| ModeSense10::FIELDS.iter().find(|f| f.name == name)?.get(&cdb);
//! assert_eq!(value("PAGE CODE"), Some(0x08));
//! assert_eq!(value("DBD"), Some(1));
//! assert_eq!(value("ALLOCATION LENGTH"), Some(512));
//! assert_eq!(ModeSense10::decode(&cdb).map(|c| c.allocation_length), Ok(512));
//! ```

use crate::BuildError;

/// Where one field lives in a CDB: bits `shift .. shift + bits` of the big-endian integer made of
/// the bytes `byte .. byte + nbytes`.
///
/// # Examples
///
/// ```
/// use scsi_cdb::Inquiry;
///
/// // INQUIRY's ALLOCATION LENGTH is bytes 3-4 (SPC-6 table 233), a whole 16-bit field.
/// let f = Inquiry::FIELDS.iter().find(|f| f.name == "ALLOCATION LENGTH").expect("described");
/// assert_eq!((f.byte, f.nbytes, f.shift, f.bits), (3, 2, 0, 16));
/// // EVPD is bit 0 of byte 1.
/// let evpd = Inquiry::FIELDS.iter().find(|f| f.name == "EVPD").expect("described");
/// assert_eq!((evpd.byte, evpd.nbytes, evpd.shift, evpd.bits), (1, 1, 0, 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldInfo {
    /// The T10 name of the field ("PAGE CODE", "ALLOCATION LENGTH").
    pub name: &'static str,
    /// The first (most significant) byte.
    pub byte: u8,
    /// How many bytes the field spans.
    pub nbytes: u8,
    /// The shift of the field's least significant bit within those bytes.
    pub shift: u8,
    /// The width in bits.
    pub bits: u8,
}

impl FieldInfo {
    /// A field description.
    #[must_use]
    pub const fn new(name: &'static str, byte: u8, nbytes: u8, shift: u8, bits: u8) -> Self {
        Self { name, byte, nbytes, shift, bits }
    }

    /// The largest value the field holds.
    #[must_use]
    pub const fn max(&self) -> u64 {
        if self.bits >= 64 { u64::MAX } else { (1u64 << self.bits) - 1 }
    }

    /// The field's value in `cdb`, or `None` when the CDB is too short to hold it.
    #[inline(always)]
    #[must_use]
    pub fn get(&self, cdb: &[u8]) -> Option<u64> {
        let n = usize::from(self.nbytes);
        if n == 0 || n > 8 {
            return None;
        }
        let start = usize::from(self.byte);
        let mut be = [0u8; 8];
        be.get_mut(8 - n..)?.copy_from_slice(cdb.get(start..start + n)?);
        Some((u64::from_be_bytes(be) >> self.shift) & self.max())
    }

    /// The field pointer of the field's most significant bit (what a target reports in
    /// sense-key-specific data when the field is invalid).
    #[must_use]
    pub const fn pointer(&self) -> crate::FieldPointer {
        let top = (self.shift as u32 + self.bits as u32).saturating_sub(1);
        let from_end = top / 8;
        let byte = (self.byte as u32 + self.nbytes as u32).saturating_sub(1 + from_end);
        crate::FieldPointer::bit(byte as u16, (top % 8) as u8)
    }

    /// Puts `value` (already within [`FieldInfo::max`]) into its place in `out`: a whole-byte
    /// field is stored, a bit field is ORed in.
    #[inline(always)]
    pub(crate) fn put(&self, out: &mut [u8], value: u64) {
        let n = usize::from(self.nbytes);
        let start = usize::from(self.byte);
        if self.shift == 0 && u32::from(self.bits) == 8 * u32::from(self.nbytes) {
            let be = value.to_be_bytes();
            if let (Some(dst), Some(src)) = (out.get_mut(start..start + n), be.get(8 - n.min(8)..)) {
                dst.copy_from_slice(src);
            }
            return;
        }
        let v = (value & self.max()) << self.shift;
        for i in 0..n {
            if let Some(b) = out.get_mut(start + i) {
                *b |= (v >> (8 * (n - 1 - i))) as u8;
            }
        }
    }

    /// Marks the field's bits in a mask, at compile time.
    ///
    /// Indexing is used because this runs only in constant evaluation (the masks are `const`
    /// items): a field outside its CDB is a compile error there, never a run-time panic.
    #[allow(clippy::indexing_slicing)]
    pub(crate) const fn mark<const N: usize>(&self, mut mask: [u8; N]) -> [u8; N] {
        let v = if self.bits >= 64 { u64::MAX } else { ((1u64 << self.bits) - 1) << self.shift };
        let n = self.nbytes as usize;
        let mut i = 0;
        while i < n {
            mask[self.byte as usize + i] |= (v >> (8 * (n - 1 - i))) as u8;
            i += 1;
        }
        mask
    }
}

/// A value that sits in a CDB field: converts to and from the raw bits.
///
/// # Examples
///
/// ```
/// use scsi_cdb::cdb::{FieldValue, U6};
///
/// assert_eq!(true.to_raw(), 1);
/// assert_eq!(U6::from_raw(0x3F).map(U6::get), Some(0x3F));
/// assert_eq!(<u16 as FieldValue>::from_raw(0x1234), Some(0x1234));
/// ```
pub trait FieldValue: Copy + Default {
    /// The raw bits.
    fn to_raw(self) -> u64;
    /// The value of raw bits (already masked to the field width); `None` for a reserved code.
    fn from_raw(raw: u64) -> Option<Self>;
}

impl FieldValue for bool {
    #[inline(always)]
    fn to_raw(self) -> u64 {
        u64::from(self)
    }
    #[inline(always)]
    fn from_raw(raw: u64) -> Option<Self> {
        Some(raw != 0)
    }
}

macro_rules! int_field {
    ($($t:ty),*) => {$(
        impl FieldValue for $t {
            #[inline(always)]
            fn to_raw(self) -> u64 {
                self as u64
            }
            #[inline(always)]
            fn from_raw(raw: u64) -> Option<Self> {
                Some(raw as $t)
            }
        }
    )*};
}
int_field!(u8, u16, u32, u64);

macro_rules! narrow_uint {
    ($($(#[$m:meta])* $name:ident($inner:ty, $bits:expr);)*) => {$(
        $(#[$m])*
        ///
        /// ```
        #[doc = concat!("use scsi_cdb::cdb::", stringify!($name), ";")]
        #[doc = concat!("let top = ", stringify!($name), "::new(", stringify!($name), "::MAX)?;")]
        #[doc = concat!("assert_eq!((top.get(), ", stringify!($name), "::BITS), (", stringify!($name), "::MAX, ", stringify!($bits), "));")]
        #[doc = concat!("assert!(", stringify!($name), "::new(", stringify!($name), "::MAX + 1).is_err());")]
        /// # Ok::<(), scsi_cdb::BuildError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize))]
        #[repr(transparent)]
        pub struct $name($inner);

        impl $name {
            /// The width in bits.
            pub const BITS: u32 = $bits;
            /// The largest value.
            pub const MAX: $inner = ((1u64 << $bits) - 1) as $inner;
            /// Zero.
            pub const ZERO: Self = Self(0);

            /// The value, when it fits.
            ///
            /// # Errors
            /// [`BuildError::ValueOutOfRange`] when `v` needs more than [`Self::BITS`] bits.
            pub const fn new(v: $inner) -> Result<Self, BuildError> {
                match $crate::error::fits(stringify!($name), v as u64, Self::MAX as u64) {
                    Ok(()) => Ok(Self(v)),
                    Err(e) => Err(e),
                }
            }

            /// The value.
            #[inline]
            #[must_use]
            pub const fn get(self) -> $inner {
                self.0
            }
        }

        impl TryFrom<$inner> for $name {
            type Error = BuildError;
            fn try_from(v: $inner) -> Result<Self, BuildError> {
                Self::new(v)
            }
        }

        impl From<$name> for $inner {
            fn from(v: $name) -> $inner {
                v.0
            }
        }

        impl FieldValue for $name {
            #[inline(always)]
            fn to_raw(self) -> u64 {
                self.0 as u64
            }
            #[inline(always)]
            fn from_raw(raw: u64) -> Option<Self> {
                Some(Self((raw & Self::MAX as u64) as $inner))
            }
        }

        #[cfg(feature = "arbitrary")]
        impl<'a> arbitrary::Arbitrary<'a> for $name {
            fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
                Ok(Self(u.int_in_range(0..=Self::MAX)?))
            }
        }
    )*};
}

narrow_uint! {
    /// A 2-bit field value (0-3).
    U2(u8, 2);
    /// A 3-bit field value (0-7).
    U3(u8, 3);
    /// A 4-bit field value (0-15).
    U4(u8, 4);
    /// A 5-bit field value (0-31).
    U5(u8, 5);
    /// A 6-bit field value (0-63).
    U6(u8, 6);
    /// A 7-bit field value (0-127).
    U7(u8, 7);
    /// A 21-bit field value (READ(6)'s LOGICAL BLOCK ADDRESS).
    U21(u32, 21);
    /// A 24-bit field value (three bytes).
    U24(u32, 24);
    /// A 48-bit field value (six bytes).
    U48(u64, 48);
}

impl FieldValue for super::Protect {
    #[inline(always)]
    fn to_raw(self) -> u64 {
        u64::from(self.get())
    }
    #[inline(always)]
    fn from_raw(raw: u64) -> Option<Self> {
        Some(Self::from_top3((raw as u8) << 5))
    }
}

impl FieldValue for super::GroupNumber {
    #[inline(always)]
    fn to_raw(self) -> u64 {
        u64::from(self.get())
    }
    #[inline(always)]
    fn from_raw(raw: u64) -> Option<Self> {
        Some(Self::from_low6(raw as u8))
    }
}

/// Defines a closed code field: an enum whose unlisted raw values are reserved (a decoder
/// rejects them with a field pointer; a builder cannot make them).
macro_rules! code_enum {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $v:ident = $n:expr,)* }) => {
        $(#[$m])*
        ///
        /// # Examples
        ///
        /// Each code and its raw value (anything else is reserved and refused by the decoder):
        ///
        /// ```
        #[doc = concat!("use ", module_path!(), "::", stringify!($name), ";")]
        /// use scsi_cdb::cdb::FieldValue;
        ///
        $(
            #[doc = concat!("assert_eq!(", stringify!($name), "::from_raw(", stringify!($n), "), Some(",
                stringify!($name), "::", stringify!($v), "));")]
        )*
        #[doc = concat!("assert_eq!(", stringify!($name), "::from_raw(0xFF), None);")]
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize))]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[repr(u8)]
        pub enum $name {
            $($(#[$vm])* $v = $n,)*
        }

        impl $crate::cdb::layout::FieldValue for $name {
            #[inline(always)]
            fn to_raw(self) -> u64 {
                self as u64
            }
            #[inline(always)]
            fn from_raw(raw: u64) -> Option<Self> {
                $(if raw == $n { return Some(Self::$v); })*
                None
            }
        }
    };
}
pub(crate) use code_enum;

/// Defines an open code field: a newtype over the raw value with named constants; every value
/// of its width is accepted (the standard leaves the rest reserved or vendor specific, and a
/// decoder keeps them).
macro_rules! code_newtype {
    (
        $(#[$m:meta])* pub struct $name:ident($bits:expr);
        names { $($(#[$cm:meta])* $c:ident = $n:expr, $text:literal;)* }
    ) => {
        $(#[$m])*
        ///
        /// # Examples
        ///
        /// The named values, and the raw values without a name (kept, not refused):
        ///
        /// ```
        #[doc = concat!("use ", module_path!(), "::", stringify!($name), ";")]
        ///
        $(
            #[doc = concat!("assert_eq!(", stringify!($name), "::", stringify!($c), ".name(), Some(",
                stringify!($text), "));")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::new(", stringify!($n), ")?, ",
                stringify!($name), "::", stringify!($c), ");")]
        )*
        #[doc = concat!("if let Ok(over) = u8::try_from(u16::from(", stringify!($name), "::MAX) + 1) {")]
        #[doc = concat!("    assert!(", stringify!($name), "::new(over).is_err());")]
        /// }
        /// # Ok::<(), scsi_cdb::BuildError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize))]
        #[repr(transparent)]
        pub struct $name(u8);

        impl $name {
            $($(#[$cm])* pub const $c: Self = Self($n);)*
            /// The largest raw value.
            pub const MAX: u8 = ((1u16 << $bits) - 1) as u8;

            /// A code from its raw value.
            ///
            /// # Errors
            /// [`BuildError::ValueOutOfRange`](crate::BuildError::ValueOutOfRange) when it does not
            /// fit the field.
            pub const fn new(v: u8) -> Result<Self, $crate::BuildError> {
                match $crate::error::fits(stringify!($name), v as u64, Self::MAX as u64) {
                    Ok(()) => Ok(Self(v)),
                    Err(e) => Err(e),
                }
            }

            /// The raw value.
            #[inline]
            #[must_use]
            pub const fn get(self) -> u8 {
                self.0
            }

            /// The standard's name for the value, when it has one.
            #[must_use]
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $($n => Some($text),)*
                    _ => None,
                }
            }
        }

        impl $crate::cdb::layout::FieldValue for $name {
            #[inline(always)]
            fn to_raw(self) -> u64 {
                self.0 as u64
            }
            #[inline(always)]
            fn from_raw(raw: u64) -> Option<Self> {
                Some(Self((raw as u8) & Self::MAX))
            }
        }

        #[cfg(feature = "arbitrary")]
        impl<'a> arbitrary::Arbitrary<'a> for $name {
            fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
                Ok(Self(u.int_in_range(0..=Self::MAX)?))
            }
        }
    };
}
pub(crate) use code_newtype;

/// A field's [`FieldInfo`] from its short description.
macro_rules! field_info {
    (bit $t10:literal ($byte:expr, $bit:expr) $($ty:ty)?) => {
        $crate::cdb::layout::FieldInfo::new($t10, $byte, 1, $bit, 1)
    };
    (int $t10:literal ($byte:expr) $ty:ty) => {
        $crate::cdb::layout::FieldInfo::new(
            $t10,
            $byte,
            core::mem::size_of::<$ty>() as u8,
            0,
            8 * core::mem::size_of::<$ty>() as u8,
        )
    };
    (val $t10:literal ($byte:expr, $nbytes:expr, $shift:expr, $bits:expr) $ty:ty) => {
        $crate::cdb::layout::FieldInfo::new($t10, $byte, $nbytes, $shift, $bits)
    };
}
pub(crate) use field_info;

/// The Rust type of a field.
macro_rules! field_ty {
    (bit) => {
        bool
    };
    ($kind:ident $ty:ty) => {
        $ty
    };
}
pub(crate) use field_ty;

/// Derives `Arbitrary` for a command struct, unless the command declares a `check` (a rule
/// across fields), whose `arbitrary: manual` says the impl is written beside it.
macro_rules! with_arbitrary {
    (() $item:item) => {
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        $item
    };
    ((manual) $item:item) => {
        $item
    };
}
pub(crate) use with_arbitrary;

impl FieldValue for crate::VpdPage {
    #[inline(always)]
    fn to_raw(self) -> u64 {
        u64::from(self.0)
    }
    #[inline(always)]
    fn from_raw(raw: u64) -> Option<Self> {
        Some(Self(raw as u8))
    }
}

/// A command's direction: a fixed one (`FromDevice`, `ToDevice`) whenever it moves data, or
/// `(|s| expr)` for a command whose CDB chooses it (ATA PASS-THROUGH's T_DIR).
macro_rules! cdb_direction {
    ($this:ident, $dir:ident) => {
        match $crate::cdb::Cdb::transfer($this) {
            $crate::cdb::Transfer::None => $crate::cdb::DataDirection::None,
            _ => $crate::cdb::DataDirection::$dir,
        }
    };
    ($this:ident, (|$d:ident| $e:expr)) => {{
        let $d = $this;
        $e
    }};
}
pub(crate) use cdb_direction;

/// Describes a table-driven command. See the module documentation.
///
/// Field kinds: `bit name = "T10" (byte, bit)` a flag; `int name: u16 = "T10" (byte)` a whole
/// big-endian integer of its type's width; `val name: T = "T10" (byte, nbytes, shift, bits)` any
/// [`FieldValue`] type at an arbitrary place. Every field is in the CDB: a length the CDB does
/// not carry (FORMAT UNIT's and REASSIGN BLOCKS' parameter lists) is the transfer rule
/// [`Transfer::ParameterList`](super::Transfer::ParameterList), not a field. `direction:` is the
/// direction of any data the command moves, or `(|s| expr)` when a field of the CDB chooses it.
macro_rules! cdb_command {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            len: $len:literal,
            opcode: $op:ident,
            service_action: $sa:expr,
            direction: $dir:tt,
            transfer: |$s:ident| $transfer:expr,
            $(check: |$cs:ident| $check:expr, arbitrary: $arb:ident,)?
            $(sa_field: $saf:ident in [$($sav:expr),* $(,)?],)?
            $(protection_tags: $pif:ident at $pib:literal,)?
            fields: {
                $(
                    $(#[$fmeta:meta])*
                    $kind:ident $field:ident $(: $fty:ty)? = $t10:literal $spec:tt
                ),* $(,)?
            }
        }
    ) => {
        $crate::cdb::layout::with_arbitrary! { ($($arb)?)
        $(#[$meta])*
        ///
        /// # Examples
        ///
        /// Encode and decode back, through the type and through [`Command`](crate::Command);
        /// the field table is the one the decoder and the byte map use:
        ///
        /// ```
        #[doc = concat!("use ", module_path!(), "::", stringify!($name), ";")]
        /// use scsi_cdb::{Cdb, Command};
        ///
        /// let control = scsi_cdb::cdb::Control::NONE.with_naca();
        #[doc = concat!("let cmd = ", stringify!($name), " { control, ..", stringify!($name), "::default() };")]
        /// let bytes = cmd.to_bytes();
        #[doc = concat!("assert_eq!((bytes[0], bytes.len()), (scsi_cdb::OpCode::", stringify!($op), ".0, ", stringify!($len), "));")]
        #[doc = concat!("let back = ", stringify!($name), "::decode(&bytes)?;")]
        /// assert!(back.control.naca());
        /// assert_eq!(back, cmd);
        /// let parsed = Command::parse(&bytes)?;
        /// assert_eq!(parsed, Command::from(cmd));
        #[doc = concat!("assert_eq!(parsed.fields(), ", stringify!($name), "::FIELDS);")]
        /// assert_eq!(parsed.direction(), cmd.direction());
        /// # Ok::<(), scsi_cdb::DecodeError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                pub $field: $crate::cdb::layout::field_ty!($kind $($fty)?),
            )*
            $(
                /// The protection-information check values (EXPECTED INITIAL LOGICAL BLOCK
                /// REFERENCE TAG, EXPECTED LOGICAL BLOCK APPLICATION TAG, LOGICAL BLOCK
                /// APPLICATION TAG MASK).
                pub $pif: $crate::cdb::ProtectionTags,
            )?
            /// The CONTROL byte.
            pub control: $crate::cdb::Control,
        }
        }

        impl $name {
            /// The operation code.
            pub const OPCODE: $crate::OpCode = $crate::OpCode::$op;
            /// The service action, for commands that carry a fixed one.
            pub const SERVICE_ACTION: Option<u16> = $sa;
            /// The CDB length.
            pub const LEN: usize = $len;
            /// For a command whose service action is one of its fields, the service actions
            /// this type decodes (empty: any, or the fixed [`Self::SERVICE_ACTION`]).
            pub const SERVICE_ACTIONS: &'static [u16] = &[$($($sav),*)?];

            /// True when this type decodes a CDB of its operation code with service action
            /// `sa`.
            #[must_use]
            pub const fn claims_service_action(sa: Option<u16>) -> bool {
                $crate::cdb::layout::claims(Self::SERVICE_ACTION, Self::SERVICE_ACTIONS, sa)
            }
            /// Every field: name, place and width.
            pub const FIELDS: &'static [$crate::cdb::layout::FieldInfo] = &[
                $($crate::cdb::layout::field_info!($kind $t10 $spec $($fty)?),)*
                $(
                    $crate::cdb::ProtectionTags::field($pib, 0),
                    $crate::cdb::ProtectionTags::field($pib, 1),
                    $crate::cdb::ProtectionTags::field($pib, 2),
                )?
            ];
            /// The bits that belong to the operation code, the service action, the fields and
            /// the CONTROL byte; every other bit is reserved.
            const USED: [u8; $len] = {
                #[allow(unused_mut)] // a command with no fields
                let mut m = $crate::cdb::layout::header_mask::<$len>(Self::SERVICE_ACTION.is_some());
                $(m = $crate::cdb::layout::field_info!($kind $t10 $spec $($fty)?).mark(m);)*
                $(
                    m = $crate::cdb::ProtectionTags::field($pib, 0).mark(m);
                    m = $crate::cdb::ProtectionTags::field($pib, 1).mark(m);
                    m = $crate::cdb::ProtectionTags::field($pib, 2).mark(m);
                )?
                m
            };

            /// The CDB USAGE DATA a device server reports for this command in the one-command
            /// form of REPORT SUPPORTED OPERATION CODES: the operation code, the service action
            /// (`sa`, or the command's fixed one) in its place, and a 1 for every bit the decoder
            /// reads (fields and the CONTROL byte's NACA and vendor bits).
            #[must_use]
            pub fn cdb_usage(sa: Option<u16>) -> [u8; $len] {
                let mut u = Self::USED;
                $crate::cdb::layout::usage_header(&mut u, Self::OPCODE, Self::SERVICE_ACTION.or(sa));
                u
            }

            /// The encoded CDB.
            #[must_use]
            pub fn to_bytes(&self) -> [u8; $len] {
                let mut b = [0u8; $len];
                $crate::cdb::layout::put_header(&mut b, Self::OPCODE, Self::SERVICE_ACTION, self.control);
                $(
                    $crate::cdb::layout::field_info!($kind $t10 $spec $($fty)?)
                        .put(&mut b, $crate::cdb::layout::FieldValue::to_raw(self.$field));
                )*
                $(self.$pif.put(&mut b, $pib);)?
                b
            }

            /// Decodes the CDB: checks the operation code, the service action and every
            /// reserved bit.
            ///
            /// # Errors
            /// [`DecodeError::Truncated`]($crate::DecodeError::Truncated),
            /// [`DecodeError::WrongOpcode`]($crate::DecodeError::WrongOpcode),
            /// [`DecodeError::WrongServiceAction`]($crate::DecodeError::WrongServiceAction),
            /// and [`DecodeError::InvalidField`]($crate::DecodeError::InvalidField) pointing at
            /// a reserved bit that is set or a reserved code.
            #[inline]
            pub fn decode(cdb: &[u8]) -> Result<Self, $crate::DecodeError> {
                let c = $crate::cdb::expect_cdb::<$len>(cdb, $crate::OpCode::$op)?;
                let control = $crate::cdb::layout::check_header(c, Self::SERVICE_ACTION, &Self::USED)?;
                $(
                    let info = $crate::cdb::layout::field_info!($kind $t10 $spec $($fty)?);
                    let raw = info.get(c).unwrap_or_default();
                    let $field = $crate::cdb::layout::FieldValue::from_raw(raw)
                        .ok_or_else(|| $crate::DecodeError::InvalidField(info.pointer()))?;
                )*
                $(let $pif = $crate::cdb::ProtectionTags::get(c, $pib);)?
                let v = Self { $($field,)* $($pif,)? control };
                $(
                    let $cs = &v;
                    let bad: Option<$crate::FieldPointer> = $check;
                    if let Some(p) = bad {
                        return Err($crate::DecodeError::InvalidField(p));
                    }
                )?
                Ok(v)
            }
        }

        // Every field inside the CDB, within its bytes, and clear of the other fields and of
        // the operation code, service action and CONTROL byte: evaluated by `cargo check`.
        const _: () = $crate::cdb::layout::check_layout::<$len>($name::FIELDS, $name::SERVICE_ACTION.is_some());
        // Every command is in the one list `Command` is generated from.
        const _: () = assert!(
            $crate::cdb::decode::is_registered(stringify!($name)),
            "a cdb_command! type is missing from the with_commands! list in src/cdb/decode.rs"
        );

        impl $crate::cdb::Cdb for $name {
            fn opcode(&self) -> $crate::OpCode {
                $crate::OpCode::$op
            }
            fn service_action(&self) -> Option<$crate::ServiceAction> {
                Self::SERVICE_ACTION.map($crate::ServiceAction)
                    $(.or(Some($crate::ServiceAction(
                        $crate::cdb::layout::FieldValue::to_raw(self.$saf) as u16,
                    ))))?
            }
            $crate::cdb::fixed_cdb_encode!($len);
            fn direction(&self) -> $crate::cdb::DataDirection {
                let this = self;
                $crate::cdb::layout::cdb_direction!(this, $dir)
            }
            fn transfer(&self) -> $crate::cdb::Transfer {
                let $s = self;
                $transfer
            }
        }
    };
}
pub(crate) use cdb_command;

/// `Bytes(n)`, or no transfer when `n` is zero.
#[inline(always)]
#[must_use]
pub(crate) const fn bytes(n: u32) -> super::Transfer {
    if n == 0 { super::Transfer::None } else { super::Transfer::Bytes(n) }
}

/// `Blocks(n)`, or no transfer when `n` is zero.
#[inline(always)]
#[must_use]
pub(crate) const fn blocks(n: u32) -> super::Transfer {
    if n == 0 { super::Transfer::None } else { super::Transfer::Blocks(n) }
}

/// Fails constant evaluation (so `cargo check` fails, naming the field) when a field of a
/// `N`-byte CDB is empty, wider than its bytes, outside the CDB, or overlaps another field or
/// the header (operation code, service action, CONTROL byte, ADDITIONAL CDB LENGTH).
#[allow(clippy::indexing_slicing, clippy::panic)] // constant evaluation only: see `FieldInfo::mark`
pub(crate) const fn check_layout<const N: usize>(fields: &[FieldInfo], sa_in_byte1: bool) {
    let mut used = header_mask::<N>(sa_in_byte1);
    let mut f = 0;
    while f < fields.len() {
        let fl = &fields[f];
        if fl.nbytes == 0 || fl.nbytes > 8 || fl.bits == 0 {
            panic!("a CDB field must span 1 to 8 bytes and at least one bit");
        }
        if fl.byte as usize + fl.nbytes as usize > N {
            panic!("a CDB field runs past the end of its CDB");
        }
        if fl.shift as u32 + fl.bits as u32 > 8 * fl.nbytes as u32 {
            panic!("a CDB field is wider than the bytes it spans");
        }
        let mine = fl.mark([0u8; N]);
        let mut i = 0;
        while i < N {
            if used[i] & mine[i] != 0 {
                panic!("two CDB fields (or a field and the header) share a bit");
            }
            used[i] |= mine[i];
            i += 1;
        }
        f += 1;
    }
}

/// The bits a CDB of `N` bytes uses outside its fields: the operation code, the CONTROL byte,
/// the service action (low five bits of byte 1, or bytes 8-9 of a 32-byte CDB) and a 32-byte
/// CDB's ADDITIONAL CDB LENGTH.
#[allow(clippy::indexing_slicing)] // constant evaluation only: see `FieldInfo::mark`
pub(crate) const fn header_mask<const N: usize>(sa_in_byte1: bool) -> [u8; N] {
    let mut m = [0u8; N];
    m[0] = 0xFF;
    if N == 32 {
        m[1] = 0xFF;
        m[7] = 0xFF;
        m[8] = 0xFF;
        m[9] = 0xFF;
    } else {
        m[N - 1] = 0xFF;
        if sa_in_byte1 {
            m[1] |= 0x1F;
        }
    }
    m
}

/// Writes the operation code, service action, CONTROL byte and (32-byte CDBs) ADDITIONAL CDB
/// LENGTH.
#[inline(always)]
pub(crate) fn put_header(b: &mut [u8], op: crate::OpCode, sa: Option<u16>, control: super::Control) {
    let n = b.len();
    let set = |b: &mut [u8], i: usize, v: u8| {
        if let Some(x) = b.get_mut(i) {
            *x = v;
        }
    };
    set(b, 0, op.0);
    if n == 32 {
        set(b, 1, control.raw());
        set(b, 7, 0x18);
        let [hi, lo] = sa.unwrap_or(0).to_be_bytes();
        set(b, 8, hi);
        set(b, 9, lo);
    } else {
        set(b, n - 1, control.raw());
        if let Some(sa) = sa {
            set(b, 1, (sa as u8) & 0x1F);
        }
    }
}

/// Whether a type with fixed service action `fixed`, or else accepting the service actions
/// `list` (empty: any), decodes a CDB whose service action is `sa`: the rule of every
/// generated `claims_service_action` and of the dispatch tables built from the command list.
pub(crate) const fn claims(fixed: Option<u16>, list: &[u16], sa: Option<u16>) -> bool {
    match (fixed, sa) {
        (Some(fixed), Some(sa)) => fixed == sa,
        (Some(_), None) => false,
        (None, _) if list.is_empty() => true,
        (None, None) => false,
        (None, Some(sa)) => {
            let mut rest = list;
            while let [first, tail @ ..] = rest {
                if *first == sa {
                    return true;
                }
                rest = tail;
            }
            false
        }
    }
}

/// Checks the service action, a 32-byte CDB's ADDITIONAL CDB LENGTH and every reserved bit
/// (the bits not in `used`); returns the CONTROL byte. Generic over the CDB length so that each
/// decoder's copy works on a fixed-size array: the reserved-bit test is a few word operations.
#[inline(always)]
pub(crate) fn check_header<const N: usize>(
    c: &[u8; N],
    sa: Option<u16>,
    used: &[u8; N],
) -> Result<super::Control, crate::DecodeError> {
    use crate::DecodeError;
    let control_at = if N == 32 { 1 } else { N.saturating_sub(1) };
    if N == 32 {
        if c.get(7) != Some(&0x18) {
            return Err(DecodeError::InvalidField(crate::FieldPointer::byte(7)));
        }
        if let Some(sa) = sa {
            let found = crate::wire::be16_at(c, 8).unwrap_or_default();
            if found != sa {
                return Err(DecodeError::WrongServiceAction { expected: sa, found, at: 8 });
            }
        }
    } else if let Some(sa) = sa {
        let found = u16::from(c.get(1).copied().unwrap_or_default() & 0x1F);
        if found != sa {
            return Err(DecodeError::WrongServiceAction { expected: sa, found, at: 1 });
        }
    }
    // One pass ORs every reserved bit together (the CONTROL byte is all "used" here and is
    // checked on its own below); only a CDB with a reserved bit set looks for the first one.
    let bad = c.iter().zip(used).fold(0u8, |acc, (b, u)| acc | (b & !u));
    if bad != 0 {
        return Err(first_reserved(c, used));
    }
    super::Control::decode(c.get(control_at).copied().unwrap_or_default(), control_at as u16)
}

/// The error for the first reserved bit set in `c` (one is).
#[cold]
#[inline(never)]
fn first_reserved(c: &[u8], used: &[u8]) -> crate::DecodeError {
    for (i, (b, u)) in c.iter().zip(used).enumerate() {
        if let Err(e) = super::reserved(*b, !*u, i as u16) {
            return e;
        }
    }
    crate::DecodeError::InvalidField(crate::FieldPointer::byte(0))
}

/// Turns a "bits in use" mask into CDB USAGE DATA: the operation code in byte 0, the service
/// action in its place, the CONTROL byte's usable bits (NACA and the vendor bits), and a 32-byte
/// CDB's ADDITIONAL CDB LENGTH.
pub(crate) fn usage_header(u: &mut [u8], op: crate::OpCode, sa: Option<u16>) {
    let n = u.len();
    // NACA and the vendor-specific bits; the reserved bits and the obsolete FLAG and LINK are
    // not used.
    let control = !(super::Control::RESERVED_MASK | 0x03);
    let set = |u: &mut [u8], i: usize, v: u8| {
        if let Some(x) = u.get_mut(i) {
            *x = v;
        }
    };
    set(u, 0, op.0);
    if n == 32 {
        set(u, 1, control);
        set(u, 7, 0x18);
        let [hi, lo] = sa.unwrap_or(0).to_be_bytes();
        set(u, 8, hi);
        set(u, 9, lo);
    } else {
        set(u, n - 1, control);
        if let (Some(sa), Some(b1)) = (sa, u.get_mut(1)) {
            *b1 = (*b1 & 0xE0) | (sa as u8 & 0x1F);
        }
    }
}
