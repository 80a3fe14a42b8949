/*
 * Deferred cancellation. A request is acted on at the cancellation points
 * libsockbox implements: pthread_testcancel, pthread_join,
 * pthread_cond_wait/timedwait and sem_wait/timedwait; a thread waiting in
 * one of them is woken. A thread blocked in I/O (accept, recv, sleep, …) is
 * not: it sees the request at its next cancellation point. Asynchronous
 * cancellation is not available (green threads cannot be stopped between
 * two instructions).
 */
#include <errno.h>

#include "pthread_internal.h"

void __sbx_testcancel(void) {
    struct __pthread *self = __sbx_self;
    if (self->cancel_pending && self->cancel_state == PTHREAD_CANCEL_ENABLE) {
        self->cancel_pending = 0;
        pthread_exit(PTHREAD_CANCELED);
    }
}

void pthread_testcancel(void) {
    __sbx_testcancel();
}

int pthread_cancel(pthread_t t) {
    if (t->done) return 0;
    t->cancel_pending = 1;
    if (t == __sbx_self) {
        if (t->cancel_type == PTHREAD_CANCEL_ASYNCHRONOUS) __sbx_testcancel();
        return 0;
    }
    if (t->cancel_state == PTHREAD_CANCEL_ENABLE) __sbx_thread_interrupt(t);
    return 0;
}

int pthread_setcancelstate(int state, int *old) {
    if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE) return EINVAL;
    if (old) *old = __sbx_self->cancel_state;
    __sbx_self->cancel_state = state;
    return 0;
}

int pthread_setcanceltype(int type, int *old) {
    if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS) return EINVAL;
    if (old) *old = __sbx_self->cancel_type;
    __sbx_self->cancel_type = type;
    return 0;
}
