/*
 * Unnamed POSIX semaphores (wasi-libc declares them in <semaphore.h> but has
 * no implementation). Layout over sem_t's ints: [0] value (the word waiters
 * sleep on)   [1] waiters. sem_wait and sem_timedwait are cancellation
 * points. Named semaphores need a shared file system namespace: ENOSYS.
 */
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdarg.h>

#include "pthread_internal.h"

enum { S_VALUE, S_WAITERS };
#define SBX_SEM_VALUE_MAX 0x7fffffff

static int fail(int err) {
    errno = err;
    return -1;
}

int sem_init(sem_t *s, int pshared, unsigned value) {
    (void)pshared;
    if (value > SBX_SEM_VALUE_MAX) return fail(EINVAL);
    s->__val[S_VALUE] = (int)value;
    s->__val[S_WAITERS] = 0;
    return 0;
}

int sem_destroy(sem_t *s) {
    (void)s;
    return 0;
}

static int sem_wait_until(sem_t *s, const struct timespec *abs) {
    while (s->__val[S_VALUE] == 0) {
        __sbx_testcancel();
        s->__val[S_WAITERS]++;
        int r = __sbx_wait_on(&s->__val[S_VALUE], 0, __WASI_CLOCKID_REALTIME, abs);
        s->__val[S_WAITERS]--;
        if (r && s->__val[S_VALUE] == 0) return fail(r);
    }
    s->__val[S_VALUE]--;
    return 0;
}

int sem_wait(sem_t *s) {
    return sem_wait_until(s, NULL);
}

int sem_timedwait(sem_t *restrict s, const struct timespec *restrict abs) {
    if (s->__val[S_VALUE] > 0) {
        s->__val[S_VALUE]--;
        return 0;
    }
    uint64_t ns;
    int err = __sbx_deadline(abs, &ns);
    return err ? fail(err) : sem_wait_until(s, abs);
}

int sem_trywait(sem_t *s) {
    if (s->__val[S_VALUE] == 0) return fail(EAGAIN);
    s->__val[S_VALUE]--;
    return 0;
}

int sem_post(sem_t *s) {
    if (s->__val[S_VALUE] == SBX_SEM_VALUE_MAX) return fail(EOVERFLOW);
    s->__val[S_VALUE]++;
    if (s->__val[S_WAITERS]) __sbx_futex_wake(&s->__val[S_VALUE], 1);
    return 0;
}

int sem_getvalue(sem_t *restrict s, int *restrict v) {
    *v = s->__val[S_VALUE];
    return 0;
}

sem_t *sem_open(const char *name, int flags, ...) {
    (void)name;
    (void)flags;
    errno = ENOSYS;
    return SEM_FAILED;
}

int sem_close(sem_t *s) {
    (void)s;
    return fail(ENOSYS);
}

int sem_unlink(const char *name) {
    (void)name;
    return fail(ENOSYS);
}
