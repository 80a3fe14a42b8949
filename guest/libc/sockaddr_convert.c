/*
 * struct sockaddr_* <-> the ABI's addr_port.
 *
 * Byte order: in a sockaddr the port (and IPv6 flow info) is in network
 * order; in addr_port the port is a little-endian u16 *value*. Both sides
 * are read and written byte by byte here, so nothing depends on the order
 * of the machine running this code. Addresses are network order on both
 * sides and are copied as bytes.
 */
#include <stddef.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <netinet/in.h>

#include "sockbox_internal.h"

_Static_assert(sizeof(struct sockaddr) == 16, "struct sockaddr is Linux's 16 bytes");
_Static_assert(sizeof(struct sockaddr_in) == 16, "struct sockaddr_in is Linux's 16 bytes");
_Static_assert(sizeof(struct sockaddr_in6) == 28, "struct sockaddr_in6 is Linux's 28 bytes");
_Static_assert(sizeof(struct sockaddr_un) == 110, "struct sockaddr_un is Linux's 110 bytes");
_Static_assert(offsetof(struct sockaddr_un, sun_path) == 2, "sun_path follows the family");
_Static_assert(sizeof(((struct sockaddr_un *)0)->sun_path) == SBX_AP_UNIX_PATH_MAX,
               "sun_path fits addr_port's path bytes");
_Static_assert(sizeof(struct sockaddr_storage) >= 128, "sockaddr_storage holds every family");
_Static_assert(sizeof(struct iovec) == sizeof(sbx_iovec_t), "iovec layout matches the ABI");
_Static_assert(offsetof(struct iovec, iov_len) == offsetof(sbx_iovec_t, len),
               "iovec layout matches the ABI");

/* Linux accepts an IPv6 sockaddr without the scope id (RFC 2133 size). */
#define SBX_SIN6_LEN_RFC2133 24

static uint16_t be16_get(const void *p) {
    const uint8_t *b = p;
    return (uint16_t)((b[0] << 8) | b[1]);
}

static void be16_put(void *p, uint16_t v) {
    uint8_t *b = p;
    b[0] = (uint8_t)(v >> 8);
    b[1] = (uint8_t)v;
}

