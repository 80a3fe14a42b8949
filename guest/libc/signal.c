/*
 * Signals between the processes of one sandbox (docs/concurrency.md):
 * sigaction()/signal() record a handler here and tell the host what the
 * signal does; kill() asks the host; the host runs a handler by calling
 * __sockbox_signal_entry on the process's stack, between two of its blocking
 * calls (a blocked call goes on waiting afterwards, as with SA_RESTART).
 * raise() and kill() of oneself run the handler at once, as on Linux; a
 * signal a process sends itself while blocking it stays pending until
 * sigprocmask() unblocks it (the host holds those other processes send).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc_imports.h"

#define BITS_PER_WORD (8 * sizeof(unsigned long))

static struct sigaction actions[_NSIG];
static sigset_t blocked;
static sigset_t pending_self; /* sent to itself while blocked: raise(), kill(getpid()), SIGPIPE */
static unsigned handlers_run;  /* handlers run so far (sigsuspend's wake-up) */

static void deliver_unblocked(void);

static int bad_signal(int sig) {
    return sig <= 0 || sig >= _NSIG;
}

static int fail(int err) {
    errno = err;
    return -1;
}

int sigemptyset(sigset_t *set) {
    memset(set, 0, sizeof *set);
    return 0;
}

int sigfillset(sigset_t *set) {
    memset(set, 0xff, sizeof *set);
    return 0;
}

int sigaddset(sigset_t *set, int sig) {
    if (bad_signal(sig)) return fail(EINVAL);
    set->__bits[(sig - 1) / BITS_PER_WORD] |= 1ul << ((sig - 1) % BITS_PER_WORD);
    return 0;
}

int sigdelset(sigset_t *set, int sig) {
    if (bad_signal(sig)) return fail(EINVAL);
    set->__bits[(sig - 1) / BITS_PER_WORD] &= ~(1ul << ((sig - 1) % BITS_PER_WORD));
    return 0;
}

int sigismember(const sigset_t *set, int sig) {
    if (bad_signal(sig)) return fail(EINVAL);
    return (set->__bits[(sig - 1) / BITS_PER_WORD] >> ((sig - 1) % BITS_PER_WORD)) & 1;
}

static int disposition_of(const struct sigaction *a) {
    if (a->sa_handler == SIG_DFL) return SBX_SIG_DEFAULT;
    if (a->sa_handler == SIG_IGN) return SBX_SIG_IGNORE;
    return SBX_SIG_HANDLER;
}

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old) {
    if (bad_signal(sig) || (act && (sig == SIGKILL || sig == SIGSTOP))) return fail(EINVAL);
    if (old) *old = actions[sig];
    if (act) {
        int err = __sbx_proc_sigaction(sig, disposition_of(act), act->sa_flags);
        if (err) return fail(err);
        actions[sig] = *act;
        if (act->sa_handler == SIG_IGN) sigdelset(&pending_self, sig); /* POSIX: discarded */
    }
    return 0;
}

void (*signal(int sig, void (*handler)(int)))(int) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART; /* BSD semantics, as glibc's signal() */
    if (sigaction(sig, &sa, &old) < 0) return SIG_ERR;
    return old.sa_handler;
}

static int tell_mask(void) {
    uint64_t bits = 0;
    for (int sig = 1; sig < _NSIG && sig <= 64; sig++)
        if (sigismember(&blocked, sig) == 1) bits |= 1ull << (sig - 1);
    int err = __sbx_proc_sigmask((uint32_t)bits, (uint32_t)(bits >> 32));
    return err ? fail(err) : 0;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old) {
    if (old) *old = blocked;
    if (!set) return 0;
    for (size_t i = 0; i < sizeof blocked.__bits / sizeof blocked.__bits[0]; i++) {
        switch (how) {
        case SIG_BLOCK: blocked.__bits[i] |= set->__bits[i]; break;
        case SIG_UNBLOCK: blocked.__bits[i] &= ~set->__bits[i]; break;
        case SIG_SETMASK: blocked.__bits[i] = set->__bits[i]; break;
        default: return fail(EINVAL);
        }
    }
    sigdelset(&blocked, SIGKILL);
    sigdelset(&blocked, SIGSTOP);
    if (tell_mask() < 0) return -1;
    deliver_unblocked();
    return 0;
}

int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old) {
    return sigprocmask(how, set, old) < 0 ? errno : 0;
}

int sigpending(sigset_t *set) {
    *set = pending_self;
    return 0;
}

