/* The errnos of epoll_create, epoll_ctl and epoll_wait, in the order Linux
 * checks them: EINVAL for sizes, flags, operations and non-epoll
 * descriptors, EBADF, EFAULT for a missing event, EPERM for a regular
 * file, EEXIST/ENOENT, ELOOP for sets that would watch each other, the
 * EPOLLEXCLUSIVE rules; read and write on an epoll descriptor.
 * Usage: epoll_errors DIR (a writable directory, for a regular file). */
#include "epoll_check.h"

#define BAD_FD 999

static struct epoll_event ev_in(void) {
  struct epoll_event ev;
  memset(&ev, 0, sizeof ev);
  ev.events = EPOLLIN;
  return ev;
}

static void creating(void) {
  EP_SHOW("epoll_create(0)", epoll_create(0));
  EP_SHOW("epoll_create(-1)", epoll_create(-1));
  EP_SHOW("epoll_create1(1)", epoll_create1(1));
  EP_SHOW("epoll_create1(O_NONBLOCK)", epoll_create1(O_NONBLOCK));
  int a = epoll_create1(EPOLL_CLOEXEC), b = epoll_create(100);
  printf("epoll_create1(EPOLL_CLOEXEC), epoll_create(100): %s\n", a >= 0 && b >= 0 ? "ok" : ep_errname(errno));
  close(a);
  close(b);
}

static void controlling(const char *dir) {
  int ep = epoll_create1(0), ep2 = epoll_create1(0), ep3 = epoll_create1(0);
  MUST(ep);
  MUST(ep2);
  MUST(ep3);
  int sp[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  struct epoll_event ev = ev_in();
  EP_SHOW("ctl: NULL event, bad descriptors", epoll_ctl(BAD_FD, EPOLL_CTL_ADD, BAD_FD, NULL));
  EP_SHOW("ctl: bad epfd", epoll_ctl(BAD_FD, EPOLL_CTL_ADD, sp[0], &ev));
  EP_SHOW("ctl: bad fd", epoll_ctl(ep, EPOLL_CTL_ADD, BAD_FD, &ev));
  EP_SHOW("ctl: negative fd", epoll_ctl(ep, EPOLL_CTL_ADD, -1, &ev));
  EP_SHOW("ctl: epfd not an epoll descriptor", epoll_ctl(sp[1], EPOLL_CTL_ADD, sp[0], &ev));
  EP_SHOW("ctl: epfd watching itself", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev));
  EP_SHOW("ctl: unknown operation", epoll_ctl(ep, 99, sp[0], &ev));
  EP_SHOW("ctl: unknown operation, bad fd", epoll_ctl(ep, 99, BAD_FD, &ev));
  EP_SHOW("ctl: ADD with a NULL event", epoll_ctl(ep, EPOLL_CTL_ADD, sp[0], NULL));
  EP_SHOW("ctl: MOD not added", epoll_ctl(ep, EPOLL_CTL_MOD, sp[0], &ev));
  EP_SHOW("ctl: DEL not added", epoll_ctl(ep, EPOLL_CTL_DEL, sp[0], NULL));
  EP_SHOW("ctl: ADD", epoll_ctl(ep, EPOLL_CTL_ADD, sp[0], &ev));
  EP_SHOW("ctl: ADD again", epoll_ctl(ep, EPOLL_CTL_ADD, sp[0], &ev));
  EP_SHOW("ctl: MOD", epoll_ctl(ep, EPOLL_CTL_MOD, sp[0], &ev));
  EP_SHOW("ctl: DEL with an event", epoll_ctl(ep, EPOLL_CTL_DEL, sp[0], &ev));
  EP_SHOW("ctl: DEL again", epoll_ctl(ep, EPOLL_CTL_DEL, sp[0], NULL));
  EP_SHOW("ctl: unknown event bits", epoll_ctl(ep, EPOLL_CTL_ADD, sp[0], &(struct epoll_event){.events = 0x0ff00000}));
  EP_SHOW("ctl: DEL", epoll_ctl(ep, EPOLL_CTL_DEL, sp[0], NULL));

  ev.events = EPOLLIN | EPOLLEXCLUSIVE;
  EP_SHOW("EXCLUSIVE: MOD not added", epoll_ctl(ep, EPOLL_CTL_MOD, sp[0], &ev));
  ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
  EP_SHOW("EXCLUSIVE with ONESHOT", epoll_ctl(ep, EPOLL_CTL_ADD, sp[0], &ev));
  ev.events = EPOLLIN | EPOLLRDHUP | EPOLLEXCLUSIVE;
  EP_SHOW("EXCLUSIVE with RDHUP", epoll_ctl(ep, EPOLL_CTL_ADD, sp[0], &ev));
  ev.events = EPOLLIN | EPOLLEXCLUSIVE;
  EP_SHOW("EXCLUSIVE of an epoll descriptor", epoll_ctl(ep, EPOLL_CTL_ADD, ep2, &ev));
  ev.events = EPOLLIN | EPOLLOUT | EPOLLET | EPOLLEXCLUSIVE;
  EP_SHOW("EXCLUSIVE with IN|OUT|ET", epoll_ctl(ep, EPOLL_CTL_ADD, sp[0], &ev));
  ev.events = EPOLLIN;
  EP_SHOW("MOD of an EXCLUSIVE interest", epoll_ctl(ep, EPOLL_CTL_MOD, sp[0], &ev));
  EP_SHOW("DEL of an EXCLUSIVE interest", epoll_ctl(ep, EPOLL_CTL_DEL, sp[0], NULL));

  EP_SHOW("nesting: ep watches ep2", epoll_ctl(ep, EPOLL_CTL_ADD, ep2, &ev));
  EP_SHOW("nesting: ep2 watches ep3", epoll_ctl(ep2, EPOLL_CTL_ADD, ep3, &ev));
  EP_SHOW("nesting: ep3 watches ep (a loop)", epoll_ctl(ep3, EPOLL_CTL_ADD, ep, &ev));
  EP_SHOW("nesting: ep2 watches ep (a loop)", epoll_ctl(ep2, EPOLL_CTL_ADD, ep, &ev));

  char path[512];
  snprintf(path, sizeof path, "%s/epoll_errors.txt", dir);
  int file = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
  MUST(file);
  EP_SHOW("ctl: a regular file", epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev));
  EP_SHOW("ctl: a regular file as epfd", epoll_ctl(file, EPOLL_CTL_ADD, file, &ev));
  close(file);
  unlink(path);
  int d = open(dir, O_RDONLY | O_DIRECTORY);
  MUST(d);
  EP_SHOW("ctl: a directory", epoll_ctl(ep, EPOLL_CTL_ADD, d, &ev));
  close(d);
  close(ep);
  close(ep2);
  close(ep3);
  close(sp[0]);
  close(sp[1]);
}