static uint32_t be32_get(const void *p) {
    const uint8_t *b = p;
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

static void be32_put(void *p, uint32_t v) {
    uint8_t *b = p;
    b[0] = (uint8_t)(v >> 24);
    b[1] = (uint8_t)(v >> 16);
    b[2] = (uint8_t)(v >> 8);
    b[3] = (uint8_t)v;
}

static uint16_t le16_get(const uint8_t *b) { return (uint16_t)(b[0] | (b[1] << 8)); }

static void le16_put(uint8_t *b, uint16_t v) {
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
}

static uint32_t le32_get(const uint8_t *b) {
    return b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
}

static void le32_put(uint8_t *b, uint32_t v) {
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
    b[2] = (uint8_t)(v >> 16);
    b[3] = (uint8_t)(v >> 24);
}

static int from_in4(const struct sockaddr *sa, socklen_t len, sbx_addr_port_t *ap) {
    if (len < sizeof(struct sockaddr_in))
        return EINVAL;
    struct sockaddr_in sin;
    memcpy(&sin, sa, sizeof sin);
    ap->b[SBX_AP_TAG] = SBX_AF_INET4;
    le16_put(&ap->b[SBX_AP_PORT], be16_get(&sin.sin_port));
    memcpy(&ap->b[SBX_AP_IP], &sin.sin_addr, SBX_IP4_LEN);
    return 0;
}

static int from_in6(const struct sockaddr *sa, socklen_t len, sbx_addr_port_t *ap) {
    if (len < SBX_SIN6_LEN_RFC2133)
        return EINVAL;
    struct sockaddr_in6 sin6;
    memset(&sin6, 0, sizeof sin6);
    memcpy(&sin6, sa, len < sizeof sin6 ? len : sizeof sin6);
    ap->b[SBX_AP_TAG] = SBX_AF_INET6;
    le16_put(&ap->b[SBX_AP_PORT], be16_get(&sin6.sin6_port));
    memcpy(&ap->b[SBX_AP_IP], &sin6.sin6_addr, SBX_IP6_LEN);
    le32_put(&ap->b[SBX_AP_IP6_FLOWINFO], be32_get(&sin6.sin6_flowinfo));
    le32_put(&ap->b[SBX_AP_IP6_SCOPE_ID], sin6.sin6_scope_id);
    return 0;
}

static int from_unix(const struct sockaddr *sa, socklen_t len, sbx_addr_port_t *ap) {
    const size_t path_off = offsetof(struct sockaddr_un, sun_path);
    if (len <= path_off || len > sizeof(struct sockaddr_un))
        return EINVAL; /* Linux: EINVAL; sockbox has no autobind */
    const char *path = (const char *)sa + path_off;
    size_t room = len - path_off;
    if (path[0] == '\0')
        return EINVAL; /* abstract namespace: not supported */
    size_t n = strnlen(path, room);
    if (n >= SBX_AP_UNIX_PATH_MAX)
        return ENAMETOOLONG; /* no room left for the NUL in addr_port */
    ap->b[SBX_AP_TAG] = SBX_AF_UNIX;
    memcpy(&ap->b[SBX_AP_UNIX_PATH], path, n);
    ap->b[SBX_AP_UNIX_PATH + n] = 0;
    return 0;
}

static int to_ap(const struct sockaddr *sa, socklen_t len, sbx_addr_port_t *ap,
                 int allow_unspec) {
    memset(ap, 0, sizeof *ap);
    if (len > sizeof(struct sockaddr_storage))
        return EINVAL;
    if (sa == NULL)
        return len == 0 ? EINVAL : EFAULT;
    if (len < sizeof(sa_family_t))
        return EINVAL;
    sa_family_t family;
    memcpy(&family, sa, sizeof family);
    switch (family) {
    case AF_INET:
        return from_in4(sa, len, ap);
    case AF_INET6:
        return from_in6(sa, len, ap);
    case AF_UNIX:
        return from_unix(sa, len, ap);
    case AF_UNSPEC:
        if (allow_unspec) {
            ap->b[SBX_AP_TAG] = SBX_AF_UNSPEC; /* connect(AF_UNSPEC): dissolve */
            return 0;
        }
        return EAFNOSUPPORT;
    default:
        return EAFNOSUPPORT;
    }
}

int __sbx_sockaddr_to_ap(const struct sockaddr *sa, socklen_t len, sbx_addr_port_t *ap) {
    return to_ap(sa, len, ap, 0);
}

int __sbx_connect_addr_to_ap(const struct sockaddr *sa, socklen_t len, sbx_addr_port_t *ap) {
    return to_ap(sa, len, ap, 1);
}

/* The sockaddr `ap` stands for, and its length (0: no address). */
union sbx_any_sockaddr {
    struct sockaddr sa;
    struct sockaddr_in in4;
    struct sockaddr_in6 in6;
    struct sockaddr_un un;
};

static socklen_t build(const sbx_addr_port_t *ap, union sbx_any_sockaddr *out,
                       enum sbx_unnamed unnamed) {
    memset(out, 0, sizeof *out);
    switch (ap->b[SBX_AP_TAG]) {
    case SBX_AF_INET4:
        out->in4.sin_family = AF_INET;
        be16_put(&out->in4.sin_port, le16_get(&ap->b[SBX_AP_PORT]));
        memcpy(&out->in4.sin_addr, &ap->b[SBX_AP_IP], SBX_IP4_LEN);
        return sizeof(struct sockaddr_in);
    case SBX_AF_INET6:
        out->in6.sin6_family = AF_INET6;
        be16_put(&out->in6.sin6_port, le16_get(&ap->b[SBX_AP_PORT]));
        memcpy(&out->in6.sin6_addr, &ap->b[SBX_AP_IP], SBX_IP6_LEN);
        be32_put(&out->in6.sin6_flowinfo, le32_get(&ap->b[SBX_AP_IP6_FLOWINFO]));
        out->in6.sin6_scope_id = le32_get(&ap->b[SBX_AP_IP6_SCOPE_ID]);
        return sizeof(struct sockaddr_in6);
    case SBX_AF_UNIX: {
        /* The host promises a NUL; never read past the path bytes anyway. */
        size_t n = strnlen((const char *)&ap->b[SBX_AP_UNIX_PATH], SBX_AP_UNIX_PATH_MAX - 1);
        out->un.sun_family = AF_UNIX;
        if (n == 0)
            return unnamed == SBX_UNNAMED_EMPTY ? 0 : (socklen_t)sizeof(sa_family_t);
        memcpy(out->un.sun_path, &ap->b[SBX_AP_UNIX_PATH], n);
        return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
    }
    default:
        return 0;
    }
}

socklen_t __sbx_ap_sockaddr_len(const sbx_addr_port_t *ap, enum sbx_unnamed unnamed) {
    union sbx_any_sockaddr tmp;
    return build(ap, &tmp, unnamed);
}

void __sbx_ap_to_sockaddr(const sbx_addr_port_t *ap, struct sockaddr *sa, socklen_t *len,
                          enum sbx_unnamed unnamed) {
    if (sa == NULL || len == NULL)
        return;
    union sbx_any_sockaddr tmp;
    socklen_t full = build(ap, &tmp, unnamed);
    memcpy(sa, &tmp, *len < full ? *len : full);
    *len = full;
}