int siginterrupt(int sig, int flag) {
    struct sigaction sa;
    if (sigaction(sig, NULL, &sa) < 0) return -1;
    if (flag) sa.sa_flags &= ~SA_RESTART;
    else sa.sa_flags |= SA_RESTART;
    return sigaction(sig, &sa, NULL);
}

int pause(void) {
    return fail(__sbx_proc_pause());
}

int sigsuspend(const sigset_t *mask) {
    sigset_t old;
    unsigned before = handlers_run;
    sigprocmask(SIG_SETMASK, mask, &old);
    /* A pending signal the new mask let through has been handled: return now. */
    int err = handlers_run != before ? EINTR : __sbx_proc_pause();
    sigprocmask(SIG_SETMASK, &old, NULL);
    return fail(err);
}

static void run_handler(int sig, int code, int pid, int status) {
    struct sigaction *a = &actions[sig];
    void (*handler)(int) = a->sa_handler;
    int flags = a->sa_flags;
    if (handler == SIG_DFL || handler == SIG_IGN) return;
    handlers_run++;
    if (flags & SA_RESETHAND) {
        memset(a, 0, sizeof *a);
        __sbx_proc_sigaction(sig, SBX_SIG_DEFAULT, 0);
    }
    if (flags & SA_SIGINFO) {
        siginfo_t info;
        memset(&info, 0, sizeof info);
        info.si_signo = sig;
        info.si_code = code;
        info.si_pid = pid;
        info.si_status = status;
        ((void (*)(int, siginfo_t *, void *))handler)(sig, &info, NULL);
    } else {
        handler(sig);
    }
}

/* The host runs a handler through this, on the interrupted code's stack
 * below its frames (like a Linux signal frame), and holds the interrupted
 * code until it is done. errno is given back to the interrupted code as it
 * was. It never returns: the host ends its stack. */
__attribute__((export_name("__sockbox_signal_entry")))
void __sockbox_signal_entry(int sig, int code, int pid, int status) {
    int saved_errno = errno;
    if (!bad_signal(sig)) run_handler(sig, code, pid, status);
    errno = saved_errno;
    __sbx_proc_signal_return();
    __builtin_unreachable();
}

int raise(int sig) {
    if (bad_signal(sig)) return fail(EINVAL);
    int32_t pid, ppid, pgid;
    __sbx_proc_getpid(&pid, &ppid, &pgid);
    return kill(pid, sig);
}

/* A signal to the calling process (`self`): pending while blocked, else
 * handled here at once, or its default action asked of the host. */
static int signal_self(int32_t self, int sig) {
    if (sigismember(&blocked, sig) == 1) {
        sigaddset(&pending_self, sig);
        return 0;
    }
    if (actions[sig].sa_handler == SIG_IGN) return 0;
    if (actions[sig].sa_handler != SIG_DFL) {
        run_handler(sig, SI_USER, self, 0);
        return 0;
    }
    int err = __sbx_proc_kill(self, sig);
    return err ? fail(err) : 0;
}

/* sigpipe.c raises SIGPIPE through this when the program links signal.c. */
int __sbx_signal_self(int sig) {
    int32_t self, ppid, pgid;
    __sbx_proc_getpid(&self, &ppid, &pgid);
    return signal_self(self, sig);
}

/* Delivers the pending signals the mask no longer blocks (before
 * sigprocmask() returns, as on Linux). */
static void deliver_unblocked(void) {
    for (int sig = 1; sig < _NSIG; sig++) {
        if (sigismember(&pending_self, sig) != 1 || sigismember(&blocked, sig) == 1) continue;
        sigdelset(&pending_self, sig);
        __sbx_signal_self(sig);
    }
}

int kill(pid_t pid, int sig) {
    if (sig < 0 || sig >= _NSIG) return fail(EINVAL);
    int32_t self, ppid, pgid;
    __sbx_proc_getpid(&self, &ppid, &pgid);
    if (pid == self && sig != 0) return signal_self(self, sig);
    int err = __sbx_proc_kill(pid, sig);
    return err ? fail(err) : 0;
}

int killpg(pid_t pgrp, int sig) {
    if (pgrp < 0) return fail(EINVAL);
    return kill(pgrp == 0 ? 0 : -pgrp, sig);
}

/* wasi-libc's SIG_IGN and SIG_ERR are the addresses of these two functions
 * (0 and 1 are not distinct from real handlers on wasm); its
 * libwasi-emulated-signal, which sockbox cc does not link, defines them. */
void __SIG_IGN(int sig) {
    (void)sig;
}

void __SIG_ERR(int sig) {
    (void)sig;
}
