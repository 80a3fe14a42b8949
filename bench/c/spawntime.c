/* Start-up timer: runs a command `runs` times, one after another, with stdout
 * and stderr discarded, and prints each run's wall time (ms) as JSON.
 * Native only (it forks).
 *
 *   spawntime RUNS cmd [args...] */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: spawntime RUNS cmd [args...]\n");
    return 2;
  }
  int runs = atoi(argv[1]);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  printf("{\"scenario\":\"startup\",\"ms\":[");
  int failures = 0;
  for (int i = 0; i < runs; i++) {
    double t0 = now_ms();
    pid_t pid;
    if (posix_spawnp(&pid, argv[2], &fa, NULL, argv + 2, environ) != 0) {
      perror("spawntime: posix_spawnp");
      return 1;
    }
    int status;
    if (waitpid(pid, &status, 0) < 0) {
      perror("spawntime: waitpid");
      return 1;
    }
    double t = now_ms() - t0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) failures++;
    printf("%s%.3f", i ? "," : "", t);
  }
  printf("],\"failures\":%d}\n", failures);
  return 0;
}
