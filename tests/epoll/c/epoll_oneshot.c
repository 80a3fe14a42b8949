/* EPOLLONESHOT: after one report the interest is disabled (even ERR and
 * HUP), until EPOLL_CTL_MOD arms it again; it stays in the set (ADD again is
 * EEXIST, DEL works). With EPOLLET as well, the re-armed interest reports a
 * condition that already holds. */
#include "epoll_check.h"

int main(void) {
  int sp[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, sp[0], EPOLLIN | EPOLLONESHOT);
  show_wait("idle", ep, 4, 0);
  MUST(write(sp[1], "a", 1));
  show_wait("1 byte", ep, 4, WAIT_MS);
  show_wait("1 byte, again", ep, 4, 0);
  MUST(write(sp[1], "b", 1));
  show_wait("more data, disabled", ep, 4, 100);
  struct epoll_event ev = {0};
  ev.events = EPOLLIN;
  ev.data.fd = sp[0];
  EP_SHOW("ADD while disabled", epoll_ctl(ep, EPOLL_CTL_ADD, sp[0], &ev));
  watch(ep, EPOLL_CTL_MOD, sp[0], EPOLLIN | EPOLLONESHOT);
  show_wait("MOD re-arms", ep, 4, 0);
  show_wait("MOD re-arms, again", ep, 4, 0);
  char buf[4];
  MUST(read(sp[0], buf, sizeof buf));
  MUST(close(sp[1]));
  show_wait("peer closed, disabled", ep, 4, 100);
  watch(ep, EPOLL_CTL_MOD, sp[0], EPOLLIN | EPOLLRDHUP | EPOLLONESHOT | EPOLLET);
  show_wait("MOD with ET", ep, 4, 0);
  show_wait("MOD with ET, again", ep, 4, 0);
  watch(ep, EPOLL_CTL_MOD, sp[0], EPOLLONESHOT);
  show_wait("MOD asking for nothing: ERR/HUP still", ep, 4, 0);
  show_wait("and then nothing", ep, 4, 0);
  EP_SHOW("DEL while disabled", epoll_ctl(ep, EPOLL_CTL_DEL, sp[0], NULL));
  EP_SHOW("DEL again", epoll_ctl(ep, EPOLL_CTL_DEL, sp[0], NULL));

  /* Two one-shot interests, each reported once, in one wait or two. */
  int a[2], b[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, a));
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, b));
  watch(ep, EPOLL_CTL_ADD, a[0], EPOLLOUT | EPOLLONESHOT);
  watch(ep, EPOLL_CTL_ADD, b[0], EPOLLOUT | EPOLLONESHOT);
  show_wait("two writable, maxevents 1", ep, 1, 0);
  show_wait("the other one", ep, 1, 0);
  show_wait("neither", ep, 4, 0);
  close(ep);
  close(sp[0]);
  for (int i = 0; i < 2; i++) {
    close(a[i]);
    close(b[i]);
  }
  printf("done\n");
  return 0;
}
