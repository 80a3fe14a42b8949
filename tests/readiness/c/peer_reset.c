/* A peer that resets the connection (RST): POLLIN|POLLOUT|POLLERR|POLLHUP,
 * recv fails with ECONNRESET once, then EOF; SO_ERROR afterwards is 0.
 * usage: peer_reset PORT   (the test's server resets each connection after
 * reading one line) */
#include "readiness.h"

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons((unsigned short)atoi(argv[1]));
  int s = tcp_connect(&addr);
  MUST(send(s, "reset me\n", 9, 0));
  show_poll("reset by peer, POLLIN", s, POLLIN, WAIT_MS);
  show_poll("reset by peer, POLLIN|POLLOUT", s, POLLIN | POLLOUT, 0);
  char buf[16];
  SHOW("recv", recv(s, buf, sizeof buf, 0));
  show_poll("after the error was reported, POLLIN|POLLOUT", s, POLLIN | POLLOUT, 0);
  SHOW("recv again", recv(s, buf, sizeof buf, 0));
  show_so_error("SO_ERROR", s);
  SHOW("send", send(s, "x", 1, MSG_NOSIGNAL));
  close(s);
  return 0;
}
