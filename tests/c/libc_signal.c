/* signal() and raise() as socket programs use them: signal(SIGPIPE, SIG_IGN)
 * compiles, is harmless and turns writes to a closed peer into EPIPE;
 * handlers run on raise() and kill() of oneself; signal() returns the
 * previous disposition; SIGKILL and bad numbers are refused.
 * Usage: libc_signal DIR (unused). */
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "wasi_check.h"

static volatile sig_atomic_t hits, last;

static void handler(int sig) {
  hits++;
  last = sig;
}

static const char *disposition(void (*h)(int)) {
  return h == SIG_DFL ? "SIG_DFL" : h == SIG_IGN ? "SIG_IGN" : h == SIG_ERR ? "SIG_ERR" : h == handler ? "handler" : "other";
}

int main(int argc, char **argv) {
  start(argc, argv);
  printf("signal(SIGPIPE, SIG_IGN) returned %s\n", disposition(signal(SIGPIPE, SIG_IGN)));
  struct sigaction sa;
  CHECK("sigaction(SIGPIPE) query", sigaction(SIGPIPE, NULL, &sa));
  printf("SIGPIPE is now %s\n", disposition(sa.sa_handler));

  /* Writes to a closed peer fail with EPIPE instead of killing the program
   * (within a few tries: how soon a closed peer is noticed is the socket
   * layer's concern, not this test's). */
  int sv[2];
  MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
  MUST(close(sv[1]));
  int tries = 0, err = 0;
  while (tries++ < 3 && !err) err = write(sv[0], "x", 1) < 0 ? errno : 0;
  printf("write to a closed peer: %s\n", err ? errname(err) : "no error");
  CHECK("send to a closed peer", send(sv[0], "x", 1, 0));
  close(sv[0]);
  CHECK("raise(SIGPIPE) while ignored", raise(SIGPIPE));
  printf("still running\n");

  printf("signal(SIGUSR1, handler) returned %s\n", disposition(signal(SIGUSR1, handler)));
  CHECK("raise(SIGUSR1)", raise(SIGUSR1));
  printf("handler ran %d time(s), for SIGUSR1: %d\n", (int)hits, last == SIGUSR1);
  CHECK("kill(getpid(), SIGUSR1)", kill(getpid(), SIGUSR1));
  printf("handler ran %d time(s)\n", (int)hits);
  printf("signal(SIGUSR1, SIG_IGN) returned %s\n", disposition(signal(SIGUSR1, SIG_IGN)));
  CHECK("raise(SIGUSR1) while ignored", raise(SIGUSR1));
  printf("handler ran %d time(s)\n", (int)hits);

  errno = 0;
  void (*r)(int) = signal(SIGKILL, handler);
  printf("signal(SIGKILL, handler): %s %s\n", disposition(r), errname(errno));
  errno = 0;
  r = signal(0, handler);
  printf("signal(0, handler): %s %s\n", disposition(r), errname(errno));
  errno = 0;
  r = signal(1000, handler);
  printf("signal(1000, handler): %s %s\n", disposition(r), errname(errno));
  CHECK("raise(1000)", raise(1000));
  printf("strsignal(SIGPIPE): %s\n", strsignal(SIGPIPE));
  return 0;
}
