/* getprotobyname()/getprotobynumber(): Debian's /etc/protocols, the common rows. */
#include <stddef.h>
#include <string.h>
#include <netdb.h>

struct sbx_proto {
    const char *name;
    const char *alias;
    int number;
};

static const struct sbx_proto protos[] = {
    {"ip", "IP", 0},          {"icmp", "ICMP", 1},          {"igmp", "IGMP", 2},
    {"tcp", "TCP", 6},        {"udp", "UDP", 17},           {"ipv6", "IPv6", 41},
    {"ipv6-icmp", "IPv6-ICMP", 58}, {"sctp", "SCTP", 132},  {"udplite", "UDPLite", 136},
};

static struct protoent *fill(const struct sbx_proto *p) {
    static struct protoent pe;
    static char *aliases[2];
    aliases[0] = (char *)p->alias;
    aliases[1] = NULL;
    pe.p_name = (char *)p->name;
    pe.p_aliases = aliases;
    pe.p_proto = p->number;
    return &pe;
}

struct protoent *getprotobyname(const char *name) {
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof protos / sizeof protos[0]; i++)
        if (strcmp(protos[i].name, name) == 0 || strcmp(protos[i].alias, name) == 0)
            return fill(&protos[i]);
    return NULL;
}

struct protoent *getprotobynumber(int number) {
    for (size_t i = 0; i < sizeof protos / sizeof protos[0]; i++)
        if (protos[i].number == number)
            return fill(&protos[i]);
    return NULL;
}
