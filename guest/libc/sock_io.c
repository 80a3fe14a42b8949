/*
 * The one receive path and the one send path behind recv/recvfrom/recvmsg
 * and send/sendto/sendmsg. Several iovecs are always one host call, so a
 * datagram sent from several iovecs is one datagram, and one received into
 * several iovecs is one datagram.
 */
#include <string.h>

#include "sockbox_internal.h"

/* Linux gives no source address for TCP (recvfrom sets *addrlen to 0). */
static int is_tcp(int fd, const sbx_addr_port_t *ap) {
    uint8_t tag = ap->b[SBX_AP_TAG];
    if (tag != SBX_AF_INET4 && tag != SBX_AF_INET6)
        return 0;
    int saved = errno;
    int type = __sbx_fd_filetype(fd);
    errno = saved;
    return type == SBX_FILETYPE_SOCKET_STREAM;
}

ssize_t __sbx_recv_iov(int fd, const sbx_iovec_t *iov, size_t iovcnt, int flags,
                       struct sockaddr *from, socklen_t *fromlen, int *msg_flags) {
    uint32_t riflags;
    int err = __sbx_recv_flags(flags, &riflags);
    if (err != 0)
        return __sbx_fail(err);
    if (from != NULL && fromlen == NULL)
        return __sbx_fail(EFAULT);

    uint32_t n = 0, roflags = 0;
    if (from != NULL) {
        sbx_addr_port_t ap;
        memset(&ap, 0, sizeof ap);
        err = __sbx_sock_recv_from((uint32_t)fd, iov, (uint32_t)iovcnt, riflags, &n, &roflags,
                                   &ap);
        if (err != 0)
            return __sbx_fail(err);
        if (is_tcp(fd, &ap))
            *fromlen = 0;
        else
            __sbx_ap_to_sockaddr(&ap, from, fromlen, SBX_UNNAMED_EMPTY);
    } else {
        err = __sbx_sock_recv((uint32_t)fd, iov, (uint32_t)iovcnt, riflags, &n, &roflags);
        if (err != 0)
            return __sbx_fail(err);
    }
    if (msg_flags != NULL)
        *msg_flags = __sbx_msg_flags_from_roflags(roflags);
    return (ssize_t)n;
}

ssize_t __sbx_send_iov(int fd, const sbx_ciovec_t *iov, size_t iovcnt, int flags,
                       const struct sockaddr *to, socklen_t tolen) {
    uint32_t siflags;
    int err = __sbx_send_flags(flags, &siflags);
    if (err != 0)
        return __sbx_fail(err);

    uint32_t n = 0;
    if (to != NULL) {
        sbx_addr_port_t ap;
        err = __sbx_sockaddr_to_ap(to, tolen, &ap);
        if (err != 0)
            return __sbx_fail(err);
        err = __sbx_sock_send_to((uint32_t)fd, iov, (uint32_t)iovcnt, siflags, &ap, &n);
    } else {
        err = __sbx_sock_send((uint32_t)fd, iov, (uint32_t)iovcnt, siflags, &n);
    }
    if (err == EPIPE && !(flags & MSG_NOSIGNAL))
        __sbx_sigpipe();
    if (err != 0)
        return __sbx_fail(err);
    return (ssize_t)n;
}
