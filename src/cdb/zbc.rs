//! ZBC-2 commands: REPORT ZONES (decode its data with
//! [`ReportZonesData`](crate::data::ReportZonesData)), the zone management actions of
//! ZBC OUT (open, close, finish, reset write pointer, sequentialize, each with ALL), REPORT
//! REALMS, REPORT ZONE DOMAINS, ZONE ACTIVATE and ZONE QUERY.
//!
//! ```
//! use scsi_cdb::cdb::zbc::{ZoneAction, ZoneManagement};
//! use scsi_cdb::{Cdb, DataDirection};
//! let reset_all = ZoneManagement { service_action: ZoneAction::ResetWritePointer, all: true, ..Default::default() };
//! assert_eq!(reset_all.to_bytes()[..2], [0x94, 0x04]);
//! assert_eq!(reset_all.to_bytes()[14], 0x01);
//! assert_eq!(reset_all.direction(), DataDirection::None);
//! ```

use super::Transfer;
use super::layout::{U6, bytes, cdb_command, code_enum};

code_enum! {
    /// The zone management service actions of ZBC OUT (94h).
    pub enum ZoneAction {
        /// CLOSE ZONE.
        CloseZone = 0x01,
        /// FINISH ZONE.
        FinishZone = 0x02,
        /// OPEN ZONE.
        OpenZone = 0x03,
        /// RESET WRITE POINTER.
        #[default]
        ResetWritePointer = 0x04,
        /// SEQUENTIALIZE ZONE.
        SequentializeZone = 0x10,
    }
}

cdb_command! {
    /// ZBC OUT (94h) zone management: one service action applied to the zone that starts at
    /// `zone_id` (and the next `zone_count - 1` zones), or to every zone with ALL.
    pub struct ZoneManagement {
        len: 16, opcode: ZBC_OUT, service_action: None, direction: None,
        transfer: |_s| Transfer::None,
        sa_field: service_action in [0x01, 0x02, 0x03, 0x04, 0x10],
        fields: {
            /// SERVICE ACTION.
            val service_action: ZoneAction = "SERVICE ACTION" (1, 1, 0, 5),
            /// ZONE ID: the first LBA of the zone.
            int zone_id: u64 = "ZONE ID" (2),
            /// ZONE COUNT (0 and 1 both mean one zone).
            int zone_count: u16 = "ZONE COUNT" (12),
            /// ALL: every zone (ZONE ID is then ignored).
            bit all = "ALL" (14, 0),
        }
    }
}

cdb_command! {
    /// REPORT ZONES (95h/00h).
    pub struct ReportZones {
        len: 16, opcode: ZBC_IN, service_action: Some(0x00), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// ZONE START LBA.
            int zone_start_lba: u64 = "ZONE START LBA" (2),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (10),
            /// PARTIAL: the zone list length covers only what was returned.
            bit partial = "PARTIAL" (14, 7),
            /// REPORTING OPTIONS (0 all zones, 1 empty, 2 implicitly open, ... 3Fh not write
            /// pointer).
            val reporting_options: U6 = "REPORTING OPTIONS" (14, 1, 0, 6),
        }
    }
}

cdb_command! {
    /// REPORT REALMS (95h/06h).
    pub struct ReportRealms {
        len: 16, opcode: ZBC_IN, service_action: Some(0x06), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// REALM LOCATOR.
            int realm_locator: u64 = "REALM LOCATOR" (2),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (10),
            /// REPORTING OPTIONS.
            val reporting_options: U6 = "REPORTING OPTIONS" (14, 1, 0, 6),
        }
    }
}

cdb_command! {
    /// REPORT ZONE DOMAINS (95h/07h).
    pub struct ReportZoneDomains {
        len: 16, opcode: ZBC_IN, service_action: Some(0x07), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// ZONE DOMAIN LOCATOR.
            int zone_domain_locator: u64 = "ZONE DOMAIN LOCATOR" (2),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (10),
            /// REPORTING OPTIONS.
            val reporting_options: U6 = "REPORTING OPTIONS" (14, 1, 0, 6),
        }
    }
}

macro_rules! zone_activation {
    ($(#[$m:meta])* $name:ident, $sa:literal) => {
        cdb_command! {
            $(#[$m])*
            pub struct $name {
                len: 16, opcode: ZBC_IN, service_action: Some($sa), direction: FromDevice,
                transfer: |s| bytes(u32::from(s.allocation_length)),
                fields: {
                    /// ALL: every zone of the zone domain.
                    bit all = "ALL" (1, 7),
                    /// ZONE ID.
                    int zone_id: u64 = "ZONE ID" (2),
                    /// NUMBER OF ZONES.
                    int number_of_zones: u16 = "NUMBER OF ZONES" (10),
                    /// ALLOCATION LENGTH.
                    int allocation_length: u16 = "ALLOCATION LENGTH" (12),
                    /// OTHER ZONE DOMAIN ID.
                    int other_zone_domain_id: u8 = "OTHER ZONE DOMAIN ID" (14),
                }
            }
        }
    };
}

zone_activation!(
    /// ZONE ACTIVATE (95h/08h).
    ZoneActivate, 0x08
);
zone_activation!(
    /// ZONE QUERY (95h/09h): what ZONE ACTIVATE would do.
    ZoneQuery, 0x09
);
