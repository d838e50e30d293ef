//! Generic checks over every table-described command (SPC, SBC, ZBC, SAT): the layout tables are
//! consistent, default commands round-trip, every single-bit flip of a valid CDB is either a
//! field change that round-trips or a rejection pointing at exactly that bit, and random
//! commands round-trip through the generic decoder.

use scsi_cdb::cdb::decode::with_commands;
use scsi_cdb::cdb::{FieldInfo, basic, read_write, sat, sbc, spc, sync_cache, zbc};
use scsi_cdb::{Cdb, Command, DecodeError, FieldPointer};

/// What a type offers that the generic checks need.
struct Meta {
    name: &'static str,
    len: usize,
    fields: &'static [FieldInfo],
    sa: Option<u16>,
    default: Command<'static>,
    decode: fn(&[u8]) -> Result<Command<'static>, DecodeError>,
}

macro_rules! metas {
    ($($module:ident :: $t:ident),* $(,)?) => {
        fn all() -> Vec<Meta> {
            vec![$(Meta {
                name: stringify!($t),
                len: $module::$t::LEN,
                fields: $module::$t::FIELDS,
                sa: $module::$t::SERVICE_ACTION,
                default: Command::from($module::$t::default()),
                decode: |b| $module::$t::decode(b).map(Command::from),
            }),*]
        }
    };
}
with_commands!(metas);

fn header_bits(len: usize, sa_in_byte1: bool) -> Vec<u8> {
    let mut m = vec![0u8; len];
    m[0] = 0xFF;
    if len == 32 {
        m[1] = 0xFF;
        m[7] = 0xFF;
        m[8] = 0xFF;
        m[9] = 0xFF;
    } else {
        m[len - 1] = 0xFF;
        if sa_in_byte1 {
            m[1] |= 0x1F;
        }
    }
    m
}

#[test]
fn layout_tables_are_consistent() {
    let metas = all();
    assert!(metas.len() >= 70, "{} table commands", metas.len());
    for m in &metas {
        let mut used = header_bits(m.len, m.sa.is_some() && m.len != 32);
        for f in m.fields.iter().filter(|f| f.nbytes > 0) {
            assert!(
                usize::from(f.byte) + usize::from(f.nbytes) <= m.len,
                "{}: {} outside the CDB",
                m.name,
                f.name
            );
            assert!(
                u32::from(f.shift) + u32::from(f.bits) <= 8 * u32::from(f.nbytes),
                "{}: {}",
                m.name,
                f.name
            );
            let mut mine = vec![0u8; m.len];
            let v = if f.bits >= 64 { u64::MAX } else { ((1u64 << f.bits) - 1) << f.shift };
            for i in 0..usize::from(f.nbytes) {
                mine[usize::from(f.byte) + i] = (v >> (8 * (usize::from(f.nbytes) - 1 - i))) as u8;
            }
            for (i, (a, b)) in used.iter_mut().zip(&mine).enumerate() {
                assert_eq!(
                    *a & *b,
                    0,
                    "{}: {} overlaps another field or the header at byte {i}",
                    m.name,
                    f.name
                );
                *a |= *b;
            }
        }
        assert_eq!(m.default.cdb_len(), m.len, "{}", m.name);
        assert_eq!(m.default.type_name(), m.name);
    }
}

#[test]
fn defaults_round_trip_through_both_decoders() {
    for m in all() {
        let bytes = m.default.to_buf().unwrap();
        assert_eq!((m.decode)(bytes.as_bytes()), Ok(m.default), "{}", m.name);
        // The generic decoder picks the same type, unless an earlier typed decoder owns the
        // opcode.
        match Command::parse(bytes.as_bytes()) {
            Ok(t) => assert_eq!(t, m.default, "{}", m.name),
            other => panic!("{}: {other:?}", m.name),
        }
        assert!(Command::parse(bytes.as_bytes()).unwrap().name().is_some(), "{} has a T10 name", m.name);
    }
}

/// Flips every bit of every byte except the operation code: the decoder must either accept
/// (and re-encode the same bytes) or point at the flipped bit (reserved bits) or at the field
/// holding it (reserved codes), or report the service action or length byte.
#[test]
fn every_single_bit_flip_is_accepted_exactly_or_pointed_at() {
    for m in all() {
        let valid = m.default.to_buf().unwrap();
        for byte in 1..m.len {
            for bit in 0..8u8 {
                let mut b = valid.as_bytes().to_vec();
                b[byte] ^= 1 << bit;
                match (m.decode)(&b) {
                    Ok(c) => {
                        assert_eq!(c.to_buf().unwrap().as_bytes(), &b[..], "{} byte {byte} bit {bit}", m.name)
                    }
                    Err(DecodeError::InvalidField(p)) => {
                        let field = m.fields.iter().find(|f| f.pointer() == p);
                        assert!(
                            p == FieldPointer::bit(byte as u16, bit)
                                || field.is_some()
                                // a rule across fields (`check:`, INQUIRY's PAGE CODE without
                                // EVPD) points at the flipped byte
                                || p == FieldPointer::byte(byte as u16)
                                || p == FieldPointer::byte(7),
                            "{} byte {byte} bit {bit}: pointer {p:?}",
                            m.name
                        );
                    }
                    Err(DecodeError::WrongServiceAction { .. }) => {
                        assert!(m.sa.is_some(), "{}", m.name);
                    }
                    Err(e) => panic!("{} byte {byte} bit {bit}: {e:?}", m.name),
                }
            }
        }
    }
}

