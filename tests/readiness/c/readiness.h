/* Helpers shared by the readiness conformance programs in tests/readiness/c.
 * Each program runs natively (gcc) and under `sockbox run` and must print the
 * same lines and exit with the same status, so:
 *  - poll bits are printed by name (wasi-libc's POLLOUT is 0x2, Linux's 0x4);
 *  - errors are printed by errno name, never with strerror (texts differ);
 *  - times are printed as buckets ("waited", "at once"), never as numbers;
 *  - anything that arrives asynchronously is waited for with a timeout
 *    (the sandboxed host delivers loopback traffic on its event loop). */
#ifndef READINESS_H
#define READINESS_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* How long a test waits for something that must happen (ms). */
#define WAIT_MS 5000

__attribute__((unused)) static const char *errname(int e) {
  switch (e) {
#define E(x) case x: return #x;
    E(EPERM) E(ENOENT) E(EBADF) E(EAGAIN) E(EACCES) E(EFAULT) E(EINVAL) E(EPIPE)
    E(ENOTSOCK) E(EADDRINUSE) E(EADDRNOTAVAIL) E(ECONNABORTED) E(ECONNRESET)
    E(ECONNREFUSED) E(EISCONN) E(ENOTCONN) E(ETIMEDOUT) E(EALREADY) E(EINPROGRESS)
    E(ENOSYS) E(EDOM) E(ENOTTY) E(ENOTSUP) E(EMSGSIZE) E(EDESTADDRREQ) E(EINTR) E(ENOMEM)
#undef E
    case 0: return "0";
    default: {
      static char buf[32];
      snprintf(buf, sizeof buf, "errno %d", e);
      return buf;
    }
  }
}

/* "IN|OUT|HUP", or "0". Only the bits every program asks about. */
__attribute__((unused)) static const char *evname(int r) {
  static char bufs[4][64];
  static int next;
  char *b = bufs[next++ & 3];
  b[0] = 0;
  if (r & POLLIN) strcat(b, "|IN");
  if (r & POLLOUT) strcat(b, "|OUT");
  if (r & POLLERR) strcat(b, "|ERR");
  if (r & POLLHUP) strcat(b, "|HUP");
  if (r & POLLNVAL) strcat(b, "|NVAL");
  if (r & ~(POLLIN | POLLOUT | POLLERR | POLLHUP | POLLNVAL)) strcat(b, "|OTHER");
  return b[0] ? b + 1 : "0";
}

/* Monotonic milliseconds. */
__attribute__((unused)) static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Ends the program when a step that must work fails (the output then differs and says where). */
#define MUST(expr) do { \
    if ((long)(expr) == -1) { \
      printf("FAILED at line %d: %s: %s\n", __LINE__, #expr, errname(errno)); \
      exit(1); \
    } \
  } while (0)

/* Polls one descriptor and prints "what: n=N events". */
__attribute__((unused)) static int show_poll(const char *what, int fd, short events, int timeout) {
  struct pollfd p = {fd, events, 0};
  int n = poll(&p, 1, timeout);
  if (n < 0) printf("%s: poll %s\n", what, errname(errno));
  else printf("%s: n=%d %s\n", what, n, evname(p.revents));
  return p.revents;
}

/* Prints what a call that returns -1 on failure did: "what: N" or "what: ENAME". */
#define SHOW(what, expr) do { \
    errno = 0; \
    long r_ = (long)(expr); \
    if (r_ == -1) printf("%s: %s\n", what, errname(errno)); \
    else printf("%s: %ld\n", what, r_); \
  } while (0)

/* A TCP listener on 127.0.0.1 and an ephemeral port; `addr` gets its address. */
__attribute__((unused)) static int tcp_listener(struct sockaddr_in *addr, int backlog) {
  memset(addr, 0, sizeof *addr);
  addr->sin_family = AF_INET;
  addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  MUST(fd);
  MUST(bind(fd, (struct sockaddr *)addr, sizeof *addr));
  MUST(listen(fd, backlog));
  socklen_t len = sizeof *addr;
  MUST(getsockname(fd, (struct sockaddr *)addr, &len));
  return fd;
}

/* A loopback port nobody listens on: a listener's port, closed again. */
__attribute__((unused)) static struct sockaddr_in closed_port(void) {
  struct sockaddr_in a;
  int fd = tcp_listener(&a, 1);
  close(fd);
  return a;
}

/* Connects a blocking TCP socket to `addr`. */
__attribute__((unused)) static int tcp_connect(const struct sockaddr_in *addr) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  MUST(fd);
  MUST(connect(fd, (const struct sockaddr *)addr, sizeof *addr));
  return fd;
}

/* SO_ERROR, printed. */
__attribute__((unused)) static void show_so_error(const char *what, int fd) {
  int e = -1;
  socklen_t len = sizeof e;
  if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) < 0) printf("%s: getsockopt %s\n", what, errname(errno));
  else printf("%s: %s\n", what, errname(e));
}

/* "at once" (under 100 ms), "waited" (at least `min_ms`, under 10 s), or "too early"/"too late". */
__attribute__((unused)) static const char *timing(long long elapsed, long long min_ms) {
  if (min_ms == 0) return elapsed < 100 ? "at once" : "too late";
  if (elapsed < min_ms) return "too early";
  return elapsed < 10000 ? "waited" : "too late";
}

#endif
