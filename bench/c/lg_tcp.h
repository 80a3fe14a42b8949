/* TCP scenarios against an echo server. Each prints one JSON result line. */
#ifndef LG_TCP_H
#define LG_TCP_H

/* One connection, n 64-byte round trips (after `warmup` untimed ones). */
void run_pingpong(const char *ip, int port, long n, long warmup);

/* One connection, `bytes` each way at once (after `warmup` untimed bytes). */
void run_bulk(const char *ip, int port, long long bytes, long long warmup);

/* n times: connect, one 64-byte exchange, close (after `warmup` untimed ones). */
void run_churn(const char *ip, int port, long n, long warmup);

#endif
