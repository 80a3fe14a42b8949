/* gethostbyname()/gethostbyname2(): through the same lookup as getaddrinfo. */
#include <errno.h>
#include <strings.h>
#include <netdb.h>

#include "netdb_internal.h"

static int herrno_from_eai(int eai) {
    switch (eai) {
    case EAI_AGAIN:
        return TRY_AGAIN;
    case EAI_NODATA:
        return NO_DATA;
    case EAI_FAIL:
    case EAI_SYSTEM:
    case EAI_MEMORY:
        return NO_RECOVERY;
    default:
        return HOST_NOT_FOUND;
    }
}

struct hostent *gethostbyname2(const char *name, int af) {
    if (af != AF_INET && af != AF_INET6) {
        errno = EAFNOSUPPORT;
        h_errno = NO_RECOVERY;
        return NULL;
    }
    if (name == NULL) {
        h_errno = HOST_NOT_FOUND;
        return NULL;
    }
    struct sbx_host_addr addrs[SBX_MAX_HOST_ADDRS];
    int n = __sbx_lookup_host(name, af, 0, addrs, SBX_MAX_HOST_ADDRS);
    if (n < 0) {
        h_errno = herrno_from_eai(n);
        return NULL;
    }
    h_errno = 0;
    return __sbx_hostent_fill(name, af, addrs, n);
}

struct hostent *gethostbyname(const char *name) {
    return gethostbyname2(name, AF_INET);
}
