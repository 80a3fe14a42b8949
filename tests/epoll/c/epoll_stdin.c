/* stdin (a pipe) in an epoll set next to stdout: waits with no timeout for
 * each line the test feeds, prints it, and reports what epoll says once the
 * writer closes the pipe (EPOLLHUP: no writers left). stdout, a pipe too, is
 * writable. Prints "waiting for stdin" before each wait. */
#include "epoll_check.h"

int main(void) {
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, 0, EPOLLIN);
  watch(ep, EPOLL_CTL_ADD, 1, EPOLLOUT);
  show_wait("stdout", ep, 4, 0);
  MUST(epoll_ctl(ep, EPOLL_CTL_DEL, 1, NULL));
  char buf[256];
  for (;;) {
    printf("waiting for stdin\n");
    fflush(stdout);
    struct epoll_event ev;
    int n = epoll_wait(ep, &ev, 1, -1);
    MUST(n);
    ssize_t got = read(0, buf, sizeof buf - 1);
    MUST(got);
    if (got == 0) {
      printf("event %s, then EOF\n", epname(ev.events));
      break;
    }
    buf[got] = 0;
    printf("event %s, read: %s", epname(ev.events), buf);
  }
  show_wait("at EOF", ep, 4, 0);
  close(ep);
  return 0;
}
