/*
 * Barriers and spin locks. Barrier layout over pthread_barrier_t's ints:
 *   [0] count   [1] arrived   [2] generation (the word waiters sleep on)
 * A spin lock held by another green thread can only be released once that
 * thread runs, so spinning yields instead of burning the only CPU.
 */
#include <errno.h>
#include <sched.h>

#include "pthread_internal.h"

enum { B_COUNT, B_ARRIVED, B_GEN };
#define W(b, i) ((b)->__u.__vi[i])

int pthread_barrier_init(pthread_barrier_t *restrict b, const pthread_barrierattr_t *restrict a,
                         unsigned count) {
    (void)a;
    if (count == 0 || count > INT_MAX) return EINVAL;
    *b = (pthread_barrier_t){0};
    W(b, B_COUNT) = (int)count;
    return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *b) {
    return W(b, B_ARRIVED) ? EBUSY : 0;
}

int pthread_barrier_wait(pthread_barrier_t *b) {
    int gen = W(b, B_GEN);
    if (++W(b, B_ARRIVED) >= W(b, B_COUNT)) {
        W(b, B_ARRIVED) = 0;
        W(b, B_GEN)++;
        __sbx_wake_all(&W(b, B_GEN));
        return PTHREAD_BARRIER_SERIAL_THREAD;
    }
    while (W(b, B_GEN) == gen) __sbx_wait_on(&W(b, B_GEN), gen, __WASI_CLOCKID_REALTIME, NULL);
    return 0;
}

int pthread_barrierattr_init(pthread_barrierattr_t *a) {
    a->__attr = 0;
    return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *a) {
    (void)a;
    return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t *restrict a, int *restrict v) {
    (void)a;
    *v = PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_barrierattr_setpshared(pthread_barrierattr_t *a, int v) {
    (void)a;
    return v == PTHREAD_PROCESS_PRIVATE || v == PTHREAD_PROCESS_SHARED ? 0 : EINVAL;
}

int pthread_spin_init(pthread_spinlock_t *s, int pshared) {
    (void)pshared;
    *s = 0;
    return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *s) {
    (void)s;
    return 0;
}

int pthread_spin_lock(pthread_spinlock_t *s) {
    if (*s == (int)(intptr_t)__sbx_self) return EDEADLK;
    while (*s) sched_yield();
    *s = (int)(intptr_t)__sbx_self;
    return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *s) {
    if (*s) return EBUSY;
    *s = (int)(intptr_t)__sbx_self;
    return 0;
}

int pthread_spin_unlock(pthread_spinlock_t *s) {
    *s = 0;
    return 0;
}
