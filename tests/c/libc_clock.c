/* clock(), times() and getrusage() count CPU time, as gcc users expect:
 * they advance while the program computes, not while it sleeps, and agree
 * with CLOCK_PROCESS_CPUTIME_ID; times() also returns elapsed real time.
 * Only relations are printed. Usage: libc_clock DIR (unused). */
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "wasi_check.h"

#define MS 1000000LL /* ns */

static long long ns(struct timespec t) {
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long clock_ns(void) {
  return (long long)clock() * (1000000000LL / CLOCKS_PER_SEC);
}

static long long cpu_clock_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return ns(t);
}

static long long tv_ns(struct timeval t) {
  return (long long)t.tv_sec * 1000000000LL + t.tv_usec * 1000LL;
}

/* Computes until clock() has advanced `want` ns, for at most 5 s. */
static void compute(long long want) {
  struct timespec w0, w1;
  clock_gettime(CLOCK_MONOTONIC, &w0);
  long long c0 = clock_ns();
  volatile unsigned long spin = 0;
  do {
    for (int i = 0; i < 100000; i++) spin += i;
    clock_gettime(CLOCK_MONOTONIC, &w1);
  } while (clock_ns() - c0 < want && ns(w1) - ns(w0) < 5000 * MS);
  (void)spin;
}

int main(int argc, char **argv) {
  start(argc, argv);
  printf("clock() at start is under 500 ms: %d\n", clock_ns() < 500 * MS);

  long long c0 = clock_ns(), p0 = cpu_clock_ns();
  compute(100 * MS);
  long long c1 = clock_ns(), p1 = cpu_clock_ns();
  printf("clock() advanced 100 ms while computing: %d\n", c1 - c0 >= 100 * MS);
  printf("clock() agrees with CLOCK_PROCESS_CPUTIME_ID (within 25%%): %d\n",
         (c1 - c0) * 4 >= (p1 - p0) * 3 && (c1 - c0) * 4 <= (p1 - p0) * 5);
  c0 = clock_ns();
  usleep(300000);
  printf("clock() advanced less than 100 ms over a 300 ms sleep: %d\n", clock_ns() - c0 < 100 * MS);

  long hz = sysconf(_SC_CLK_TCK);
  printf("sysconf(_SC_CLK_TCK) > 0: %d\n", hz > 0);
  struct tms t0, t1;
  clock_t r0 = times(&t0);
  printf("times: %s\n", r0 == (clock_t)-1 ? errname(errno) : "ok");
  compute(100 * MS);
  usleep(300000);
  clock_t r1 = times(&t1);
  long long tick = 1000000000LL / hz;
  long long real = (long long)(r1 - r0) * tick, cpu = (long long)(t1.tms_utime + t1.tms_stime - t0.tms_utime - t0.tms_stime) * tick;
  printf("times() elapsed real time is 400 ms or more and under 5 s: %d\n", real >= 390 * MS && real < 5000 * MS);
  printf("times() user+system advanced 100 ms (one tick slack): %d, and less than the real time: %d\n",
         cpu >= 100 * MS - tick, cpu <= real + tick);
  printf("times() children: %lld %lld\n", (long long)t1.tms_cutime, (long long)t1.tms_cstime);

  struct rusage u0, u1;
  CHECK("getrusage RUSAGE_SELF", getrusage(RUSAGE_SELF, &u0));
  compute(100 * MS);
  getrusage(RUSAGE_SELF, &u1);
  long long used = tv_ns(u1.ru_utime) + tv_ns(u1.ru_stime) - tv_ns(u0.ru_utime) - tv_ns(u0.ru_stime);
  printf("getrusage user+system advanced 100 ms: %d\n", used >= 100 * MS);
  printf("getrusage microseconds in range: %d\n", u1.ru_utime.tv_usec >= 0 && u1.ru_utime.tv_usec < 1000000 &&
                                                      u1.ru_stime.tv_usec >= 0 && u1.ru_stime.tv_usec < 1000000);
  printf("getrusage ru_maxrss > 0: %d\n", u1.ru_maxrss > 0);
  CHECK("getrusage RUSAGE_CHILDREN", getrusage(RUSAGE_CHILDREN, &u1));
  printf("children's times: %lld %lld\n", tv_ns(u1.ru_utime), tv_ns(u1.ru_stime));
  CHECK("getrusage 12345", getrusage(12345, &u1));
  return 0;
}
