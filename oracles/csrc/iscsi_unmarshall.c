/* libiscsi's response-data unmarshaller (`scsi_datain_unmarshall`) as an oracle: decode `data`
 * as the answer to the command `kind` selects and flatten the result into `o` (integers) and
 * `s` (NUL-separated strings). Returns the number of integers, or -1 when libiscsi refused. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <iscsi/scsi-lowlevel.h>

static void put_str(char *s, int cap, int *at, const char *v) {
    int n = (int)strlen(v);
    if (*at + n + 1 > cap) return;
    memcpy(s + *at, v, (size_t)n + 1);
    *at += n + 1;
}

int oracle_iscsi_unmarshall(int kind, const unsigned char *data, int len, int64_t *o, int ocap, char *s, int scap) {
    struct scsi_task *t = NULL;
    switch (kind) {
    case 0: t = scsi_cdb_inquiry(0, 0, len); break;
    case 1: t = scsi_cdb_inquiry(1, 0x80, len); break;
    case 2: t = scsi_cdb_inquiry(1, 0x83, len); break;
    case 3: t = scsi_cdb_inquiry(1, 0xB0, len); break;
    case 4: t = scsi_cdb_inquiry(1, 0xB1, len); break;
    case 5: t = scsi_cdb_inquiry(1, 0xB2, len); break;
    case 6: t = scsi_cdb_readcapacity10(0, 0); break;
    case 7: t = scsi_cdb_readcapacity16(); break;
    case 8: t = scsi_reportluns_cdb(0, len); break;
    default: return -1;
    }
    if (t == NULL) return -1;
    t->datain.data = malloc((size_t)len);
    if (t->datain.data == NULL) { scsi_free_scsi_task(t); return -1; }
    memcpy(t->datain.data, data, (size_t)len);
    t->datain.size = len;
    void *r = scsi_datain_unmarshall(t);
    if (r == NULL) { scsi_free_scsi_task(t); return -1; }
    int n = 0, at = 0;
#define P(v) do { if (n < ocap) o[n++] = (int64_t)(v); } while (0)
    switch (kind) {
    case 0: {
        struct scsi_inquiry_standard *x = r;
        P(x->qualifier); P(x->device_type); P(x->rmb); P(x->version); P(x->normaca); P(x->hisup);
        P(x->response_data_format); P(x->additional_length); P(x->sccs); P(x->acc); P(x->tpgs);
        P(x->threepc); P(x->protect); P(x->encserv); P(x->multip); P(x->cmdque);
        for (int i = 0; i < 8; i++) P(x->version_descriptor[i]);
        put_str(s, scap, &at, x->vendor_identification);
        put_str(s, scap, &at, x->product_identification);
        put_str(s, scap, &at, x->product_revision_level);
        break;
    }
    case 1: {
        struct scsi_inquiry_unit_serial_number *x = r;
        put_str(s, scap, &at, x->usn ? x->usn : "");
        break;
    }
    case 2: {
        struct scsi_inquiry_device_identification *x = r;
        for (struct scsi_inquiry_device_designator *d = x->designators; d; d = d->next) {
            P(d->protocol_identifier); P(d->code_set); P(d->piv); P(d->association); P(d->designator_type);
            P(d->designator_length);
        }
        break;
    }
    case 3: {
        struct scsi_inquiry_block_limits *x = r;
        P(x->max_cmp); P(x->opt_gran); P(x->max_xfer_len); P(x->opt_xfer_len); P(x->max_prefetch);
        P(x->max_unmap); P(x->max_unmap_bdc); P(x->opt_unmap_gran); P(x->ugavalid); P(x->unmap_gran_align);
        P(x->max_ws_len); P(x->max_atomic_xfer_len);
        break;
    }
    case 4: {
        struct scsi_inquiry_block_device_characteristics *x = r;
        P(x->medium_rotation_rate); P(x->nominal_form_factor);
        break;
    }
    case 5: {
        struct scsi_inquiry_logical_block_provisioning *x = r;
        P(x->threshold_exponent); P(x->lbpu); P(x->lbpws); P(x->lbpws10); P(x->lbprz); P(x->anc_sup);
        P(x->dp); P(x->provisioning_type);
        break;
    }
    case 6: {
        struct scsi_readcapacity10 *x = r;
        P(x->lba); P(x->block_size);
        break;
    }
    case 7: {
        struct scsi_readcapacity16 *x = r;
        P(x->returned_lba); P(x->block_length); P(x->p_type); P(x->prot_en); P(x->p_i_exp);
        P(x->lbppbe); P(x->lbpme); P(x->lbprz); P(x->lalba);
        break;
    }
    case 8: {
        struct scsi_reportluns_list *x = r;
        P(x->num);
        for (uint32_t i = 0; i < x->num; i++) P(x->luns[i]);
        break;
    }
    }
#undef P
    scsi_free_scsi_task(t);
    return n;
}
