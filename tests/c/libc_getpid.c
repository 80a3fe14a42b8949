/* getpid() and friends without any -D: a positive pid, stable, distinct
 * from the parent's, one that kill(pid, 0) finds; a process group and
 * session that exist. Linux answers 0 for a group or session whose leader is
 * outside the caller's pid namespace (a container's CI runner), so only
 * "not -1" is compared with the native build.
 * Usage: libc_getpid DIR (unused). */
#include <signal.h>
#include <unistd.h>

#include "wasi_check.h"

int main(int argc, char **argv) {
  start(argc, argv);
  pid_t pid = getpid(), ppid = getppid();
  printf("getpid() > 0: %d, stable: %d\n", pid > 0, getpid() == pid);
  printf("getppid() >= 0: %d, differs from getpid(): %d\n", ppid >= 0, ppid != pid);
  CHECK("kill(getpid(), 0)", kill(pid, 0));
  pid_t pgrp = getpgrp(), sid = getsid(0);
  printf("getpgrp() >= 0: %d, getsid(0) >= 0: %d\n", pgrp >= 0, sid >= 0);
  printf("getpgid(0) == getpgrp(): %d, getsid(getpid()) == getsid(0): %d\n",
         getpgid(0) == pgrp, getsid(pid) == sid);
  return 0;
}
