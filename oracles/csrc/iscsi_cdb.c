/* Thin shims over libiscsi's CDB builders: build the task, copy the CDB, direction and
 * expected transfer length out, free the task. Returns the CDB length, or -1 when libiscsi
 * refused (returned NULL). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <iscsi/scsi-lowlevel.h>

static int take(struct scsi_task *t, unsigned char *out, int *dir, int *xfer) {
    if (t == NULL) return -1;
    int n = t->cdb_size;
    memcpy(out, t->cdb, (size_t)n);
    *dir = t->xfer_dir;
    *xfer = t->expxferlen;
    scsi_free_scsi_task(t);
    return n;
}

int oracle_iscsi_read6(uint32_t lba, uint32_t xfer, int bs, unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_read6(lba, xfer, bs), o, d, x);
}
int oracle_iscsi_read10(uint32_t lba, uint32_t xfer, int bs, int prot, int dpo, int fua, int group, unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_read10(lba, xfer, bs, prot, dpo, fua, 0, group), o, d, x);
}
int oracle_iscsi_read12(uint32_t lba, uint32_t xfer, int bs, int prot, int dpo, int fua, int group, unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_read12(lba, xfer, bs, prot, dpo, fua, 0, group), o, d, x);
}
int oracle_iscsi_read16(uint64_t lba, uint32_t xfer, int bs, int prot, int dpo, int fua, int group, unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_read16(lba, xfer, bs, prot, dpo, fua, 0, group), o, d, x);
}
int oracle_iscsi_write10(uint32_t lba, uint32_t xfer, int bs, int prot, int dpo, int fua, int group, unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_write10(lba, xfer, bs, prot, dpo, fua, 0, group), o, d, x);
}
int oracle_iscsi_write12(uint32_t lba, uint32_t xfer, int bs, int prot, int dpo, int fua, int group, unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_write12(lba, xfer, bs, prot, dpo, fua, 0, group), o, d, x);
}
int oracle_iscsi_write16(uint64_t lba, uint32_t xfer, int bs, int prot, int dpo, int fua, int group, unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_write16(lba, xfer, bs, prot, dpo, fua, 0, group), o, d, x);
}
int oracle_iscsi_sync10(int lba, int blocks, int immed, unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_synchronizecache10(lba, blocks, 0, immed), o, d, x);
}
int oracle_iscsi_sync16(uint64_t lba, uint32_t blocks, int immed, unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_synchronizecache16(lba, blocks, 0, immed), o, d, x);
}
int oracle_iscsi_inquiry(int evpd, int page, int alloc, unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_inquiry(evpd, page, alloc), o, d, x);
}
int oracle_iscsi_tur(unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_testunitready(), o, d, x);
}
int oracle_iscsi_readcap10(unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_readcapacity10(0, 0), o, d, x);
}
int oracle_iscsi_readcap16(unsigned char *o, int *d, int *x) {
    return take(scsi_cdb_readcapacity16(), o, d, x);
}

/* For benchmarks: build and free, returning the first CDB byte so the call is not elided. */
int oracle_iscsi_bench_read16(uint64_t lba, uint32_t xfer) {
    struct scsi_task *t = scsi_cdb_read16(lba, xfer, 512, 0, 0, 0, 0, 0);
    int b = t ? t->cdb[0] : -1;
    scsi_free_scsi_task(t);
    return b;
}
int oracle_iscsi_bench_inquiry(int alloc) {
    struct scsi_task *t = scsi_cdb_inquiry(0, 0, alloc);
    int b = t ? t->cdb[4] : -1;
    scsi_free_scsi_task(t);
    return b;
}

/* Benchmark hook: libiscsi's standard INQUIRY unmarshaller on a copy of `data` (the task owns
 * and frees the buffer); returns the first vendor byte so the call is not elided. */
int oracle_iscsi_bench_inquiry_unmarshall(const unsigned char *data, int len) {
    struct scsi_task *t = scsi_cdb_inquiry(0, 0, len);
    if (t == NULL) return -1;
    t->datain.data = malloc((size_t)len);
    if (t->datain.data == NULL) { scsi_free_scsi_task(t); return -1; }
    memcpy(t->datain.data, data, (size_t)len);
    t->datain.size = len;
    struct scsi_inquiry_standard *s = scsi_datain_unmarshall(t);
    int r = s ? (unsigned char)s->vendor_identification[0] + (unsigned char)s->product_identification[0] : -1;
    scsi_free_scsi_task(t);
    return r;
}
