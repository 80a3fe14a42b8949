/*
 * Address families and socket types: the libc's numbers <-> the ABI's.
 * (wasi-libc's AF_* happen to equal the ABI's; SOCK_STREAM/SOCK_DGRAM are
 * WASI file types 6/5 while the ABI's sock types are 1/2.)
 */
#include <sys/socket.h>

#include "sockbox_internal.h"

int __sbx_family_to_abi(int family, uint32_t *out) {
    switch (family) {
    case AF_UNSPEC:
        *out = SBX_AF_UNSPEC;
        return 0;
    case AF_INET:
        *out = SBX_AF_INET4;
        return 0;
    case AF_INET6:
        *out = SBX_AF_INET6;
        return 0;
    case AF_UNIX:
        *out = SBX_AF_UNIX;
        return 0;
    default:
        return EAFNOSUPPORT;
    }
}

int __sbx_family_from_abi(uint32_t tag) {
    switch (tag) {
    case SBX_AF_INET4:
        return AF_INET;
    case SBX_AF_INET6:
        return AF_INET6;
    case SBX_AF_UNIX:
        return AF_UNIX;
    default:
        return AF_UNSPEC;
    }
}

int __sbx_socktype_to_abi(int type, uint32_t *out) {
    switch (type) {
    case SOCK_STREAM:
        *out = SBX_SOCK_STREAM;
        return 0;
    case SOCK_DGRAM:
        *out = SBX_SOCK_DGRAM;
        return 0;
    case SOCK_RAW:
        *out = SBX_SOCK_RAW;
        return 0;
    case SOCK_SEQPACKET:
        *out = SBX_SOCK_SEQPACKET;
        return 0;
    default:
        return EINVAL; /* Linux: EINVAL for a type it does not know */
    }
}
