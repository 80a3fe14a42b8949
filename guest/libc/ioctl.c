/*
 * ioctl(): FIONREAD and FIONBIO as Linux answers them. Replaces wasi-libc's,
 * whose FIONREAD fails with the socket's pending error (Linux returns the
 * byte count: 0 on a refused or reset connection, on a pipe at EOF) and
 * reports 0 for a regular file (Linux: the bytes left after the offset).
 *
 * FIONREAD asks the host with a zero-timeout FD_READ subscription: its
 * `nbytes` is the queued byte count of a stream socket or stdin, the size of
 * the next datagram of a datagram socket. A listening socket has no byte
 * count (EINVAL, as Linux). Any other request fails with ENOTTY, Linux's
 * answer for a request the descriptor does not know.
 */
#include <errno.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <wasi/api.h>

#include "sockbox_internal.h"

static int fail(int err) {
    errno = err;
    return -1;
}

static int file_bytes_left(int fd, int *out) {
    __wasi_filestat_t st;
    __wasi_filesize_t pos;
    __wasi_errno_t err = __wasi_fd_filestat_get((__wasi_fd_t)fd, &st);
    if (err == 0)
        err = __wasi_fd_tell((__wasi_fd_t)fd, &pos);
    if (err != 0)
        return fail(err);
    *out = st.size > pos ? (int)(st.size - pos) : 0;
    return 0;
}

static int queued_bytes(int fd, int *out) {
    __wasi_subscription_t subs[2] = {
        {.userdata = 0, .u = {.tag = __WASI_EVENTTYPE_FD_READ, .u = {.fd_read = {.file_descriptor = (__wasi_fd_t)fd}}}},
        {.userdata = 1, .u = {.tag = __WASI_EVENTTYPE_CLOCK, .u = {.clock = {.id = __WASI_CLOCKID_MONOTONIC}}}},
    };
    __wasi_event_t evs[2];
    __wasi_size_t n = 0;
    __wasi_errno_t err = __wasi_poll_oneoff(subs, evs, 2, &n);
    if (err != 0)
        return fail(err);
    *out = 0;
    for (__wasi_size_t i = 0; i < n; i++) {
        if (evs[i].type != __WASI_EVENTTYPE_FD_READ)
            continue;
        if (evs[i].error == __WASI_ERRNO_BADF)
            return fail(EBADF);
        *out = (int)evs[i].fd_readwrite.nbytes;
    }
    return 0;
}

static int fionread(int fd, int *out) {
    __wasi_fdstat_t st;
    __wasi_errno_t err = __wasi_fd_fdstat_get((__wasi_fd_t)fd, &st);
    if (err != 0)
        return fail(err);
    if (st.fs_filetype == __WASI_FILETYPE_REGULAR_FILE)
        return file_bytes_left(fd, out);
    if (st.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM) {
        uint8_t listening = 0;
        if (__sbx_sock_get_opt_flag((uint32_t)fd, SBX_OPT_LISTENING, &listening) == 0 && listening)
            return fail(EINVAL);
    }
    return queued_bytes(fd, out);
}

static int fionbio(int fd, const int *on) {
    __wasi_fdstat_t st;
    __wasi_errno_t err = __wasi_fd_fdstat_get((__wasi_fd_t)fd, &st);
    if (err != 0)
        return fail(err);
    __wasi_fdflags_t flags = *on ? (st.fs_flags | __WASI_FDFLAGS_NONBLOCK) : (st.fs_flags & ~__WASI_FDFLAGS_NONBLOCK);
    err = __wasi_fd_fdstat_set_flags((__wasi_fd_t)fd, flags);
    return err != 0 ? fail(err) : 0;
}

int ioctl(int fd, int request, ...) {
    va_list ap;
    va_start(ap, request);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    switch (request) {
    case FIONREAD:
        return fionread(fd, arg);
    case FIONBIO:
        return fionbio(fd, arg);
    default: {
        __wasi_fdstat_t st;
        __wasi_errno_t err = __wasi_fd_fdstat_get((__wasi_fd_t)fd, &st);
        return fail(err != 0 ? err : ENOTTY);
    }
    }
}
