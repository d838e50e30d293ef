/* scsi-io's libiscsi backend: log in to one LUN, send one CDB synchronously, copy back the
 * status, data-in, sense and residual. Rust never touches libiscsi's structures directly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <iscsi/iscsi.h>
#include <iscsi/scsi-lowlevel.h>

struct iscsi_context *scsi_io_iscsi_connect(const char *initiator, const char *portal, const char *target,
                                            int lun, int timeout_s) {
    struct iscsi_context *c = iscsi_create_context(initiator);
    if (c == NULL) return NULL;
    iscsi_set_targetname(c, target);
    iscsi_set_session_type(c, ISCSI_SESSION_NORMAL);
    iscsi_set_header_digest(c, ISCSI_HEADER_DIGEST_NONE);
    iscsi_set_timeout(c, timeout_s);
    if (iscsi_full_connect_sync(c, portal, lun) != 0) {
        iscsi_destroy_context(c);
        return NULL;
    }
    return c;
}

const char *scsi_io_iscsi_error(struct iscsi_context *c) {
    return iscsi_get_error(c);
}

/* dir: 0 none, 1 data-in (read), 2 data-out (write): libiscsi's SCSI_XFER_* values.
 * Returns the SCSI status, or -1 when the command could not be delivered. */
int scsi_io_iscsi_command(struct iscsi_context *c, int lun, const unsigned char *cdb, int cdb_len, int dir,
                          int xfer_len, int timeout_s, const unsigned char *out, unsigned char *in,
                          int *in_len, unsigned char *sense, int sense_cap, int *sense_len, int *residual) {
    unsigned char buf[260];
    *in_len = 0;
    *sense_len = 0;
    *residual = 0;
    if (cdb_len <= 0 || cdb_len > (int)sizeof buf) return -1;
    memcpy(buf, cdb, (size_t)cdb_len);
    struct scsi_task *t = scsi_create_task(cdb_len, buf, dir, xfer_len);
    if (t == NULL) return -1;
    struct iscsi_data d = { (size_t)xfer_len, (unsigned char *)out };
    iscsi_set_timeout(c, timeout_s);
    struct scsi_task *r = iscsi_scsi_command_sync(c, lun, t, dir == 2 && xfer_len > 0 ? &d : NULL);
    if (r == NULL) {
        scsi_free_scsi_task(t);
        return -1;
    }
    int status = r->status;
    if (status == SCSI_STATUS_CHECK_CONDITION) {
        /* The iSCSI sense segment: 2-byte SenseLength, then the sense bytes. */
        if (r->datain.size >= 2) {
            int n = (r->datain.data[0] << 8) | r->datain.data[1];
            if (n > r->datain.size - 2) n = r->datain.size - 2;
            if (n > sense_cap) n = sense_cap;
            if (n > 0) memcpy(sense, r->datain.data + 2, (size_t)n);
            *sense_len = n;
        }
    } else if (dir == 1 && r->datain.size > 0) {
        int n = r->datain.size < xfer_len ? r->datain.size : xfer_len;
        memcpy(in, r->datain.data, (size_t)n);
        *in_len = n;
    }
    if (dir == 1 && status != SCSI_STATUS_CHECK_CONDITION)
        *residual = xfer_len - *in_len;
    else if (r->residual_status == SCSI_RESIDUAL_UNDERFLOW && r->residual <= (size_t)xfer_len)
        *residual = (int)r->residual;
    scsi_free_scsi_task(r);
    return status;
}

void scsi_io_iscsi_disconnect(struct iscsi_context *c) {
    if (c == NULL) return;
    iscsi_logout_sync(c);
    iscsi_destroy_context(c);
}

/* Queued commands. The slot is owned by the caller and stays alive until `done` is set. */
#include <poll.h>

struct scsi_io_slot {
    unsigned char *in;
    int xfer_len;
    int dir;
    unsigned char *sense;
    int sense_cap;
    int done;
    int status;
    int in_len;
    int sense_len;
    int residual;
};

static void scsi_io_queued_cb(struct iscsi_context *c, int status, void *command_data, void *private_data) {
    struct scsi_io_slot *s = private_data;
    struct scsi_task *r = command_data;
    (void)c;
    s->in_len = 0;
    s->sense_len = 0;
    s->residual = 0;
    if (r == NULL || (status != SCSI_STATUS_GOOD && status != SCSI_STATUS_CHECK_CONDITION && (status & ~0xff) != 0)) {
        s->status = -1;
    } else {
        s->status = r->status;
        if (r->status == SCSI_STATUS_CHECK_CONDITION) {
            if (r->datain.size >= 2) {
                int n = (r->datain.data[0] << 8) | r->datain.data[1];
                if (n > r->datain.size - 2) n = r->datain.size - 2;
                if (n > s->sense_cap) n = s->sense_cap;
                if (n > 0) memcpy(s->sense, r->datain.data + 2, (size_t)n);
                s->sense_len = n;
            }
        } else if (s->dir == 1 && r->datain.size > 0) {
            int n = r->datain.size < s->xfer_len ? r->datain.size : s->xfer_len;
            memcpy(s->in, r->datain.data, (size_t)n);
            s->in_len = n;
        }
        if (s->dir == 1 && r->status != SCSI_STATUS_CHECK_CONDITION)
            s->residual = s->xfer_len - s->in_len;
    }
    if (r != NULL) scsi_free_scsi_task(r);
    s->done = 1;
}

/* Returns 0 when queued. `out` (data-out) must stay alive until the slot is done. */
int scsi_io_iscsi_submit(struct iscsi_context *c, int lun, const unsigned char *cdb, int cdb_len,
                         const unsigned char *out, struct scsi_io_slot *s) {
    unsigned char buf[260];
    if (cdb_len <= 0 || cdb_len > (int)sizeof buf) return -1;
    memcpy(buf, cdb, (size_t)cdb_len);
    struct scsi_task *t = scsi_create_task(cdb_len, buf, s->dir, s->xfer_len);
    if (t == NULL) return -1;
    struct iscsi_data d = { (size_t)s->xfer_len, (unsigned char *)out };
    s->done = 0;
    if (iscsi_scsi_command_async(c, lun, t, scsi_io_queued_cb, s->dir == 2 && s->xfer_len > 0 ? &d : NULL, s) != 0) {
        scsi_free_scsi_task(t);
        return -1;
    }
    return 0;
}

/* Waits up to timeout_ms for socket events and services them (callbacks run here).
 * Returns 0, or -1 on a connection error. */
int scsi_io_iscsi_service(struct iscsi_context *c, int timeout_ms) {
    struct pollfd p;
    p.fd = iscsi_get_fd(c);
    p.events = (short)iscsi_which_events(c);
    p.revents = 0;
    if (p.events == 0) {
        poll(NULL, 0, timeout_ms < 100 ? timeout_ms : 100);
        return 0;
    }
    int r = poll(&p, 1, timeout_ms);
    if (r < 0) return 0;
    if (iscsi_service(c, r == 0 ? 0 : p.revents) < 0) return -1;
    return 0;
}
