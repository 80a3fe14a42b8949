/* fork() and epoll: the child shares the parent's epoll set (one open
 * description), so it sees the same events and what it adds the parent
 * sees too; the child closing its copy of a watched socket does not remove
 * it (the parent's copy keeps it open). */
#include <sys/wait.h>

#include "epoll_check.h"

int main(void) {
  int a[2], b[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, a));
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, b));
  int ep = epoll_create1(0);
  MUST(ep);
  watch(ep, EPOLL_CTL_ADD, a[0], EPOLLIN);
  fflush(stdout);
  pid_t pid = fork();
  MUST(pid);
  if (pid == 0) {
    MUST(write(a[1], "x", 1));
    show_wait("child: after writing", ep, 4, WAIT_MS);
    watch(ep, EPOLL_CTL_ADD, b[0], EPOLLOUT);
    show_wait("child: b added", ep, 4, 0);
    MUST(close(a[0]));
    show_wait("child: its copy of a closed", ep, 4, 0);
    fflush(stdout);
    _exit(0);
  }
  int status = 0;
  MUST(waitpid(pid, &status, 0));
  printf("parent: child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  show_wait("parent: the shared set", ep, 4, 0);
  char c;
  MUST(read(a[0], &c, 1));
  EP_SHOW("parent: DEL b, added by the child", epoll_ctl(ep, EPOLL_CTL_DEL, b[0], NULL));
  show_wait("parent: a read, b removed", ep, 4, 0);
  close(ep);
  close(a[0]);
  close(a[1]);
  close(b[0]);
  close(b[1]);
  printf("done\n");
  return 0;
}
