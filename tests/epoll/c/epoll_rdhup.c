/* EPOLLRDHUP: the peer shut its writing side (or closed), or this side shut
 * reading — nothing more will arrive. Reported only when asked for, with
 * IN (a read returns 0); HUP joins it once both directions are shut. TCP
 * and unix stream sockets. (With data still queued: epoll_rdhup_queued.c.) */
#include "epoll_check.h"

#define ALL (EPOLLIN | EPOLLOUT | EPOLLRDHUP)

/* Waits (up to WAIT_MS) until `fd` is readable: the peer's FIN reaches a
 * sandboxed guest through the host's event loop, and an epoll_wait that
 * also asks for OUT would return before it. */
static void await_readable(int fd) {
  struct pollfd p = {fd, POLLIN, 0};
  if (poll(&p, 1, WAIT_MS) != 1) printf("timed out waiting for readability\n");
}

static int watched(int fd, uint32_t events) {
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, fd, events);
  return ep;
}

static void tcp_half_close(void) {
  int c, s;
  tcp_pair(&c, &s);
  int ep = watched(s, ALL);
  show_wait("tcp: connected", ep, 4, 0);
  MUST(shutdown(c, SHUT_WR));
  await_readable(s);
  show_wait("tcp: peer shut writing", ep, 4, WAIT_MS);
  char buf[8];
  SHOW("tcp: read", read(s, buf, sizeof buf));
  MUST(shutdown(s, SHUT_WR));
  show_wait("tcp: both shut", ep, 4, WAIT_MS);
  close(ep);
  close(c);
  close(s);
}

static void tcp_not_asked(void) {
  int c, s;
  tcp_pair(&c, &s);
  int ep = watched(s, EPOLLIN | EPOLLOUT);
  MUST(close(c));
  await_readable(s);
  show_wait("tcp: peer closed, RDHUP not asked for", ep, 4, WAIT_MS);
  close(ep);
  close(s);
}

static void tcp_peer_close(void) {
  int c, s;
  tcp_pair(&c, &s);
  int ep = watched(s, ALL);
  MUST(close(c));
  await_readable(s);
  show_wait("tcp: peer closed", ep, 4, WAIT_MS);
  close(ep);
  close(s);
}

static void tcp_shut_rd(void) {
  int c, s;
  tcp_pair(&c, &s);
  int ep = watched(s, ALL);
  MUST(shutdown(s, SHUT_RD));
  show_wait("tcp: this side shut reading", ep, 4, 0);
  close(ep);
  close(c);
  close(s);
}

static void unix_pair(void) {
  int sp[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  int ep = watched(sp[0], ALL);
  show_wait("unix: connected", ep, 4, 0);
  MUST(shutdown(sp[1], SHUT_WR));
  show_wait("unix: peer shut writing", ep, 4, 0);
  MUST(close(sp[1]));
  show_wait("unix: peer closed", ep, 4, 0);
  close(ep);
  close(sp[0]);
}

int main(void) {
  tcp_half_close();
  tcp_not_asked();
  tcp_peer_close();
  tcp_shut_rd();
  unix_pair();
  printf("done\n");
  return 0;
}
