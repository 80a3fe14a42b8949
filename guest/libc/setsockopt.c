/*
 * setsockopt(): options from sockopt_table.c. An int flag of 0 means OFF
 * (wasix-libc had a bug turning it on). Unknown options: ENOPROTOOPT.
 */
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "sockbox_internal.h"
#include "sockopt_table.h"
#include "sockopt_time.h"

/* Linux's IP_TTL -1 means "the default" (64); IP_MULTICAST_TTL -1 means 1. */
#define SBX_DEFAULT_TTL 64
#define SBX_DEFAULT_MULTICAST_TTL 1
#define SBX_MAX_TTL 255

/* Read the int (or, where Linux allows it, the single byte) at val. */
static int read_int(const struct sbx_sockopt_row *row, const void *val, socklen_t len, int *out) {
    if (len >= sizeof(int)) {
        memcpy(out, val, sizeof(int));
        return 0;
    }
    if (row->byte_ok && len >= 1) {
        *out = *(const unsigned char *)val;
        return 0;
    }
    return EINVAL;
}

/* The size an int option asks for, validated as Linux does for TTLs. */
static int size_value(const struct sbx_sockopt_row *row, int v, uint64_t *out) {
    switch (row->option) {
    case SBX_OPT_TTL:
        if (v == -1)
            v = SBX_DEFAULT_TTL;
        if (v < 1 || v > SBX_MAX_TTL)
            return EINVAL;
        break;
    case SBX_OPT_MULTICAST_TTL_V4:
        if (v == -1)
            v = SBX_DEFAULT_MULTICAST_TTL;
        if (v < 0 || v > SBX_MAX_TTL)
            return EINVAL;
        break;
    default:
        if (v < 0)
            v = 0; /* buffer sizes: the host applies its minimum */
        break;
    }
    *out = (uint64_t)v;
    return 0;
}

static int set_mcast4(uint32_t fd, const struct sbx_sockopt_row *row, const void *val,
                      socklen_t len) {
    uint8_t group[SBX_IP4_LEN], iface[SBX_IP4_LEN];
    if (len < 2 * SBX_IP4_LEN) /* struct ip_mreq (struct ip_mreqn starts the same) */
        return EINVAL;
    memcpy(group, val, SBX_IP4_LEN);
    memcpy(iface, (const uint8_t *)val + SBX_IP4_LEN, SBX_IP4_LEN);
    return row->kind == SBX_SOCKOPT_MCAST4_JOIN ? __sbx_sock_join_multicast_v4(fd, group, iface)
                                                : __sbx_sock_leave_multicast_v4(fd, group, iface);
}

static int set_mcast6(uint32_t fd, const struct sbx_sockopt_row *row, const void *val,
                      socklen_t len) {
    struct ipv6_mreq mreq;
    if (len < sizeof mreq)
        return EINVAL;
    memcpy(&mreq, val, sizeof mreq);
    const uint8_t *group = mreq.ipv6mr_multiaddr.s6_addr;
    return row->kind == SBX_SOCKOPT_MCAST6_JOIN
               ? __sbx_sock_join_multicast_v6(fd, group, mreq.ipv6mr_interface)
               : __sbx_sock_leave_multicast_v6(fd, group, mreq.ipv6mr_interface);
}

static int set_option(uint32_t fd, const struct sbx_sockopt_row *row, const void *val,
                      socklen_t len) {
    int v;
    int err;
    sbx_option_timestamp_t t;
    switch (row->kind) {
    case SBX_SOCKOPT_FLAG:
        if ((err = read_int(row, val, len, &v)) != 0)
            return err;
        return __sbx_sock_set_opt_flag(fd, row->option, v != 0 ? 1 : 0);
    case SBX_SOCKOPT_SIZE: {
        uint64_t size;
        if ((err = read_int(row, val, len, &v)) != 0)
            return err;
        if ((err = size_value(row, v, &size)) != 0)
            return err;
        return __sbx_sock_set_opt_size(fd, row->option, size);
    }
    case SBX_SOCKOPT_LINGER: {
        struct linger l;
        if (len < sizeof l)
            return EINVAL;
        memcpy(&l, val, sizeof l);
        __sbx_linger_to_opt(&l, &t);
        return __sbx_sock_set_opt_time(fd, row->option, &t);
    }
    case SBX_SOCKOPT_TIMEVAL: {
        struct timeval tv;
        if (len < sizeof tv)
            return EINVAL;
        memcpy(&tv, val, sizeof tv);
        if ((err = __sbx_timeval_to_opt(&tv, &t)) != 0)
            return err;
        return __sbx_sock_set_opt_time(fd, row->option, &t);
    }
    case SBX_SOCKOPT_MCAST4_JOIN:
    case SBX_SOCKOPT_MCAST4_LEAVE:
        return set_mcast4(fd, row, val, len);
    case SBX_SOCKOPT_MCAST6_JOIN:
    case SBX_SOCKOPT_MCAST6_LEAVE:
        return set_mcast6(fd, row, val, len);
    case SBX_SOCKOPT_FLAG_RO:
    case SBX_SOCKOPT_ERROR:
    case SBX_SOCKOPT_TYPE:
    default:
        return ENOPROTOOPT; /* read-only options, as on Linux */
    }
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len) {
    if ((int)len < 0)
        return __sbx_fail(EINVAL);
    if (val == NULL && len > 0)
        return __sbx_fail(EFAULT);
    const struct sbx_sockopt_row *row = __sbx_sockopt_find(level, name);
    if (row == NULL) {
        /* Tell a bad descriptor from an unknown option, as Linux does. */
        int type = __sbx_fd_filetype(fd);
        if (type < 0)
            return -1;
        if (type != SBX_FILETYPE_SOCKET_STREAM && type != SBX_FILETYPE_SOCKET_DGRAM)
            return __sbx_fail(ENOTSOCK);
        return __sbx_fail(ENOPROTOOPT);
    }
    /* From here val is NULL only when len is 0: every option checks len first. */
    int err = set_option((uint32_t)fd, row, val, len);
    return err != 0 ? __sbx_fail(err) : 0;
}
