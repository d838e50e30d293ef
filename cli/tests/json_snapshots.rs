//! Snapshots of the JSON that `scsi-decode log --json`, `log --summary --json`, `sense --json`
//! and `zones --json` print, as literal strings: the shape of the Serialize types in
//! `scsi_decode` (`EventJson`, `SummaryJson`, `TripleJson`, `ErrorJson`) and of the library's
//! `ReportZonesData`, byte for byte, key order included.

use std::io::Write as _;
use std::process::{Command, Stdio};

use scsi_decode::logscan::report::EventJson;
use scsi_decode::logscan::scan;
use scsi_decode::logscan::summary::{Summary, SummaryJson};
use scsi_decode::{ErrorJson, TripleJson};
use serde::Serialize;

/// The JSON of a value, checked to be the same bytes as its `serde_json::Value` (whose map
/// keys are sorted): the field order of each type is its key order.
fn json(v: &impl Serialize) -> String {
    let direct = serde_json::to_string(v).unwrap();
    assert_eq!(direct, serde_json::to_value(v).unwrap().to_string(), "fields out of key order");
    direct
}

fn event_jsons(text: &str) -> Vec<String> {
    let events = scan(text);
    for e in &events {
        assert_eq!(json(&EventJson::new(e)), scsi_decode::event_json(e).to_string());
    }
    events.iter().map(|e| json(&EventJson::new(e))).collect()
}

/// Three events of three families (Linux sd, ESXi, FreeBSD CAM), one after the other.
const MIXED: &str = concat!(
    "[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE cmd_age=0s\n",
    "[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 Sense Key : Medium Error [current]\n",
    "[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 Add. Sense: Unrecovered read error\n",
    "[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 CDB: Read(10) 28 00 00 31 c9 b8 00 00 30 00\n",
    "vmkernel: 76:23:45:36.239 cpu11:22687)NMP: nmp_CompleteCommandForPath: Command 0x28 (0x41000b10f000) to NMP device \"naa.600601601f70190016361881f3b4de11\" failed on physical path \"vmhba3:C0:T2:L10\" H:0x0 D:0x2 P:0x0 Valid sense data: 0x2 0x4 0x3.\n",
    "(da0:umass-sim0:0:0:0): WRITE(10). CDB: 2a 00 00 00 26 b8 00 00 08 00 \n",
    "(da0:umass-sim0:0:0:0): CAM status: SCSI Status Error\n",
    "(da0:umass-sim0:0:0:0): SCSI status: Check Condition\n",
    "(da0:umass-sim0:0:0:0): SCSI sense: NOT READY asc:3a,0 (Medium not present)\n",
    "(da0:umass-sim0:0:0:0): Error 6, Unretryable error\n",
);

#[test]
fn linux_sd_event() {
    assert_eq!(
        event_jsons(MIXED)[0],
        r##"{"asc":17,"ascq":0,"command":{"cdb":"28 00 00 31 c9 b8 00 00 30 00","lba":3262904,"logged_name":null,"name":"READ(10)","opcode":40,"transfer_length":48},"deferred":false,"description":"UNRECOVERED READ ERROR","device":"sde","disposition":"medium_error","esxi":null,"host_result":{"driver_byte":{"code":8,"meaning":"sense data is available","name":"DRIVER_SENSE"},"host_byte":{"code":0,"meaning":"no error","name":"DID_OK"}},"information":null,"last_line":4,"lba":null,"line":1,"lines":[1,2,3,4],"medium_error_lba":null,"outcome":"MEDIUM ERROR: UNRECOVERED READ ERROR (11h/00h) on READ(10)","sense":null,"sense_key":3,"sense_key_name":"MEDIUM ERROR","source":"linux","status":null,"text":"[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE cmd_age=0s\n[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 Sense Key : Medium Error [current]\n[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 Add. Sense: Unrecovered read error\n[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 CDB: Read(10) 28 00 00 31 c9 b8 00 00 30 00"}"##
    );
}

