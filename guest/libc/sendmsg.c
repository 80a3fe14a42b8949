/*
 * sendmsg(): all iovecs in one host call, so a datagram is one datagram
 * whatever its number of pieces. Ancillary data (SCM_RIGHTS, ...) cannot be
 * carried: a message with control data fails with EOPNOTSUPP rather than
 * silently dropping it.
 */
#include <limits.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "sockbox_internal.h"

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags) {
    if (msg == NULL)
        return __sbx_fail(EFAULT);
    if (msg->msg_iovlen < 0 || msg->msg_iovlen > IOV_MAX)
        return __sbx_fail(EMSGSIZE);
    if (msg->msg_iovlen > 0 && msg->msg_iov == NULL)
        return __sbx_fail(EFAULT);
    if (msg->msg_control != NULL && msg->msg_controllen > 0)
        return __sbx_fail(EOPNOTSUPP);

    const sbx_ciovec_t *iov = (const sbx_ciovec_t *)(const void *)msg->msg_iov;
    const struct sockaddr *to = msg->msg_namelen > 0 ? (const struct sockaddr *)msg->msg_name : NULL;
    return __sbx_send_iov(fd, iov, (size_t)msg->msg_iovlen, flags, to, msg->msg_namelen);
}
