/*
 * Thread attributes. Layout over pthread_attr_t (musl's words):
 *   __i[0] detach state   __s[1] stack size (0: default)
 *   __s[2] guard size     __s[3] stack address (pthread_attr_setstack)
 *   __i[4] scope          __i[5] inherit-sched   __i[6] policy   __i[7] priority
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>

#include "pthread_internal.h"

enum { A_DETACH, A_STACKSIZE, A_GUARD, A_STACKADDR, A_SCOPE, A_INHERIT, A_POLICY, A_PRIO };

int pthread_attr_init(pthread_attr_t *a) {
    *a = (pthread_attr_t){0};
    a->__u.__s[A_GUARD] = 4096;
    return 0;
}

int pthread_attr_destroy(pthread_attr_t *a) {
    (void)a;
    return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *a, int *v) {
    *v = a->__u.__i[A_DETACH];
    return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *a, int v) {
    if (v != PTHREAD_CREATE_JOINABLE && v != PTHREAD_CREATE_DETACHED) return EINVAL;
    a->__u.__i[A_DETACH] = v;
    return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *restrict a, size_t *restrict v) {
    *v = a->__u.__s[A_STACKSIZE] ? a->__u.__s[A_STACKSIZE] : SBX_DEFAULT_STACK_SIZE;
    return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *a, size_t v) {
    if (v < SBX_STACK_MIN) return EINVAL;
    a->__u.__s[A_STACKSIZE] = v;
    a->__u.__s[A_STACKADDR] = 0;
    return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *restrict a, size_t *restrict v) {
    *v = a->__u.__s[A_GUARD];
    return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *a, size_t v) {
    a->__u.__s[A_GUARD] = v;
    return 0;
}

int pthread_attr_getstack(const pthread_attr_t *restrict a, void **restrict addr, size_t *restrict size) {
    if (!a->__u.__s[A_STACKADDR]) return EINVAL;
    *addr = (void *)a->__u.__s[A_STACKADDR];
    *size = a->__u.__s[A_STACKSIZE];
    return 0;
}

int pthread_attr_setstack(pthread_attr_t *a, void *addr, size_t size) {
    if (size < SBX_STACK_MIN) return EINVAL;
    a->__u.__s[A_STACKADDR] = (unsigned long)addr;
    a->__u.__s[A_STACKSIZE] = size;
    return 0;
}

int pthread_attr_getscope(const pthread_attr_t *restrict a, int *restrict v) {
    *v = a->__u.__i[A_SCOPE];
    return 0;
}

int pthread_attr_setscope(pthread_attr_t *a, int v) {
    if (v == PTHREAD_SCOPE_SYSTEM) {
        a->__u.__i[A_SCOPE] = v;
        return 0;
    }
    return v == PTHREAD_SCOPE_PROCESS ? ENOTSUP : EINVAL;
}

int pthread_attr_getinheritsched(const pthread_attr_t *restrict a, int *restrict v) {
    *v = a->__u.__i[A_INHERIT];
    return 0;
}

int pthread_attr_setinheritsched(pthread_attr_t *a, int v) {
    if (v != PTHREAD_INHERIT_SCHED && v != PTHREAD_EXPLICIT_SCHED) return EINVAL;
    a->__u.__i[A_INHERIT] = v;
    return 0;
}

int pthread_attr_getschedpolicy(const pthread_attr_t *restrict a, int *restrict v) {
    *v = a->__u.__i[A_POLICY];
    return 0;
}

int pthread_attr_setschedpolicy(pthread_attr_t *a, int v) {
    if (v != SCHED_OTHER && v != SCHED_FIFO && v != SCHED_RR) return EINVAL;
    a->__u.__i[A_POLICY] = v;
    return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *restrict a, struct sched_param *restrict p) {
    p->sched_priority = a->__u.__i[A_PRIO];
    return 0;
}

int pthread_attr_setschedparam(pthread_attr_t *restrict a, const struct sched_param *restrict p) {
    a->__u.__i[A_PRIO] = p->sched_priority;
    return 0;
}

int pthread_getattr_np(pthread_t t, pthread_attr_t *a) {
    pthread_attr_init(a);
    a->__u.__i[A_DETACH] = t->detached;
    a->__u.__s[A_STACKSIZE] = t->stack_size ? t->stack_size : SBX_DEFAULT_STACK_SIZE;
    return 0;
}
