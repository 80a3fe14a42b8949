/*
 * pthread_join, pthread_tryjoin_np, pthread_timedjoin_np, pthread_detach.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>

#include "pthread_internal.h"

static void release(struct __pthread *t) {
    if (t == &__sbx_main_thread) return;
    free(t->stack);
    free(t);
}

static int join(pthread_t t, void **res, const struct timespec *abs, int try_only) {
    if (t == __sbx_self) return EDEADLK;
    if (t->detached) return EINVAL;
    while (!t->done) {
        if (try_only) return EBUSY;
        __sbx_testcancel();
        int err = __sbx_wait_on(&t->done, 0, __WASI_CLOCKID_REALTIME, abs);
        if (err == ETIMEDOUT && !t->done) return ETIMEDOUT;
    }
    if (res) *res = t->result;
    release(t);
    return 0;
}

int pthread_join(pthread_t t, void **res) {
    return join(t, res, NULL, 0);
}

int pthread_tryjoin_np(pthread_t t, void **res) {
    return join(t, res, NULL, 1);
}

int pthread_timedjoin_np(pthread_t t, void **res, const struct timespec *abs) {
    if (!abs) return join(t, res, NULL, 0);
    uint64_t ns;
    int err = __sbx_deadline(abs, &ns);
    return err ? err : join(t, res, abs, 0);
}

int pthread_detach(pthread_t t) {
    if (t->detached) return EINVAL;
    if (t->done) {
        release(t);
        return 0;
    }
    t->detached = 1;
    return 0;
}