#[test]
fn esxi_event() {
    assert_eq!(
        event_jsons(MIXED)[1],
        r##"{"asc":4,"ascq":3,"command":{"cdb":null,"logged_name":null,"name":"READ(10)","opcode":40},"deferred":false,"description":"LOGICAL UNIT NOT READY, MANUAL INTERVENTION REQUIRED","device":"naa.600601601f70190016361881f3b4de11","disposition":"not_ready","esxi":{"device":{"code":2,"name":"CHECK CONDITION"},"host":{"code":0,"meaning":"no error","name":"VMK_SCSI_HOST_OK"},"plugin":{"code":0,"meaning":"no error","name":"VMK_SCSI_PLUGIN_GOOD"},"reported":[2,4,3],"sense_data":"valid"},"host_result":null,"information":null,"last_line":5,"lba":null,"line":5,"lines":[5],"medium_error_lba":null,"outcome":"NOT READY: LOGICAL UNIT NOT READY, MANUAL INTERVENTION REQUIRED (04h/03h) on READ(10)","sense":null,"sense_key":2,"sense_key_name":"NOT READY","source":"esxi","status":{"code":2,"name":"CHECK CONDITION"},"text":"vmkernel: 76:23:45:36.239 cpu11:22687)NMP: nmp_CompleteCommandForPath: Command 0x28 (0x41000b10f000) to NMP device \"naa.600601601f70190016361881f3b4de11\" failed on physical path \"vmhba3:C0:T2:L10\" H:0x0 D:0x2 P:0x0 Valid sense data: 0x2 0x4 0x3."}"##
    );
}

#[test]
fn freebsd_cam_event() {
    assert_eq!(
        event_jsons(MIXED)[2],
        r##"{"asc":58,"ascq":0,"command":{"cdb":"2a 00 00 00 26 b8 00 00 08 00","lba":9912,"logged_name":null,"name":"WRITE(10)","opcode":42,"transfer_length":8},"deferred":false,"description":"MEDIUM NOT PRESENT","device":"da0","disposition":"no_medium","esxi":null,"host_result":null,"information":null,"last_line":9,"lba":null,"line":6,"lines":[6,8,9],"medium_error_lba":null,"outcome":"NOT READY: MEDIUM NOT PRESENT (3Ah/00h) on WRITE(10)","sense":null,"sense_key":2,"sense_key_name":"NOT READY","source":"freebsd","status":{"code":2,"name":"CHECK CONDITION"},"text":"(da0:umass-sim0:0:0:0): WRITE(10). CDB: 2a 00 00 00 26 b8 00 00 08 00 \n(da0:umass-sim0:0:0:0): SCSI status: Check Condition\n(da0:umass-sim0:0:0:0): SCSI sense: NOT READY asc:3a,0 (Medium not present)"}"##
    );
}

/// The sense bytes of a hex dump decoded under `sense`, with that object's keys sorted too.
#[test]
fn linux_descriptor_dump_event_with_its_sense() {
    let log = concat!(
        "sd 2:0:0:0: [sda]  Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE\n",
        "sd 2:0:0:0: [sda]  Sense Key : Medium Error [current] [descriptor]\n",
        "Descriptor sense data with sense descriptors (in hex):\n",
        "        72 03 11 04 00 00 00 0c 00 0a 80 00 00 00 00 00 \n",
        "        13 78 b2 9a \n",
        "sd 2:0:0:0: [sda]  Add. Sense: Unrecovered read error - auto reallocate failed\n",
        "sd 2:0:0:0: [sda] CDB: Read(10): 28 00 13 78 b2 98 00 00 08 00\n",
        "end_request: I/O error, dev sda, sector 326677146\n",
    );
    assert_eq!(
        event_jsons(log),
        [
            r##"{"asc":17,"ascq":4,"command":{"cdb":"28 00 13 78 b2 98 00 00 08 00","lba":326677144,"logged_name":null,"name":"READ(10)","opcode":40,"transfer_length":8},"deferred":false,"description":"UNRECOVERED READ ERROR - AUTO REALLOCATE FAILED","device":"sda","disposition":"medium_error","esxi":null,"host_result":{"driver_byte":{"code":8,"meaning":"sense data is available","name":"DRIVER_SENSE"},"host_byte":{"code":0,"meaning":"no error","name":"DID_OK"}},"information":326677146,"last_line":8,"lba":326677146,"line":1,"lines":[1,2,3,4,5,6,7,8],"medium_error_lba":326677146,"outcome":"MEDIUM ERROR: UNRECOVERED READ ERROR - AUTO REALLOCATE FAILED (11h/04h) on READ(10) at LBA 326677146","sense":{"asc":17,"ascq":4,"ata_status":null,"available_length":20,"command_specific":null,"declared_length":20,"deferred":false,"description":"UNRECOVERED READ ERROR - AUTO REALLOCATE FAILED","descriptor_overrun":null,"descriptors":[{"information":326677146,"offset":8,"type":0,"type_name":"information","valid":true}],"disposition":"medium_error","eom":false,"errno":5,"filemark":false,"format":"descriptor","fru":null,"ili":false,"information":326677146,"progress":null,"progress_percent":null,"response_code":114,"sdat_ovfl":false,"sense_key":3,"sense_key_name":"MEDIUM ERROR","sks":null,"truncated":false},"sense_key":3,"sense_key_name":"MEDIUM ERROR","source":"linux","status":null,"text":"sd 2:0:0:0: [sda]  Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE\nsd 2:0:0:0: [sda]  Sense Key : Medium Error [current] [descriptor]\nDescriptor sense data with sense descriptors (in hex):\n        72 03 11 04 00 00 00 0c 00 0a 80 00 00 00 00 00 \n        13 78 b2 9a \nsd 2:0:0:0: [sda]  Add. Sense: Unrecovered read error - auto reallocate failed\nsd 2:0:0:0: [sda] CDB: Read(10): 28 00 13 78 b2 98 00 00 08 00\nend_request: I/O error, dev sda, sector 326677146"}"##
        ]
    );
}

