/* EPOLLRDHUP while data is still queued: the peer wrote, then shut its
 * writing side; epoll reports IN|RDHUP at once, before the data is read
 * (a server can read what is left and close in one go). TCP and unix. */
#include "epoll_check.h"

#define ALL (EPOLLIN | EPOLLOUT | EPOLLRDHUP)

static int watched(int fd, uint32_t events) {
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, fd, events);
  return ep;
}

static void tcp_data_then_fin(void) {
  int c, s;
  tcp_pair(&c, &s);
  int ep = watched(s, ALL);
  MUST(write(c, "hello", 5));
  MUST(shutdown(c, SHUT_WR));
  await_bytes(s, 5);
  settle(100);
  show_wait("tcp: data, then the peer shut writing", ep, 4, WAIT_MS);
  char buf[8];
  SHOW("tcp: read", read(s, buf, sizeof buf));
  show_wait("tcp: data read", ep, 4, 0);
  SHOW("tcp: read at EOF", read(s, buf, sizeof buf));
  close(ep);
  close(c);
  close(s);
}

static void unix_data_then_close(void) {
  int sp[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  int ep = watched(sp[0], ALL);
  MUST(write(sp[1], "bye", 3));
  MUST(shutdown(sp[1], SHUT_WR));
  show_wait("unix: data, then the peer shut writing", ep, 4, 0);
  close(ep);
  close(sp[0]);
  close(sp[1]);
}

int main(void) {
  tcp_data_then_fin();
  unix_data_then_close();
  printf("done\n");
  return 0;
}
