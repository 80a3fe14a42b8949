/* poll() on TCP sockets: a listener with and without a pending connection,
 * an unconnected socket, data (seen without being consumed), EOF after the
 * peer's close, POLLHUP once both directions are shut, POLLNVAL, negative
 * descriptors and entries that ask for nothing. */
#include <sys/ioctl.h>

#include "readiness.h"

int main(void) {
  struct sockaddr_in addr;
  int l = tcp_listener(&addr, 8);

  show_poll("listener, nobody connecting, POLLIN", l, POLLIN, 0);
  int fresh = socket(AF_INET, SOCK_STREAM, 0);
  MUST(fresh);
  show_poll("unconnected socket, POLLIN", fresh, POLLIN, 0);
  show_poll("unconnected socket, POLLOUT", fresh, POLLOUT, 0);
  show_poll("unconnected socket, POLLIN|POLLOUT", fresh, POLLIN | POLLOUT, 0);
  show_poll("unconnected socket, events 0", fresh, 0, 0);
  close(fresh);

  int c = tcp_connect(&addr);
  show_poll("listener, connection pending, POLLIN", l, POLLIN, WAIT_MS);
  show_poll("listener, connection pending, POLLOUT", l, POLLOUT, 0);
  show_poll("listener, still pending (poll took nothing)", l, POLLIN | POLLOUT, 0);
  int s = accept(l, NULL, NULL);
  MUST(s);
  show_poll("listener after accept", l, POLLIN, 0);

  show_poll("accepted, no data, POLLIN", s, POLLIN, 0);
  show_poll("accepted, POLLOUT", s, POLLOUT, WAIT_MS);
  show_poll("client, POLLIN|POLLOUT", c, POLLIN | POLLOUT, WAIT_MS);

  MUST(send(c, "hello", 5, 0));
  show_poll("accepted, data sent, POLLIN", s, POLLIN, WAIT_MS);
  int n = -1;
  MUST(ioctl(s, FIONREAD, &n));
  printf("FIONREAD: %d\n", n);
  show_poll("poll again: the data is still there", s, POLLIN | POLLOUT, 0);
  char buf[64];
  SHOW("recv", recv(s, buf, sizeof buf, 0));
  show_poll("after recv, POLLIN", s, POLLIN, 0);

  MUST(send(c, "more", 4, 0));
  show_poll("second message, POLLIN", s, POLLIN, WAIT_MS);
  close(c);
  /* The data is readable before the EOF; wait for the EOF itself. */
  SHOW("recv data before EOF", recv(s, buf, sizeof buf, 0));
  show_poll("peer closed, POLLIN", s, POLLIN, WAIT_MS);
  show_poll("peer closed, POLLIN|POLLOUT", s, POLLIN | POLLOUT, 0);
  show_poll("peer closed, events 0", s, 0, 0);
  SHOW("recv at EOF", recv(s, buf, sizeof buf, 0));
  MUST(ioctl(s, FIONREAD, &n));
  printf("FIONREAD at EOF: %d\n", n);
  MUST(shutdown(s, SHUT_WR));
  show_poll("peer closed and SHUT_WR, POLLIN|POLLOUT", s, POLLIN | POLLOUT, 0);
  show_poll("peer closed and SHUT_WR, events 0", s, 0, 0);
  close(s);
  show_poll("closed descriptor", s, POLLIN, 0);

  /* Half-closes: our SHUT_WR alone is POLLOUT, the peer's is POLLIN. */
  c = tcp_connect(&addr);
  show_poll("second connection pending", l, POLLIN, WAIT_MS);
  s = accept(l, NULL, NULL);
  MUST(s);
  MUST(shutdown(c, SHUT_WR));
  show_poll("after own SHUT_WR, POLLIN|POLLOUT", c, POLLIN | POLLOUT, 0);
  show_poll("peer sent FIN, POLLIN", s, POLLIN, WAIT_MS);
  show_poll("peer sent FIN, POLLIN|POLLOUT", s, POLLIN | POLLOUT, 0);
  MUST(shutdown(s, SHUT_RD));
  show_poll("after SHUT_RD too, POLLIN|POLLOUT", s, POLLIN | POLLOUT, 0);

  /* Several entries at once: negative descriptors are skipped, a closed one is POLLNVAL. */
  struct pollfd set[4] = {{l, POLLIN, 0}, {-1, POLLIN, 0}, {s, POLLIN | POLLOUT, 0}, {c, POLLIN, 0}};
  close(c);
  n = poll(set, 4, 0);
  printf("set: n=%d [%s] [%s] [%s] [%s]\n", n, evname(set[0].revents), evname(set[1].revents),
         evname(set[2].revents), evname(set[3].revents));
  close(s);
  close(l);
  return 0;
}
