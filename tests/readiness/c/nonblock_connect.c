/* Non-blocking connect(): EINPROGRESS, then POLLOUT and SO_ERROR 0 when it
 * succeeds, or POLLIN|POLLOUT|POLLERR|POLLHUP and SO_ERROR ECONNREFUSED
 * when nobody listens; what connect() says when called again; recv/send on
 * a socket whose connect failed; select() on both outcomes. */
#include <fcntl.h>
#include <sys/select.h>

#include "readiness.h"

static int nb_socket(void) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  MUST(fd);
  return fd;
}

static void try_connect(const char *what, int fd, const struct sockaddr_in *a) {
  SHOW(what, connect(fd, (const struct sockaddr *)a, sizeof *a));
}

int main(void) {
  struct sockaddr_in addr;
  int l = tcp_listener(&addr, 8);
  struct sockaddr_in nobody = closed_port();
  char buf[8];

  int c = nb_socket();
  try_connect("connect to a listener", c, &addr);
  show_poll("POLLOUT", c, POLLOUT, WAIT_MS);
  show_so_error("SO_ERROR", c);
  try_connect("connect again", c, &addr);
  try_connect("and again", c, &addr);
  struct sockaddr_in peer;
  socklen_t len = sizeof peer;
  SHOW("getpeername", getpeername(c, (struct sockaddr *)&peer, &len));
  printf("peer is the listener: %d\n", peer.sin_port == addr.sin_port);
  close(c);

  c = nb_socket();
  try_connect("connect to a closed port", c, &nobody);
  show_poll("POLLOUT", c, POLLOUT, WAIT_MS);
  show_poll("POLLIN", c, POLLIN, 0);
  show_poll("POLLIN|POLLOUT", c, POLLIN | POLLOUT, 0);
  show_poll("events 0", c, 0, 0);
  show_so_error("SO_ERROR", c);
  show_so_error("SO_ERROR again", c);
  show_poll("POLLIN|POLLOUT after SO_ERROR", c, POLLIN | POLLOUT, 0);
  SHOW("recv", recv(c, buf, sizeof buf, 0));
  SHOW("send", send(c, "x", 1, MSG_NOSIGNAL));
  close(c);

  /* The error not yet taken: recv reports it once, then EOF. */
  c = nb_socket();
  try_connect("connect to a closed port", c, &nobody);
  show_poll("POLLOUT", c, POLLOUT, WAIT_MS);
  SHOW("recv", recv(c, buf, sizeof buf, 0));
  SHOW("recv again", recv(c, buf, sizeof buf, 0));
  show_so_error("SO_ERROR", c);
  close(c);

  /* connect() again reports the failure, then starts over. */
  c = nb_socket();
  try_connect("connect to a closed port", c, &nobody);
  show_poll("POLLOUT", c, POLLOUT, WAIT_MS);
  try_connect("connect again", c, &nobody);
  show_so_error("SO_ERROR", c);
  try_connect("and again (a new attempt)", c, &nobody);
  show_poll("POLLOUT", c, POLLOUT, WAIT_MS);
  show_so_error("SO_ERROR", c);
  try_connect("connect after SO_ERROR took the error", c, &nobody);
  try_connect("and again, to the listener", c, &addr);
  show_poll("POLLOUT", c, POLLOUT, WAIT_MS);
  show_so_error("SO_ERROR", c);
  try_connect("connect again", c, &addr);
  close(c);

  /* select(): the refused socket is readable and writable. */
  c = nb_socket();
  try_connect("connect to a closed port", c, &nobody);
  fd_set rd, wr;
  FD_ZERO(&rd);
  FD_ZERO(&wr);
  FD_SET(c, &rd);
  FD_SET(c, &wr);
  struct timeval tv = {WAIT_MS / 1000, 0};
  int n = select(c + 1, &rd, &wr, NULL, &tv);
  printf("select: %d read=%d write=%d\n", n, FD_ISSET(c, &rd), FD_ISSET(c, &wr));
  show_so_error("SO_ERROR", c);
  close(c);

  /* A blocking connect that is refused, then what poll says. */
  c = socket(AF_INET, SOCK_STREAM, 0);
  MUST(c);
  try_connect("blocking connect to a closed port", c, &nobody);
  show_poll("POLLIN|POLLOUT", c, POLLIN | POLLOUT, 0);
  show_so_error("SO_ERROR", c);
  /* ... and one made non-blocking afterwards with fcntl. */
  MUST(fcntl(c, F_SETFL, fcntl(c, F_GETFL) | O_NONBLOCK));
  try_connect("fcntl O_NONBLOCK, connect to the listener", c, &addr);
  show_poll("POLLOUT", c, POLLOUT, WAIT_MS);
  show_so_error("SO_ERROR", c);
  close(c);
  close(l);
  return 0;
}
