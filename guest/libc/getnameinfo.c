/*
 * getnameinfo(): numeric answers, plus the names glibc would find in
 * /etc/hosts and /etc/services on a stock Debian machine: the loopback
 * addresses are "localhost", well-known ports have their service names.
 * There is no reverse DNS: another address with NI_NAMEREQD is EAI_NONAME.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <netdb.h>

#include "netdb_internal.h"

#define SBX_NI_KNOWN_FLAGS (NI_NUMERICHOST | NI_NUMERICSERV | NI_NOFQDN | NI_NAMEREQD | NI_DGRAM)
/* Room for an IPv6 address, '%' and a 32-bit scope id. */
#define SBX_NUMERIC_HOST_MAX (INET6_ADDRSTRLEN + 1 + 10)

static int copy_out(char *dst, socklen_t dstlen, const char *src) {
    size_t n = strlen(src);
    if (n >= dstlen)
        return EAI_OVERFLOW;
    memcpy(dst, src, n + 1);
    return 0;
}

static int is_loopback(int family, const void *addr) {
    static const uint8_t v4[4] = {127, 0, 0, 1};
    if (family == AF_INET)
        return memcmp(addr, v4, 4) == 0;
    return memcmp(addr, in6addr_loopback.s6_addr, 16) == 0;
}

static int host_text(int family, const void *addr, unsigned scope_id, int flags, char *host,
                     socklen_t hostlen) {
    if (!(flags & NI_NUMERICHOST)) {
        if (is_loopback(family, addr))
            return copy_out(host, hostlen, "localhost");
        if (flags & NI_NAMEREQD)
            return EAI_NONAME;
    }
    char buf[SBX_NUMERIC_HOST_MAX];
    if (inet_ntop(family, addr, buf, INET6_ADDRSTRLEN) == NULL)
        return EAI_SYSTEM;
    if (family == AF_INET6 && scope_id != 0) {
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, "%%%u", scope_id);
    }
    return copy_out(host, hostlen, buf);
}

static int serv_text(unsigned port, int flags, char *serv, socklen_t servlen) {
    if (!(flags & NI_NUMERICSERV)) {
        const struct sbx_service *s =
            __sbx_service_by_port(port, (flags & NI_DGRAM) ? SBX_SERV_UDP : SBX_SERV_TCP);
        if (s != NULL)
            return copy_out(serv, servlen, s->name);
    }
    char buf[sizeof "65535"];
    snprintf(buf, sizeof buf, "%u", port);
    return copy_out(serv, servlen, buf);
}

int getnameinfo(const struct sockaddr *__restrict sa, socklen_t salen, char *__restrict host,
                socklen_t hostlen, char *__restrict serv, socklen_t servlen, int flags) {
    if (flags & ~SBX_NI_KNOWN_FLAGS)
        return EAI_BADFLAGS;
    if (sa == NULL || salen < sizeof(sa_family_t))
        return EAI_FAMILY;

    const void *addr;
    unsigned port, scope_id = 0;
    int family = sa->sa_family;
    if (family == AF_INET) {
        if (salen < sizeof(struct sockaddr_in))
            return EAI_FAMILY;
        const struct sockaddr_in *in4 = (const struct sockaddr_in *)sa;
        addr = &in4->sin_addr;
        port = ntohs(in4->sin_port);
    } else if (family == AF_INET6) {
        if (salen < sizeof(struct sockaddr_in6))
            return EAI_FAMILY;
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        addr = &in6->sin6_addr;
        port = ntohs(in6->sin6_port);
        scope_id = in6->sin6_scope_id;
    } else {
        return EAI_FAMILY;
    }

    int want_host = host != NULL && hostlen > 0;
    int want_serv = serv != NULL && servlen > 0;
    if (!want_host && !want_serv)
        return EAI_NONAME;
    if (want_host) {
        int err = host_text(family, addr, scope_id, flags, host, hostlen);
        if (err != 0)
            return err;
    }
    if (want_serv)
        return serv_text(port, flags, serv, servlen);
    return 0;
}