/// `command.lba` and `command.transfer_length` read from the logged CDB: a WRITE(16), and a
/// READ(10) the log cut off after byte 6 (its TRANSFER LENGTH is `null`).
#[test]
fn logged_write16_and_cut_read10_cdbs() {
    let log = concat!(
        "sd 2:0:0:0: [sdb] tag#3 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE\n",
        "sd 2:0:0:0: [sdb] tag#3 Sense Key : Medium Error [current]\n",
        "sd 2:0:0:0: [sdb] tag#3 Add. Sense: Write error\n",
        "sd 2:0:0:0: [sdb] tag#3 CDB: Write(16) 8a 00 00 00 00 01 12 34 56 78 00 00 01 00 00 00\n",
        "sd 2:0:0:0: [sdb] tag#4 Sense Key : Medium Error [current]\n",
        "sd 2:0:0:0: [sdb] tag#4 Add. Sense: Unrecovered read error\n",
        "sd 2:0:0:0: [sdb] tag#4 CDB: Read(10) 28 00 00 31 c9 b8 00\n",
    );
    assert_eq!(
        event_jsons(log),
        [
            r##"{"asc":12,"ascq":0,"command":{"cdb":"8a 00 00 00 00 01 12 34 56 78 00 00 01 00 00 00","lba":4600387192,"logged_name":null,"name":"WRITE(16)","opcode":138,"transfer_length":256},"deferred":false,"description":"WRITE ERROR","device":"sdb","disposition":"medium_error","esxi":null,"host_result":{"driver_byte":{"code":8,"meaning":"sense data is available","name":"DRIVER_SENSE"},"host_byte":{"code":0,"meaning":"no error","name":"DID_OK"}},"information":null,"last_line":4,"lba":null,"line":1,"lines":[1,2,3,4],"medium_error_lba":null,"outcome":"MEDIUM ERROR: WRITE ERROR (0Ch/00h) on WRITE(16)","sense":null,"sense_key":3,"sense_key_name":"MEDIUM ERROR","source":"linux","status":null,"text":"sd 2:0:0:0: [sdb] tag#3 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE\nsd 2:0:0:0: [sdb] tag#3 Sense Key : Medium Error [current]\nsd 2:0:0:0: [sdb] tag#3 Add. Sense: Write error\nsd 2:0:0:0: [sdb] tag#3 CDB: Write(16) 8a 00 00 00 00 01 12 34 56 78 00 00 01 00 00 00"}"##,
            r##"{"asc":17,"ascq":0,"command":{"cdb":"28 00 00 31 c9 b8 00","lba":3262904,"logged_name":null,"name":"READ(10)","opcode":40,"transfer_length":null},"deferred":false,"description":"UNRECOVERED READ ERROR","device":"sdb","disposition":"medium_error","esxi":null,"host_result":null,"information":null,"last_line":7,"lba":null,"line":5,"lines":[5,6,7],"medium_error_lba":null,"outcome":"MEDIUM ERROR: UNRECOVERED READ ERROR (11h/00h) on READ(10)","sense":null,"sense_key":3,"sense_key_name":"MEDIUM ERROR","source":"linux","status":null,"text":"sd 2:0:0:0: [sdb] tag#4 Sense Key : Medium Error [current]\nsd 2:0:0:0: [sdb] tag#4 Add. Sense: Unrecovered read error\nsd 2:0:0:0: [sdb] tag#4 CDB: Read(10) 28 00 00 31 c9 b8 00"}"##,
        ]
    );
}

