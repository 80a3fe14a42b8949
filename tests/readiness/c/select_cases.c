/* select() on sockets: a pending connection and data are readable, a
 * connected socket is writable, EOF is readable, exceptfds stays empty (no
 * out-of-band data), descriptors at or above nfds are not looked at, a
 * closed descriptor is EBADF, and the count adds up every set. */
#include <sys/select.h>

#include "readiness.h"

static int sel(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, int ms) {
  struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
  return select(nfds, rd, wr, ex, &tv);
}

int main(void) {
  struct sockaddr_in addr;
  int l = tcp_listener(&addr, 8);
  fd_set rd, wr, ex;

  FD_ZERO(&rd);
  FD_SET(l, &rd);
  printf("listener, nobody connecting: %d\n", sel(l + 1, &rd, NULL, NULL, 0));
  int c = tcp_connect(&addr);
  FD_ZERO(&rd);
  FD_SET(l, &rd);
  int n = sel(l + 1, &rd, NULL, NULL, WAIT_MS);
  printf("listener, connection pending: %d isset=%d\n", n, FD_ISSET(l, &rd));
  int s = accept(l, NULL, NULL);
  MUST(s);
  int max = (s > c ? s : c) + 1;

  FD_ZERO(&rd);
  FD_ZERO(&wr);
  FD_ZERO(&ex);
  FD_SET(s, &rd);
  FD_SET(s, &wr);
  FD_SET(s, &ex);
  n = sel(max, &rd, &wr, &ex, WAIT_MS);
  printf("accepted, no data: %d read=%d write=%d except=%d\n", n, FD_ISSET(s, &rd), FD_ISSET(s, &wr),
         FD_ISSET(s, &ex));

  MUST(send(c, "data", 4, 0));
  FD_ZERO(&rd);
  FD_SET(s, &rd);
  n = sel(max, &rd, NULL, NULL, WAIT_MS);
  printf("data sent: %d read=%d\n", n, FD_ISSET(s, &rd));
  FD_ZERO(&rd);
  FD_ZERO(&wr);
  FD_ZERO(&ex);
  FD_SET(s, &rd);
  FD_SET(s, &wr);
  FD_SET(c, &wr);
  FD_SET(c, &ex);
  n = sel(max, &rd, &wr, &ex, WAIT_MS);
  printf("both sets: %d read(s)=%d write(s)=%d write(c)=%d except(c)=%d\n", n, FD_ISSET(s, &rd), FD_ISSET(s, &wr),
         FD_ISSET(c, &wr), FD_ISSET(c, &ex));
  char buf[16];
  SHOW("recv", recv(s, buf, sizeof buf, 0));

  FD_ZERO(&rd);
  FD_SET(s, &rd);
  n = sel(s, &rd, NULL, NULL, 0);
  printf("nfds leaves the descriptor out: %d\n", n);

  close(c);
  FD_ZERO(&rd);
  FD_SET(s, &rd);
  n = sel(max, &rd, NULL, NULL, WAIT_MS);
  printf("peer closed: %d read=%d\n", n, FD_ISSET(s, &rd));
  SHOW("recv at EOF", recv(s, buf, sizeof buf, 0));

  FD_ZERO(&rd);
  FD_SET(c, &rd);
  SHOW("select on a closed descriptor", sel(max, &rd, NULL, NULL, 0));
  FD_ZERO(&rd);
  SHOW("select with nfds -1", sel(-1, &rd, NULL, NULL, 0));
  close(s);
  close(l);
  return 0;
}
