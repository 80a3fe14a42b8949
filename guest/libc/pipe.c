/*
 * pipe(), pipe2(): WASI has no pipes; these are a connected unix stream pair
 * (socketpair), the read end shut for writing and the write end for reading.
 * They behave as pipes for what programs do with them — bytes in order, EOF
 * once every write end is closed, EPIPE (and SIGPIPE) when no reader is left,
 * poll/select, sharing across fork() — but fstat() says socket, not FIFO, and
 * writing to the read end is EPIPE where Linux says EBADF.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

int pipe2(int fds[2], int flags) {
    if (flags & ~(O_NONBLOCK | O_CLOEXEC)) {
        errno = EINVAL;
        return -1;
    }
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | (flags & O_NONBLOCK ? SOCK_NONBLOCK : 0), 0, sv) < 0) return -1;
    shutdown(sv[0], SHUT_WR);
    shutdown(sv[1], SHUT_RD);
    fds[0] = sv[0];
    fds[1] = sv[1];
    return 0;
}

int pipe(int fds[2]) {
    return pipe2(fds, 0);
}
