/*
 * pthread_exit: cleanup handlers, thread-specific destructors, then the
 * host unwinds the thread. The last thread to exit ends the process with
 * exit(0), as POSIX says (atexit handlers run, stdio is flushed).
 */
#include <stdlib.h>

#include "pthread_internal.h"

void __sbx_run_key_destructors(struct __pthread *self);
__attribute__((weak)) void __sbx_run_key_destructors(struct __pthread *self) {
    (void)self;
}

void __sbx_thread_bury(struct __pthread *t);
__attribute__((weak)) void __sbx_thread_bury(struct __pthread *t) {
    (void)t;
}

_Noreturn void pthread_exit(void *result) {
    struct __pthread *self = __sbx_self;
    while (self->cleanup) {
        struct __ptcb *cb = self->cleanup;
        self->cleanup = cb->__next;
        cb->__f(cb->__x);
    }
    __sbx_run_key_destructors(self);
    self->result = result;
    self->done = 1;
    __sbx_wake_all(&self->done);
    if (self->detached && self != &__sbx_main_thread) __sbx_thread_bury(self);
    if (__sbx_thread_exit(self)) exit(0);
    __builtin_unreachable();
}
