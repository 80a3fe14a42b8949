/* recvfrom(): fills the sender's address and its length (none for TCP). */
#include <sys/socket.h>

#include "sockbox_internal.h"

ssize_t recvfrom(int fd, void *__restrict buf, size_t len, int flags,
                 struct sockaddr *__restrict from, socklen_t *__restrict fromlen) {
    sbx_iovec_t iov = {buf, (uint32_t)len};
    return __sbx_recv_iov(fd, &iov, 1, flags, from, fromlen, NULL);
}
