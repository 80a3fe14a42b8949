/*
 * fork(): the host copies the whole process — memory, C stack pointer,
 * descriptor table (sockets shared, each closed when its last holder closes
 * it) — and both copies return from here: the parent with the child's pid,
 * the child with 0. `sockbox cc` rewrites programs that link this file with
 * binaryen's asyncify pass so that the host can unwind the call stack into
 * the buffer below, copy the instance, and rewind both copies.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "proc_imports.h"

#define SBX_ATFORK_MAX 32

static struct {
    void (*prepare)(void);
    void (*parent)(void);
    void (*child)(void);
} atfork[SBX_ATFORK_MAX];
static int natfork;
static void *stack_buffer;

/* pthread_atfork (pthread_misc.c) registers here. */
void __sbx_atfork_register(void (*prepare)(void), void (*parent)(void), void (*child)(void)) {
    if (natfork < SBX_ATFORK_MAX) {
        atfork[natfork].prepare = prepare;
        atfork[natfork].parent = parent;
        atfork[natfork].child = child;
        natfork++;
    }
}

pid_t fork(void) {
    if (!stack_buffer && !(stack_buffer = malloc(SBX_FORK_BUFFER_SIZE))) {
        errno = EAGAIN;
        return -1;
    }
    for (int i = natfork - 1; i >= 0; i--)
        if (atfork[i].prepare) atfork[i].prepare();
    int32_t pid = -1;
    int err = __sbx_proc_fork(stack_buffer, SBX_FORK_BUFFER_SIZE, &pid);
    for (int i = 0; i < natfork; i++) {
        void (*f)(void) = pid == 0 ? atfork[i].child : atfork[i].parent;
        if (f) f();
    }
    if (err) {
        errno = err;
        return -1;
    }
    return pid;
}

pid_t _Fork(void) {
    return fork();
}

/* vfork() may be a fork() (POSIX allows it; Linux's man page says so). */
pid_t vfork(void) {
    return fork();
}
