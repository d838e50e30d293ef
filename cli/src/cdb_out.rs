//! CDBs: name, fields, direction and transfer length, invalid fields, and the byte map. All of
//! it comes from the library's [`scsi_cdb::cdb::explain::CdbReport`] (the commands' layout
//! tables); this module only turns it into strings and JSON values.

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
