/*
 * pthread_create: a new green thread on its own malloc'd stack, started by
 * the host through the exported trampoline __sockbox_thread_entry once the
 * creating thread next blocks. Linking this file is what makes a program
 * multithreaded for the host (it imports sockbox_thread.spawn).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pthread_internal.h"

/* Detached threads that exited: their stacks are freed by the next thread
 * that creates or joins (an exiting thread cannot free the stack it runs on). */
static struct __pthread *dead_list;
static int host_ready;

void __sbx_reap_dead(void) {
    while (dead_list) {
        struct __pthread *t = dead_list;
        dead_list = t->next_dead;
        free(t->stack);
        free(t);
    }
}

/* Called by pthread_exit for a detached thread. */
void __sbx_thread_bury(struct __pthread *t) {
    t->next_dead = dead_list;
    dead_list = t;
}

/* The host calls this (through JSPI, on the new stack) to run a thread. It
 * never returns: pthread_exit ends the thread. */
__attribute__((export_name("__sockbox_thread_entry")))
void __sockbox_thread_entry(struct __pthread *t) {
    pthread_exit(t->start(t->arg));
}

static size_t attr_stack_size(const pthread_attr_t *attr) {
    size_t size = attr ? (size_t)attr->__u.__s[1] : 0;
    return size ? size : SBX_DEFAULT_STACK_SIZE;
}

int pthread_create(pthread_t *restrict res, const pthread_attr_t *restrict attr,
                   void *(*start)(void *), void *restrict arg) {
    __sbx_reap_dead();
    if (!host_ready) {
        int err = __sbx_thread_init(&__sbx_self, &errno);
        if (err) return err;
        host_ready = 1;
    }
    struct __pthread *t = calloc(1, sizeof *t);
    if (!t) return EAGAIN;
    char *user_stack = attr ? (char *)attr->__u.__s[3] : NULL;
    size_t size = attr_stack_size(attr);
    char *base = user_stack;
    if (!base) {
        base = malloc(size);
        if (!base) {
            free(t);
            return EAGAIN;
        }
        t->stack = base;
        *(volatile uint32_t *)base = SBX_STACK_CANARY;
    }
    t->stack_size = size;
    t->start = start;
    t->arg = arg;
    t->detached = attr ? attr->__u.__i[0] == PTHREAD_CREATE_DETACHED : 0;
    uintptr_t top = ((uintptr_t)base + size) & ~(uintptr_t)15;
    int err = __sbx_thread_spawn(t, t->stack ? (uintptr_t)base : 0, top, &t->tid);
    if (err) {
        free(t->stack);
        free(t);
        return err;
    }
    *res = t;
    return 0;
}
