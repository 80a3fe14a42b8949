/*
 * socket()/socketpair()/accept4() take SOCK_NONBLOCK and SOCK_CLOEXEC or'ed
 * into their type or flags argument. SOCK_CLOEXEC has nothing to do (there
 * is no exec); SOCK_NONBLOCK becomes the descriptor's NONBLOCK fdflag.
 */
#ifndef SOCKBOX_SOCKET_TYPE_FLAGS_H
#define SOCKBOX_SOCKET_TYPE_FLAGS_H

#include <sys/socket.h>

#include "sockbox_internal.h"

#define SBX_SOCK_TYPE_FLAGS (SOCK_NONBLOCK | SOCK_CLOEXEC)

/* Make a fresh descriptor non-blocking. Return 0 or a WASI errno. */
static inline int __sbx_set_nonblock(uint32_t fd) {
    return __sbx_fd_fdstat_set_flags(fd, SBX_FDFLAGS_NONBLOCK);
}

#endif
