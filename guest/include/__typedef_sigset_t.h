/*
 * sockbox overlay of wasi-libc's internal <__typedef_sigset_t.h>: wasi-libc
 * makes sigset_t a placeholder `unsigned char` (8 signals), too small for
 * SIGCHLD (17) or SIGTERM (15). This is musl's (and so Linux's) layout, which
 * the signal-set functions of libsockbox use. wasi-libc's own code only ever
 * passes sigset_t by pointer, so the size change is safe.
 */
#ifndef __wasilibc___typedef_sigset_t_h
#define __wasilibc___typedef_sigset_t_h

typedef struct __sigset_t {
    unsigned long __bits[128 / sizeof(long)];
} sigset_t;

#endif
