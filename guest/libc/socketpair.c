/* socketpair(): sock_pair (Linux supports it for AF_UNIX only; the host decides). */
#include <sys/socket.h>
#include <unistd.h>

#include "socket_type_flags.h"

int socketpair(int domain, int type, int protocol, int sv[2]) {
    if (sv == NULL)
        return __sbx_fail(EFAULT);
    uint32_t af, st;
    int err = __sbx_family_to_abi(domain, &af);
    if (err != 0 || af == SBX_AF_UNSPEC)
        return __sbx_fail(EAFNOSUPPORT);
    err = __sbx_socktype_to_abi(type & ~SBX_SOCK_TYPE_FLAGS, &st);
    if (err != 0)
        return __sbx_fail(err);
    if (protocol < 0)
        return __sbx_fail(EINVAL);

    uint32_t fd1, fd2;
    err = __sbx_sock_pair(af, st, (uint32_t)protocol, &fd1, &fd2);
    if (err != 0)
        return __sbx_fail(err);
    if (type & SOCK_NONBLOCK) {
        err = __sbx_set_nonblock(fd1);
        if (err == 0)
            err = __sbx_set_nonblock(fd2);
        if (err != 0) {
            close((int)fd1);
            close((int)fd2);
            return __sbx_fail(err);
        }
    }
    sv[0] = (int)fd1;
    sv[1] = (int)fd2;
    return 0;
}