/// `file` goes in its sorted place, as `log --json a.log b.log` prints it.
#[test]
fn event_read_from_one_of_several_files() {
    let events = scan(MIXED);
    assert_eq!(
        json(&EventJson::new(&events[0]).in_file(Some("a.log"))),
        r##"{"asc":17,"ascq":0,"command":{"cdb":"28 00 00 31 c9 b8 00 00 30 00","lba":3262904,"logged_name":null,"name":"READ(10)","opcode":40,"transfer_length":48},"deferred":false,"description":"UNRECOVERED READ ERROR","device":"sde","disposition":"medium_error","esxi":null,"file":"a.log","host_result":{"driver_byte":{"code":8,"meaning":"sense data is available","name":"DRIVER_SENSE"},"host_byte":{"code":0,"meaning":"no error","name":"DID_OK"}},"information":null,"last_line":4,"lba":null,"line":1,"lines":[1,2,3,4],"medium_error_lba":null,"outcome":"MEDIUM ERROR: UNRECOVERED READ ERROR (11h/00h) on READ(10)","sense":null,"sense_key":3,"sense_key_name":"MEDIUM ERROR","source":"linux","status":null,"text":"[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE cmd_age=0s\n[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 Sense Key : Medium Error [current]\n[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 Add. Sense: Unrecovered read error\n[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 CDB: Read(10) 28 00 00 31 c9 b8 00 00 30 00"}"##
    );
}

#[test]
fn summary() {
    let mut s = Summary::new();
    for e in scan(MIXED) {
        s.add(&e);
    }
    assert_eq!(json(&SummaryJson::new(&s)), s.json().to_string());
    assert_eq!(
        json(&SummaryJson::new(&s)),
        r##"{"devices":[{"by_asc":[{"asc":58,"ascq":0,"count":1,"description":"MEDIUM NOT PRESENT","sense_key":2}],"by_sense_key":[{"count":1,"name":"NOT READY","sense_key":2}],"commands":[{"count":1,"name":"WRITE(10)"}],"device":"da0","events":1,"first":{"file":null,"line":6,"time":null},"first_line":6,"last":{"file":null,"line":6,"time":null},"last_line":6,"medium_error_lbas":[],"medium_error_lbas_not_listed":0,"transport":[],"verdict":"NOT READY: 1 (no medium, spinning up or offline)"},{"by_asc":[{"asc":4,"ascq":3,"count":1,"description":"LOGICAL UNIT NOT READY, MANUAL INTERVENTION REQUIRED","sense_key":2}],"by_sense_key":[{"count":1,"name":"NOT READY","sense_key":2}],"commands":[{"count":1,"name":"READ(10)"}],"device":"naa.600601601f70190016361881f3b4de11","events":1,"first":{"file":null,"line":5,"time":null},"first_line":5,"last":{"file":null,"line":5,"time":null},"last_line":5,"medium_error_lbas":[],"medium_error_lbas_not_listed":0,"transport":[],"verdict":"NOT READY: 1 (no medium, spinning up or offline)"},{"by_asc":[{"asc":17,"ascq":0,"count":1,"description":"UNRECOVERED READ ERROR","sense_key":3}],"by_sense_key":[{"count":1,"name":"MEDIUM ERROR","sense_key":3}],"commands":[{"count":1,"name":"READ(10)"}],"device":"sde","events":1,"first":{"file":null,"line":1,"time":"[Tue Oct 27 08:51:30 2020]"},"first_line":1,"last":{"file":null,"line":1,"time":"[Tue Oct 27 08:51:30 2020]"},"last_line":1,"medium_error_lbas":[],"medium_error_lbas_not_listed":0,"transport":[],"verdict":"FAILING MEDIUM: 1 medium errors; back up the data and replace or remap the disk"}],"events":3}"##
    );
}

#[test]
fn triple_and_error() {
    let t = TripleJson {
        input: Some("key/asc/ascq"),
        ..TripleJson::new(Some(3), Some(0x11), Some(0), None, false)
    };
    assert_eq!(
        json(&t),
        r##"{"asc":17,"ascq":0,"deferred":false,"description":"UNRECOVERED READ ERROR","disposition":"medium_error","information":null,"input":"key/asc/ascq","sense_key":3,"sense_key_name":"MEDIUM ERROR"}"##
    );
    assert_eq!(
        json(&ErrorJson::new("not a hex digit: 'z' at position 0")),
        r##"{"error":"not a hex digit: 'z' at position 0"}"##
    );
}

