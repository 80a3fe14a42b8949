/* getservbyname()/getservbyport(): from the well-known services table. */
#include <arpa/inet.h>
#include <netdb.h>

#include "netdb_internal.h"

static struct servent *fill(const struct sbx_service *s, unsigned protos) {
    static struct servent se;
    static char *aliases[2];
    static char tcp[] = "tcp", udp[] = "udp";
    aliases[0] = (char *)s->alias;
    aliases[1] = NULL;
    se.s_name = (char *)s->name;
    se.s_aliases = aliases;
    se.s_port = htons(s->port);
    se.s_proto = (s->protos & protos & SBX_SERV_TCP) ? tcp : udp;
    return &se;
}

struct servent *getservbyname(const char *name, const char *proto) {
    unsigned protos = __sbx_service_protos(proto);
    if (name == NULL || protos == 0)
        return NULL;
    const struct sbx_service *s = __sbx_service_by_name(name, protos);
    return s != NULL ? fill(s, protos) : NULL;
}

struct servent *getservbyport(int port, const char *proto) {
    unsigned protos = __sbx_service_protos(proto);
    if (protos == 0)
        return NULL;
    const struct sbx_service *s = __sbx_service_by_port(ntohs((uint16_t)port), protos);
    return s != NULL ? fill(s, protos) : NULL;
}
