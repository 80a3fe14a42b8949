/*
 * getsockopt(): replaces wasi-libc's, which knows SO_TYPE only. Values are
 * handed back as Linux does: at most *len bytes, and *len set to what was
 * written. SO_ERROR reads the host's pending error (LAST_ERROR, a WASI
 * errno, which is the guest's errno numbering).
 */
#include <limits.h>
#include <string.h>
#include <sys/socket.h>

#include "sockbox_internal.h"
#include "sockopt_table.h"
#include "sockopt_time.h"

static void give(void *val, socklen_t *len, const void *value, size_t size) {
    socklen_t n = *len < size ? *len : (socklen_t)size;
    if (n > 0)
        memcpy(val, value, n);
    *len = n;
}

/* Hand back an int, or one byte where Linux does (IP_MULTICAST_* with a short buffer). */
static void give_int(const struct sbx_sockopt_row *row, void *val, socklen_t *len, int v) {
    if (row->byte_ok && *len >= 1 && *len < sizeof(int)) {
        unsigned char c = (unsigned char)v;
        give(val, len, &c, 1);
        return;
    }
    give(val, len, &v, sizeof v);
}

static int socket_type(int fd, int *out) {
    int type = __sbx_fd_filetype(fd);
    if (type < 0)
        return errno;
    if (type == SBX_FILETYPE_SOCKET_STREAM)
        *out = SOCK_STREAM;
    else if (type == SBX_FILETYPE_SOCKET_DGRAM)
        *out = SOCK_DGRAM;
    else
        return ENOTSOCK;
    return 0;
}

static int get_option(int fd, const struct sbx_sockopt_row *row, void *val, socklen_t *len) {
    sbx_errno_t err;
    sbx_option_timestamp_t t;
    switch (row->kind) {
    case SBX_SOCKOPT_FLAG:
    case SBX_SOCKOPT_FLAG_RO: {
        uint8_t flag = 0;
        if ((err = __sbx_sock_get_opt_flag((uint32_t)fd, row->option, &flag)) != 0)
            return err;
        give_int(row, val, len, flag != 0);
        return 0;
    }
    case SBX_SOCKOPT_SIZE:
    case SBX_SOCKOPT_ERROR: {
        uint64_t size = 0;
        if ((err = __sbx_sock_get_opt_size((uint32_t)fd, row->option, &size)) != 0)
            return err;
        give_int(row, val, len, size > INT_MAX ? INT_MAX : (int)size);
        return 0;
    }
    case SBX_SOCKOPT_TYPE: {
        int type;
        if ((err = socket_type(fd, &type)) != 0)
            return err;
        give_int(row, val, len, type);
        return 0;
    }
    case SBX_SOCKOPT_LINGER: {
        struct linger l;
        if ((err = __sbx_sock_get_opt_time((uint32_t)fd, row->option, &t)) != 0)
            return err;
        __sbx_opt_to_linger(&t, &l);
        give(val, len, &l, sizeof l);
        return 0;
    }
    case SBX_SOCKOPT_TIMEVAL: {
        struct timeval tv;
        if ((err = __sbx_sock_get_opt_time((uint32_t)fd, row->option, &t)) != 0)
            return err;
        __sbx_opt_to_timeval(&t, &tv);
        give(val, len, &tv, sizeof tv);
        return 0;
    }
    default:
        return ENOPROTOOPT; /* write-only options (multicast membership) */
    }
}

int getsockopt(int fd, int level, int name, void *__restrict val, socklen_t *__restrict len) {
    if (len == NULL)
        return __sbx_fail(EFAULT);
    if ((int)*len < 0)
        return __sbx_fail(EINVAL);
    const struct sbx_sockopt_row *row = __sbx_sockopt_find(level, name);
    if (row == NULL) {
        int type;
        int err = socket_type(fd, &type);
        return __sbx_fail(err != 0 ? err : ENOPROTOOPT);
    }
    if (val == NULL && *len > 0)
        return __sbx_fail(EFAULT);
    int err = get_option(fd, row, val, len);
    return err != 0 ? __sbx_fail(err) : 0;
}
