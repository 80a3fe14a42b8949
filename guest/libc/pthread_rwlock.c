/*
 * Read-write locks, preferring readers as glibc does by default. Layout over
 * pthread_rwlock_t's ints:
 *   [0] readers holding   [1] writer holding (its control block)
 *   [2] sequence (the word waiters sleep on)   [3] waiters
 */
#include <errno.h>

#include "pthread_internal.h"

enum { RW_READERS, RW_WRITER, RW_SEQ, RW_WAITERS };
#define W(l, i) ((l)->__u.__vi[i])

int pthread_rwlock_init(pthread_rwlock_t *restrict l, const pthread_rwlockattr_t *restrict a) {
    (void)a;
    *l = (pthread_rwlock_t){0};
    return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *l) {
    return W(l, RW_READERS) || W(l, RW_WRITER) ? EBUSY : 0;
}

static int self_word(void) {
    return (int)(intptr_t)__sbx_self;
}

static int wait_change(pthread_rwlock_t *l, const struct timespec *abs) {
    int seq = W(l, RW_SEQ);
    W(l, RW_WAITERS)++;
    int r = __sbx_wait_on(&W(l, RW_SEQ), seq, __WASI_CLOCKID_REALTIME, abs);
    W(l, RW_WAITERS)--;
    return r;
}

static int rdlock(pthread_rwlock_t *l, const struct timespec *abs, int try_only) {
    while (W(l, RW_WRITER)) {
        if (try_only) return EBUSY;
        if (W(l, RW_WRITER) == self_word()) return EDEADLK;
        int r = wait_change(l, abs);
        if (r && W(l, RW_WRITER)) return r;
    }
    if (W(l, RW_READERS) == INT_MAX) return EAGAIN;
    W(l, RW_READERS)++;
    return 0;
}

static int wrlock(pthread_rwlock_t *l, const struct timespec *abs, int try_only) {
    while (W(l, RW_WRITER) || W(l, RW_READERS)) {
        if (try_only) return EBUSY;
        if (W(l, RW_WRITER) == self_word()) return EDEADLK;
        int r = wait_change(l, abs);
        if (r && (W(l, RW_WRITER) || W(l, RW_READERS))) return r;
    }
    W(l, RW_WRITER) = self_word();
    return 0;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *l) {
    return rdlock(l, NULL, 0);
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *l) {
    return rdlock(l, NULL, 1);
}

int pthread_rwlock_timedrdlock(pthread_rwlock_t *restrict l, const struct timespec *restrict abs) {
    uint64_t ns;
    int err = __sbx_deadline(abs, &ns);
    return err ? err : rdlock(l, abs, 0);
}

int pthread_rwlock_wrlock(pthread_rwlock_t *l) {
    return wrlock(l, NULL, 0);
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *l) {
    return wrlock(l, NULL, 1);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *restrict l, const struct timespec *restrict abs) {
    uint64_t ns;
    int err = __sbx_deadline(abs, &ns);
    return err ? err : wrlock(l, abs, 0);
}

int pthread_rwlock_unlock(pthread_rwlock_t *l) {
    if (W(l, RW_WRITER)) {
        if (W(l, RW_WRITER) != self_word()) return EPERM;
        W(l, RW_WRITER) = 0;
    } else if (W(l, RW_READERS)) {
        W(l, RW_READERS)--;
    } else {
        return EPERM;
    }
    W(l, RW_SEQ)++;
    if (W(l, RW_WAITERS)) __sbx_wake_all(&W(l, RW_SEQ));
    return 0;
}

int pthread_rwlockattr_init(pthread_rwlockattr_t *a) {
    a->__attr[0] = a->__attr[1] = 0;
    return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *a) {
    (void)a;
    return 0;
}

int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *a, int v) {
    (void)a;
    return v == PTHREAD_PROCESS_PRIVATE || v == PTHREAD_PROCESS_SHARED ? 0 : EINVAL;
}

int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *restrict a, int *restrict v) {
    (void)a;
    *v = PTHREAD_PROCESS_PRIVATE;
    return 0;
}
