/* Waits, with no timeout, in accept(), recv(), poll() and select() in turn,
 * each until the test sends something: the test measures the host's CPU
 * meanwhile, and checks nothing returns early. Prints "listening on port P",
 * then "waiting in CALL" before each wait and "CALL returned: ..." after. */
#include <sys/select.h>

#include "readiness.h"

static void step(const char *what) {
  printf("waiting in %s\n", what);
  fflush(stdout);
}

int main(void) {
  struct sockaddr_in addr;
  int l = tcp_listener(&addr, 8);
  printf("listening on port %d\n", ntohs(addr.sin_port));
  char c;

  step("accept");
  int s = accept(l, NULL, NULL);
  MUST(s);
  printf("accept returned: a connection\n");

  step("recv");
  SHOW("recv returned", recv(s, &c, 1, 0));

  step("poll");
  struct pollfd p[3] = {{s, POLLIN, 0}, {l, POLLIN, 0}, {0, POLLIN, 0}};
  int n = poll(p, 3, -1);
  printf("poll returned: %d [%s] [%s] [%s]\n", n, evname(p[0].revents), evname(p[1].revents), evname(p[2].revents));
  SHOW("recv", recv(s, &c, 1, 0));

  step("select");
  fd_set rd;
  FD_ZERO(&rd);
  FD_SET(s, &rd);
  FD_SET(l, &rd);
  n = select((s > l ? s : l) + 1, &rd, NULL, NULL, NULL);
  printf("select returned: %d connection=%d listener=%d\n", n, FD_ISSET(s, &rd), FD_ISSET(l, &rd));
  SHOW("recv", recv(s, &c, 1, 0));
  fflush(stdout);
  close(s);
  close(l);
  return 0;
}
