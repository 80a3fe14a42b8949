/* shutdown(): SHUT_RD/SHUT_WR/SHUT_RDWR (Linux's 0/1/2) -> sdflags. */
#include <sys/socket.h>

#include "sockbox_internal.h"

int shutdown(int fd, int how) {
    uint32_t sd;
    switch (how) {
    case SHUT_RD:
        sd = SBX_SDFLAGS_RD;
        break;
    case SHUT_WR:
        sd = SBX_SDFLAGS_WR;
        break;
    case SHUT_RDWR:
        sd = SBX_SDFLAGS_RD | SBX_SDFLAGS_WR;
        break;
    default:
        return __sbx_fail(EINVAL);
    }
    sbx_errno_t err = __sbx_sock_shutdown((uint32_t)fd, sd);
    return err != 0 ? __sbx_fail(err) : 0;
}