#[test]
fn truncated_cdbs_are_errors_never_panics() {
    for m in all() {
        let valid = m.default.to_buf().unwrap();
        for n in 0..m.len {
            assert!((m.decode)(&valid.as_bytes()[..n]).is_err(), "{} at {n}", m.name);
            let _ = Command::parse(&valid.as_bytes()[..n]);
        }
    }
}

#[cfg(feature = "arbitrary")]
mod random {
    use super::*;
    use arbitrary::{Arbitrary, Unstructured};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn arbitrary_commands_round_trip(raw in proptest::collection::vec(any::<u8>(), 64..256)) {
            let mut u = Unstructured::new(&raw);
            if let Ok(cmd) = Command::arbitrary(&mut u) {
                let bytes = cmd.to_buf().unwrap();
                prop_assert_eq!(bytes.as_bytes().len(), cmd.cdb_len());
                let back = Command::parse(bytes.as_bytes()).unwrap();
                // `extra` values (not in the CDB) come back as zero; compare the bytes.
                prop_assert_eq!(back.name().is_some(), true);
                prop_assert_eq!(back.to_buf().unwrap(), bytes);
                prop_assert_eq!(back.type_name(), cmd.type_name());
                prop_assert!(!matches!(back, Command::Other { .. }), "{:?}", back);
            }
        }

        #[test]
        fn arbitrary_ata_pass_through_round_trips(raw in proptest::collection::vec(any::<u8>(), 64..128)) {
            use scsi_cdb::cdb::sat::AtaPassThrough;
            let mut u = Unstructured::new(&raw);
            if let Ok(cmd) = AtaPassThrough::arbitrary(&mut u) {
                let bytes = cmd.to_buf().unwrap();
                let back = Command::parse(bytes.as_bytes()).unwrap();
                prop_assert_eq!(back.ata(), Some(cmd));
                prop_assert_eq!(AtaPassThrough::decode(bytes.as_bytes()), Ok(cmd));
                prop_assert_eq!(Command::from(cmd.cdb()), back);
            }
        }
    }
}

/// CDB USAGE DATA (what a target reports in REPORT SUPPORTED OPERATION CODES) agrees with the
/// decoder: a bit marked used is accepted when set (or pointed at as a reserved code of its
/// field), a bit marked unused is rejected with a pointer to exactly that bit.
#[test]
fn cdb_usage_agrees_with_the_decoder() {
    use scsi_cdb::OpCode;
    use scsi_cdb::data::{OneCommand, one_command_data};
    for m in all() {
        let default = m.default.to_buf().unwrap();
        let sa = m.default.service_action().map(|s| s.0);
        let usage = Command::cdb_usage(m.default.opcode(), sa).unwrap();
        let usage = usage.as_bytes();
        assert_eq!(usage.len(), m.len, "{}", m.name);
        assert_eq!(usage[0], m.default.opcode().0);
        let control_at = if m.len == 32 { 1 } else { m.len - 1 };
        for byte in 1..m.len {
            if byte == control_at || (m.len == 32 && (7..=9).contains(&byte)) {
                continue;
            }
            for bit in 0..8u8 {
                // The service action's own bits hold its value, not a mask.
                if m.len != 32 && byte == 1 && bit < 5 && sa.is_some() {
                    continue;
                }
                let mut b = default.as_bytes().to_vec();
                b[byte] ^= 1 << bit;
                let used = usage[byte] & (1 << bit) != 0;
                match (m.decode)(&b) {
                    Ok(_) => {
                        assert!(used, "{}: byte {byte} bit {bit} accepted but not in the usage data", m.name)
                    }
                    Err(DecodeError::InvalidField(p)) if p == FieldPointer::bit(byte as u16, bit) => {
                        // Unused, or the top bit of a coded field whose new value is reserved.
                        let coded = m.fields.iter().any(|f| f.pointer() == p);
                        assert!(
                            !used || coded,
                            "{}: byte {byte} bit {bit} rejected but in the usage data",
                            m.name
                        )
                    }
                    Err(_) => assert!(used, "{}: byte {byte} bit {bit}", m.name),
                }
            }
        }
        // The one-command answer a target builds from it reads back.
        let mut out = [0u8; 64];
        let n = one_command_data(3, usage, None, &mut out).unwrap();
        let one = OneCommand::parse(&out[..n]).unwrap();
        assert!(one.is_supported());
        assert_eq!(one.usage, usage);
        let _ = OpCode(usage[0]);
    }
    let ms10 = Command::cdb_usage(scsi_cdb::OpCode::MODE_SENSE_10, None).unwrap();
    assert_eq!(ms10.as_bytes(), [0x5A, 0x18, 0xFF, 0xFF, 0, 0, 0, 0xFF, 0xFF, 0xC4]);
    let rsoc = Command::cdb_usage(scsi_cdb::OpCode::MAINTENANCE_IN, Some(0x0C)).unwrap();
    assert_eq!(rsoc.as_bytes(), [0xA3, 0x0C, 0x87, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0xC4]);
    assert!(Command::all_layouts().count() >= 70);
}
