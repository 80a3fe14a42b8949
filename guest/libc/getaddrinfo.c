/*
 * getaddrinfo(): glibc's results for the same question, in glibc's order:
 * for each address, one entry per socket type (SOCK_STREAM, SOCK_DGRAM,
 * SOCK_RAW when none was asked for and the service allows it). Hints
 * honoured: family, socktype, protocol, AI_PASSIVE, AI_CANONNAME,
 * AI_NUMERICHOST, AI_NUMERICSERV, AI_V4MAPPED (AI_ALL and AI_ADDRCONFIG are
 * accepted and change nothing).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netdb.h>
#include <netinet/in.h>

#include "netdb_internal.h"

#define SBX_AI_KNOWN_FLAGS \
    (AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG | \
     AI_NUMERICSERV)
#define SBX_MAX_SOCKTYPES 3

struct sbx_socktype {
    int socktype;
    int protocol;
};

/* One result: the addrinfo and the address it points to, in one block. */
struct sbx_ai_node {
    struct addrinfo ai;
    union {
        struct sockaddr_in in4;
        struct sockaddr_in6 in6;
    } sa;
};

static int default_protocol(int socktype) {
    switch (socktype) {
    case SOCK_STREAM:
        return IPPROTO_TCP;
    case SOCK_DGRAM:
        return IPPROTO_UDP;
    default:
        return 0;
    }
}

/* The socket types to answer for. Returns the count or EAI_SOCKTYPE. */
static int socktypes(int socktype, int protocol, struct sbx_socktype *out) {
    if (socktype == 0) {
        if (protocol == 0) {
            out[0] = (struct sbx_socktype){SOCK_STREAM, IPPROTO_TCP};
            out[1] = (struct sbx_socktype){SOCK_DGRAM, IPPROTO_UDP};
            out[2] = (struct sbx_socktype){SOCK_RAW, 0};
            return 3;
        }
        if (protocol == IPPROTO_TCP)
            out[0] = (struct sbx_socktype){SOCK_STREAM, IPPROTO_TCP};
        else if (protocol == IPPROTO_UDP)
            out[0] = (struct sbx_socktype){SOCK_DGRAM, IPPROTO_UDP};
        else
            out[0] = (struct sbx_socktype){SOCK_RAW, protocol};
        return 1;
    }
    if (socktype != SOCK_STREAM && socktype != SOCK_DGRAM && socktype != SOCK_RAW)
        return EAI_SOCKTYPE;
    if (protocol != 0 && socktype != SOCK_RAW && protocol != default_protocol(socktype))
        return EAI_SOCKTYPE;
    out[0] = (struct sbx_socktype){socktype, protocol != 0 ? protocol : default_protocol(socktype)};
    return 1;
}

/*
 * The port of `service` (host order) and the socket types that offer it.
 * Numbers are read as glibc reads them (strtoul, taken modulo 65536).
 * Returns the new count of types, or an EAI_* code.
 */
static int service_port(const char *service, int flags, struct sbx_socktype *types, int n,
                        unsigned *port) {
    *port = 0;
    if (service == NULL)
        return n;
    char *end;
    unsigned long v = strtoul(service, &end, 10);
    if (*end == '\0') {
        *port = (unsigned)(v & 0xffff);
        return n;
    }
    if (flags & AI_NUMERICSERV)
        return EAI_NONAME;
    int kept = 0;
    for (int i = 0; i < n; i++) {
        unsigned proto = types[i].socktype == SOCK_STREAM  ? SBX_SERV_TCP
                         : types[i].socktype == SOCK_DGRAM ? SBX_SERV_UDP
                                                           : 0;
        const struct sbx_service *s = proto != 0 ? __sbx_service_by_name(service, proto) : NULL;
        if (s != NULL) {
            *port = s->port;
            types[kept++] = types[i];
        }
    }
    return kept > 0 ? kept : EAI_SERVICE;
}

