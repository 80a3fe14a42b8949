/*
 * sockbox overlay for <sys/socket.h>.
 *
 * wasi-libc's header declares only accept/accept4/send/recv/shutdown/
 * getsockopt, gives a MSG_TRUNC that does not compile, and SHUT_* values
 * that differ from Linux. This overlay keeps wasi-libc's numbering where the
 * libc itself depends on it (AF_* = the ABI's address families, SOCK_STREAM
 * and SOCK_DGRAM = WASI file types, SOL_SOCKET, SOCK_NONBLOCK/SOCK_CLOEXEC)
 * and uses Linux's numbers for everything libsockbox alone interprets
 * (MSG_*, SHUT_*, SO_*), so that literal values copied from Linux code work.
 */
#ifndef SOCKBOX_SYS_SOCKET_H
#define SOCKBOX_SYS_SOCKET_H

#include <sockbox/sockaddr.h>
#include_next <sys/socket.h>
/* glibc's <sys/socket.h> brings in <sys/types.h> and with it fd_set and
 * select(); select() servers that include only <sys/socket.h> rely on it. */
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- address and protocol families (wasi-libc: AF_INET 1, AF_INET6 2, AF_UNIX 3) */
#ifndef AF_LOCAL
#define AF_LOCAL AF_UNIX
#endif
#ifndef AF_FILE
#define AF_FILE AF_UNIX
#endif
#ifndef PF_UNSPEC
#define PF_UNSPEC AF_UNSPEC
#define PF_INET   AF_INET
#define PF_INET6  AF_INET6
#define PF_UNIX   AF_UNIX
#define PF_LOCAL  AF_UNIX
#define PF_FILE   AF_UNIX
#endif

/* ---- socket types (wasi-libc: SOCK_DGRAM 5, SOCK_STREAM 6, the WASI file types) */
#ifndef SOCK_RAW
#define SOCK_RAW       3
#endif
#ifndef SOCK_SEQPACKET
#define SOCK_SEQPACKET 4
#endif

/* ---- shutdown(): Linux numbering (old code passes a literal 2) */
#undef SHUT_RD
#undef SHUT_WR
#undef SHUT_RDWR
#define SHUT_RD   0
#define SHUT_WR   1
#define SHUT_RDWR 2

/* ---- message flags: Linux numbering, all distinct */
#undef MSG_PEEK
#undef MSG_WAITALL
#undef MSG_TRUNC
#define MSG_OOB          0x0001
#define MSG_PEEK         0x0002
#define MSG_DONTROUTE    0x0004
#define MSG_CTRUNC       0x0008
#define MSG_TRUNC        0x0020
#define MSG_DONTWAIT     0x0040
#define MSG_EOR          0x0080
#define MSG_WAITALL      0x0100
#define MSG_CONFIRM      0x0800
#define MSG_ERRQUEUE     0x2000
#define MSG_NOSIGNAL     0x4000
#define MSG_MORE         0x8000
#define MSG_CMSG_CLOEXEC 0x40000000

/* ---- socket options, level SOL_SOCKET (wasi-libc's SOL_SOCKET is kept) */
#ifndef SO_DEBUG
#define SO_DEBUG        1
#endif
#define SO_REUSEADDR    2
/* SO_TYPE is 3 in wasi-libc already, as on Linux. */
#define SO_ERROR        4
#define SO_DONTROUTE    5
#define SO_BROADCAST    6
#define SO_SNDBUF       7
#define SO_RCVBUF       8
#define SO_KEEPALIVE    9
#define SO_OOBINLINE    10
#define SO_LINGER       13
#define SO_REUSEPORT    15
#define SO_RCVLOWAT     18
#define SO_SNDLOWAT     19
#define SO_RCVTIMEO     20
#define SO_SNDTIMEO     21
#define SO_ACCEPTCONN   30
#define SO_PROTOCOL     38
#define SO_DOMAIN       39

#undef SOMAXCONN
#define SOMAXCONN 4096

/* ---- ancillary data: declared so that code compiles; sockbox carries none
 * (sendmsg() with control data fails with EOPNOTSUPP, recvmsg() returns
 * msg_controllen 0). */
struct cmsghdr {
    socklen_t cmsg_len;
    int cmsg_level;
    int cmsg_type;
};

#define __CMSG_LEN(cmsg) (((cmsg)->cmsg_len + sizeof(long) - 1) & ~(long)(sizeof(long) - 1))
#define __CMSG_NEXT(cmsg) ((unsigned char *)(cmsg) + __CMSG_LEN(cmsg))
#define __MHDR_END(mhdr) ((unsigned char *)(mhdr)->msg_control + (mhdr)->msg_controllen)
#define CMSG_DATA(cmsg) ((unsigned char *)(((struct cmsghdr *)(cmsg)) + 1))
#define CMSG_NXTHDR(mhdr, cmsg) ((cmsg)->cmsg_len < sizeof(struct cmsghdr) || \
    __CMSG_LEN(cmsg) + sizeof(struct cmsghdr) >= (size_t)(__MHDR_END(mhdr) - (unsigned char *)(cmsg)) \
    ? (struct cmsghdr *)0 : (struct cmsghdr *)__CMSG_NEXT(cmsg))
#define CMSG_FIRSTHDR(mhdr) ((size_t)(mhdr)->msg_controllen >= sizeof(struct cmsghdr) \
    ? (struct cmsghdr *)(mhdr)->msg_control : (struct cmsghdr *)0)
#define CMSG_ALIGN(len) (((len) + sizeof(size_t) - 1) & (size_t)~(sizeof(size_t) - 1))
#define CMSG_SPACE(len) (CMSG_ALIGN(len) + CMSG_ALIGN(sizeof(struct cmsghdr)))
#define CMSG_LEN(len)   (CMSG_ALIGN(sizeof(struct cmsghdr)) + (len))
#define SCM_RIGHTS      0x01
#define SCM_CREDENTIALS 0x02

/* ---- the calls wasi-libc hides (implemented by libsockbox) */
int socket(int, int, int);
int socketpair(int, int, int, int[2]);
int bind(int, const struct sockaddr *, socklen_t);
int connect(int, const struct sockaddr *, socklen_t);
int listen(int, int);
int getsockname(int, struct sockaddr *__restrict, socklen_t *__restrict);
int getpeername(int, struct sockaddr *__restrict, socklen_t *__restrict);
ssize_t sendto(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
ssize_t recvfrom(int, void *__restrict, size_t, int, struct sockaddr *__restrict,
                 socklen_t *__restrict);
ssize_t sendmsg(int, const struct msghdr *, int);
ssize_t recvmsg(int, struct msghdr *, int);
int setsockopt(int, int, int, const void *, socklen_t);
int sockatmark(int);

#ifdef __cplusplus
}
#endif

#endif
