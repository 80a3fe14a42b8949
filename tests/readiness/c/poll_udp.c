/* poll() on UDP sockets: always writable, readable while a datagram waits,
 * and seeing it never consumes it: FIONREAD gives the next datagram's size
 * and recvfrom still gets every datagram, in order. */
#include <sys/ioctl.h>
#include <sys/select.h>

#include "readiness.h"

int main(void) {
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int r = socket(AF_INET, SOCK_DGRAM, 0);
  MUST(r);
  MUST(bind(r, (struct sockaddr *)&addr, sizeof addr));
  socklen_t len = sizeof addr;
  MUST(getsockname(r, (struct sockaddr *)&addr, &len));
  int w = socket(AF_INET, SOCK_DGRAM, 0);
  MUST(w);

  show_poll("unbound socket, POLLIN|POLLOUT", w, POLLIN | POLLOUT, 0);
  show_poll("bound, nothing sent, POLLIN", r, POLLIN, 0);
  show_poll("bound, POLLOUT", r, POLLOUT, 0);

  MUST(sendto(w, "abc", 3, 0, (struct sockaddr *)&addr, sizeof addr));
  MUST(sendto(w, "defgh", 5, 0, (struct sockaddr *)&addr, sizeof addr));
  show_poll("datagram sent, POLLIN", r, POLLIN, WAIT_MS);
  int n = -1;
  MUST(ioctl(r, FIONREAD, &n));
  printf("FIONREAD (next datagram): %d\n", n);
  show_poll("poll again, POLLIN|POLLOUT", r, POLLIN | POLLOUT, 0);
  show_poll("and again", r, POLLIN, 0);

  char buf[64];
  struct sockaddr_in from;
  len = sizeof from;
  ssize_t got = recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
  printf("recvfrom: %zd '%.*s'\n", got, (int)(got > 0 ? got : 0), buf);
  show_poll("second datagram, POLLIN", r, POLLIN, WAIT_MS);
  MUST(ioctl(r, FIONREAD, &n));
  printf("FIONREAD (next datagram): %d\n", n);
  got = recv(r, buf, sizeof buf, 0);
  printf("recv: %zd '%.*s'\n", got, (int)(got > 0 ? got : 0), buf);
  show_poll("all read, POLLIN", r, POLLIN, 0);
  MUST(ioctl(r, FIONREAD, &n));
  printf("FIONREAD (empty): %d\n", n);
  SHOW("recv MSG_DONTWAIT", recv(r, buf, sizeof buf, MSG_DONTWAIT));

  /* select() sees the same thing (first wait for the datagram: the sandbox's
   * loopback delivers it on the host's event loop, Linux's within sendto). */
  MUST(sendto(w, "x", 1, 0, (struct sockaddr *)&addr, sizeof addr));
  fd_set rd, wr;
  FD_ZERO(&rd);
  FD_SET(r, &rd);
  struct timeval tv = {WAIT_MS / 1000, 0};
  int k = select(r + 1, &rd, NULL, NULL, &tv);
  printf("select, read set: %d read=%d\n", k, FD_ISSET(r, &rd));
  FD_ZERO(&rd);
  FD_ZERO(&wr);
  FD_SET(r, &rd);
  FD_SET(w, &wr);
  tv.tv_sec = 0;
  tv.tv_usec = 0;
  k = select((r > w ? r : w) + 1, &rd, &wr, NULL, &tv);
  printf("select, both sets: %d read=%d write=%d\n", k, FD_ISSET(r, &rd), FD_ISSET(w, &wr));
  SHOW("recv after select", recv(r, buf, sizeof buf, 0));
  close(r);
  close(w);
  return 0;
}
