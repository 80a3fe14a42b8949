/* Shared helpers of the load generator: clock, exact I/O, byte patterns,
 * connecting, and the one-line JSON result every scenario prints. */
#ifndef LG_UTIL_H
#define LG_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Size of every request and reply in the ping-pong, churn, many-connection
 * and UDP scenarios. */
#define MSG_SIZE 64

/* Largest read or write the load generator issues (bulk). */
#define IO_CHUNK 65536

/* Period of the bulk byte pattern: prime, so a reply shifted by any chunk
 * size fails the check. */
#define PATTERN_PERIOD 65521

/* Seconds on the monotonic clock. */
double now_s(void);

/* Prints "loadgen: <what>: <strerror(errno)>" and exits 1. */
void die(const char *what);

/* Prints "loadgen: <msg>" and exits 1. */
void fail(const char *msg);

/* Connects a TCP socket to ip:port (numeric IPv4), with TCP_NODELAY. */
int tcp_connect(const char *ip, int port);

/* Writes all len bytes (blocking socket); -1 on error. */
int write_all(int fd, const void *buf, size_t len);

/* Reads exactly len bytes (blocking socket); 0 on success, -1 on EOF/error. */
int read_exact(int fd, void *buf, size_t len);

/* Fills a MSG_SIZE message that is unique for (stream, seq). */
void fill_message(unsigned char *msg, uint32_t stream, uint32_t seq);

/* The bulk pattern: PATTERN_PERIOD + IO_CHUNK bytes, so that
 * pattern + (offset % PATTERN_PERIOD) can be read for up to IO_CHUNK bytes. */
const unsigned char *bulk_pattern(void);

/* Makes fd non-blocking. */
void set_nonblocking(int fd);

/* Prints the scenario's result as one JSON line on stdout:
 * {"scenario":..,"count":..,"seconds":..,"rate":..,"unit":..,"errors":..<extra>} */
void print_result(const char *scenario, double count, double seconds, const char *unit,
                  long errors, const char *extra_json);

#endif
