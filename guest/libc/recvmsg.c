/*
 * recvmsg(): all iovecs in one host call (one datagram); MSG_TRUNC in
 * msg_flags when the datagram was cut; the sender's address in msg_name.
 * No ancillary data is ever delivered (msg_controllen becomes 0).
 */
#include <limits.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "sockbox_internal.h"

ssize_t recvmsg(int fd, struct msghdr *msg, int flags) {
    if (msg == NULL)
        return __sbx_fail(EFAULT);
    if (msg->msg_iovlen < 0 || msg->msg_iovlen > IOV_MAX)
        return __sbx_fail(EMSGSIZE);
    if (msg->msg_iovlen > 0 && msg->msg_iov == NULL)
        return __sbx_fail(EFAULT);

    /* struct iovec has the ABI's iovec layout (checked in sockaddr_convert.c). */
    const sbx_iovec_t *iov = (const sbx_iovec_t *)(const void *)msg->msg_iov;
    int out_flags = 0;
    ssize_t n = __sbx_recv_iov(fd, iov, (size_t)msg->msg_iovlen, flags,
                               (struct sockaddr *)msg->msg_name,
                               msg->msg_name != NULL ? &msg->msg_namelen : NULL, &out_flags);
    if (n < 0)
        return -1;
    msg->msg_controllen = 0;
    msg->msg_flags = out_flags;
    return n;
}
