/* The UDP request/reply scenario. */
#ifndef LG_UDP_H
#define LG_UDP_H

/* n 64-byte datagram round trips (after `warmup` untimed ones); a reply not
 * back within timeout_ms counts as lost. */
void run_udp(const char *ip, int port, long n, long warmup, int timeout_ms);

#endif
