/*
 * accept4(): sock_accept_v2, which also gives the peer's address (wasi-libc's
 * accept() drops it). The accepted socket does not inherit O_NONBLOCK from
 * the listener (Linux); SOCK_NONBLOCK asks for it.
 *
 * wasi-libc defines accept and accept4 in one object file, so libsockbox
 * must define both (accept.c) or the linker would pull that object in and
 * find two definitions of one of them.
 */
#include <string.h>
#include <sys/socket.h>

#include "socket_type_flags.h"

int accept4(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict len, int flags) {
    if (flags & ~SBX_SOCK_TYPE_FLAGS)
        return __sbx_fail(EINVAL);
    if (addr != NULL && len == NULL)
        return __sbx_fail(EFAULT);

    uint32_t fdflags = (flags & SOCK_NONBLOCK) ? SBX_FDFLAGS_NONBLOCK : 0;
    uint32_t newfd;
    sbx_addr_port_t ap;
    memset(&ap, 0, sizeof ap);
    sbx_errno_t err = __sbx_sock_accept_v2((uint32_t)fd, fdflags, &newfd, &ap);
    if (err != 0)
        return __sbx_fail(err);
    __sbx_ap_to_sockaddr(&ap, addr, len, SBX_UNNAMED_FAMILY_ONLY);
    return (int)newfd;
}
