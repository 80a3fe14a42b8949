/* Waits in epoll_wait(-1) three times, each until the test sends something:
 * for a connection (level-triggered listener), for data (level-triggered
 * connection) and for more data (edge-triggered). The test measures the
 * host's CPU meanwhile and checks nothing returns early. Prints "listening
 * on port P", then "waiting in STEP" before each wait and "STEP returned:
 * ..." after. */
#include "epoll_check.h"

static int wait_once(int ep, const char *step) {
  printf("waiting in %s\n", step);
  fflush(stdout);
  struct epoll_event ev;
  int n = epoll_wait(ep, &ev, 1, -1);
  printf("%s returned: %d %s\n", step, n, n == 1 ? epname(ev.events) : "-");
  fflush(stdout);
  return n;
}

int main(void) {
  struct sockaddr_in addr;
  int l = tcp_listener(&addr, 8);
  printf("listening on port %d\n", ntohs(addr.sin_port));
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, l, EPOLLIN);
  wait_once(ep, "accept");
  int s = accept(l, NULL, NULL);
  MUST(s);
  MUST(epoll_ctl(ep, EPOLL_CTL_DEL, l, NULL));
  watch(ep, EPOLL_CTL_ADD, s, EPOLLIN);
  wait_once(ep, "recv");
  char c;
  SHOW("recv", recv(s, &c, 1, 0));
  nonblock(s);
  watch(ep, EPOLL_CTL_MOD, s, EPOLLIN | EPOLLET);
  wait_once(ep, "edge");
  SHOW("recv", recv(s, &c, 1, 0));
  close(ep);
  close(s);
  close(l);
  return 0;
}
