/*
 * sockbox overlay for <signal.h>. wasi-libc refuses the header unless
 * _WASI_EMULATED_SIGNAL is defined and then hides sigaction, signal sets,
 * siginfo_t and kill ("WASI has no sigaction"). libsockbox implements them
 * over the sockbox_proc imports (docs/concurrency.md): a process can install
 * handlers, mask signals and kill() the processes fork() made; SIGCHLD's
 * handler runs when a child ends, at the parent's next blocking call. These
 * are musl's layouts, which wasi-libc's own (hidden) declarations use.
 */
#ifndef SOCKBOX_SIGNAL_H
#define SOCKBOX_SIGNAL_H

#ifndef _WASI_EMULATED_SIGNAL
#define _WASI_EMULATED_SIGNAL
#endif
#include_next <signal.h>

#ifdef __cplusplus
extern "C" {
#endif

#define __NEED_size_t
#define __NEED_pid_t
#define __NEED_uid_t
#define __NEED_struct_timespec
#define __NEED_pthread_t
#define __NEED_clock_t
#define __NEED_sigset_t
#include <bits/alltypes.h>

#define SIG_BLOCK     0
#define SIG_UNBLOCK   1
#define SIG_SETMASK   2

#define SI_USER 0
#define SI_KERNEL 128

#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

#define SA_NOCLDSTOP  1
#define SA_NOCLDWAIT  2
#define SA_SIGINFO    4
#define SA_ONSTACK    0x08000000
#define SA_RESTART    0x10000000
#define SA_NODEFER    0x40000000
#define SA_RESETHAND  0x80000000
#define SA_NOMASK     SA_NODEFER
#define SA_ONESHOT    SA_RESETHAND

#ifndef NSIG
#define NSIG _NSIG
#endif

union sigval {
    int sival_int;
    void *sival_ptr;
};

typedef struct {
    int si_signo, si_errno, si_code;
    union {
        char __pad[128 - 2 * sizeof(int) - sizeof(long)];
        struct {
            struct {
                pid_t si_pid;
                uid_t si_uid;
            } __piduid;
            union {
                union sigval si_value;
                struct {
                    int si_status;
                    clock_t si_utime, si_stime;
                } __sigchld;
            } __second;
        } __si_common;
    } __si_fields;
} siginfo_t;
#define si_pid     __si_fields.__si_common.__piduid.si_pid
#define si_uid     __si_fields.__si_common.__piduid.si_uid
#define si_status  __si_fields.__si_common.__second.__sigchld.si_status
#define si_utime   __si_fields.__si_common.__second.__sigchld.si_utime
#define si_stime   __si_fields.__si_common.__second.__sigchld.si_stime
#define si_value   __si_fields.__si_common.__second.si_value
#define si_ptr     si_value.sival_ptr
#define si_int     si_value.sival_int

struct sigaction {
    union {
        void (*sa_handler)(int);
        void (*sa_sigaction)(int, siginfo_t *, void *);
    } __sa_handler;
    sigset_t sa_mask;
    int sa_flags;
    void (*sa_restorer)(void);
};
#define sa_handler   __sa_handler.sa_handler
#define sa_sigaction __sa_handler.sa_sigaction

typedef void (*sighandler_t)(int);
typedef void (*sig_t)(int);

int kill(pid_t, int);
int killpg(pid_t, int);

int sigemptyset(sigset_t *);
int sigfillset(sigset_t *);
int sigaddset(sigset_t *, int);
int sigdelset(sigset_t *, int);
int sigismember(const sigset_t *, int);

int sigprocmask(int, const sigset_t *__restrict, sigset_t *__restrict);
int pthread_sigmask(int, const sigset_t *__restrict, sigset_t *__restrict);
int sigsuspend(const sigset_t *);
int sigaction(int, const struct sigaction *__restrict, struct sigaction *__restrict);
int sigpending(sigset_t *);
int siginterrupt(int, int);

#ifdef __cplusplus
}
#endif

#endif
