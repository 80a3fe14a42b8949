/*
 * sockbox overlay for <netinet/in.h>: Linux-shaped sockaddr_in/sockaddr_in6
 * (with sin_zero), and the IPPROTO_* numbers wasi-libc leaves out.
 */
#ifndef SOCKBOX_NETINET_IN_H
#define SOCKBOX_NETINET_IN_H

#include <sockbox/sockaddr.h>
#include <sys/socket.h>
#include_next <netinet/in.h>

/* in6_addr is Linux's union here (sockbox/sockaddr.h): initialisers need its braces. */
#undef IN6ADDR_ANY_INIT
#undef IN6ADDR_LOOPBACK_INIT
#define IN6ADDR_ANY_INIT      { { { 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 } } }
#define IN6ADDR_LOOPBACK_INIT { { { 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1 } } }

#ifndef IPPROTO_HOPOPTS
#define IPPROTO_HOPOPTS  0
#endif
#ifndef IPPROTO_IGMP
#define IPPROTO_IGMP     2
#endif
#ifndef IPPROTO_IPIP
#define IPPROTO_IPIP     4
#endif
#ifndef IPPROTO_ICMPV6
#define IPPROTO_ICMPV6   58
#endif
#ifndef IPPROTO_NONE
#define IPPROTO_NONE     59
#endif
#ifndef IPPROTO_SCTP
#define IPPROTO_SCTP     132
#endif
#ifndef IPPROTO_UDPLITE
#define IPPROTO_UDPLITE  136
#endif
#ifndef IPPROTO_MAX
#define IPPROTO_MAX      263
#endif

#endif
