/*
 * A small table of well-known services, as Debian's /etc/services (netbase)
 * lists them, for getaddrinfo/getnameinfo/getservbyname/getservbyport.
 * (The guest has no /etc/services to read.)
 */
#include <stddef.h>
#include <string.h>

#include "netdb_internal.h"

#define T SBX_SERV_TCP
#define U SBX_SERV_UDP

static const struct sbx_service services[] = {
    {"echo", NULL, 7, T | U},
    {"discard", "sink", 9, T | U},
    {"daytime", NULL, 13, T | U},
    {"qotd", "quote", 17, T},
    {"chargen", "ttytst", 19, T | U},
    {"ftp-data", NULL, 20, T},
    {"ftp", NULL, 21, T},
    {"ssh", NULL, 22, T},
    {"telnet", NULL, 23, T},
    {"smtp", "mail", 25, T},
    {"time", "timserver", 37, T | U},
    {"domain", NULL, 53, T | U},
    {"tftp", NULL, 69, U},
    {"finger", NULL, 79, T},
    {"http", "www", 80, T},
    {"pop3", "pop-3", 110, T},
    {"sunrpc", "portmapper", 111, T | U},
    {"nntp", "readnews", 119, T},
    {"ntp", NULL, 123, U},
    {"imap2", "imap", 143, T},
    {"snmp", NULL, 161, T | U},
    {"ldap", NULL, 389, T | U},
    {"https", NULL, 443, T | U},
    {"syslog", NULL, 514, U},
    {"submission", NULL, 587, T},
    {"imaps", NULL, 993, T},
    {"pop3s", NULL, 995, T},
    {"mysql", NULL, 3306, T},
    {"postgresql", "postgres", 5432, T},
    {"x11", "x11-0", 6000, T},
    {"redis", NULL, 6379, T},
    {"ircd", NULL, 6667, T},
    {"http-alt", "webcache", 8080, T},
    {"tproxy", NULL, 8081, T},
};

#undef T
#undef U

const struct sbx_service *__sbx_service_by_name(const char *name, unsigned protos) {
    for (size_t i = 0; i < sizeof services / sizeof services[0]; i++) {
        const struct sbx_service *s = &services[i];
        if ((s->protos & protos) == 0)
            continue;
        if (strcmp(s->name, name) == 0 || (s->alias != NULL && strcmp(s->alias, name) == 0))
            return s;
    }
    return NULL;
}

const struct sbx_service *__sbx_service_by_port(unsigned port, unsigned protos) {
    for (size_t i = 0; i < sizeof services / sizeof services[0]; i++) {
        const struct sbx_service *s = &services[i];
        if (s->port == port && (s->protos & protos) != 0)
            return s;
    }
    return NULL;
}

unsigned __sbx_service_protos(const char *proto) {
    if (proto == NULL)
        return SBX_SERV_TCP | SBX_SERV_UDP;
    if (strcmp(proto, "tcp") == 0)
        return SBX_SERV_TCP;
    if (strcmp(proto, "udp") == 0)
        return SBX_SERV_UDP;
    return 0;
}
