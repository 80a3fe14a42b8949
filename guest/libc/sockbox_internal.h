/*
 * Helpers shared by the files of libsockbox. Every extern name here starts
 * with __sbx_ so that it cannot collide with a program's own symbols.
 */
#ifndef SOCKBOX_INTERNAL_H
#define SOCKBOX_INTERNAL_H

#include <errno.h>
#include <sys/socket.h>

#include "wasix_imports.h"

/* Store a WASI errno into errno and return -1 (the POSIX failure value). */
static inline int __sbx_fail(int wasi_errno) {
    errno = wasi_errno;
    return -1;
}

/* How an unnamed (empty-path) unix address reads back, as on Linux:
 * getsockname/getpeername/accept give just the family (length 2);
 * recvfrom/recvmsg give no address at all (length 0). */
enum sbx_unnamed {
    SBX_UNNAMED_FAMILY_ONLY,
    SBX_UNNAMED_EMPTY,
};

/* Address conversions (sockaddr_convert.c). The *_to_ap functions return 0
 * or a WASI errno; they never write through a NULL pointer. */
int __sbx_sockaddr_to_ap(const struct sockaddr *sa, socklen_t len, sbx_addr_port_t *ap);
int __sbx_connect_addr_to_ap(const struct sockaddr *sa, socklen_t len, sbx_addr_port_t *ap);

/* Length of the sockaddr that `ap` reads back as (0 if none). */
socklen_t __sbx_ap_sockaddr_len(const sbx_addr_port_t *ap, enum sbx_unnamed unnamed);

/* Write `ap` to a caller's (sa, *len) pair the way Linux does: copy at most
 * *len bytes, then set *len to the full length. Nothing happens when sa or
 * len is NULL. */
void __sbx_ap_to_sockaddr(const sbx_addr_port_t *ap, struct sockaddr *sa, socklen_t *len,
                          enum sbx_unnamed unnamed);

/* Family and type mapping between the libc's numbers and the ABI's.
 * Return 0 or a WASI errno. */
int __sbx_family_to_abi(int family, uint32_t *out);
int __sbx_family_from_abi(uint32_t tag);
int __sbx_socktype_to_abi(int type, uint32_t *out);

/* Flags mapping (msg_flags.c). Return 0 or a WASI errno. */
int __sbx_recv_flags(int flags, uint32_t *riflags);
int __sbx_send_flags(int flags, uint32_t *siflags);
int __sbx_msg_flags_from_roflags(uint32_t roflags);

/* fd_fdstat_get's file type of fd, or -1 with errno set. */
int __sbx_fd_filetype(int fd);

/* One recv/send with iovecs, the common core of recv, recvfrom, recvmsg,
 * send, sendto and sendmsg (sock_io.c). `from` may be NULL (no address
 * wanted / connected peer). Return the byte count or -1 with errno set. */
ssize_t __sbx_recv_iov(int fd, const sbx_iovec_t *iov, size_t iovcnt, int flags,
                       struct sockaddr *from, socklen_t *fromlen, int *msg_flags);
ssize_t __sbx_send_iov(int fd, const sbx_ciovec_t *iov, size_t iovcnt, int flags,
                       const struct sockaddr *to, socklen_t tolen);

/* A write failed with EPIPE: Linux's SIGPIPE to the caller, which ends it
 * unless it ignores, blocks or catches the signal (sigpipe.c). */
void __sbx_sigpipe(void);

/* The program's short name (argv[0]'s last component), filling
 * program_invocation_name and program_invocation_short_name (progname.c). */
const char *__sbx_progname(void);

#endif
