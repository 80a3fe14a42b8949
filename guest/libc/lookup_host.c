/*
 * Host name -> addresses for getaddrinfo/gethostbyname (see netdb_internal.h).
 *
 * "localhost" is 127.0.0.1 (and ::1 when IPv6 is asked for), answered here
 * without the host: on the reference machine /etc/hosts maps localhost to
 * 127.0.0.1 only, so an AF_UNSPEC query gives just that, as glibc does there.
 */
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#include "netdb_internal.h"
#include "sockbox_internal.h"

static const uint8_t v4_loopback[4] = {127, 0, 0, 1};
static const uint8_t v4mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static void set_v4(struct sbx_host_addr *a, const uint8_t b[4]) {
    memset(a, 0, sizeof *a);
    a->family = AF_INET;
    memcpy(a->addr, b, 4);
}

static void set_v6(struct sbx_host_addr *a, const uint8_t b[16]) {
    memset(a, 0, sizeof *a);
    a->family = AF_INET6;
    memcpy(a->addr, b, 16);
}

static void set_v4mapped(struct sbx_host_addr *a, const uint8_t b[4]) {
    memset(a, 0, sizeof *a);
    a->family = AF_INET6;
    memcpy(a->addr, v4mapped_prefix, sizeof v4mapped_prefix);
    memcpy(a->addr + sizeof v4mapped_prefix, b, 4);
}

/* Keep the addresses of `family` from in[0..n) (in place). */
static int filter(struct sbx_host_addr *a, int n, int family, int flags) {
    if (family == AF_UNSPEC)
        return n;
    int kept = 0;
    for (int i = 0; i < n; i++)
        if (a[i].family == family)
            a[kept++] = a[i];
    if (kept == 0 && family == AF_INET6 && (flags & AI_V4MAPPED)) {
        for (int i = 0; i < n; i++) {
            if (a[i].family == AF_INET) {
                uint8_t v4[4];
                memcpy(v4, a[i].addr, 4);
                set_v4mapped(&a[kept++], v4);
            }
        }
    }
    return kept;
}

static int eai_from_errno(int err) {
    switch (err) {
    case EACCES:
    case EPERM:
    case ENOTCAPABLE:
        errno = err; /* refused by the sandbox: say so through errno */
        return EAI_SYSTEM;
    case EAGAIN:
    case ETIMEDOUT:
        return EAI_AGAIN;
    case ENOMEM:
    case ENOBUFS:
        return EAI_MEMORY;
    case ENOSYS:
    case ENOTSUP:
        return EAI_FAIL;
    default:
        return EAI_NONAME;
    }
}

static int ask_host(const char *node, struct sbx_host_addr *out, int max) {
    sbx_resolve_entry_t entries[SBX_MAX_HOST_ADDRS];
    uint32_t count = 0;
    size_t len = strlen(node);
    sbx_errno_t err = __sbx_resolve(node, (uint32_t)len, 0, entries, SBX_MAX_HOST_ADDRS, &count);
    if (err != 0)
        return eai_from_errno(err);
    if (count > SBX_MAX_HOST_ADDRS)
        count = SBX_MAX_HOST_ADDRS;
    int n = 0;
    for (uint32_t i = 0; i < count && n < max; i++) {
        const uint8_t *e = entries[i].b;
        if (e[SBX_RE_TAG] == SBX_AF_INET4)
            set_v4(&out[n++], e + SBX_RE_ADDR);
        else if (e[SBX_RE_TAG] == SBX_AF_INET6)
            set_v6(&out[n++], e + SBX_RE_ADDR);
    }
    return n > 0 ? n : EAI_NONAME;
}

int __sbx_lookup_host(const char *node, int family, int flags, struct sbx_host_addr *out,
                      int max) {
    if (max <= 0 || node == NULL || node[0] == '\0')
        return EAI_NONAME;

    /* Numeric forms first: inet_aton takes the classic shorthands (127.1, 0x7f.1). */
    struct in_addr a4;
    uint8_t a6[16];
    if (inet_aton(node, &a4)) {
        if (family == AF_INET6) {
            if (!(flags & AI_V4MAPPED))
                return EAI_ADDRFAMILY;
            set_v4mapped(&out[0], (const uint8_t *)&a4.s_addr);
        } else {
            set_v4(&out[0], (const uint8_t *)&a4.s_addr);
        }
        return 1;
    }
    if (inet_pton(AF_INET6, node, a6) == 1) {
        if (family == AF_INET)
            return EAI_ADDRFAMILY;
        set_v6(&out[0], a6);
        return 1;
    }
    if (flags & AI_NUMERICHOST)
        return EAI_NONAME;

    if (strcasecmp(node, "localhost") == 0 || strcasecmp(node, "localhost.") == 0) {
        if (family == AF_INET6)
            set_v6(&out[0], in6addr_loopback.s6_addr);
        else
            set_v4(&out[0], v4_loopback);
        return 1;
    }

    struct sbx_host_addr found[SBX_MAX_HOST_ADDRS];
    int n = ask_host(node, found, SBX_MAX_HOST_ADDRS);
    if (n < 0)
        return n;
    n = filter(found, n, family, flags);
    if (n == 0)
        return EAI_NODATA;
    if (n > max)
        n = max;
    memcpy(out, found, (size_t)n * sizeof out[0]);
    return n;
}
