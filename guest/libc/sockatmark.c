/* sockatmark(): there is never out-of-band data, so never at the mark. */
#include <sys/socket.h>

#include "sockbox_internal.h"

int sockatmark(int fd) {
    int type = __sbx_fd_filetype(fd);
    if (type < 0)
        return -1;
    if (type != SBX_FILETYPE_SOCKET_STREAM && type != SBX_FILETYPE_SOCKET_DGRAM)
        return __sbx_fail(ENOTSOCK);
    return 0;
}
