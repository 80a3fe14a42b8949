/* Timeouts of poll() and select(): 0 returns at once, N ms waits at least
 * N ms, with and without descriptors; select() leaves the time not slept in
 * its timeval (0 after a timeout), as Linux does. */
#include <sys/select.h>

#include "readiness.h"

int main(void) {
  int sp[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  struct pollfd p = {sp[0], POLLIN, 0};
  long long t0 = now_ms();
  int n = poll(NULL, 0, 0);
  printf("poll(nothing, 0): %d %s\n", n, timing(now_ms() - t0, 0));
  t0 = now_ms();
  n = poll(NULL, 0, 150);
  printf("poll(nothing, 150): %d %s\n", n, timing(now_ms() - t0, 150));
  t0 = now_ms();
  n = poll(&p, 1, 0);
  printf("poll(idle socket, 0): %d %s\n", n, timing(now_ms() - t0, 0));
  t0 = now_ms();
  n = poll(&p, 1, 200);
  printf("poll(idle socket, 200): %d %s\n", n, timing(now_ms() - t0, 200));
  struct pollfd neg = {-1, POLLIN, 0};
  t0 = now_ms();
  n = poll(&neg, 1, 100);
  printf("poll(negative fd, 100): %d %s revents=%s\n", n, timing(now_ms() - t0, 100), evname(neg.revents));

  /* Data arriving during a wait ends it early. */
  MUST(write(sp[1], "x", 1));
  t0 = now_ms();
  n = poll(&p, 1, 10000);
  printf("poll(ready socket, 10000): %d %s %s\n", n, timing(now_ms() - t0, 0), evname(p.revents));
  char c;
  MUST(read(sp[0], &c, 1));

  struct timeval tv = {0, 150000};
  t0 = now_ms();
  n = select(0, NULL, NULL, NULL, &tv);
  printf("select(nothing, 150 ms): %d %s left=%ld.%06ld\n", n, timing(now_ms() - t0, 150), (long)tv.tv_sec,
         (long)tv.tv_usec);
  fd_set rd;
  FD_ZERO(&rd);
  FD_SET(sp[0], &rd);
  tv.tv_sec = 0;
  tv.tv_usec = 200000;
  t0 = now_ms();
  n = select(sp[0] + 1, &rd, NULL, NULL, &tv);
  printf("select(idle socket, 200 ms): %d %s isset=%d left=%ld.%06ld\n", n, timing(now_ms() - t0, 200),
         FD_ISSET(sp[0], &rd), (long)tv.tv_sec, (long)tv.tv_usec);
  FD_ZERO(&rd);
  FD_SET(sp[0], &rd);
  tv.tv_sec = 0;
  tv.tv_usec = 0;
  t0 = now_ms();
  n = select(sp[0] + 1, &rd, NULL, NULL, &tv);
  printf("select(idle socket, 0): %d %s\n", n, timing(now_ms() - t0, 0));
  MUST(write(sp[1], "y", 1));
  FD_ZERO(&rd);
  FD_SET(sp[0], &rd);
  tv.tv_sec = 10;
  tv.tv_usec = 0;
  t0 = now_ms();
  n = select(sp[0] + 1, &rd, NULL, NULL, &tv);
  printf("select(ready socket, 10 s): %d %s isset=%d some time left=%d\n", n, timing(now_ms() - t0, 0),
         FD_ISSET(sp[0], &rd), tv.tv_sec > 0 || tv.tv_usec > 0);
  tv.tv_sec = 0;
  tv.tv_usec = 1000000;
  SHOW("select with tv_usec 1000000", select(0, NULL, NULL, NULL, &tv));
  close(sp[0]);
  close(sp[1]);
  return 0;
}
