/* Closing a watched descriptor removes it from every epoll set it is in
 * (its last reference is gone): no more events, even when it was ready, and
 * a new descriptor that gets the same number is a new registration.
 * Closing the epoll descriptor releases its set; a new one starts empty. */
#include "epoll_check.h"

int main(void) {
  int a[2], b[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, a));
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, b));
  int ep1 = epoll_create1(0), ep2 = epoll_create1(0);
  MUST(ep1);
  MUST(ep2);
  watch(ep1, EPOLL_CTL_ADD, a[0], EPOLLIN);
  watch(ep2, EPOLL_CTL_ADD, a[0], EPOLLIN | EPOLLET);
  watch(ep1, EPOLL_CTL_ADD, b[0], EPOLLIN);
  MUST(write(a[1], "x", 1));
  MUST(write(b[1], "y", 1));
  show_wait("ep1, both ready", ep1, 4, 0);
  int closed_fd = a[0];
  MUST(close(a[0]));
  show_wait("ep1, a closed", ep1, 4, 0);
  show_wait("ep2, a closed", ep2, 4, 0);
  EP_SHOW("DEL of the closed descriptor", epoll_ctl(ep1, EPOLL_CTL_DEL, closed_fd, NULL));

  /* The number comes back with a new socket: not registered. */
  int c[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, c));
  int reused = c[0] == closed_fd ? c[0] : c[1] == closed_fd ? c[1] : -1;
  printf("the number was reused: %d\n", reused >= 0);
  if (reused >= 0) {
    EP_SHOW("MOD of the reused number", epoll_ctl(ep1, EPOLL_CTL_MOD, reused, &(struct epoll_event){.events = EPOLLIN}));
    watch(ep1, EPOLL_CTL_ADD, reused, EPOLLOUT);
    show_wait("ep1, reused number added", ep1, 4, 0);
    EP_SHOW("DEL of the reused number", epoll_ctl(ep1, EPOLL_CTL_DEL, reused, NULL));
  }

  /* A closed epoll descriptor's set is gone with it. */
  MUST(close(ep1));
  int ep3 = epoll_create1(0);
  MUST(ep3);
  show_wait("a new epoll descriptor starts empty", ep3, 4, 0);
  EP_SHOW("DEL from the new set", epoll_ctl(ep3, EPOLL_CTL_DEL, b[0], NULL));
  watch(ep3, EPOLL_CTL_ADD, b[0], EPOLLIN);
  show_wait("ep3, b added", ep3, 4, 0);

  /* A copy (dup) keeps the open description: the registration stays and
   * still reports under the closed number's data; it is keyed by the closed
   * number (DEL of it is EBADF, of the copy ENOENT) and ends with the copy. */
  int e[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, e));
  int copy = dup(e[0]);
  MUST(copy);
  watch(ep3, EPOLL_CTL_ADD, e[0], EPOLLIN);
  int e0 = e[0];
  MUST(close(e[0]));
  MUST(write(e[1], "q", 1));
  struct epoll_event got[4];
  int n = epoll_wait(ep3, got, 4, 0);
  int via_closed_number = 0;
  for (int i = 0; i < n; i++) via_closed_number |= got[i].data.fd == e0;
  printf("closed, a dup remains, data: n=%d, reported under the closed number: %d\n", n, via_closed_number);
  EP_SHOW("DEL of the closed number", epoll_ctl(ep3, EPOLL_CTL_DEL, e0, NULL));
  EP_SHOW("DEL of the copy", epoll_ctl(ep3, EPOLL_CTL_DEL, copy, NULL));
  MUST(close(copy));
  n = epoll_wait(ep3, got, 4, 0);
  via_closed_number = 0;
  for (int i = 0; i < n; i++) via_closed_number |= got[i].data.fd == e0;
  printf("the copy closed too: reported under the closed number: %d\n", via_closed_number);
  close(e[1]);

  /* Closing while another set waits for it: the wait times out. */
  int d[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, d));
  watch(ep2, EPOLL_CTL_ADD, d[0], EPOLLIN);
  MUST(close(d[0]));
  printf("send to the closed end: %s\n", send(d[1], "z", 1, MSG_NOSIGNAL) < 0 ? ep_errname(errno) : "sent");
  show_wait("ep2, d closed before data", ep2, 4, 100);
  close(d[1]);
  close(ep2);
  close(ep3);
  close(a[1]);
  close(b[0]);
  close(b[1]);
  close(c[0]);
  close(c[1]);
  printf("done\n");
  return 0;
}
