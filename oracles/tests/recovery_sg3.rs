//! The recovery policy against sg3_utils' sense categories (`sg_err_category_sense`), where the
//! two overlap: a category names the class of a sense buffer, `decide` what to do about it, and
//! each category allows only some actions (NO SENSE and RECOVERED are done, UNIT ATTENTION is
//! retried in some way, ILLEGAL REQUEST fails, PROTECTION fails with EILSEQ, ...).

#[test]
fn oracle_present_or_skipped() {
    if !cfg!(oracles) {
        scsi_cdb_oracles::skip_note("recovery_sg3");
    }
}

#[cfg(oracles)]
mod live {
    use proptest::prelude::*;
    use scsi_cdb::recovery::{Action, CommandId, Completed, Policy, decide, errno};
    use scsi_cdb::sense::SenseBuilder;
    use scsi_cdb::{AdditionalSense, SenseKey, Status};
    use scsi_cdb_oracles::sg::err_category;

    /// Whether `a`, our action for `cmd`, fits sg3_utils' category `cat`.
    fn fits(cat: i32, cmd: CommandId, a: Action) -> bool {
        let retried = matches!(
            a,
            Action::Retry | Action::RetryAfter(_) | Action::RereadCapacityThenRetry | Action::RescanThenRetry
        );
        match cat {
            20 | 21 => matches!(a, Action::Done(_)),
            2 => !matches!(a, Action::Done(_) | Action::FallBack(_)),
            3 => retried || matches!(a, Action::Fail { .. }),
            // The one documented exception: READ CAPACITY(16) rejected with INVALID FIELD IN CDB
            // falls back to (10), as Linux sd does.
            5 if cmd == CommandId::READ_CAPACITY_16 => {
                matches!(a, Action::Fail { .. } | Action::FallBack(CommandId::READ_CAPACITY_10))
            }
            5 | 22 | 7 => matches!(a, Action::Fail { .. }),
            9 if cmd.fallback().is_some() => matches!(a, Action::FallBack(_)),
            9 => matches!(a, Action::Fail { errno: errno::EOPNOTSUPP, .. }),
            6 => retried,
            10 => matches!(a, Action::Fail { errno: errno::EIO, .. }),
            11 => a == Action::Retry,
            14 | 40 => matches!(a, Action::Fail { errno: errno::EILSEQ, .. }),
            // 98: other sense (vendor specific, EQUAL, VOLUME OVERFLOW, COMPLETED ...).
            98 => true,
            _ => false,
        }
    }

    fn check(cmd: CommandId, b: SenseBuilder) -> Result<(), String> {
        let sense = b.to_vec();
        let cat = err_category(&sense);
        let a = decide(&Completed::new(cmd, Status::CHECK_CONDITION, &sense), &Policy::DEFAULT);
        if fits(cat, cmd, a) {
            Ok(())
        } else {
            Err(format!("{cmd}: sg3 category {cat}, ours {a:?}, {sense:02x?}"))
        }
    }

    #[test]
    fn every_key_and_the_special_ascs() {
        for key in 0u8..16 {
            for (asc, ascq) in [
                (0, 0),
                (0x04, 0x01),
                (0x04, 0x02),
                (0x10, 1),
                (0x11, 0),
                (0x20, 0),
                (0x21, 0),
                (0x24, 0),
                (0x27, 7),
                (0x29, 0),
                (0x2A, 9),
                (0x3A, 0),
                (0x3F, 0x0E),
            ] {
                for cmd in [CommandId::TEST_UNIT_READY, CommandId::READ_CAPACITY_16, CommandId::READ_10] {
                    let b = SenseBuilder::new(SenseKey::from_nibble(key), AdditionalSense::new(asc, ascq));
                    check(cmd, b).unwrap();
                    check(cmd, b.descriptor()).unwrap();
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        #[test]
        fn arbitrary_sense_fits_the_sg3_category(
            key in 0u8..16,
            asc in any::<u8>(),
            ascq in any::<u8>(),
            desc in any::<bool>(),
            op in prop::sample::select(vec![0x00u8, 0x28, 0x35, 0x5A, 0x91, 0x9E, 0xA0]),
        ) {
            let mut b = SenseBuilder::new(SenseKey::from_nibble(key), AdditionalSense::new(asc, ascq));
            if desc {
                b = b.descriptor();
            }
            let cmd = CommandId::from_bytes(&[op, 0x10]).unwrap();
            prop_assert!(check(cmd, b).is_ok(), "{}", check(cmd, b).unwrap_err());
        }
    }
}
