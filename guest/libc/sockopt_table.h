/*
 * The socket options libsockbox knows: (level, optname) -> how the value is
 * shaped in C and which ABI option carries it. One table (sockopt_table.c)
 * serves setsockopt() and getsockopt().
 */
#ifndef SOCKBOX_SOCKOPT_TABLE_H
#define SOCKBOX_SOCKOPT_TABLE_H

#include <stdint.h>

enum sbx_sockopt_kind {
    SBX_SOCKOPT_FLAG,        /* int, 0 = off; sock_{set,get}_opt_flag */
    SBX_SOCKOPT_FLAG_RO,     /* int, read only; sock_get_opt_flag */
    SBX_SOCKOPT_SIZE,        /* int; sock_{set,get}_opt_size */
    SBX_SOCKOPT_LINGER,      /* struct linger; sock_{set,get}_opt_time */
    SBX_SOCKOPT_TIMEVAL,     /* struct timeval; sock_{set,get}_opt_time */
    SBX_SOCKOPT_ERROR,       /* int errno, read only; sock_get_opt_size */
    SBX_SOCKOPT_TYPE,        /* int SOCK_*, read only; fd_fdstat_get */
    SBX_SOCKOPT_MCAST4_JOIN, /* struct ip_mreq, write only */
    SBX_SOCKOPT_MCAST4_LEAVE,
    SBX_SOCKOPT_MCAST6_JOIN, /* struct ipv6_mreq, write only */
    SBX_SOCKOPT_MCAST6_LEAVE,
};

struct sbx_sockopt_row {
    int level;
    int name;
    enum sbx_sockopt_kind kind;
    uint32_t option;  /* enum sbx_sock_option; unused for TYPE and MCAST* */
    uint8_t byte_ok;  /* Linux also takes/gives a single byte (IP_MULTICAST_*) */
};

/* The row for (level, name), or NULL. */
const struct sbx_sockopt_row *__sbx_sockopt_find(int level, int name);

#endif
