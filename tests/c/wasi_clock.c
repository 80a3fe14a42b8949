/* Clocks: resolutions, monotonic never going back, the wall clock agreeing
 * with time() and gettimeofday(), the CPU-time clocks advancing while the
 * program computes and not while it sleeps (clock(), times() and getrusage()
 * are libc_clock.c's). Only relations are printed. Usage: wasi_clock DIR. */
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "wasi_check.h"

static long long ns(struct timespec t) {
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
  start(argc, argv);
  struct timespec res, a, b;
  CHECK("clock_getres REALTIME", clock_getres(CLOCK_REALTIME, &res));
  printf("realtime resolution in (0, 1 ms]: %d\n", ns(res) > 0 && ns(res) <= 1000000);
  CHECK("clock_getres MONOTONIC", clock_getres(CLOCK_MONOTONIC, &res));
  printf("monotonic resolution in (0, 1 ms]: %d\n", ns(res) > 0 && ns(res) <= 1000000);

  int backwards = 0, advanced = 0;
  CHECK("clock_gettime MONOTONIC", clock_gettime(CLOCK_MONOTONIC, &a));
  for (int i = 0; i < 100000; i++) {
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (ns(b) < ns(a)) backwards++;
    if (ns(b) > ns(a)) advanced++;
    a = b;
  }
  printf("monotonic went backwards: %d, advanced: %d\n", backwards, advanced > 0);

  CHECK("clock_gettime REALTIME", clock_gettime(CLOCK_REALTIME, &a));
  time_t t = time(NULL);
  printf("realtime agrees with time() (2 s): %d\n", llabs((long long)t - a.tv_sec) <= 2);
  printf("realtime is after 2020: %d\n", a.tv_sec > 1577836800);
  struct timeval tv;
  CHECK("gettimeofday", gettimeofday(&tv, NULL));
  printf("gettimeofday agrees (2 s): %d, usec in range: %d\n", llabs((long long)tv.tv_sec - a.tv_sec) <= 2,
         tv.tv_usec >= 0 && tv.tv_usec < 1000000);
  printf("tv_nsec in range: %d\n", a.tv_nsec >= 0 && a.tv_nsec < 1000000000);

  /* CPU time: at least 50 ms of it within 5 s of busy work, and less than
   * 100 ms of it over a 300 ms sleep. */
  static const clockid_t cpu_clocks[] = {CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
  static const char *const cpu_names[] = {"PROCESS_CPUTIME", "THREAD_CPUTIME"};
  for (int c = 0; c < 2; c++) {
    char what[64];
    snprintf(what, sizeof what, "clock_getres %s", cpu_names[c]);
    CHECK(what, clock_getres(cpu_clocks[c], &res));
    printf("%s resolution in (0, 1 ms]: %d\n", cpu_names[c], ns(res) > 0 && ns(res) <= 1000000);
    struct timespec c0, c1, w0, w1;
    snprintf(what, sizeof what, "clock_gettime %s", cpu_names[c]);
    CHECK(what, clock_gettime(cpu_clocks[c], &c0));
    clock_gettime(CLOCK_MONOTONIC, &w0);
    volatile unsigned long spin = 0;
    do {
      for (int i = 0; i < 100000; i++) spin += i;
      clock_gettime(cpu_clocks[c], &c1);
      clock_gettime(CLOCK_MONOTONIC, &w1);
    } while (ns(c1) - ns(c0) < 50000000LL && ns(w1) - ns(w0) < 5000000000LL);
    (void)spin;
    printf("%s advanced 50 ms while computing: %d\n", cpu_names[c], ns(c1) - ns(c0) >= 50000000LL);
    clock_gettime(cpu_clocks[c], &c0);
    usleep(300000);
    clock_gettime(cpu_clocks[c], &c1);
    printf("%s advanced less than 100 ms over a 300 ms sleep: %d\n", cpu_names[c], ns(c1) - ns(c0) < 100000000LL);
  }

  struct tm tm;
  time_t fixed = 1234567890;
  gmtime_r(&fixed, &tm);
  char buf[64];
  strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  printf("gmtime: %s\n", buf);
  return 0;
}
