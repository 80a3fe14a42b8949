/* socket(): sock_open, with SOCK_NONBLOCK applied to the new descriptor. */
#include <sys/socket.h>
#include <unistd.h>

#include "socket_type_flags.h"

int socket(int domain, int type, int protocol) {
    uint32_t af, st;
    int err = __sbx_family_to_abi(domain, &af);
    if (err != 0 || af == SBX_AF_UNSPEC)
        return __sbx_fail(EAFNOSUPPORT);
    err = __sbx_socktype_to_abi(type & ~SBX_SOCK_TYPE_FLAGS, &st);
    if (err != 0)
        return __sbx_fail(err);
    if (protocol < 0)
        return __sbx_fail(EINVAL);

    uint32_t fd;
    err = __sbx_sock_open(af, st, (uint32_t)protocol, &fd);
    if (err != 0)
        return __sbx_fail(err);
    if (type & SOCK_NONBLOCK) {
        err = __sbx_set_nonblock(fd);
        if (err != 0) {
            close((int)fd);
            return __sbx_fail(err);
        }
    }
    return (int)fd;
}
