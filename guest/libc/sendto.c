/* sendto(): with no address it is send(). */
#include <sys/socket.h>

#include "sockbox_internal.h"

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
               socklen_t tolen) {
    sbx_ciovec_t iov = {buf, (uint32_t)len};
    return __sbx_send_iov(fd, &iov, 1, flags, to, tolen);
}
