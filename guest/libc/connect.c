/* connect(): AF_UNSPEC is passed on (tag 0) so that a UDP socket can be disconnected. */
#include <sys/socket.h>

#include "sockbox_internal.h"

int connect(int fd, const struct sockaddr *addr, socklen_t len) {
    sbx_addr_port_t ap;
    int err = __sbx_connect_addr_to_ap(addr, len, &ap);
    if (err != 0)
        return __sbx_fail(err);
    err = __sbx_sock_connect((uint32_t)fd, &ap);
    return err != 0 ? __sbx_fail(err) : 0;
}
