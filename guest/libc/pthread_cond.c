/*
 * Condition variables. Layout over pthread_cond_t's ints:
 *   [0] sequence (the word waiters sleep on; bumped by signal/broadcast)
 *   [1] waiters   [2] WASI clock of timed waits (condattr_setclock)
 * Green threads switch only in calls that block, so reading the sequence and
 * going to sleep on it cannot miss a signal sent in between.
 */
#include <errno.h>

#include "pthread_internal.h"

enum { C_SEQ, C_WAITERS, C_CLOCK };
#define W(c, i) ((c)->__u.__vi[i])
#define M_COUNT 3 /* pthread_mutex.c's recursion count word */

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict a) {
    *c = (pthread_cond_t){0};
    if (a) W(c, C_CLOCK) = (int)(a->__attr & 0x7fffffffu);
    return 0;
}

int pthread_cond_destroy(pthread_cond_t *c) {
    return W(c, C_WAITERS) ? EBUSY : 0;
}

static int cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
                     const struct timespec *restrict abs) {
    __sbx_testcancel();
    int seq = W(c, C_SEQ);
    /* A recursive mutex is released fully and retaken to the same depth. */
    int depth = m->__u.__vi[M_COUNT];
    if (depth < 1) depth = 1;
    m->__u.__vi[M_COUNT] = 1;
    int err = pthread_mutex_unlock(m);
    if (err) {
        m->__u.__vi[M_COUNT] = depth;
        return err;
    }
    W(c, C_WAITERS)++;
    int r = __sbx_wait_on(&W(c, C_SEQ), seq, W(c, C_CLOCK), abs);
    W(c, C_WAITERS)--;
    __sbx_mutex_lock(m, NULL);
    m->__u.__vi[M_COUNT] = depth;
    __sbx_testcancel();
    return r == ETIMEDOUT || r == EINVAL ? r : 0;
}

int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m) {
    return cond_wait(c, m, NULL);
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
                           const struct timespec *restrict abs) {
    uint64_t ns;
    int err = __sbx_deadline(abs, &ns);
    return err ? err : cond_wait(c, m, abs);
}

int pthread_cond_signal(pthread_cond_t *c) {
    if (W(c, C_WAITERS)) {
        W(c, C_SEQ)++;
        __sbx_futex_wake(&W(c, C_SEQ), 1);
    }
    return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c) {
    if (W(c, C_WAITERS)) {
        W(c, C_SEQ)++;
        __sbx_wake_all(&W(c, C_SEQ));
    }
    return 0;
}

int pthread_condattr_init(pthread_condattr_t *a) {
    a->__attr = __WASI_CLOCKID_REALTIME;
    return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *a) {
    (void)a;
    return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *a, clockid_t clock) {
    int id = __sbx_wasi_clock(clock);
    if (id < 0) return EINVAL;
    a->__attr = (unsigned)id;
    return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *restrict a, clockid_t *restrict clock) {
    *clock = a->__attr == __WASI_CLOCKID_MONOTONIC ? CLOCK_MONOTONIC : CLOCK_REALTIME;
    return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *a, int v) {
    (void)a;
    return v == PTHREAD_PROCESS_PRIVATE || v == PTHREAD_PROCESS_SHARED ? 0 : EINVAL;
}

int pthread_condattr_getpshared(const pthread_condattr_t *restrict a, int *restrict v) {
    (void)a;
    *v = PTHREAD_PROCESS_PRIVATE;
    return 0;
}
