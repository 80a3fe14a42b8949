/* Edge-triggered epoll (EPOLLET): an event is reported once when its
 * condition starts to hold, and again only when something new happens —
 * more data arriving, a new connection, the send buffer draining after it
 * was full — not because the condition still holds. Reading until EAGAIN
 * and then waiting is the pattern every ET server uses. */
#include "epoll_check.h"

static void reading(void) {
  int sp[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  nonblock(sp[0]);
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, sp[0], EPOLLIN | EPOLLET);
  show_wait("idle", ep, 4, 0);
  MUST(write(sp[1], "abc", 3));
  show_wait("3 bytes", ep, 4, WAIT_MS);
  show_wait("3 bytes, again", ep, 4, 100);
  MUST(write(sp[1], "de", 2));
  show_wait("2 more bytes", ep, 4, WAIT_MS);
  char buf[8];
  MUST(read(sp[0], buf, 2));
  show_wait("read 2 of 5", ep, 4, 0);
  MUST(write(sp[1], "fg", 2));
  show_wait("2 more after a partial read", ep, 4, WAIT_MS);
  int total = 0, r;
  while ((r = (int)read(sp[0], buf, sizeof buf)) > 0) total += r;
  printf("read until %s: %d bytes\n", r < 0 ? ep_errname(errno) : "EOF", total);
  show_wait("drained", ep, 4, 100);
  MUST(write(sp[1], "h", 1));
  show_wait("1 byte after draining", ep, 4, WAIT_MS);
  MUST(read(sp[0], buf, 1));
  MUST(write(sp[1], "i", 1));
  show_wait("the same count again after draining", ep, 4, WAIT_MS);
  watch(ep, EPOLL_CTL_MOD, sp[0], EPOLLIN | EPOLLET);
  show_wait("MOD re-arms while ready", ep, 4, 0);
  show_wait("MOD re-arms once", ep, 4, 0);
  close(ep);
  close(sp[0]);
  close(sp[1]);
}

/* A full send buffer, drained by the peer: OUT comes back once. */
static void writing(void) {
  int sp[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  nonblock(sp[0]);
  nonblock(sp[1]);
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, sp[0], EPOLLOUT | EPOLLET);
  show_wait("writable", ep, 4, 0);
  show_wait("writable, again", ep, 4, 0);
  static char chunk[4096];
  long sent = 0;
  int r;
  while ((r = (int)write(sp[0], chunk, sizeof chunk)) > 0) sent += r;
  printf("filled until %s\n", ep_errname(errno));
  show_wait("full", ep, 4, 100);
  long got = 0;
  char buf[4096];
  long long t0 = now_ms();
  while (got < sent && now_ms() - t0 < WAIT_MS) {
    r = (int)read(sp[1], buf, sizeof buf);
    if (r > 0) got += r;
    else settle(1);
  }
  printf("peer read everything: %d\n", got == sent);
  show_wait("drained by the peer", ep, 4, WAIT_MS);
  show_wait("drained, again", ep, 4, 100);
  close(ep);
  close(sp[0]);
  close(sp[1]);
}

static void accepting(void) {
  struct sockaddr_in addr;
  int l = tcp_listener(&addr, 8);
  nonblock(l);
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, l, EPOLLIN | EPOLLET);
  int c1 = tcp_connect(&addr);
  show_wait("a connection", ep, 4, WAIT_MS);
  show_wait("a connection, again", ep, 4, 100);
  int c2 = tcp_connect(&addr);
  show_wait("another connection", ep, 4, WAIT_MS);
  int s1 = accept(l, NULL, NULL);
  MUST(s1);
  show_wait("accepted one of two", ep, 4, 100);
  int c3 = tcp_connect(&addr);
  show_wait("a third connection", ep, 4, WAIT_MS);
  int n = 0, s;
  while ((s = accept(l, NULL, NULL)) >= 0) {
    n++;
    close(s);
  }
  printf("accepted until %s: %d more\n", ep_errname(errno), n);
  close(ep);
  close(s1);
  close(c1);
  close(c2);
  close(c3);
  close(l);
}

static void hangup(void) {
  int c, s;
  tcp_pair(&c, &s);
  nonblock(s);
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, s, EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET);
  show_wait("connected", ep, 4, 0);
  show_wait("connected, again", ep, 4, 0);
  MUST(shutdown(c, SHUT_WR));
  show_wait("peer shut writing", ep, 4, WAIT_MS);
  show_wait("peer shut writing, again", ep, 4, 100);
  MUST(shutdown(s, SHUT_WR));
  show_wait("both shut", ep, 4, WAIT_MS);
  show_wait("both shut, again", ep, 4, 0);
  close(ep);
  close(c);
  close(s);
}

int main(void) {
  reading();
  writing();
  accepting();
  hangup();
  printf("done\n");
  return 0;
}
