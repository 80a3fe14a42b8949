/* Clocks: resolutions, monotonic never going back, the wall clock agreeing
 * with time() and gettimeofday(), clock() and times() advancing. Only
 * relations are printed. Usage: wasi_clock DIR. */
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

  struct tm tm;
  time_t fixed = 1234567890;
  gmtime_r(&fixed, &tm);
  char buf[64];
  strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  printf("gmtime: %s\n", buf);
  return 0;
}
