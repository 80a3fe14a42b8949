/* recv(): replaces wasi-libc's, which refuses MSG_DONTWAIT and MSG_TRUNC. */
#include <sys/socket.h>

#include "sockbox_internal.h"

ssize_t recv(int fd, void *buf, size_t len, int flags) {
    sbx_iovec_t iov = {buf, (uint32_t)len};
    return __sbx_recv_iov(fd, &iov, 1, flags, NULL, NULL, NULL);
}
