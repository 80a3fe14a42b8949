/* poll() on socketpair(2) ends: stream and datagram, data, half-close, and
 * the peer's close (a unix stream reports POLLHUP; a datagram end stays
 * writable and its send fails with ECONNREFUSED). */
#include <sys/ioctl.h>

#include "readiness.h"

int main(void) {
  int sp[2];
  char buf[16];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  show_poll("stream pair, idle, POLLIN|POLLOUT", sp[0], POLLIN | POLLOUT, 0);
  MUST(write(sp[1], "ping", 4));
  show_poll("stream pair, data, POLLIN|POLLOUT", sp[0], POLLIN | POLLOUT, WAIT_MS);
  int n = -1;
  MUST(ioctl(sp[0], FIONREAD, &n));
  printf("FIONREAD: %d\n", n);
  SHOW("read", read(sp[0], buf, sizeof buf));
  MUST(shutdown(sp[1], SHUT_WR));
  show_poll("peer SHUT_WR, POLLIN|POLLOUT", sp[0], POLLIN | POLLOUT, WAIT_MS);
  show_poll("own SHUT_WR, POLLIN|POLLOUT", sp[1], POLLIN | POLLOUT, 0);
  SHOW("read at EOF", read(sp[0], buf, sizeof buf));
  close(sp[1]);
  show_poll("peer closed, POLLIN|POLLOUT", sp[0], POLLIN | POLLOUT, WAIT_MS);
  show_poll("peer closed, events 0", sp[0], 0, 0);
  close(sp[0]);

  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  MUST(write(sp[1], "bye", 3));
  close(sp[1]);
  show_poll("data then close, POLLIN", sp[0], POLLIN, WAIT_MS);
  SHOW("read", read(sp[0], buf, sizeof buf));
  SHOW("read at EOF", read(sp[0], buf, sizeof buf));
  close(sp[0]);

  MUST(socketpair(AF_UNIX, SOCK_DGRAM, 0, sp));
  show_poll("datagram pair, idle, POLLIN|POLLOUT", sp[0], POLLIN | POLLOUT, 0);
  MUST(send(sp[1], "d1", 2, 0));
  show_poll("datagram pair, data", sp[0], POLLIN | POLLOUT, WAIT_MS);
  MUST(ioctl(sp[0], FIONREAD, &n));
  printf("FIONREAD: %d\n", n);
  SHOW("recv", recv(sp[0], buf, sizeof buf, 0));
  close(sp[1]);
  show_poll("datagram peer closed, POLLIN|POLLOUT", sp[0], POLLIN | POLLOUT, 0);
  SHOW("send to closed peer", send(sp[0], "x", 1, 0));
  close(sp[0]);
  return 0;
}
