#define _GNU_SOURCE /* accept4 */
/* O_NONBLOCK by every route Linux offers — fcntl(F_SETFL), SOCK_NONBLOCK in
 * socket(), accept4(SOCK_NONBLOCK), ioctl(FIONBIO), MSG_DONTWAIT — gives
 * EAGAIN instead of blocking; a plain accept() does not inherit it; a full
 * send buffer is EAGAIN and not POLLOUT until the peer reads. */
#include <fcntl.h>
#include <sys/ioctl.h>

#include "readiness.h"

#define CHUNK 65536
#define MAX_CHUNKS 4096 /* 256 MB: far beyond any socket buffer */

static void show_nonblock(const char *what, int fd) {
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0) printf("%s: F_GETFL %s\n", what, errname(errno));
  else printf("%s: O_NONBLOCK=%d\n", what, (fl & O_NONBLOCK) != 0);
}

int main(void) {
  static char big[CHUNK];
  char buf[16];
  struct sockaddr_in addr;
  int l = tcp_listener(&addr, 8);

  show_nonblock("listener", l);
  MUST(fcntl(l, F_SETFL, fcntl(l, F_GETFL) | O_NONBLOCK));
  show_nonblock("listener after fcntl", l);
  SHOW("accept, nobody connecting", accept(l, NULL, NULL));

  int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  MUST(c);
  show_nonblock("socket(SOCK_NONBLOCK)", c);
  SHOW("connect", connect(c, (struct sockaddr *)&addr, sizeof addr));
  show_poll("connected, POLLOUT", c, POLLOUT, WAIT_MS);
  show_poll("listener, POLLIN", l, POLLIN, WAIT_MS);
  int s = accept4(l, NULL, NULL, SOCK_NONBLOCK);
  MUST(s);
  show_nonblock("accept4(SOCK_NONBLOCK)", s);
  SHOW("recv, no data", recv(s, buf, sizeof buf, 0));
  SHOW("read, no data", read(s, buf, sizeof buf));

  int c2 = tcp_connect(&addr);
  show_poll("listener, POLLIN", l, POLLIN, WAIT_MS);
  int s2 = accept(l, NULL, NULL);
  MUST(s2);
  show_nonblock("accept() from a non-blocking listener", s2);
  SHOW("recv MSG_DONTWAIT", recv(s2, buf, sizeof buf, MSG_DONTWAIT));
  int on = 1;
  MUST(ioctl(s2, FIONBIO, &on));
  show_nonblock("after FIONBIO 1", s2);
  SHOW("recv", recv(s2, buf, sizeof buf, 0));
  on = 0;
  MUST(ioctl(s2, FIONBIO, &on));
  show_nonblock("after FIONBIO 0", s2);
  MUST(fcntl(s2, F_SETFL, fcntl(s2, F_GETFL) | O_NONBLOCK));
  MUST(fcntl(s2, F_SETFL, fcntl(s2, F_GETFL) & ~O_NONBLOCK));
  show_nonblock("after fcntl on, fcntl off", s2);
  MUST(send(c2, "hi", 2, 0));
  SHOW("blocking recv gets the data", recv(s2, buf, sizeof buf, 0));

  /* Fill c's send path until EAGAIN; the peer (s) reads nothing meanwhile. */
  long long sent = 0;
  int chunks = 0, again = 0;
  for (; chunks < MAX_CHUNKS; chunks++) {
    ssize_t n = send(c, big, sizeof big, 0);
    if (n < 0) {
      again = errno == EAGAIN;
      break;
    }
    sent += n;
  }
  printf("send until full: %s\n", again ? "EAGAIN" : chunks == MAX_CHUNKS ? "never full" : errname(errno));
  show_poll("full, POLLOUT", c, POLLOUT, 0);
  SHOW("send MSG_DONTWAIT", send(c, big, 1, MSG_DONTWAIT));

  long long got = 0;
  while (got < sent) {
    struct pollfd p = {s, POLLIN, 0};
    if (poll(&p, 1, WAIT_MS) <= 0) break;
    ssize_t n = recv(s, big, sizeof big, 0);
    if (n <= 0) break;
    got += n;
  }
  printf("peer read everything: %d\n", got == sent);
  show_poll("drained, POLLOUT", c, POLLOUT, WAIT_MS);
  SHOW("send", send(c, "z", 1, 0));
  show_poll("peer, POLLIN", s, POLLIN, WAIT_MS);
  SHOW("recv", recv(s, buf, sizeof buf, 0));
  SHOW("recv, drained", recv(s, buf, sizeof buf, 0));
  close(c);
  close(s);
  close(c2);
  close(s2);
  close(l);
  return 0;
}
