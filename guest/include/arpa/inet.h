/*
 * sockbox overlay for <arpa/inet.h>: declares the conversions wasi-libc
 * hides (inet_addr, inet_ntoa, inet_network), implemented by libsockbox.
 * inet_aton/inet_pton/inet_ntop/hton* come from wasi-libc itself.
 */
#ifndef SOCKBOX_ARPA_INET_H
#define SOCKBOX_ARPA_INET_H

#include <netinet/in.h>
#include_next <arpa/inet.h>

#ifdef __cplusplus
extern "C" {
#endif

in_addr_t inet_addr(const char *);
in_addr_t inet_network(const char *);
char *inet_ntoa(struct in_addr);

#ifdef __cplusplus
}
#endif

#endif
