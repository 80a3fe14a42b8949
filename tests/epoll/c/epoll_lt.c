/* Level-triggered epoll (the default): an event is reported on every
 * epoll_wait while its condition holds; epoll_data comes back as it was
 * given (u64, ptr, fd); MOD changes what is watched, DEL stops it; a small
 * maxevents takes the ready descriptors in turn; a listener is readable
 * while a connection waits; the epoll descriptor itself polls readable,
 * and one epoll set can watch another. */
#include "epoll_check.h"

static void data_round_trip(void) {
  int sp[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  int ep = epoll_create1(0);
  MUST(ep);
  static int marker;
  struct epoll_event ev = {0}, out[4];
  ev.events = EPOLLOUT;
  ev.data.u64 = 0x1122334455667788ULL;
  MUST(epoll_ctl(ep, EPOLL_CTL_ADD, sp[0], &ev));
  int n = epoll_wait(ep, out, 4, 0);
  printf("u64: n=%d %s data=%llx\n", n, epname(out[0].events), (unsigned long long)out[0].data.u64);
  ev.data.ptr = &marker;
  MUST(epoll_ctl(ep, EPOLL_CTL_MOD, sp[0], &ev));
  n = epoll_wait(ep, out, 4, 0);
  printf("ptr: n=%d same pointer=%d\n", n, out[0].data.ptr == &marker);
  ev.data.fd = sp[0];
  MUST(epoll_ctl(ep, EPOLL_CTL_MOD, sp[0], &ev));
  n = epoll_wait(ep, out, 4, 0);
  printf("fd: n=%d is sp[0]=%d\n", n, out[0].data.fd == sp[0]);
  ev.data.u32 = 0xdeadbeef;
  MUST(epoll_ctl(ep, EPOLL_CTL_MOD, sp[0], &ev));
  n = epoll_wait(ep, out, 4, 0);
  printf("u32: n=%d data=%x\n", n, out[0].data.u32);
  close(ep);
  close(sp[0]);
  close(sp[1]);
}

static void level(void) {
  int sp[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  int ep = epoll_create(1);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, sp[0], EPOLLIN);
  show_wait("idle", ep, 4, 0);
  show_wait("idle, 100 ms", ep, 4, 100);
  MUST(write(sp[1], "abc", 3));
  show_wait("3 bytes", ep, 4, WAIT_MS);
  show_wait("3 bytes, again", ep, 4, 0);
  char buf[8];
  MUST(read(sp[0], buf, 1));
  show_wait("2 bytes left", ep, 4, 0);
  MUST(read(sp[0], buf, sizeof buf));
  show_wait("all read", ep, 4, 0);
  watch(ep, EPOLL_CTL_MOD, sp[0], EPOLLIN | EPOLLOUT);
  show_wait("MOD to IN|OUT", ep, 4, 0);
  watch(ep, EPOLL_CTL_MOD, sp[0], EPOLLRDNORM | EPOLLWRNORM);
  MUST(write(sp[1], "d", 1));
  show_wait("MOD to RDNORM|WRNORM, 1 byte", ep, 4, 0);
  watch(ep, EPOLL_CTL_MOD, sp[0], 0);
  show_wait("MOD to 0", ep, 4, 0);
  MUST(epoll_ctl(ep, EPOLL_CTL_DEL, sp[0], NULL));
  show_wait("after DEL", ep, 4, 0);
  close(ep);
  close(sp[0]);
  close(sp[1]);
}

/* Three writable ends, maxevents 1: each epoll_wait takes the next. */
static void in_turn(void) {
  int a[2], b[2], c[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, a));
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, b));
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, c));
  int ep = epoll_create1(EPOLL_CLOEXEC);
  MUST(ep);
  int fds[3] = {a[0], b[0], c[0]};
  for (int i = 0; i < 3; i++) watch(ep, EPOLL_CTL_ADD, fds[i], EPOLLOUT);
  int seen[3] = {0, 0, 0};
  for (int round = 0; round < 6; round++) {
    struct epoll_event ev;
    int n = epoll_wait(ep, &ev, 1, 0);
    for (int i = 0; i < 3; i++)
      if (n == 1 && ev.data.fd == fds[i]) seen[i]++;
  }
  printf("maxevents 1, 6 waits: each end reported %d, %d, %d times\n", seen[0], seen[1], seen[2]);
  show_wait("maxevents 16", ep, 16, 0);
  close(ep);
  for (int i = 0; i < 2; i++) {
    close(a[i]);
    close(b[i]);
    close(c[i]);
  }
}

static void listener(void) {
  struct sockaddr_in addr;
  int l = tcp_listener(&addr, 4);
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, l, EPOLLIN | EPOLLOUT);
  show_wait("listener, nobody", ep, 4, 0);
  int c = tcp_connect(&addr);
  show_wait("listener, a connection waits", ep, 4, WAIT_MS);
  show_wait("listener, still waiting", ep, 4, 0);
  int s = accept(l, NULL, NULL);
  MUST(s);
  show_wait("listener, accepted", ep, 4, 0);
  watch(ep, EPOLL_CTL_ADD, s, EPOLLIN);
  MUST(write(c, "hi", 2));
  show_wait("accepted socket, data", ep, 4, WAIT_MS);
  close(ep);
  close(c);
  close(s);
  close(l);
}

/* An epoll descriptor is readable (poll, or another epoll set) while it has events. */
static void nested(void) {
  int sp[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  int inner = epoll_create1(0), outer = epoll_create1(0);
  MUST(inner);
  MUST(outer);
  watch(inner, EPOLL_CTL_ADD, sp[0], EPOLLIN);
  watch(outer, EPOLL_CTL_ADD, inner, EPOLLIN | EPOLLOUT);
  show_poll("poll(inner), idle", inner, POLLIN | POLLOUT, 0);
  show_wait("outer, idle", outer, 4, 0);
  MUST(write(sp[1], "x", 1));
  show_poll("poll(inner), data", inner, POLLIN | POLLOUT, 0);
  show_wait("outer, data", outer, 4, 0);
  show_wait("inner, data", inner, 4, 0);
  char c;
  MUST(read(sp[0], &c, 1));
  show_wait("outer, read", outer, 4, 0);
  close(outer);
  close(inner);
  close(sp[0]);
  close(sp[1]);
}

int main(void) {
  data_round_trip();
  level();
  in_turn();
  listener();
  nested();
  printf("done\n");
  return 0;
}
