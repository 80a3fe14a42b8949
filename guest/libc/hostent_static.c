/* The static hostent shared by gethostbyname/gethostbyname2/gethostbyaddr. */
#include <string.h>

#include "netdb_internal.h"

static struct {
    struct hostent he;
    char name[NI_MAXHOST];
    char *aliases[1];
    char *addr_list[SBX_MAX_HOST_ADDRS + 1];
    uint8_t addrs[SBX_MAX_HOST_ADDRS][16];
} hb;

struct hostent *__sbx_hostent_fill(const char *name, int family, const struct sbx_host_addr *a,
                                   int n) {
    int len = family == AF_INET6 ? 16 : 4;
    if (n > SBX_MAX_HOST_ADDRS)
        n = SBX_MAX_HOST_ADDRS;
    memset(&hb, 0, sizeof hb);
    strncpy(hb.name, name, sizeof hb.name - 1);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (a[i].family != family)
            continue;
        memcpy(hb.addrs[k], a[i].addr, (size_t)len);
        hb.addr_list[k] = (char *)hb.addrs[k];
        k++;
    }
    hb.addr_list[k] = NULL;
    hb.aliases[0] = NULL;
    hb.he.h_name = hb.name;
    hb.he.h_aliases = hb.aliases;
    hb.he.h_addrtype = family;
    hb.he.h_length = len;
    hb.he.h_addr_list = hb.addr_list;
    return &hb.he;
}