/// Over the whole corpus, each type serializes to the bytes of its `serde_json::Value`: the
/// fields are declared in key order, and `file` lands where inserting it into the map puts it.
#[test]
fn every_corpus_event_and_summary_serializes_in_key_order() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/logs");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut all = Summary::new();
    let mut n = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let name = f.to_str();
        let mut s = Summary::new();
        for e in scan(&text) {
            n += 1;
            let mut v = scsi_decode::event_json(&e);
            v["file"] = name.into();
            assert_eq!(json(&EventJson::new(&e).in_file(name)), v.to_string());
            s.add(&e);
            all.add_in(&e, name);
        }
        assert_eq!(json(&SummaryJson::new(&s)), s.json().to_string());
    }
    assert_eq!(json(&SummaryJson::new(&all)), all.json().to_string());
    assert!(n > 100, "{n} events");
}

/// Bulk `sense --json`: a triple, a blank line, bad hex and sense data, each with its `line`.
#[test]
fn bulk_sense_records() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scsi-decode"))
        .args(["sense", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"5/24/00\n\nzz\n70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 c0 00 04\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        concat!(
            r##"{"asc":36,"ascq":0,"deferred":false,"description":"INVALID FIELD IN CDB","disposition":"invalid_request","information":null,"line":1,"sense_key":5,"sense_key_name":"ILLEGAL REQUEST"}"##,
            "\n",
            r##"{"error":"empty line","line":2}"##,
            "\n",
            r##"{"error":"not a hex digit: 'z' at position 0","line":3}"##,
            "\n",
            r##"{"asc":36,"ascq":0,"ata_status":null,"available_length":18,"command_specific":0,"declared_length":18,"deferred":false,"description":"INVALID FIELD IN CDB","descriptor_overrun":null,"descriptors":[],"disposition":"invalid_request","eom":false,"errno":22,"filemark":false,"format":"fixed","fru":null,"ili":false,"information":null,"line":4,"progress":null,"progress_percent":null,"response_code":112,"sdat_ovfl":false,"sense_key":5,"sense_key_name":"ILLEGAL REQUEST","sks":{"field_pointer":{"bit_pointer":0,"bpv":false,"command":true,"field_pointer":4}},"truncated":false}"##,
            "\n",
        )
    );
}

/// `zones --json` on scsi_debug's REPORT ZONES answer (sg3_utils' `rep_zones.hex`), byte for
/// byte: the library's `Serialize` of `ReportZonesData` through its `Value` (keys sorted).
#[test]
fn report_zones_of_the_scsi_debug_sample() {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/testdata"));
    assert!(
        root.is_dir(),
        "{} is missing: check out the shared folder beside the repository",
        root.display()
    );
    let f = root.join("sg3_utils-inhex/data/rep_zones.hex");
    let out = Command::new(env!("CARGO_BIN_EXE_scsi-decode"))
        .args(["zones", "--json", "--file", f.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        concat!(
            r##"{"available_length":320,"declared_length":320,"maximum_lba":1048575,"same":0,"same_name":"zone type and length may differ","truncated":false,"zone_list_length":256,"zone_starting_lba_granularity":0,"zones":["##,
            r##"{"non_seq":false,"reset":false,"write_pointer_lba":18446744073709551615,"zone_condition":0,"zone_condition_name":"not write pointer","zone_length":262144,"zone_start_lba":0,"zone_type":1,"zone_type_name":"conventional"},"##,
            r##"{"non_seq":false,"reset":false,"write_pointer_lba":262144,"zone_condition":1,"zone_condition_name":"empty","zone_length":262144,"zone_start_lba":262144,"zone_type":2,"zone_type_name":"sequential write required"},"##,
            r##"{"non_seq":false,"reset":false,"write_pointer_lba":524288,"zone_condition":1,"zone_condition_name":"empty","zone_length":262144,"zone_start_lba":524288,"zone_type":2,"zone_type_name":"sequential write required"},"##,
            r##"{"non_seq":false,"reset":false,"write_pointer_lba":786432,"zone_condition":1,"zone_condition_name":"empty","zone_length":262144,"zone_start_lba":786432,"zone_type":2,"zone_type_name":"sequential write required"}]}"##,
            "\n",
        )
    );
}
