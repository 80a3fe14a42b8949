/* poll() and select() over a mix: stdin (a pipe the test writes to, then
 * closes), a regular file, stdout, a listening socket and a connection,
 * with infinite timeouts. The test reacts to the "waiting for ..." lines.
 * usage: poll_mix FILE   (FILE: an existing regular file, opened read-write)
 * The listener's port goes to stderr ("port P"): it differs between runs. */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/select.h>

#include "readiness.h"

static void step(const char *what) {
  printf("waiting for %s\n", what);
  fflush(stdout);
}

static void show_set(const char *what, struct pollfd *p, int n, int r) {
  printf("%s: n=%d", what, r);
  for (int i = 0; i < n; i++) printf(" [%s]", evname(p[i].revents));
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  int file = open(argv[1], O_RDWR);
  MUST(file);
  struct sockaddr_in addr;
  int l = tcp_listener(&addr, 8);
  fprintf(stderr, "port %d\n", ntohs(addr.sin_port));
  char buf[64];

  struct pollfd all[4] = {{0, POLLIN, 0}, {file, POLLIN | POLLOUT, 0}, {1, POLLOUT, 0}, {l, POLLIN, 0}};
  int r = poll(all, 4, 0);
  show_set("stdin, file, stdout, listener", all, 4, r);
  int fl = fcntl(0, F_GETFL);
  MUST(fcntl(0, F_SETFL, fl | O_NONBLOCK));
  SHOW("non-blocking read of an empty stdin", read(0, buf, sizeof buf));
  MUST(fcntl(0, F_SETFL, fl));

  step("stdin");
  struct pollfd two[2] = {{0, POLLIN, 0}, {l, POLLIN, 0}};
  r = poll(two, 2, -1);
  show_set("stdin, listener", two, 2, r);
  int n = -1;
  MUST(ioctl(0, FIONREAD, &n));
  printf("FIONREAD on stdin: %d\n", n);
  ssize_t got = read(0, buf, sizeof buf);
  printf("read from stdin: %zd '%.*s'\n", got, (int)(got > 0 ? got - 1 : 0), buf);

  step("a connection");
  r = poll(two, 2, -1);
  show_set("stdin, listener", two, 2, r);
  int conn = accept(l, NULL, NULL);
  MUST(conn);
  struct pollfd three[3] = {{0, POLLIN, 0}, {l, POLLIN, 0}, {conn, POLLIN, 0}};
  r = poll(three, 3, -1);
  show_set("stdin, listener, connection", three, 3, r);
  SHOW("recv", recv(conn, buf, sizeof buf, 0));

  step("stdin to close");
  struct pollfd eof[2] = {{0, POLLIN, 0}, {conn, POLLIN, 0}};
  r = poll(eof, 2, -1);
  show_set("stdin, connection", eof, 2, r);
  SHOW("read from stdin", read(0, buf, sizeof buf));

  step("the peer to close");
  struct pollfd peer = {conn, POLLIN, 0};
  r = poll(&peer, 1, -1);
  show_set("connection", &peer, 1, r);
  SHOW("recv", recv(conn, buf, sizeof buf, 0));

  fd_set rd, wr;
  FD_ZERO(&rd);
  FD_ZERO(&wr);
  int fds[] = {0, 1, file, l, conn};
  for (int i = 0; i < 5; i++) {
    FD_SET(fds[i], &rd);
    FD_SET(fds[i], &wr);
  }
  int max = conn > l ? conn : l;
  max = file > max ? file : max;
  struct timeval tv = {0, 0};
  r = select(max + 1, &rd, &wr, NULL, &tv);
  printf("select: %d readable:", r);
  const char *names[] = {"stdin", "stdout", "file", "listener", "connection"};
  for (int i = 0; i < 5; i++)
    if (FD_ISSET(fds[i], &rd)) printf(" %s", names[i]);
  printf(" writable:");
  for (int i = 0; i < 5; i++)
    if (FD_ISSET(fds[i], &wr)) printf(" %s", names[i]);
  printf("\n");
  close(conn);
  close(l);
  close(file);
  return 0;
}
