/* epoll_wait in threads: a thread blocked in epoll_wait(-1) lets the others
 * run and wakes when another thread makes its descriptor ready; a thread
 * that polls with timeout 0 in a loop lets the thread it waits for run
 * (as poll() and usleep() do; see runtime/threads/syscalls.ts). */
#include <pthread.h>

#include "epoll_check.h"

static int ep, sp[2];
static volatile int flag;

static void *blocked_waiter(void *arg) {
  (void)arg;
  struct epoll_event ev;
  int n = epoll_wait(ep, &ev, 1, -1);
  printf("waiter: woke with n=%d %s data.fd is sp[0]=%d\n", n, epname(ev.events), ev.data.fd == sp[0]);
  fflush(stdout);
  return NULL;
}

static void *set_flag(void *arg) {
  (void)arg;
  flag = 1;
  return NULL;
}

int main(void) {
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, sp[0], EPOLLIN);
  pthread_t t;
  if (pthread_create(&t, NULL, blocked_waiter, NULL) != 0) return 1;
  settle(100);
  printf("main: the waiter is still waiting\n");
  fflush(stdout);
  MUST(write(sp[1], "x", 1));
  pthread_join(t, NULL);
  char c;
  MUST(read(sp[0], &c, 1));

  /* Another thread sets a flag while this one polls with timeout 0 in a loop. */
  if (pthread_create(&t, NULL, set_flag, NULL) != 0) return 1;
  struct epoll_event ev;
  long spins = 0;
  while (!flag && spins < 100000000L) {
    epoll_wait(ep, &ev, 1, 0);
    spins++;
  }
  int seen = flag;
  pthread_join(t, NULL);
  printf("main: an epoll_wait(0) loop saw the other thread's flag: %s\n", seen ? "yes" : "no");
  close(ep);
  close(sp[0]);
  close(sp[1]);
  printf("done\n");
  return 0;
}
