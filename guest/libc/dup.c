/*
 * dup(), dup2(), dup3(): WASI has only fd_renumber, which moves a descriptor
 * (closing the old number); these duplicate it through sockbox_proc.dup, so
 * both numbers refer to the same open file, socket or pipe, as on Linux
 * (redirecting stdio to a socket, inetd-style, works).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <wasi/api.h>

#include "proc_imports.h"

static int fail(int err) {
    errno = err;
    return -1;
}

int dup(int fd) {
    int32_t out = -1;
    int err = __sbx_proc_dup(fd, 0, &out);
    return err ? fail(err) : out;
}

int dup2(int fd, int newfd) {
    if (newfd < 0) return fail(EBADF);
    if (fd == newfd) { /* Linux: newfd back if fd is open, else EBADF */
        __wasi_fdstat_t st;
        return __wasi_fd_fdstat_get(fd, &st) ? fail(EBADF) : newfd;
    }
    int32_t copy = -1;
    int err = __sbx_proc_dup(fd, newfd, &copy);
    if (err == EMFILE) { /* Linux: a newfd at or above RLIMIT_NOFILE is EBADF */
        struct rlimit rl;
        if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && (rlim_t)newfd >= rl.rlim_cur) return fail(EBADF);
    }
    if (err) return fail(err);
    if (copy == newfd) return newfd;
    /* newfd was open: the copy takes its number, closing what it held. */
    err = __wasi_fd_renumber(copy, newfd);
    if (err) {
        close(copy);
        return fail(err);
    }
    return newfd;
}

int dup3(int fd, int newfd, int flags) {
    if (fd == newfd || (flags & ~O_CLOEXEC)) return fail(EINVAL);
    return dup2(fd, newfd); /* O_CLOEXEC: nothing is ever exec'd */
}
