/* EPOLLERR and EPOLLHUP are reported whether asked for or not: a refused
 * non-blocking connect is ERR|HUP (with IN, OUT and RDHUP when asked for)
 * until SO_ERROR takes the error; a socket that never connected is
 * OUT|HUP; a connect that succeeds is OUT. */
#include "epoll_check.h"

static int connecting(const struct sockaddr_in *to) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  MUST(fd);
  int r = connect(fd, (const struct sockaddr *)to, sizeof *to);
  printf("connect: %s\n", r == 0 ? "0" : ep_errname(errno));
  return fd;
}

static void refused(uint32_t events, const char *what) {
  struct sockaddr_in closed = closed_port();
  int fd = connecting(&closed);
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, fd, events);
  char label[96];
  snprintf(label, sizeof label, "refused, asking for %s", what);
  show_wait(label, ep, 4, WAIT_MS);
  snprintf(label, sizeof label, "refused, asking for %s, again", what);
  show_wait(label, ep, 4, 0);
  show_so_error("SO_ERROR", fd);
  snprintf(label, sizeof label, "refused, asking for %s, error taken", what);
  show_wait(label, ep, 4, 0);
  close(ep);
  close(fd);
}

int main(void) {
  refused(EPOLLOUT, "OUT");
  refused(0, "nothing");
  refused(EPOLLIN | EPOLLOUT | EPOLLRDHUP, "IN|OUT|RDHUP");
  refused(EPOLLIN | EPOLLET, "IN, edge-triggered");

  int fresh = socket(AF_INET, SOCK_STREAM, 0);
  MUST(fresh);
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, fresh, EPOLLIN | EPOLLOUT | EPOLLRDHUP);
  show_wait("never connected", ep, 4, 0);
  watch(ep, EPOLL_CTL_MOD, fresh, EPOLLIN);
  show_wait("never connected, asking for IN", ep, 4, 0);
  close(fresh);

  struct sockaddr_in addr;
  int l = tcp_listener(&addr, 4);
  int fd = connecting(&addr);
  watch(ep, EPOLL_CTL_ADD, fd, EPOLLOUT | EPOLLET);
  show_wait("connect to a listener", ep, 4, WAIT_MS);
  show_so_error("SO_ERROR", fd);
  close(fd);
  close(l);
  close(ep);
  printf("done\n");
  return 0;
}