/* The addresses for node == NULL: the wildcards, or the loopbacks, glibc's order. */
static int no_node(int family, int flags, struct sbx_host_addr *out) {
    int n = 0;
    if (flags & AI_PASSIVE) {
        if (family != AF_INET6) {
            memset(&out[n], 0, sizeof out[n]);
            out[n++].family = AF_INET; /* 0.0.0.0 */
        }
        if (family != AF_INET) {
            memset(&out[n], 0, sizeof out[n]);
            out[n++].family = AF_INET6; /* :: */
        }
        return n;
    }
    if (family != AF_INET) {
        memset(&out[n], 0, sizeof out[n]);
        out[n].family = AF_INET6;
        memcpy(out[n++].addr, in6addr_loopback.s6_addr, 16);
    }
    if (family != AF_INET6) {
        static const uint8_t lo[4] = {127, 0, 0, 1};
        memset(&out[n], 0, sizeof out[n]);
        out[n].family = AF_INET;
        memcpy(out[n++].addr, lo, 4);
    }
    return n;
}

static struct addrinfo *new_node(const struct sbx_host_addr *a, const struct sbx_socktype *t,
                                 unsigned port, int flags) {
    struct sbx_ai_node *node = calloc(1, sizeof *node);
    if (node == NULL)
        return NULL;
    in_port_t nport = htons((uint16_t)port);
    node->ai.ai_flags = flags;
    node->ai.ai_family = a->family;
    node->ai.ai_socktype = t->socktype;
    node->ai.ai_protocol = t->protocol;
    node->ai.ai_addr = (struct sockaddr *)&node->sa;
    if (a->family == AF_INET) {
        node->sa.in4.sin_family = AF_INET;
        node->sa.in4.sin_port = nport;
        memcpy(&node->sa.in4.sin_addr, a->addr, 4);
        node->ai.ai_addrlen = sizeof node->sa.in4;
    } else {
        node->sa.in6.sin6_family = AF_INET6;
        node->sa.in6.sin6_port = nport;
        memcpy(&node->sa.in6.sin6_addr, a->addr, 16);
        node->ai.ai_addrlen = sizeof node->sa.in6;
    }
    return &node->ai;
}

int getaddrinfo(const char *__restrict node, const char *__restrict service,
                const struct addrinfo *__restrict hints, struct addrinfo **__restrict res) {
    int flags = AI_V4MAPPED | AI_ADDRCONFIG, family = AF_UNSPEC, socktype = 0, protocol = 0;
    if (hints != NULL) {
        flags = hints->ai_flags;
        family = hints->ai_family;
        socktype = hints->ai_socktype;
        protocol = hints->ai_protocol;
    }
    if (res == NULL) {
        errno = EFAULT;
        return EAI_SYSTEM;
    }
    *res = NULL;
    if (node == NULL && service == NULL)
        return EAI_NONAME;
    if ((flags & ~SBX_AI_KNOWN_FLAGS) != 0 || ((flags & AI_CANONNAME) && node == NULL))
        return EAI_BADFLAGS;
    if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
        return EAI_FAMILY;

    struct sbx_socktype types[SBX_MAX_SOCKTYPES];
    int ntypes = socktypes(socktype, protocol, types);
    if (ntypes < 0)
        return ntypes;
    unsigned port;
    ntypes = service_port(service, flags, types, ntypes, &port);
    if (ntypes < 0)
        return ntypes;

    struct sbx_host_addr addrs[SBX_MAX_HOST_ADDRS];
    int naddrs = node == NULL ? no_node(family, flags, addrs)
                              : __sbx_lookup_host(node, family, flags, addrs, SBX_MAX_HOST_ADDRS);
    if (naddrs < 0)
        return naddrs;

    struct addrinfo *head = NULL, **tail = &head;
    for (int i = 0; i < naddrs; i++) {
        for (int j = 0; j < ntypes; j++) {
            struct addrinfo *ai = new_node(&addrs[i], &types[j], port, flags);
            if (ai == NULL) {
                freeaddrinfo(head);
                return EAI_MEMORY;
            }
            *tail = ai;
            tail = &ai->ai_next;
        }
    }
    if (head != NULL && (flags & AI_CANONNAME)) {
        head->ai_canonname = strdup(node);
        if (head->ai_canonname == NULL) {
            freeaddrinfo(head);
            return EAI_MEMORY;
        }
    }
    *res = head;
    return 0;
}
