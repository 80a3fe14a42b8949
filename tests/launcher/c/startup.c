/* What a start-up path must get right: stdout, argv, whether stdin is a
 * terminal, and the CPU-time clock (read by the host, not computed in wasm). */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static long long cpu_ns(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) return -1;
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv) {
  long long t0 = cpu_ns();
  volatile unsigned long x = 0;
  for (unsigned long i = 0; i < 200000000UL; i++) {
    x += i;
    if ((i & 0xfffff) == 0 && cpu_ns() - t0 >= 20000000LL) break; /* 20 ms of CPU */
  }
  long long t1 = cpu_ns();
  printf("hello %s\n", argc > 1 ? argv[1] : "-");
  printf("stdin is a terminal: %d\n", isatty(0));
  printf("cpu clock: %s\n", t0 > 0 && t1 - t0 >= 20000000LL ? "advances" : "broken");
  return 0;
}
