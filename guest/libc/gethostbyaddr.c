/* gethostbyaddr(): the loopback addresses are "localhost"; there is no reverse DNS. */
#include <errno.h>
#include <string.h>
#include <netdb.h>

#include "netdb_internal.h"

struct hostent *gethostbyaddr(const void *addr, socklen_t len, int type) {
    static const uint8_t v4_loopback[4] = {127, 0, 0, 1};
    size_t want = type == AF_INET ? 4 : type == AF_INET6 ? 16 : 0;
    if (want == 0) {
        errno = EAFNOSUPPORT;
        h_errno = NO_RECOVERY;
        return NULL;
    }
    if (addr == NULL || len != want) {
        errno = EINVAL;
        h_errno = NO_RECOVERY;
        return NULL;
    }
    const uint8_t *loopback = type == AF_INET ? v4_loopback : in6addr_loopback.s6_addr;
    if (memcmp(addr, loopback, want) != 0) {
        h_errno = HOST_NOT_FOUND;
        return NULL;
    }
    struct sbx_host_addr a;
    memset(&a, 0, sizeof a);
    a.family = type;
    memcpy(a.addr, addr, want);
    h_errno = 0;
    return __sbx_hostent_fill("localhost", type, &a, 1);
}
