//! CDBs: name, fields, direction and transfer length, invalid fields, and the byte map. All of
//! it comes from the library's [`scsi_cdb::cdb::explain::CdbReport`] (the layout tables of the
//! commands and of ATA PASS-THROUGH); this module only turns it into strings and JSON values.

pub use scsi_cdb::cdb::explain::CdbReport;
use serde_json::Value;

/// Decodes a CDB for display.
#[must_use]
pub fn report(bytes: &[u8]) -> CdbReport<'_> {
    CdbReport::new(bytes)
}

/// The JSON object for a CDB (the library's `Serialize` shape).
#[must_use]
pub fn cdb_json(r: &CdbReport<'_>, block_size: u32) -> Value {
    serde_json::to_value(r.json(block_size)).unwrap_or(Value::Null)
}

/// Text for a CDB.
#[must_use]
pub fn cdb_text(r: &CdbReport<'_>, block_size: u32) -> String {
    r.text(block_size).to_string()
}

/// The byte map: every byte with the fields that live in it.
#[must_use]
pub fn cdb_explain(r: &CdbReport<'_>) -> String {
    r.byte_map().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_unit_with_fmtdata_sends_a_parameter_list() {
        let b = [0x04, 0x10, 0, 0, 0, 0];
        let r = report(&b);
        let text = cdb_text(&r, 512);
        assert!(
            text.contains("direction: to_device, transfer length: length given by the parameter list header"),
            "{text}"
        );
        let v = cdb_json(&r, 512);
        assert_eq!(v["direction"], "to_device");
        assert_eq!(v["transfer_length"], Value::Null);
    }

    #[test]
    fn read32_explain_shows_rarc() {
        let mut b = [0u8; 32];
        b[0] = 0x7F;
        b[7] = 0x18;
        b[9] = 0x09;
        b[10] = 0x04;
        b[31] = 1;
        let r = report(&b);
        assert!(r.decoded.is_ok());
        let map = cdb_explain(&r);
        assert!(map.contains("RARC=1 (mask 0x04)"), "{map}");
    }
}
