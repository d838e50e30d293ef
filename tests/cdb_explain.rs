//! `cdb::explain`: the layout, text, byte map and JSON of any CDB, from the layout tables.

use scsi_cdb::cdb::FieldValue;
use scsi_cdb::cdb::explain::{CdbLayout, CdbReport};
use scsi_cdb::cdb::sat::AtaPassThrough;

fn names(cdb: &[u8]) -> Vec<&'static str> {
    CdbLayout::of(cdb).iter().map(|f| f.name).collect()
}

#[test]
fn read32_shows_rarc_and_its_header() {
    let mut b = [0u8; 32];
    b[0] = 0x7F;
    b[7] = 0x18;
    b[9] = 0x09;
    b[10] = 0x04;
    b[31] = 1;
    let r = CdbReport::new(&b);
    assert!(r.decoded.is_ok());
    assert_eq!(r.name().to_string(), "READ(32)");
    assert_eq!(r.field("RARC"), Some(1));
    assert_eq!(r.field("TRANSFER LENGTH"), Some(1));
    assert_eq!(r.field("CONTROL"), Some(0));
    assert_eq!(r.field("SERVICE ACTION"), Some(9));
    let map = r.byte_map().to_string();
    assert!(map.contains("RARC=1 (mask 0x04)"), "{map}");
    assert!(map.contains("byte  1  00  00000000  CONTROL = 0x00"), "{map}");
}

#[test]
fn format_unit_with_fmtdata_sends_a_parameter_list() {
    let r = CdbReport::new(&[0x04, 0x10, 0, 0, 0, 0]);
    let text = r.text(512).to_string();
    assert!(
        text.contains("direction: to_device, transfer length: length given by the parameter list header"),
        "{text}"
    );
}

#[test]
fn invalid_field_is_marked_in_the_byte_map() {
    // INQUIRY with a reserved bit (byte 1 bit 2) set.
    let r = CdbReport::new(&[0x12, 0x04, 0, 0, 36, 0]);
    assert!(r.decoded.is_err());
    let map = r.byte_map().to_string();
    assert!(
        map.lines().any(|l| l.starts_with("  byte  1  04") && l.ends_with("<-- invalid (bit 2)")),
        "{map}"
    );
    assert!(r.text(512).to_string().contains("INVALID:"));
}

#[test]
fn headers_of_commands_without_a_type() {
    // REZERO UNIT: a 6-byte CDB this crate has no type for: operation code and CONTROL.
    assert_eq!(names(&[0x01, 0, 0, 0, 0, 0]), ["OPERATION CODE", "CONTROL"]);
    // A byte-1 service action of SERVICE ACTION IN (16) no type owns.
    let mut sai = [0u8; 16];
    sai[0] = 0x9E;
    sai[1] = 0x1F;
    assert_eq!(names(&sai), ["OPERATION CODE", "SERVICE ACTION", "CONTROL"]);
    // A variable-length CDB with an unknown service action: CONTROL is byte 1 (SPC-6 4.2.4).
    let mut var = [0u8; 32];
    var[0] = 0x7F;
    var[7] = 0x18;
    var[8] = 0x0F;
    assert_eq!(names(&var), ["OPERATION CODE", "CONTROL", "ADDITIONAL CDB LENGTH", "SERVICE ACTION"]);
    // A reserved group code: the length is unknown, so no CONTROL byte is claimed.
    assert_eq!(names(&[0x60; 16]), ["OPERATION CODE"]);
    // Vendor specific: no layout beyond the operation code.
    assert_eq!(names(&[0xC1, 1, 2, 3]), ["OPERATION CODE"]);
    assert_eq!(CdbReport::new(&[0xC1, 1, 2, 3]).name().to_string(), "VENDOR SPECIFIC C1h");
    // Fields beyond a short buffer are cut.
    assert_eq!(names(&[0x28, 0, 0]), ["OPERATION CODE", "RDPROTECT", "DPO", "FUA", "RARC", "Obsolete"]);
}

