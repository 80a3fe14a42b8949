/*
 * write() and writev(): wasi-libc's, plus Linux's SIGPIPE when the write
 * fails with EPIPE (a stream socket or pipe whose peer is gone; sigpipe.c).
 * stdio writes through writev, so fwrite/printf to a socket raise it too.
 * wasi-libc defines each in an object file of its own, so these replace
 * them whole.
 */
#include <errno.h>
#include <limits.h>
#include <sys/uio.h>
#include <unistd.h>
#include <wasi/api.h>

#include "sockbox_internal.h"

static ssize_t written(__wasi_errno_t err, size_t n) {
    if (err == 0)
        return (ssize_t)n;
    if (err == EPIPE)
        __sbx_sigpipe(); /* before the call returns, as on Linux; errno is set after */
    errno = err == ENOTCAPABLE ? EBADF : err;
    return -1;
}

ssize_t write(int fd, const void *buf, size_t count) {
    __wasi_ciovec_t iov = {.buf = buf, .buf_len = count};
    size_t n = 0;
    return written(__wasi_fd_write(fd, &iov, 1, &n), n);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt) {
    if (iovcnt < 0 || iovcnt > IOV_MAX) { /* Linux: EINVAL beyond IOV_MAX too */
        errno = EINVAL;
        return -1;
    }
    size_t n = 0;
    return written(__wasi_fd_write(fd, (const __wasi_ciovec_t *)(const void *)iov, (size_t)iovcnt, &n), n);
}