static void waiting(void) {
  int ep = epoll_create1(0);
  MUST(ep);
  int sp[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
  struct epoll_event evs[2];
  /* volatile: gcc would warn about arguments it can see are wrong */
  volatile int zero = 0, minus_one = -1;
  struct epoll_event *volatile none = NULL;
  EP_SHOW("wait: maxevents 0", epoll_wait(ep, evs, zero, 0));
  EP_SHOW("wait: maxevents -1", epoll_wait(ep, evs, minus_one, 0));
  EP_SHOW("wait: maxevents 0, bad epfd", epoll_wait(BAD_FD, evs, zero, 0));
  EP_SHOW("wait: maxevents 0, not an epoll descriptor", epoll_wait(sp[0], evs, zero, 0));
  EP_SHOW("wait: NULL events, nothing ready", epoll_wait(ep, none, 2, 0));
  EP_SHOW("wait: NULL events, bad epfd", epoll_wait(BAD_FD, none, 2, 0));
  EP_SHOW("wait: bad epfd", epoll_wait(BAD_FD, evs, 2, 0));
  EP_SHOW("wait: not an epoll descriptor", epoll_wait(sp[0], evs, 2, 0));
  EP_SHOW("wait: ok", epoll_wait(ep, evs, 2, 0));
  watch(ep, EPOLL_CTL_ADD, sp[0], EPOLLOUT);
  EP_SHOW("wait: NULL events, one ready", epoll_wait(ep, none, 2, 0));
  EP_SHOW("wait: still ready", epoll_wait(ep, evs, 2, 0));
  char c = 'x';
  EP_SHOW("read of an epoll descriptor", read(ep, &c, 1));
  EP_SHOW("write of an epoll descriptor", write(ep, &c, 1));
  close(ep);
  EP_SHOW("wait: closed epfd", epoll_wait(ep, evs, 2, 0));
  close(sp[0]);
  close(sp[1]);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: epoll_errors DIR\n");
    return 2;
  }
  creating();
  controlling(argv[1]);
  waiting();
  printf("done\n");
  return 0;
}
