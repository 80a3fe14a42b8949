/*
 * Every host import libsockbox uses, with the ABI's struct layouts and enum
 * numbers (shared/abi/wasix-sockets.md). Nothing else in guest/libc spells
 * an ABI number: call sites use the names below.
 *
 * Every import returns a WASI errno (0 = success). wasi-libc's errno values
 * ARE the WASI numbers, so a nonzero result is stored into errno unchanged.
 * All parameters are i32 at the wasm level except the ones typed uint64_t.
 */
#ifndef SOCKBOX_WASIX_IMPORTS_H
#define SOCKBOX_WASIX_IMPORTS_H

#include <stddef.h>
#include <stdint.h>

#define SBX_WASIX_IMPORT(name) \
    __attribute__((import_module("wasix_32v1"), import_name(#name)))
#define SBX_WASI_IMPORT(name) \
    __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))

typedef int32_t sbx_errno_t; /* WASI errno, 0 = success */

/* ---- enums ------------------------------------------------------------- */

/* address family */
enum {
    SBX_AF_UNSPEC = 0,
    SBX_AF_INET4 = 1,
    SBX_AF_INET6 = 2,
    SBX_AF_UNIX = 3,
};

/* sock type (0 unused) */
enum {
    SBX_SOCK_STREAM = 1,
    SBX_SOCK_DGRAM = 2,
    SBX_SOCK_RAW = 3,
    SBX_SOCK_SEQPACKET = 4,
};

/* riflags (recv input flags) */
enum {
    SBX_RIFLAGS_PEEK = 1,
    SBX_RIFLAGS_WAITALL = 2,
    SBX_RIFLAGS_DATA_TRUNCATED = 4, /* WASIX only */
    SBX_RIFLAGS_DONT_WAIT = 8,      /* WASIX only */
};

/* roflags (recv output flags) */
enum { SBX_ROFLAGS_DATA_TRUNCATED = 1 };

/* siflags (send input flags) */
enum { SBX_SIFLAGS_DONT_WAIT = 1 }; /* WASIX only */

/* sdflags (shutdown) */
enum {
    SBX_SDFLAGS_RD = 1,
    SBX_SDFLAGS_WR = 2,
};

/* fdflags */
enum { SBX_FDFLAGS_NONBLOCK = 4 };

/* filetype (as reported by fd_fdstat_get) */
enum {
    SBX_FILETYPE_SOCKET_DGRAM = 5,
    SBX_FILETYPE_SOCKET_STREAM = 6,
};

/* socket options (`option` argument of sock_{set,get}_opt_*) */
enum sbx_sock_option {
    SBX_OPT_REUSE_PORT = 1,        /* flag */
    SBX_OPT_REUSE_ADDR = 2,        /* flag */
    SBX_OPT_NO_DELAY = 3,          /* flag */
    SBX_OPT_DONT_ROUTE = 4,        /* flag */
    SBX_OPT_ONLY_V6 = 5,           /* flag */
    SBX_OPT_BROADCAST = 6,         /* flag */
    SBX_OPT_MULTICAST_LOOP_V4 = 7, /* flag */
    SBX_OPT_MULTICAST_LOOP_V6 = 8, /* flag */
    SBX_OPT_LISTENING = 10,        /* flag, read only */
    SBX_OPT_LAST_ERROR = 11,       /* read with sock_get_opt_size: the WASI errno */
    SBX_OPT_KEEP_ALIVE = 12,       /* flag */
    SBX_OPT_LINGER = 13,           /* time */
    SBX_OPT_OOB_INLINE = 14,       /* flag */
    SBX_OPT_RECV_BUF_SIZE = 15,    /* size */
    SBX_OPT_SEND_BUF_SIZE = 16,    /* size */
    SBX_OPT_RECV_TIMEOUT = 19,     /* time */
    SBX_OPT_SEND_TIMEOUT = 20,     /* time */
    SBX_OPT_CONNECT_TIMEOUT = 21,  /* time */
    SBX_OPT_ACCEPT_TIMEOUT = 22,   /* time */
    SBX_OPT_TTL = 23,              /* size */
    SBX_OPT_MULTICAST_TTL_V4 = 24, /* size */
    SBX_OPT_TYPE = 25,
    SBX_OPT_PROTO = 26,
};

/* epoll_type (u32 flags of epoll_event.events). WASIX defines bits 0-7;
 * bits 8-10 are sockbox's, for Linux flags WASIX cannot carry (guest/README.md). */
enum {
    SBX_EPOLL_IN = 1 << 0,
    SBX_EPOLL_OUT = 1 << 1,
    SBX_EPOLL_RDHUP = 1 << 2,
    SBX_EPOLL_PRI = 1 << 3,
    SBX_EPOLL_ERR = 1 << 4,
    SBX_EPOLL_HUP = 1 << 5,
    SBX_EPOLL_ET = 1 << 6,
    SBX_EPOLL_ONESHOT = 1 << 7,
    SBX_EPOLL_EXCLUSIVE = 1 << 8, /* sockbox */
    SBX_EPOLL_RDNORM = 1 << 9,    /* sockbox */
    SBX_EPOLL_WRNORM = 1 << 10,   /* sockbox */
};

/* epoll_ctl operation */
enum {
    SBX_EPOLL_CTL_ADD = 0,
    SBX_EPOLL_CTL_MOD = 1,
    SBX_EPOLL_CTL_DEL = 2,
    SBX_EPOLL_CTL_UNKNOWN = 0xffff, /* what an op Linux does not know becomes: EINVAL */
};

/* epoll_wait timeout meaning "forever" */
#define SBX_EPOLL_WAIT_FOREVER UINT64_MAX

/* ---- structures -------------------------------------------------------- */

/* iovec / ciovec: {u32 buf, u32 len}, 8 bytes. wasi-libc's struct iovec has
 * the same layout (checked in sockaddr_convert.c), so msghdr iovecs are
 * passed to the host as they are. */
typedef struct {
    void *buf;
    uint32_t len;
} sbx_iovec_t;

typedef struct {
    const void *buf;
    uint32_t len;
} sbx_ciovec_t;

/* option_timestamp: 16 bytes, tag u8 @0 (0 none, 1 some), u64 ns @8 */
enum {
    SBX_OPTION_NONE = 0,
    SBX_OPTION_SOME = 1,
};
typedef struct {
    uint8_t tag;
    uint8_t reserved[7];
    uint64_t ns;
} sbx_option_timestamp_t;

/* addr_port: 110 bytes, align 2.
 *   byte 0       family tag (SBX_AF_*), byte 1 zero
 *   bytes 2-3    port, u16 value, little-endian (host order, not network order)
 *   bytes 4-7    IPv4 address, network order
 *   bytes 4-19   IPv6 address, network order
 *   bytes 20-23  IPv6 flow info, u32 value little-endian (sockbox's reading of
 *                "two u16 halves": low half first)
 *   bytes 24-27  IPv6 scope id, u32 value little-endian
 *   bytes 2-109  unix: path, NUL-terminated */
#define SBX_ADDR_PORT_SIZE 110
#define SBX_AP_TAG 0
#define SBX_AP_PORT 2
#define SBX_AP_IP 4
#define SBX_AP_IP6_FLOWINFO 20
#define SBX_AP_IP6_SCOPE_ID 24
#define SBX_AP_UNIX_PATH 2
#define SBX_AP_UNIX_PATH_MAX 108 /* bytes, including the NUL */
#define SBX_IP4_LEN 4
#define SBX_IP6_LEN 16

typedef struct {
    _Alignas(2) uint8_t b[SBX_ADDR_PORT_SIZE];
} sbx_addr_port_t;

/* `resolve` entry: 18 bytes, tag u8 @0, zero @1, 16 address bytes @2 */
#define SBX_RESOLVE_ENTRY_SIZE 18
#define SBX_RE_TAG 0
#define SBX_RE_ADDR 2
typedef struct {
    _Alignas(2) uint8_t b[SBX_RESOLVE_ENTRY_SIZE];
} sbx_resolve_entry_t;

/* fdstat (preview 1): 24 bytes */
typedef struct {
    uint8_t fs_filetype;
    uint16_t fs_flags;
    uint64_t fs_rights_base;
    uint64_t fs_rights_inheriting;
} sbx_fdstat_t;

/* epoll_data: 24 bytes, align 8: ptr u32 @0, fd u32 @4, data1 u32 @8,
 * data2 u64 @16. The host stores the record at epoll_ctl and writes it back
 * unchanged with each event; libsockbox keeps the whole epoll_data_t union
 * in data2 (and its low 32 bits in ptr and data1, the watched fd in fd, as
 * wasix-libc does). */
typedef struct {
    uint32_t ptr;
    uint32_t fd;
    uint32_t data1;
    uint64_t data2;
} sbx_epoll_data_t;

/* epoll_event: 32 bytes, align 8: events u32 @0, data @8 */
typedef struct {
    uint32_t events;
    sbx_epoll_data_t data;
} sbx_epoll_event_t;

_Static_assert(sizeof(sbx_iovec_t) == 8, "iovec is 8 bytes");
_Static_assert(sizeof(sbx_ciovec_t) == 8, "ciovec is 8 bytes");
_Static_assert(sizeof(sbx_option_timestamp_t) == 16, "option_timestamp is 16 bytes");
_Static_assert(offsetof(sbx_option_timestamp_t, ns) == 8, "option_timestamp ns @8");
_Static_assert(sizeof(sbx_addr_port_t) == 110, "addr_port is 110 bytes");
_Static_assert(_Alignof(sbx_addr_port_t) == 2, "addr_port align 2");
_Static_assert(sizeof(sbx_resolve_entry_t) == 18, "resolve entry is 18 bytes");
_Static_assert(sizeof(sbx_fdstat_t) == 24, "fdstat is 24 bytes");
_Static_assert(offsetof(sbx_fdstat_t, fs_flags) == 2, "fdstat flags @2");
_Static_assert(sizeof(sbx_epoll_data_t) == 24, "epoll_data is 24 bytes");
_Static_assert(offsetof(sbx_epoll_data_t, data2) == 16, "epoll_data data2 @16");
_Static_assert(sizeof(sbx_epoll_event_t) == 32, "epoll_event is 32 bytes");
_Static_assert(offsetof(sbx_epoll_event_t, data) == 8, "epoll_event data @8");

/* ---- imports, module wasix_32v1 ---------------------------------------- */

sbx_errno_t __sbx_sock_open(uint32_t af, uint32_t socktype, uint32_t proto, uint32_t *out_fd)
    SBX_WASIX_IMPORT(sock_open);
sbx_errno_t __sbx_sock_pair(uint32_t af, uint32_t socktype, uint32_t proto, uint32_t *out_fd1,
                          uint32_t *out_fd2) SBX_WASIX_IMPORT(sock_pair);
sbx_errno_t __sbx_sock_bind(uint32_t fd, const sbx_addr_port_t *addr) SBX_WASIX_IMPORT(sock_bind);
sbx_errno_t __sbx_sock_listen(uint32_t fd, uint32_t backlog) SBX_WASIX_IMPORT(sock_listen);
sbx_errno_t __sbx_sock_accept_v2(uint32_t fd, uint32_t fdflags, uint32_t *out_fd,
                               sbx_addr_port_t *out_addr) SBX_WASIX_IMPORT(sock_accept_v2);
sbx_errno_t __sbx_sock_connect(uint32_t fd, const sbx_addr_port_t *addr)
    SBX_WASIX_IMPORT(sock_connect);
sbx_errno_t __sbx_sock_recv_from(uint32_t fd, const sbx_iovec_t *iovs, uint32_t iovs_len,
                               uint32_t riflags, uint32_t *out_len, uint32_t *out_roflags,
                               sbx_addr_port_t *out_addr) SBX_WASIX_IMPORT(sock_recv_from);
sbx_errno_t __sbx_sock_send_to(uint32_t fd, const sbx_ciovec_t *ciovs, uint32_t ciovs_len,
                             uint32_t siflags, const sbx_addr_port_t *addr, uint32_t *out_len)
    SBX_WASIX_IMPORT(sock_send_to);
sbx_errno_t __sbx_sock_addr_local(uint32_t fd, sbx_addr_port_t *out_addr)
    SBX_WASIX_IMPORT(sock_addr_local);
sbx_errno_t __sbx_sock_addr_peer(uint32_t fd, sbx_addr_port_t *out_addr)
    SBX_WASIX_IMPORT(sock_addr_peer);
sbx_errno_t __sbx_sock_set_opt_flag(uint32_t fd, uint32_t option, uint32_t flag)
    SBX_WASIX_IMPORT(sock_set_opt_flag);
sbx_errno_t __sbx_sock_get_opt_flag(uint32_t fd, uint32_t option, uint8_t *out_flag)
    SBX_WASIX_IMPORT(sock_get_opt_flag);
sbx_errno_t __sbx_sock_set_opt_time(uint32_t fd, uint32_t option, const sbx_option_timestamp_t *t)
    SBX_WASIX_IMPORT(sock_set_opt_time);
sbx_errno_t __sbx_sock_get_opt_time(uint32_t fd, uint32_t option, sbx_option_timestamp_t *out)
    SBX_WASIX_IMPORT(sock_get_opt_time);
sbx_errno_t __sbx_sock_set_opt_size(uint32_t fd, uint32_t option, uint64_t size)
    SBX_WASIX_IMPORT(sock_set_opt_size);
sbx_errno_t __sbx_sock_get_opt_size(uint32_t fd, uint32_t option, uint64_t *out_size)
    SBX_WASIX_IMPORT(sock_get_opt_size);
sbx_errno_t __sbx_sock_join_multicast_v4(uint32_t fd, const uint8_t *group_ip4,
                                       const uint8_t *iface_ip4)
    SBX_WASIX_IMPORT(sock_join_multicast_v4);
sbx_errno_t __sbx_sock_leave_multicast_v4(uint32_t fd, const uint8_t *group_ip4,
                                        const uint8_t *iface_ip4)
    SBX_WASIX_IMPORT(sock_leave_multicast_v4);
sbx_errno_t __sbx_sock_join_multicast_v6(uint32_t fd, const uint8_t *group_ip6, uint32_t iface)
    SBX_WASIX_IMPORT(sock_join_multicast_v6);
sbx_errno_t __sbx_sock_leave_multicast_v6(uint32_t fd, const uint8_t *group_ip6, uint32_t iface)
    SBX_WASIX_IMPORT(sock_leave_multicast_v6);
/* host: not NUL-terminated; port: stamped on nothing (sockbox passes 0 and
 * applies the service port itself); out_count: entries written (<= naddrs). */
sbx_errno_t __sbx_resolve(const char *host, uint32_t host_len, uint32_t port,
                        sbx_resolve_entry_t *out_addrs, uint32_t naddrs, uint32_t *out_count)
    SBX_WASIX_IMPORT(resolve);

/* epoll: op is SBX_EPOLL_CTL_*; event is not read for DEL (may be NULL);
 * timeout_ns SBX_EPOLL_WAIT_FOREVER waits forever, 0 not at all. */
sbx_errno_t __sbx_epoll_create(uint32_t *out_fd) SBX_WASIX_IMPORT(epoll_create);
sbx_errno_t __sbx_epoll_ctl(uint32_t epfd, uint32_t op, uint32_t fd, const sbx_epoll_event_t *event)
    SBX_WASIX_IMPORT(epoll_ctl);
sbx_errno_t __sbx_epoll_wait(uint32_t epfd, sbx_epoll_event_t *events, uint32_t maxevents,
                           uint64_t timeout_ns, uint32_t *out_n) SBX_WASIX_IMPORT(epoll_wait);

/* ---- imports, module wasi_snapshot_preview1 ----------------------------- */

sbx_errno_t __sbx_sock_recv(uint32_t fd, const sbx_iovec_t *iovs, uint32_t iovs_len,
                          uint32_t riflags, uint32_t *out_len, uint32_t *out_roflags)
    SBX_WASI_IMPORT(sock_recv);
sbx_errno_t __sbx_sock_send(uint32_t fd, const sbx_ciovec_t *ciovs, uint32_t ciovs_len,
                          uint32_t siflags, uint32_t *out_len) SBX_WASI_IMPORT(sock_send);
sbx_errno_t __sbx_sock_shutdown(uint32_t fd, uint32_t sdflags) SBX_WASI_IMPORT(sock_shutdown);
sbx_errno_t __sbx_fd_fdstat_get(uint32_t fd, sbx_fdstat_t *out) SBX_WASI_IMPORT(fd_fdstat_get);
sbx_errno_t __sbx_fd_fdstat_set_flags(uint32_t fd, uint32_t fdflags)
    SBX_WASI_IMPORT(fd_fdstat_set_flags);

#endif
