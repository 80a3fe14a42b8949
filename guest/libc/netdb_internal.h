/* Shared by the <netdb.h> functions of libsockbox. */
#ifndef SOCKBOX_NETDB_INTERNAL_H
#define SOCKBOX_NETDB_INTERNAL_H

#include <stdint.h>
#include <netdb.h>

/* One address of a host: AF_INET (4 bytes used) or AF_INET6. */
struct sbx_host_addr {
    int family;
    uint8_t addr[16];
};

#define SBX_MAX_HOST_ADDRS 16

/*
 * The addresses of `node` for `family` (AF_UNSPEC, AF_INET or AF_INET6).
 * Numeric addresses and "localhost" are answered here; other names go to
 * the host's `resolve` import unless `flags` has AI_NUMERICHOST.
 * AI_V4MAPPED in `flags` maps IPv4 answers for an AF_INET6 query.
 * Returns the count (> 0) or an EAI_* code (< 0; EAI_SYSTEM sets errno).
 */
int __sbx_lookup_host(const char *node, int family, int flags, struct sbx_host_addr *out,
                      int max);

/* The well-known services table (services_table.c). */
enum {
    SBX_SERV_TCP = 1,
    SBX_SERV_UDP = 2,
};

struct sbx_service {
    const char *name;
    const char *alias; /* or NULL */
    uint16_t port;     /* host order */
    uint8_t protos;    /* SBX_SERV_* */
};

/* The entry named `name` (or aliased) offered on one of `protos`, or NULL. */
const struct sbx_service *__sbx_service_by_name(const char *name, unsigned protos);
/* The entry for `port` (host order) offered on one of `protos`, or NULL. */
const struct sbx_service *__sbx_service_by_port(unsigned port, unsigned protos);
/* SBX_SERV_* for a protocol name ("tcp", "udp"), all of them for NULL, 0 if unknown. */
unsigned __sbx_service_protos(const char *proto);

/* Fill the one static hostent that gethostby* return (hostent_static.c). */
struct hostent *__sbx_hostent_fill(const char *name, int family, const struct sbx_host_addr *a,
                                   int n);

#endif
