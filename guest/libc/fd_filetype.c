/* The WASI file type of a descriptor (sockets: SOCKET_STREAM / SOCKET_DGRAM). */
#include "sockbox_internal.h"

int __sbx_fd_filetype(int fd) {
    if (fd < 0)
        return __sbx_fail(EBADF);
    sbx_fdstat_t st;
    sbx_errno_t err = __sbx_fd_fdstat_get((uint32_t)fd, &st);
    if (err != 0)
        return __sbx_fail(err);
    return st.fs_filetype;
}
