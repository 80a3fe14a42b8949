/*
 * sockbox overlay: the socket address structures, laid out as on Linux.
 *
 * Stock wasi-libc (2022) declares them with `_Alignas(max_align_t)`, without
 * `sa_data[14]`, `sin_zero` or `sun_path`, and with a 34-byte
 * `sockaddr_storage`. Programs written for Linux use all of those, so this
 * header defines the Linux shapes and claims wasi-libc's include guards
 * first, so that wasi-libc's own versions are skipped wherever they are
 * included from. No object in wasi-libc's libc.a that sockbox keeps uses
 * these structures (accept(), the only one that did, is replaced by
 * libsockbox), so changing their layout is safe.
 *
 * Included by the overlay <sys/socket.h>, <netinet/in.h> and <sys/un.h>.
 */
#ifndef SOCKBOX_SOCKADDR_H
#define SOCKBOX_SOCKADDR_H

#include <__typedef_sa_family_t.h>
#include <__typedef_in_port_t.h>
#include <__typedef_socklen_t.h>
#include <__struct_in_addr.h>

/* Claim wasi-libc's guards: its definitions must never be seen. */
#define __wasilibc___struct_in6_addr_h
#define __wasilibc___struct_sockaddr_h
#define __wasilibc___struct_sockaddr_in_h
#define __wasilibc___struct_sockaddr_in6_h
#define __wasilibc___struct_sockaddr_un_h
#define __wasilibc___struct_sockaddr_storage_h

#ifdef __cplusplus
extern "C" {
#endif

/* Linux's in6_addr (wasi-libc's has s6_addr only): same 16 bytes, align 4. */
struct in6_addr {
    union {
        unsigned char __u6_addr8[16];
        unsigned short __u6_addr16[8];
        unsigned int __u6_addr32[4];
    } __in6_u;
};
#define s6_addr __in6_u.__u6_addr8
#define s6_addr16 __in6_u.__u6_addr16
#define s6_addr32 __in6_u.__u6_addr32

struct sockaddr {
    sa_family_t sa_family;
    char sa_data[14];
};

struct sockaddr_in {
    sa_family_t sin_family;
    in_port_t sin_port;           /* network byte order */
    struct in_addr sin_addr;      /* network byte order */
    unsigned char sin_zero[8];
};

struct sockaddr_in6 {
    sa_family_t sin6_family;
    in_port_t sin6_port;          /* network byte order */
    unsigned int sin6_flowinfo;   /* network byte order */
    struct in6_addr sin6_addr;
    unsigned int sin6_scope_id;
};

#define SOCKBOX_UNIX_PATH_MAX 108

struct sockaddr_un {
    sa_family_t sun_family;
    char sun_path[SOCKBOX_UNIX_PATH_MAX];
};

/* 128 bytes like Linux: large enough for every family above. */
struct sockaddr_storage {
    sa_family_t ss_family;
    char __ss_padding[128 - sizeof(long) - sizeof(sa_family_t)];
    unsigned long __ss_align;
};

#ifdef __cplusplus
}
#endif

#endif
