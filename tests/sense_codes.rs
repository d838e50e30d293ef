//! `Sense::codes` (the one-pass key/ASC/ASCQ read) agrees with the view's accessors on any
//! input, including truncated buffers and ADDITIONAL SENSE LENGTH cutting a fixed-format ASC.

use proptest::prelude::*;
use scsi_cdb::sense::Sense;

fn agree(buf: &[u8]) {
    let codes = Sense::codes(buf);
    match Sense::parse(buf) {
        Ok(s) => {
            let c = codes.expect("codes for a valid response code");
            assert_eq!(c.response_code, s.response_code(), "{buf:02x?}");
            assert_eq!(c.sense_key, s.sense_key(), "{buf:02x?}");
            assert_eq!(c.asc, s.asc(), "{buf:02x?}");
            assert_eq!(c.ascq, s.ascq(), "{buf:02x?}");
        }
        Err(_) => assert!(codes.is_none(), "{buf:02x?}"),
    }
}

#[test]
fn known_answers() {
    // Fixed, ADDITIONAL SENSE LENGTH 4 covers bytes 8-11 only: no ASC although byte 12 is there.
    let cut = [0x70, 0, 0x03, 0, 0, 0, 0, 0x04, 0, 0, 0, 0, 0x11, 0x00];
    let c = Sense::codes(&cut).unwrap();
    assert_eq!((c.asc, c.ascq), (None, None));
    agree(&cut);
    // Descriptor, 3 bytes: ASC present, ASCQ missing (issue regression).
    let c = Sense::codes(&[0x72, 0x05, 0x24]).unwrap();
    assert_eq!((c.asc, c.ascq), (Some(0x24), None));
    // Vendor format: no key or codes; a non-sense byte 0: None.
    assert_eq!(Sense::codes(&[0x7F, 1, 2, 3]).unwrap().sense_key, None);
    assert!(Sense::codes(&[]).is_none());
    assert!(Sense::codes(&[0x00, 0x05]).is_none());
}

proptest! {
    #[test]
    fn codes_agree_with_the_view(mut buf in proptest::collection::vec(any::<u8>(), 0..40), rc in prop::sample::select(vec![0x70u8, 0x71, 0x72, 0x73, 0x7F, 0xF0, 0xF2, 0x05])) {
        if let Some(b) = buf.first_mut() {
            *b = rc;
        }
        agree(&buf);
    }
}
