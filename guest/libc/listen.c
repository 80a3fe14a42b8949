/* listen(): a backlog that is negative or above SOMAXCONN is SOMAXCONN, as on Linux. */
#include <sys/socket.h>

#include "sockbox_internal.h"

int listen(int fd, int backlog) {
    if (backlog < 0 || backlog > SOMAXCONN)
        backlog = SOMAXCONN;
    sbx_errno_t err = __sbx_sock_listen((uint32_t)fd, (uint32_t)backlog);
    return err != 0 ? __sbx_fail(err) : 0;
}
