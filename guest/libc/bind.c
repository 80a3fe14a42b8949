/* bind(): the address becomes an addr_port (port in host order, see sockaddr_convert.c). */
#include <sys/socket.h>

#include "sockbox_internal.h"

int bind(int fd, const struct sockaddr *addr, socklen_t len) {
    sbx_addr_port_t ap;
    int err = __sbx_sockaddr_to_ap(addr, len, &ap);
    if (err != 0)
        return __sbx_fail(err);
    err = __sbx_sock_bind((uint32_t)fd, &ap);
    return err != 0 ? __sbx_fail(err) : 0;
}
