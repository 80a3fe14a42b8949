/*
 * The one way a pthread primitive blocks: wait on a word until another
 * thread changes it and wakes the word, or until a deadline.
 */
#include <errno.h>

#include "pthread_internal.h"

#define NS_PER_SEC 1000000000ull

int __sbx_deadline(const struct timespec *abs, uint64_t *out) {
    if (abs->tv_nsec < 0 || abs->tv_nsec >= (long)NS_PER_SEC) return EINVAL;
    if (abs->tv_sec < 0) {
        *out = 0;
        return 0;
    }
    uint64_t sec = (uint64_t)abs->tv_sec;
    if (sec >= (SBX_NO_DEADLINE - 1) / NS_PER_SEC) {
        *out = SBX_NO_DEADLINE - 1;
        return 0;
    }
    *out = sec * NS_PER_SEC + (uint64_t)abs->tv_nsec;
    return 0;
}

int __sbx_wasi_clock(clockid_t clock) {
    if (clock == CLOCK_REALTIME) return __WASI_CLOCKID_REALTIME;
    if (clock == CLOCK_MONOTONIC) return __WASI_CLOCKID_MONOTONIC;
    return -1;
}

int __sbx_wait_on(volatile int *addr, int expected, int clock, const struct timespec *abs) {
    uint64_t deadline = SBX_NO_DEADLINE;
    if (abs) {
        int err = __sbx_deadline(abs, &deadline);
        if (err) return err;
    }
    int err = __sbx_futex_wait(addr, expected, clock, deadline);
    return err == ETIMEDOUT ? ETIMEDOUT : 0;
}
