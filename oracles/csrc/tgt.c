/* A libiscsi initiator session for the live-target tests: connect, send one CDB with an
 * optional data-out buffer, copy back status, data-in and sense, disconnect. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <iscsi/iscsi.h>
#include <iscsi/scsi-lowlevel.h>

struct iscsi_context *oracle_tgt_connect(const char *portal, const char *target, int lun) {
    struct iscsi_context *c = iscsi_create_context("iqn.2026-01.test.scsi-cdb:initiator");
    if (c == NULL) return NULL;
    iscsi_set_targetname(c, target);
    iscsi_set_session_type(c, ISCSI_SESSION_NORMAL);
    iscsi_set_header_digest(c, ISCSI_HEADER_DIGEST_NONE);
    iscsi_set_timeout(c, 10);
    if (iscsi_full_connect_sync(c, portal, lun) != 0) {
        iscsi_destroy_context(c);
        return NULL;
    }
    return c;
}

/* Returns the SCSI status, or -1 when the command could not be sent. */
int oracle_tgt_command(struct iscsi_context *c, int lun, const unsigned char *cdb, int cdb_len, int dir,
                       int xfer_len, const unsigned char *out, int out_len, unsigned char *in, int in_cap,
                       int *in_len, unsigned char *sense, int sense_cap, int *sense_len) {
    unsigned char buf[260];
    if (cdb_len > (int)sizeof buf) return -1;
    memcpy(buf, cdb, (size_t)cdb_len);
    struct scsi_task *t = scsi_create_task(cdb_len, buf, dir, xfer_len);
    if (t == NULL) return -1;
    struct iscsi_data d = { (size_t)out_len, (unsigned char *)out };
    struct scsi_task *r = iscsi_scsi_command_sync(c, lun, t, out_len > 0 ? &d : NULL);
    if (r == NULL) {
        scsi_free_scsi_task(t);
        return -1;
    }
    int status = r->status;
    *in_len = 0;
    *sense_len = 0;
    if (status == SCSI_STATUS_CHECK_CONDITION) {
        /* The iSCSI sense segment: 2-byte SenseLength, then the sense bytes. */
        if (r->datain.size >= 2) {
            int n = (r->datain.data[0] << 8) | r->datain.data[1];
            if (n > r->datain.size - 2) n = r->datain.size - 2;
            if (n > sense_cap) n = sense_cap;
            memcpy(sense, r->datain.data + 2, (size_t)n);
            *sense_len = n;
        }
    } else if (r->datain.size > 0) {
        int n = r->datain.size < in_cap ? r->datain.size : in_cap;
        memcpy(in, r->datain.data, (size_t)n);
        *in_len = n;
    }
    scsi_free_scsi_task(r);
    return status;
}

void oracle_tgt_disconnect(struct iscsi_context *c) {
    if (c == NULL) return;
    iscsi_logout_sync(c);
    iscsi_destroy_context(c);
}
