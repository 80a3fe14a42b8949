/*
 * Scheduling parameters (one policy: green threads run in turn), names,
 * concurrency level, cleanup handlers, pthread_yield, pthread_atfork.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "pthread_internal.h"

int pthread_getschedparam(pthread_t t, int *restrict policy, struct sched_param *restrict p) {
    (void)t;
    *policy = SCHED_OTHER;
    p->sched_priority = 0;
    return 0;
}

int pthread_setschedparam(pthread_t t, int policy, const struct sched_param *p) {
    (void)t;
    (void)p;
    return policy == SCHED_OTHER || policy == SCHED_FIFO || policy == SCHED_RR ? 0 : EINVAL;
}

int pthread_setschedprio(pthread_t t, int prio) {
    (void)t;
    (void)prio;
    return 0;
}

static int concurrency;

int pthread_getconcurrency(void) {
    return concurrency;
}

int pthread_setconcurrency(int v) {
    if (v < 0) return EINVAL;
    concurrency = v;
    return 0;
}

int pthread_setname_np(pthread_t t, const char *name) {
    if (strlen(name) >= sizeof t->name) return ERANGE;
    strcpy(t->name, name);
    return 0;
}

int pthread_getname_np(pthread_t t, char *buf, size_t len) {
    if (strlen(t->name) >= len) return ERANGE;
    strcpy(buf, t->name);
    return 0;
}

int pthread_yield(void) {
    return sched_yield();
}

int pthread_getcpuclockid(pthread_t t, clockid_t *clock) {
    (void)t;
    (void)clock;
    return ENOENT;
}

void _pthread_cleanup_push(struct __ptcb *cb, void (*f)(void *), void *x) {
    cb->__f = f;
    cb->__x = x;
    cb->__next = __sbx_self->cleanup;
    __sbx_self->cleanup = cb;
}

void _pthread_cleanup_pop(struct __ptcb *cb, int run) {
    __sbx_self->cleanup = cb->__next;
    if (run) cb->__f(cb->__x);
}

/* fork() (libsockbox's fork.c) copies the calling process whole; the
 * handlers are kept and run around it. */
void __sbx_atfork_register(void (*prepare)(void), void (*parent)(void), void (*child)(void));
__attribute__((weak)) void __sbx_atfork_register(void (*prepare)(void), void (*parent)(void),
                                                 void (*child)(void)) {
    (void)prepare;
    (void)parent;
    (void)child;
}

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void)) {
    __sbx_atfork_register(prepare, parent, child);
    return 0;
}
