/* epoll_wait's timeout: 0 returns at once, N ms waits at least N ms (an
 * empty set too), -1 waits until something happens (here a connection
 * completing); epoll_pwait with and without a signal mask, epoll_pwait2
 * with a timespec (NULL: forever; malformed: EINVAL). */
#include <signal.h>

#include "epoll_check.h"

int main(void) {
  int sp[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  int ep = epoll_create1(0);
  MUST(ep);
  struct epoll_event ev[4];
  long long t0 = now_ms();
  int n = epoll_wait(ep, ev, 4, 0);
  printf("empty set, 0: %d %s\n", n, timing(now_ms() - t0, 0));
  t0 = now_ms();
  n = epoll_wait(ep, ev, 4, 150);
  printf("empty set, 150: %d %s\n", n, timing(now_ms() - t0, 150));
  watch(ep, EPOLL_CTL_ADD, sp[0], EPOLLIN);
  t0 = now_ms();
  n = epoll_wait(ep, ev, 4, 0);
  printf("idle socket, 0: %d %s\n", n, timing(now_ms() - t0, 0));
  t0 = now_ms();
  n = epoll_wait(ep, ev, 4, 200);
  printf("idle socket, 200: %d %s\n", n, timing(now_ms() - t0, 200));
  MUST(write(sp[1], "x", 1));
  t0 = now_ms();
  n = epoll_wait(ep, ev, 4, -1);
  printf("ready socket, -1: %d %s %s\n", n, timing(now_ms() - t0, 0), epname(ev[0].events));
  char c;
  MUST(read(sp[0], &c, 1));

  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  t0 = now_ms();
  n = epoll_pwait(ep, ev, 4, 100, &mask);
  printf("epoll_pwait with a mask, 100: %d %s\n", n, timing(now_ms() - t0, 100));
  t0 = now_ms();
  n = epoll_pwait(ep, ev, 4, 0, NULL);
  printf("epoll_pwait without a mask, 0: %d %s\n", n, timing(now_ms() - t0, 0));
  struct timespec ts = {0, 120 * 1000 * 1000};
  t0 = now_ms();
  n = epoll_pwait2(ep, ev, 4, &ts, NULL);
  printf("epoll_pwait2, 120 ms: %d %s\n", n, timing(now_ms() - t0, 120));
  ts.tv_nsec = 1000 * 1000 * 1000;
  EP_SHOW("epoll_pwait2, tv_nsec 1e9", epoll_pwait2(ep, ev, 4, &ts, NULL));
  ts.tv_sec = -1;
  ts.tv_nsec = 0;
  EP_SHOW("epoll_pwait2, tv_sec -1", epoll_pwait2(ep, ev, 4, &ts, NULL));
  MUST(write(sp[1], "y", 1));
  t0 = now_ms();
  n = epoll_pwait2(ep, ev, 4, NULL, NULL);
  printf("epoll_pwait2, NULL, ready: %d %s\n", n, timing(now_ms() - t0, 0));
  MUST(epoll_ctl(ep, EPOLL_CTL_DEL, sp[0], NULL));

  /* -1 waits until a non-blocking connect completes. */
  struct sockaddr_in addr;
  int l = tcp_listener(&addr, 4);
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  MUST(fd);
  int r = connect(fd, (struct sockaddr *)&addr, sizeof addr);
  printf("connect: %s\n", r == 0 ? "0" : ep_errname(errno));
  watch(ep, EPOLL_CTL_ADD, fd, EPOLLOUT);
  t0 = now_ms();
  n = epoll_wait(ep, ev, 4, -1);
  printf("connecting socket, -1: %d %s\n", n, epname(ev[0].events));
  close(fd);
  close(l);
  close(ep);
  close(sp[0]);
  close(sp[1]);
  printf("done\n");
  return 0;
}
