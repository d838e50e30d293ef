//! Fuzz body: any command this crate builds (the `arbitrary` feature's `Command`) encodes,
//! decodes to a typed command of the same kind, and re-encodes to the same bytes, with the
//! same direction and transfer length. Compiled into the `roundtrip_any` target and, through
//! `#[path]`, into the `near_valid` test.

use scsi_cdb::{Cdb, Command};

/// The round trip.
pub fn roundtrip_any(c: Command<'_>) {
    let bytes = c.to_buf().expect("every built command fits 32 bytes");
    assert_eq!(bytes.as_bytes().len(), c.cdb_len());
    let decoded = Command::parse(bytes.as_bytes()).expect("a built command decodes");
    let mut out = [0u8; 32];
    let n = decoded
        .as_cdb()
        .unwrap_or_else(|| panic!("{c:?} decoded to {decoded:?}"))
        .encode_into(&mut out)
        .expect("re-encode");
    assert_eq!(&out[..n], bytes.as_bytes(), "{c:?}");
    assert_eq!(decoded.opcode(), c.opcode());
    // The same type, direction and transfer after the round trip.
    assert_eq!(decoded.type_name(), c.type_name());
    assert_eq!((decoded.direction(), decoded.transfer()), (c.direction(), c.transfer()), "{c:?}");
}
