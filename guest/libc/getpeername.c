/* getpeername(): sock_addr_peer (ENOTCONN when there is no peer). */
#include <string.h>
#include <sys/socket.h>

#include "sockbox_internal.h"

int getpeername(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict len) {
    if (addr == NULL || len == NULL)
        return __sbx_fail(EFAULT);
    sbx_addr_port_t ap;
    memset(&ap, 0, sizeof ap);
    sbx_errno_t err = __sbx_sock_addr_peer((uint32_t)fd, &ap);
    if (err != 0)
        return __sbx_fail(err);
    __sbx_ap_to_sockaddr(&ap, addr, len, SBX_UNNAMED_FAMILY_ONLY);
    return 0;
}
