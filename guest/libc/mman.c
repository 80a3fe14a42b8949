/*
 * mmap() and friends over malloc: WebAssembly has one linear memory and no
 * page tables, so a mapping is a page-aligned, zero-filled allocation and a
 * file mapping is a copy of the file's bytes (read with pread).
 *
 * What works as on Linux: anonymous mappings (private or shared within the
 * process), private file mappings (writes stay in memory), read-only shared
 * file mappings, munmap of a whole mapping, and msync, mprotect, madvise,
 * posix_madvise, mlock and friends as accepted no-ops.
 * What cannot: a writable MAP_SHARED file mapping would need the file to see
 * stores, so it fails with ENODEV (Linux's errno for a file that cannot be
 * mapped) instead of losing them, and mprotect() will not make one writable
 * (EACCES); MAP_FIXED is EINVAL; PROT_EXEC is EPERM (mprotect: EACCES);
 * protections are not enforced; a MAP_SHARED mapping is copied, not shared,
 * by fork(); munmap of part of a mapping keeps the memory until the whole is
 * unmapped; a read-only shared file mapping does not see later writes.
 *
 * wasi-libc's libwasi-emulated-mman (which sockbox cc does not link) accepts
 * writable shared file mappings and drops the stores, and has no msync,
 * mprotect or madvise.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct mapping {
    struct mapping *next;
    uint8_t *addr;
    size_t len;
    int shared_file; /* a MAP_SHARED copy of a file: never writable */
};

static struct mapping *mappings;

static void *fail_map(int err) {
    errno = err;
    return MAP_FAILED;
}

static int fail(int err) {
    errno = err;
    return -1;
}

static size_t page_size(void) {
    return (size_t)sysconf(_SC_PAGESIZE);
}

/* The mapping [addr, addr+len) lies inside, or NULL. */
static struct mapping *mapping_of(const void *addr, size_t len) {
    const uint8_t *p = addr;
    for (struct mapping *m = mappings; m; m = m->next)
        if (p >= m->addr && p <= m->addr + m->len && len <= (size_t)(m->addr + m->len - p)) return m;
    return NULL;
}

/* Fills `body` with the file's bytes from `offset`, zeros past its end. */
static int read_file(int fd, uint8_t *body, size_t len, off_t offset) {
    size_t done = 0;
    while (done < len) {
        ssize_t n = pread(fd, body + done, len - done, offset + (off_t)done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (n == 0) break;
        done += (size_t)n;
    }
    return 0;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset) {
    (void)addr; /* a hint only, as Linux may ignore it */
    int type = flags & MAP_TYPE;
    if (type == MAP_SHARED_VALIDATE) type = MAP_SHARED;
    if (len == 0 || (type != MAP_SHARED && type != MAP_PRIVATE)) return fail_map(EINVAL);
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) return fail_map(EINVAL);
    if (prot & PROT_EXEC) return fail_map(EPERM);
    int anonymous = (flags & MAP_ANONYMOUS) != 0;
    if (!anonymous) {
        if (offset < 0) return fail_map(EINVAL);
        if (type == MAP_SHARED && (prot & PROT_WRITE)) return fail_map(ENODEV);
    }
    size_t page = page_size();
    if (len > SIZE_MAX - page) return fail_map(ENOMEM);
    size_t rounded = (len + page - 1) / page * page;
    struct mapping *m = malloc(sizeof *m);
    void *body = NULL;
    if (m == NULL || posix_memalign(&body, page, rounded) != 0) {
        free(m);
        return fail_map(ENOMEM);
    }
    memset(body, 0, rounded);
    if (!anonymous && read_file(fd, body, len, offset) != 0) {
        int err = errno;
        free(body);
        free(m);
        return fail_map(err);
    }
    m->addr = body;
    m->len = rounded;
    m->shared_file = !anonymous && type == MAP_SHARED;
    m->next = mappings;
    mappings = m;
    return body;
}

int munmap(void *addr, size_t len) {
    size_t page = page_size();
    if (len == 0 || (uintptr_t)addr % page != 0) return fail(EINVAL);
    struct mapping **link = &mappings;
    for (struct mapping *m = mappings; m; link = &m->next, m = m->next) {
        if (m->addr == addr && len > m->len - page) { /* len rounds up to m->len or more */
            *link = m->next;
            free(m->addr);
            free(m);
            return 0;
        }
    }
    return 0; /* unmapping what is not (wholly) mapped is not an error on Linux */
}

int msync(void *addr, size_t len, int flags) {
    if ((uintptr_t)addr % page_size() != 0 || (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
        ((flags & MS_ASYNC) && (flags & MS_SYNC)))
        return fail(EINVAL);
    return mapping_of(addr, len) ? 0 : fail(ENOMEM);
}

int mprotect(void *addr, size_t len, int prot) {
    if ((uintptr_t)addr % page_size() != 0) return fail(EINVAL);
    struct mapping *m = mapping_of(addr, len);
    if (m == NULL) return fail(ENOMEM);
    if ((prot & PROT_EXEC) || (m->shared_file && (prot & PROT_WRITE))) return fail(EACCES);
    return 0;
}

int madvise(void *addr, size_t len, int advice) {
    (void)advice;
    if ((uintptr_t)addr % page_size() != 0) return fail(EINVAL);
    return mapping_of(addr, len) ? 0 : fail(ENOMEM);
}

int posix_madvise(void *addr, size_t len, int advice) {
    (void)addr;
    (void)len;
    (void)advice;
    return 0;
}

int mlock(const void *addr, size_t len) {
    (void)addr;
    (void)len;
    return 0;
}

int munlock(const void *addr, size_t len) {
    (void)addr;
    (void)len;
    return 0;
}

int mlockall(int flags) {
    (void)flags;
    return 0;
}

int munlockall(void) {
    return 0;
}
