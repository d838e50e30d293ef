/* One entry point over the rest of libiscsi's CDB builders, for the command-set differential
 * test: `which` selects the builder, `a` holds its integer arguments in libiscsi's order.
 * Returns the CDB length, or -1 when libiscsi refused or `which` is unknown. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <iscsi/scsi-lowlevel.h>

static int take_task(struct scsi_task *t, unsigned char *out, int *dir, int *xfer) {
    if (t == NULL) return -1;
    int n = t->cdb_size;
    memcpy(out, t->cdb, (size_t)n);
    *dir = t->xfer_dir;
    *xfer = t->expxferlen;
    scsi_free_scsi_task(t);
    return n;
}

int oracle_iscsi_cmd(int which, const int64_t *a, unsigned char *o, int *d, int *x) {
    struct scsi_task *t = NULL;
    struct scsi_persistent_reserve_out_basic basic;
    switch (which) {
    case 0: t = scsi_cdb_compareandwrite((uint64_t)a[0], (uint32_t)a[1], (int)a[2], (int)a[3], (int)a[4], (int)a[5], 0, (int)a[6]); break;
    case 1: t = scsi_cdb_get_lba_status((uint64_t)a[0], (uint32_t)a[1]); break;
    case 2: t = scsi_cdb_orwrite((uint64_t)a[0], (uint32_t)a[1], (int)a[2], (int)a[3], (int)a[4], (int)a[5], 0, (int)a[6]); break;
    case 3: t = scsi_cdb_persistent_reserve_in((enum scsi_persistent_in_sa)a[0], (uint16_t)a[1]); break;
    case 4:
        memset(&basic, 0, sizeof basic);
        basic.reservation_key = (uint64_t)a[3];
        basic.service_action_reservation_key = (uint64_t)a[4];
        basic.all_tg_pt = (uint8_t)a[5];
        basic.aptpl = (uint8_t)a[6];
        t = scsi_cdb_persistent_reserve_out((enum scsi_persistent_out_sa)a[0], (enum scsi_persistent_out_scope)a[1],
                                            (enum scsi_persistent_out_type)a[2], &basic);
        break;
    case 5: t = scsi_cdb_prefetch10((uint32_t)a[0], (int)a[1], (int)a[2], (int)a[3]); break;
    case 6: t = scsi_cdb_prefetch16((uint64_t)a[0], (int)a[1], (int)a[2], (int)a[3]); break;
    case 7: t = scsi_cdb_preventallow((int)a[0]); break;
    case 8: t = scsi_cdb_readdefectdata10((int)a[0], (int)a[1], (int)a[2], (uint16_t)a[3]); break;
    case 9: t = scsi_cdb_readdefectdata12((int)a[0], (int)a[1], (int)a[2], (uint32_t)a[3], (uint32_t)a[4]); break;
    case 10: t = scsi_cdb_report_supported_opcodes((int)a[0], (int)a[1], (enum scsi_opcode)a[2], (int)a[3], (uint32_t)a[4]); break;
    case 11: t = scsi_cdb_sanitize((int)a[0], (int)a[1], (int)a[2], (int)a[3]); break;
    case 12: t = scsi_cdb_startstopunit((int)a[0], (int)a[1], (int)a[2], (int)a[3], (int)a[4], (int)a[5]); break;
    case 13: t = scsi_cdb_unmap((int)a[0], (int)a[1], (uint16_t)a[2]); break;
    case 14: t = scsi_cdb_verify10((uint32_t)a[0], (uint32_t)a[1], (int)a[2], (int)a[3], (int)a[4], (int)a[5]); break;
    case 15: t = scsi_cdb_verify12((uint32_t)a[0], (uint32_t)a[1], (int)a[2], (int)a[3], (int)a[4], (int)a[5]); break;
    case 16: t = scsi_cdb_verify16((uint64_t)a[0], (uint32_t)a[1], (int)a[2], (int)a[3], (int)a[4], (int)a[5]); break;
    case 17: t = scsi_cdb_writeatomic16((uint64_t)a[0], (uint32_t)a[1], (int)a[2], (int)a[3], (int)a[4], (int)a[5], (int)a[6]); break;
    case 18: t = scsi_cdb_writesame10((int)a[0], (int)a[1], (int)a[2], (uint32_t)a[3], (int)a[4], (uint16_t)a[5], (uint32_t)a[6]); break;
    case 19: t = scsi_cdb_writesame16((int)a[0], (int)a[1], (int)a[2], (uint64_t)a[3], (int)a[4], (uint32_t)a[5], (uint32_t)a[6]); break;
    case 20: t = scsi_cdb_writeverify10((uint32_t)a[0], (uint32_t)a[1], (int)a[2], (int)a[3], (int)a[4], (int)a[5], (int)a[6]); break;
    case 21: t = scsi_cdb_writeverify12((uint32_t)a[0], (uint32_t)a[1], (int)a[2], (int)a[3], (int)a[4], (int)a[5], (int)a[6]); break;
    case 22: t = scsi_cdb_writeverify16((uint64_t)a[0], (uint32_t)a[1], (int)a[2], (int)a[3], (int)a[4], (int)a[5], (int)a[6]); break;
    case 23: t = scsi_cdb_modesense6((int)a[0], (enum scsi_modesense_page_control)a[1], (enum scsi_modesense_page_code)a[2], (int)a[3], (unsigned char)a[4]); break;
    case 24: t = scsi_cdb_modesense10((int)a[0], (int)a[1], (enum scsi_modesense_page_control)a[2], (enum scsi_modesense_page_code)a[3], (int)a[4], (unsigned char)a[5]); break;
    case 25: t = scsi_cdb_modeselect6((int)a[0], (int)a[1], (int)a[2]); break;
    case 26: t = scsi_cdb_modeselect10((int)a[0], (int)a[1], (int)a[2]); break;
    case 27: t = scsi_cdb_receive_copy_results((enum scsi_copy_results_sa)a[0], (int)a[1], (int)a[2]); break;
    case 28: t = scsi_reportluns_cdb((int)a[0], (int)a[1]); break;
    default: return -1;
    }
    return take_task(t, o, d, x);
}

/* Benchmark hook: `scsi_cdb_writesame16` (UNMAP set, one 512-byte block of data) + free;
 * returns a CDB byte so the call is not elided. */
int oracle_iscsi_bench_writesame16(uint64_t lba, uint32_t blocks) {
    struct scsi_task *t = scsi_cdb_writesame16(0, 0, 1, lba, 0, blocks, 512);
    int b = t ? t->cdb[1] : -1;
    scsi_free_scsi_task(t);
    return b;
}