/// The registers `AtaPassThrough` gathers from a form's fields (the 16-byte form's interleaved
/// LBA bytes included) agree with the fields the explainer shows for the same bytes, for CDBs
/// that decode.
#[test]
fn ata_registers_agree_with_the_field_tables() {
    let mut seed = 0x1234_5678_9abc_def0u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut checked = 0;
    for i in 0..20_000 {
        let sixteen = i % 2 == 0;
        let mut b = [0u8; 16];
        for x in &mut b {
            *x = next() as u8;
        }
        let len = if sixteen { 16 } else { 12 };
        b[0] = if sixteen { 0x85 } else { 0xA1 };
        b[len - 1] &= 0xC4; // a CONTROL byte without reserved bits
        if !sixteen {
            b[1] &= 0xFE;
            b[10] = 0;
        }
        let cdb = &b[..len];
        let Ok(a) = AtaPassThrough::decode(cdb) else { continue };
        let r = CdbReport::new(cdb);
        let f = |n: &str| r.field(n).unwrap_or_else(|| panic!("{n} missing"));
        assert_eq!(f("MULTIPLE_COUNT"), FieldValue::to_raw(a.multiple_count));
        assert_eq!(f("PROTOCOL"), FieldValue::to_raw(a.protocol));
        assert_eq!(f("OFF_LINE"), FieldValue::to_raw(a.off_line));
        assert_eq!(f("CK_COND"), u64::from(a.ck_cond));
        assert_eq!(f("T_TYPE"), u64::from(a.t_type));
        assert_eq!(f("T_DIR"), u64::from(a.t_dir));
        assert_eq!(f("BYT_BLOK"), u64::from(a.byt_blok));
        assert_eq!(f("T_LENGTH"), FieldValue::to_raw(a.t_length));
        let regs = a.registers();
        assert_eq!(f("DEVICE"), u64::from(regs.device));
        assert_eq!(f("COMMAND"), u64::from(regs.command));
        let lba = regs.lba.get();
        let byte = |k: u32| (lba >> (8 * k)) & 0xFF;
        assert_eq!((f("LBA (7:0)"), f("LBA (15:8)"), f("LBA (23:16)")), (byte(0), byte(1), byte(2)));
        if sixteen {
            assert_eq!(f("EXTEND"), u64::from(a.extend));
            assert_eq!(f("FEATURES (15:0)"), u64::from(regs.features));
            assert_eq!(f("COUNT (15:0)"), u64::from(regs.count));
            assert_eq!((f("LBA (31:24)"), f("LBA (39:32)"), f("LBA (47:40)")), (byte(3), byte(4), byte(5)));
        } else {
            assert_eq!(f("FEATURES"), u64::from(regs.features));
            assert_eq!(f("COUNT"), u64::from(regs.count));
        }
        checked += 1;
    }
    assert!(checked > 1000, "only {checked} decoded");
}

#[cfg(feature = "serde")]
#[test]
fn json_snapshot() {
    let r = CdbReport::new(&[0x28, 0x08, 0, 0, 0x10, 0, 0, 0, 8, 0]);
    let v = serde_json::to_value(r.json(4096)).unwrap();
    assert_eq!(
        v.to_string(),
        concat!(
            r#"{"block_size":4096,"cdb":"28 08 00 00 10 00 00 00 08 00","direction":"from_device","error":null,"#,
            r#""expected_length":10,"fields":[{"byte":0,"length":1,"mask":255,"name":"OPERATION CODE","value":40},"#,
            r#"{"byte":1,"length":1,"mask":224,"name":"RDPROTECT","value":0},{"byte":1,"length":1,"mask":16,"name":"DPO","value":0},"#,
            r#"{"byte":1,"length":1,"mask":8,"name":"FUA","value":1},{"byte":1,"length":1,"mask":4,"name":"RARC","value":0},"#,
            r#"{"byte":1,"length":1,"mask":3,"name":"Obsolete","value":0},{"byte":2,"length":4,"mask":255,"name":"LOGICAL BLOCK ADDRESS","value":4096},"#,
            r#"{"byte":6,"length":1,"mask":63,"name":"GROUP NUMBER","value":0},{"byte":7,"length":2,"mask":255,"name":"TRANSFER LENGTH","value":8},"#,
            r#"{"byte":9,"length":1,"mask":255,"name":"CONTROL","value":0}],"length":10,"name":"READ(10)","opcode":40,"#,
            r#""service_action":null,"transfer_length":32768,"valid":true}"#
        )
    );
    // FORMAT UNIT with FMTDATA: data to the device, its length from the parameter list header.
    let fmt = CdbReport::new(&[0x04, 0x10, 0, 0, 0, 0]);
    let v = serde_json::to_value(fmt.json(512)).unwrap();
    assert_eq!(
        (&v["direction"], &v["transfer_length"]),
        (&serde_json::json!("to_device"), &serde_json::Value::Null)
    );
    let bad = CdbReport::new(&[0x12, 0x04, 0, 0, 36, 0]);
    let v = serde_json::to_value(bad.json(512)).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["error"]["field_pointer"], serde_json::json!({ "byte": 1, "bit": 2 }));
}

/// ATA PASS-THROUGH (32) shows its fields (it showed only the header while its layout was
/// hand-written), with PROTOCOL at byte 10 and the contiguous LBA at bytes 14-19.
#[test]
fn ata_pass_through_32_shows_its_fields() {
    use scsi_cdb::cdb::sat::AtaCdbSize;
    let id = AtaPassThrough::identify_device(AtaCdbSize::ThirtyTwo).to_bytes32().unwrap();
    let r = CdbReport::new(&id);
    let at = |n: &str| r.fields().find(|(f, _)| f.name == n).map(|(f, v)| (f.byte, v));
    assert_eq!(at("PROTOCOL"), Some((10, 4)));
    assert_eq!(at("T_LENGTH"), Some((11, 2)));
    assert_eq!(at("LBA (47:0)"), Some((14, 0)));
    assert_eq!(at("COMMAND"), Some((25, 0xEC)));
    assert_eq!(at("SERVICE ACTION"), Some((8, 0x1FF0)));
    assert!(r.byte_map().to_string().contains("byte 10  08  00001000  MULTIPLE_COUNT=0"));
}
