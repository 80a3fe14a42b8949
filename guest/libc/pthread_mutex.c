/*
 * Mutexes: normal (default), recursive and error-checking, with trylock and
 * timedlock. Layout over pthread_mutex_t's ints (the type word is first so
 * that PTHREAD_MUTEX_INITIALIZER, all zeros, is a normal mutex):
 *   [0] type   [1] locked (the word waiters sleep on)   [2] owner
 *   [3] recursion count   [4] waiters
 * A normal mutex relocked by its owner deadlocks, as on Linux; the host
 * reports a deadlock instead of hanging when no thread can run any more.
 */
#include <errno.h>

#include "pthread_internal.h"

enum { M_TYPE, M_LOCKED, M_OWNER, M_COUNT, M_WAITERS };
#define M_TYPE_MASK 3

#define W(m, i) ((m)->__u.__vi[i])

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict a) {
    *m = (pthread_mutex_t){0};
    if (a) W(m, M_TYPE) = (int)(a->__attr & M_TYPE_MASK);
    return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m) {
    return W(m, M_LOCKED) ? EBUSY : 0;
}

static inline int owner_is_self(pthread_mutex_t *m) {
    return W(m, M_OWNER) == (int)(intptr_t)__sbx_self;
}

/* 0 when locked now, EBUSY/EDEADLK/EAGAIN when it cannot be, -1 to wait. */
static int try_lock(pthread_mutex_t *m) {
    int type = W(m, M_TYPE) & M_TYPE_MASK;
    if (!W(m, M_LOCKED)) {
        W(m, M_LOCKED) = 1;
        W(m, M_OWNER) = (int)(intptr_t)__sbx_self;
        W(m, M_COUNT) = 1;
        return 0;
    }
    if (owner_is_self(m)) {
        if (type == PTHREAD_MUTEX_RECURSIVE) {
            if (W(m, M_COUNT) == INT_MAX) return EAGAIN;
            W(m, M_COUNT)++;
            return 0;
        }
        if (type == PTHREAD_MUTEX_ERRORCHECK) return EDEADLK;
    }
    return -1;
}

int __sbx_mutex_lock(pthread_mutex_t *m, const struct timespec *abs) {
    for (;;) {
        int r = try_lock(m);
        if (r >= 0) return r;
        W(m, M_WAITERS)++;
        r = __sbx_wait_on(&W(m, M_LOCKED), 1, __WASI_CLOCKID_REALTIME, abs);
        W(m, M_WAITERS)--;
        if (r && W(m, M_LOCKED)) return r;
    }
}

int pthread_mutex_lock(pthread_mutex_t *m) {
    return __sbx_mutex_lock(m, NULL);
}

int pthread_mutex_timedlock(pthread_mutex_t *restrict m, const struct timespec *restrict abs) {
    return __sbx_mutex_lock(m, abs);
}

int pthread_mutex_trylock(pthread_mutex_t *m) {
    int r = try_lock(m);
    return r == -1 || r == EDEADLK ? EBUSY : r;
}

int pthread_mutex_unlock(pthread_mutex_t *m) {
    int type = W(m, M_TYPE) & M_TYPE_MASK;
    if (type != PTHREAD_MUTEX_NORMAL && (!W(m, M_LOCKED) || !owner_is_self(m))) return EPERM;
    if (type == PTHREAD_MUTEX_RECURSIVE && --W(m, M_COUNT) > 0) return 0;
    W(m, M_LOCKED) = 0;
    W(m, M_OWNER) = 0;
    W(m, M_COUNT) = 0;
    if (W(m, M_WAITERS)) __sbx_futex_wake(&W(m, M_LOCKED), 1);
    return 0;
}

int pthread_mutex_consistent(pthread_mutex_t *m) {
    (void)m;
    return EINVAL;
}

int pthread_mutexattr_init(pthread_mutexattr_t *a) {
    a->__attr = 0;
    return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *a) {
    (void)a;
    return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict a, int *restrict type) {
    *type = (int)(a->__attr & M_TYPE_MASK);
    return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type) {
    if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE && type != PTHREAD_MUTEX_ERRORCHECK)
        return EINVAL;
    a->__attr = (a->__attr & ~(unsigned)M_TYPE_MASK) | (unsigned)type;
    return 0;
}

/* Accepted: all of one process's threads share its memory. Processes made by
 * fork() have separate memories, so a mutex never spans two of them. */
int pthread_mutexattr_getpshared(const pthread_mutexattr_t *restrict a, int *restrict v) {
    (void)a;
    *v = PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *a, int v) {
    (void)a;
    return v == PTHREAD_PROCESS_PRIVATE || v == PTHREAD_PROCESS_SHARED ? 0 : EINVAL;
}

int pthread_mutexattr_getrobust(const pthread_mutexattr_t *restrict a, int *restrict v) {
    (void)a;
    *v = PTHREAD_MUTEX_STALLED;
    return 0;
}

int pthread_mutexattr_setrobust(pthread_mutexattr_t *a, int v) {
    (void)a;
    if (v == PTHREAD_MUTEX_STALLED) return 0;
    return v == PTHREAD_MUTEX_ROBUST ? ENOTSUP : EINVAL;
}

int pthread_mutexattr_getprotocol(const pthread_mutexattr_t *restrict a, int *restrict v) {
    (void)a;
    *v = PTHREAD_PRIO_NONE;
    return 0;
}

int pthread_mutexattr_setprotocol(pthread_mutexattr_t *a, int v) {
    (void)a;
    if (v == PTHREAD_PRIO_NONE || v == PTHREAD_PRIO_INHERIT || v == PTHREAD_PRIO_PROTECT) return 0;
    return EINVAL;
}
