/*
 * Processes and signals: the sockbox_proc host imports libsockbox's fork.c,
 * wait.c, getpid.c and signal.c use (docs/concurrency.md). Every call returns
 * a WASI errno (0 = success); results go through out-pointers.
 */
#ifndef SOCKBOX_PROC_IMPORTS_H
#define SOCKBOX_PROC_IMPORTS_H

#include <stdint.h>

#define SBX_PROC_IMPORT(name) \
    __attribute__((import_module("sockbox_proc"), import_name(#name)))

/* Bytes of the buffer fork() lends the host to save the call stack in. */
#define SBX_FORK_BUFFER_SIZE (64u * 1024u)

/* What a signal does, as sigaction() told the host. */
enum {
    SBX_SIG_DEFAULT = 0,
    SBX_SIG_IGNORE = 1,
    SBX_SIG_HANDLER = 2,
};

/* Copies the calling process. `buf` (`size` bytes) holds the saved call
 * stack while the copy is made. *pid_out: the child's pid in the parent, 0 in
 * the child. ENOSYS when the program was not rewritten for fork by sockbox cc
 * (or when it has more than one thread). */
SBX_PROC_IMPORT(fork)
int32_t __sbx_proc_fork(void *buf, uint32_t size, int32_t *pid_out);

/* The caller's pid, its parent's pid and its process group. */
SBX_PROC_IMPORT(getpid)
int32_t __sbx_proc_getpid(int32_t *pid, int32_t *ppid, int32_t *pgid);

/* waitpid(pid, &status, options); *pid_out is 0 under WNOHANG when no child
 * matching pid has ended yet. */
SBX_PROC_IMPORT(wait)
int32_t __sbx_proc_wait(int32_t pid, int32_t options, int32_t *status, int32_t *pid_out);

/* kill(pid, sig); sig 0 checks that pid exists. */
SBX_PROC_IMPORT(kill)
int32_t __sbx_proc_kill(int32_t pid, int32_t sig);

/* Tells the host what signal `sig` does now (SBX_SIG_*) and its SA_* flags. */
SBX_PROC_IMPORT(sigaction)
int32_t __sbx_proc_sigaction(int32_t sig, int32_t disposition, int32_t flags);

/* The signals blocked now: bit (sig - 1) of the 64-bit mask. */
SBX_PROC_IMPORT(sigmask)
int32_t __sbx_proc_sigmask(uint32_t low, uint32_t high);

/* Waits until a signal handler has run, then returns EINTR. */
SBX_PROC_IMPORT(pause)
int32_t __sbx_proc_pause(void);

/* Ends the stack a signal handler ran on (__sockbox_signal_entry); does not return. */
SBX_PROC_IMPORT(signal_return)
int32_t __sbx_proc_signal_return(void);

/* fd_limit's `limit` when the limit is only read. */
#define SBX_FD_LIMIT_UNCHANGED (-1)

/* RLIMIT_NOFILE (rlimit.c): sets the soft limit to `limit` unless it is
 * SBX_FD_LIMIT_UNCHANGED (EINVAL above the maximum); *limit_out: the soft
 * limit now, *max_out: the sandbox's --max-fds, the most it can be. New
 * descriptors get numbers below the soft limit, or fail with EMFILE. */
SBX_PROC_IMPORT(fd_limit)
int32_t __sbx_proc_fd_limit(int32_t limit, uint32_t *limit_out, uint32_t *max_out);

/* dup.c: *fd_out = a new descriptor, the lowest free number >= min, for the
 * same open file as fd (shared offset, status flags, socket). EBADF for a
 * closed fd, EMFILE when none is free below RLIMIT_NOFILE. */
SBX_PROC_IMPORT(dup)
int32_t __sbx_proc_dup(int32_t fd, int32_t min, int32_t *fd_out);

#endif
