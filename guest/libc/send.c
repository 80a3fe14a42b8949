/* send(): replaces wasi-libc's, which refuses every flag (even MSG_NOSIGNAL). */
#include <sys/socket.h>

#include "sockbox_internal.h"

ssize_t send(int fd, const void *buf, size_t len, int flags) {
    sbx_ciovec_t iov = {buf, (uint32_t)len};
    return __sbx_send_iov(fd, &iov, 1, flags, NULL, 0);
}
