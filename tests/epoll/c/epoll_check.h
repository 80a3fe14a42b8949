/* Helpers of the epoll conformance programs in tests/epoll/c. They add to
 * the readiness programs' helpers (errno and timing by name, MUST, SHOW, a
 * loopback listener, a closed port), with the same rules: the native and the
 * sandboxed run must print the same lines, so events are printed by name
 * and asynchronous arrivals are waited for with a timeout. */
#ifndef EPOLL_CHECK_H
#define EPOLL_CHECK_H

#include <fcntl.h>
#include <sys/epoll.h>

#include "../../readiness/c/readiness.h"

/* errname(), knowing the errnos only epoll gives. */
__attribute__((unused)) static const char *ep_errname(int e) {
  switch (e) {
    case EEXIST: return "EEXIST";
    case ELOOP: return "ELOOP";
    default: return errname(e);
  }
}

/* "what: N" or "what: ENAME" for a call that returns -1 on failure. */
#define EP_SHOW(what, expr) do { \
    errno = 0; \
    long r_ = (long)(expr); \
    if (r_ == -1) printf("%s: %s\n", what, ep_errname(errno)); \
    else printf("%s: %ld\n", what, r_); \
  } while (0)

/* "IN|OUT|RDHUP|ERR|HUP", or "0": every bit epoll can report, by name. */
__attribute__((unused)) static const char *epname(uint32_t e) {
  static char bufs[4][128];
  static int next;
  char *b = bufs[next++ & 3];
  b[0] = 0;
  static const struct { uint32_t bit; const char *name; } names[] = {
    {EPOLLIN, "IN"}, {EPOLLPRI, "PRI"}, {EPOLLOUT, "OUT"}, {EPOLLRDNORM, "RDNORM"},
    {EPOLLRDBAND, "RDBAND"}, {EPOLLWRNORM, "WRNORM"}, {EPOLLWRBAND, "WRBAND"},
    {EPOLLMSG, "MSG"}, {EPOLLRDHUP, "RDHUP"}, {EPOLLERR, "ERR"}, {EPOLLHUP, "HUP"},
  };
  uint32_t known = 0;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    known |= names[i].bit;
    if (e & names[i].bit) {
      strcat(b, "|");
      strcat(b, names[i].name);
    }
  }
  if (e & ~known) strcat(b, "|OTHER");
  return b[0] ? b + 1 : "0";
}

/* Adds (or, with `op`, modifies) `fd` with `events`; data.fd = fd. */
__attribute__((unused)) static void watch(int ep, int op, int fd, uint32_t events) {
  struct epoll_event ev;
  memset(&ev, 0, sizeof ev);
  ev.events = events;
  ev.data.fd = fd;
  MUST(epoll_ctl(ep, op, fd, &ev));
}

/* Waits up to `timeout` ms for events on `ep`; prints "what: n=N [fd=F EVENTS]..."
 * with the events sorted by fd (Linux's order is the order things became
 * ready, which a program must not depend on). Returns the count. */
__attribute__((unused)) static int show_wait(const char *what, int ep, int maxevents, int timeout) {
  struct epoll_event evs[16];
  int n = epoll_wait(ep, evs, maxevents, timeout);
  if (n < 0) {
    printf("%s: epoll_wait %s\n", what, ep_errname(errno));
    return n;
  }
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && evs[j - 1].data.fd > evs[j].data.fd; j--) {
      struct epoll_event t = evs[j];
      evs[j] = evs[j - 1];
      evs[j - 1] = t;
    }
  printf("%s: n=%d", what, n);
  for (int i = 0; i < n; i++) printf(" [%s]", epname(evs[i].events));
  printf("\n");
  return n;
}

/* Waits (up to WAIT_MS) until `fd` has `n` bytes to read without taking them:
 * loopback data reaches a sandboxed guest through the host's event loop. */
__attribute__((unused)) static void await_bytes(int fd, int n) {
  long long t0 = now_ms();
  char buf[256];
  while (now_ms() - t0 < WAIT_MS) {
    int got = (int)recv(fd, buf, sizeof buf, MSG_PEEK | MSG_DONTWAIT);
    if (got >= n) return;
    struct pollfd p = {fd, POLLIN, 0};
    poll(&p, 1, 10);
  }
  printf("timed out waiting for %d bytes on fd\n", n);
}

/* Sets O_NONBLOCK. */
__attribute__((unused)) static void nonblock(int fd) {
  int fl = fcntl(fd, F_GETFL);
  MUST(fl);
  MUST(fcntl(fd, F_SETFL, fl | O_NONBLOCK));
}

/* A connected TCP pair on loopback: *server is the accepted end. */
__attribute__((unused)) static void tcp_pair(int *client, int *server) {
  struct sockaddr_in a;
  int l = tcp_listener(&a, 4);
  *client = tcp_connect(&a);
  *server = accept(l, NULL, NULL);
  MUST(*server);
  close(l);
}

/* Sleeps `ms` milliseconds (lets loopback traffic arrive before a check that must not wait). */
__attribute__((unused)) static void settle(int ms) {
  poll(NULL, 0, ms);
}

#endif
