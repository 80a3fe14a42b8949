/* Setting file times the ways `touch`-like code does: utimensat, futimens,
 * utime, utimes, futimes, lutimes and futimesat with NULL (both now),
 * UTIME_NOW and UTIME_OMIT in either slot, given values, both UTIME_OMIT
 * (nothing is done, not even a path lookup), bad nanoseconds and flags,
 * missing files and bad descriptors. Each time is printed as a relation to
 * what it was before the call and to the clock around it: "now",
 * "unchanged", or the value that was set.
 * Usage: wasi_utimes DIR (an empty directory to work in). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "wasi_check.h"

/* File systems stamp with a coarse clock: "now" is within this of the call. */
#define NOW_SLACK_NS 1000000000LL
#define OLD_ATIME 1000000000
#define OLD_MTIME 1100000000

static long long ns(struct timespec t) {
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static struct timespec now(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return t;
}

/* How time `t` relates to `old` and to the interval [before, after]. */
static const char *relation(struct timespec t, struct timespec old, struct timespec before, struct timespec after) {
  static char bufs[2][64];
  static int next;
  if (ns(t) == ns(old)) return "unchanged";
  if (ns(t) >= ns(before) - NOW_SLACK_NS && ns(t) <= ns(after) + NOW_SLACK_NS) return "now";
  char *b = bufs[next++ & 1];
  snprintf(b, sizeof bufs[0], "%lld.%09ld", (long long)t.tv_sec, t.tv_nsec);
  return b;
}

static void set_old(const char *path) {
  struct timespec old[2] = {{OLD_ATIME, 0}, {OLD_MTIME, 0}};
  MUST(utimensat(AT_FDCWD, path, old, 0));
}

static struct stat st_old, st_new;
static struct timespec t_before, t_after;

/* Run `call` on `path` (reset to the old times first) and print what became of both times. */
#define TIMES(what, path, call) do { \
    set_old(path); \
    MUST(lstat(path, &st_old)); \
    t_before = now(); \
    errno = 0; \
    int r_ = (call); \
    int e_ = errno; \
    t_after = now(); \
    MUST(lstat(path, &st_new)); \
    if (r_ != 0) printf("%s: %s", what, errname(e_)); \
    else printf("%s: ok", what); \
    printf(", atime %s, mtime %s\n", relation(st_new.st_atim, st_old.st_atim, t_before, t_after), \
           relation(st_new.st_mtim, st_old.st_mtim, t_before, t_after)); \
  } while (0)

int main(int argc, char **argv) {
  start(argc, argv);
  const char *f = P("f");
  int fd = open(f, O_CREAT | O_RDWR, 0644);
  MUST(fd);
  MUST(write(fd, "hello", 5));
  int dir = open(work_dir, O_RDONLY | O_DIRECTORY);
  MUST(dir);

  /* the old times themselves */
  set_old(f);
  MUST(stat(f, &st_old));
  printf("old times: %lld %lld\n", (long long)st_old.st_atim.tv_sec, (long long)st_old.st_mtim.tv_sec);

  struct timespec omit_now[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
  struct timespec now_omit[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
  struct timespec now_now[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
  struct timespec omit_omit[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
  struct timespec omit_given[2] = {{0, UTIME_OMIT}, {1234567890, 500000000}};
  struct timespec given_omit[2] = {{1234567890, 250000000}, {0, UTIME_OMIT}};
  struct timespec given_now[2] = {{1300000000, 0}, {0, UTIME_NOW}};
  struct timespec given[2] = {{1400000000, 125000000}, {1400000001, 0}};
  struct timespec bad_a[2] = {{0, 1000000000}, {0, 0}};
  struct timespec bad_m[2] = {{0, UTIME_NOW}, {5, 1000000000}};
  struct timespec bad_omit[2] = {{0, UTIME_OMIT}, {5, 1000000000}};

  /* utimensat */
  TIMES("utimensat NULL", f, utimensat(AT_FDCWD, f, NULL, 0));
  TIMES("utimensat {OMIT, NOW}", f, utimensat(AT_FDCWD, f, omit_now, 0));
  TIMES("utimensat {NOW, OMIT}", f, utimensat(AT_FDCWD, f, now_omit, 0));
  TIMES("utimensat {NOW, NOW}", f, utimensat(AT_FDCWD, f, now_now, 0));
  TIMES("utimensat {OMIT, OMIT}", f, utimensat(AT_FDCWD, f, omit_omit, 0));
  TIMES("utimensat {OMIT, given}", f, utimensat(AT_FDCWD, f, omit_given, 0));
  TIMES("utimensat {given, OMIT}", f, utimensat(AT_FDCWD, f, given_omit, 0));
  TIMES("utimensat {given, NOW}", f, utimensat(AT_FDCWD, f, given_now, 0));
  TIMES("utimensat {given, given}", f, utimensat(AT_FDCWD, f, given, 0));
  TIMES("utimensat bad atime nsec", f, utimensat(AT_FDCWD, f, bad_a, 0));
  TIMES("utimensat bad mtime nsec", f, utimensat(AT_FDCWD, f, bad_m, 0));
  TIMES("utimensat {OMIT, bad}", f, utimensat(AT_FDCWD, f, bad_omit, 0));
  TIMES("utimensat unknown flag", f, utimensat(AT_FDCWD, f, NULL, 0x40000000));
  TIMES("utimensat dirfd NULL", f, utimensat(dir, "f", NULL, 0));
  TIMES("utimensat dirfd {OMIT, NOW}", f, utimensat(dir, "f", omit_now, 0));
  TIMES("utimensat NOFOLLOW on a file", f, utimensat(dir, "f", now_omit, AT_SYMLINK_NOFOLLOW));
  CHECK("utimensat missing NULL", utimensat(AT_FDCWD, P("missing"), NULL, 0));
  CHECK("utimensat missing {OMIT, NOW}", utimensat(AT_FDCWD, P("missing"), omit_now, 0));
  CHECK("utimensat missing {OMIT, OMIT}", utimensat(AT_FDCWD, P("missing"), omit_omit, 0));

  /* futimens */
  TIMES("futimens NULL", f, futimens(fd, NULL));
  TIMES("futimens {OMIT, NOW}", f, futimens(fd, omit_now));
  TIMES("futimens {NOW, OMIT}", f, futimens(fd, now_omit));
  TIMES("futimens {OMIT, OMIT}", f, futimens(fd, omit_omit));
  TIMES("futimens {OMIT, given}", f, futimens(fd, omit_given));
  TIMES("futimens {given, NOW}", f, futimens(fd, given_now));
  TIMES("futimens {given, given}", f, futimens(fd, given));
  TIMES("futimens bad mtime nsec", f, futimens(fd, bad_m));
  CHECK("futimens bad fd", futimens(1000, NULL));
  CHECK("futimens bad fd {OMIT, OMIT}", futimens(1000, omit_omit));

  /* the timeval and utimbuf calls */
  struct timeval tv[2] = {{1500000000, 500000}, {1500000001, 0}};
  struct timeval bad_tv[2] = {{1500000000, 1000000}, {1500000001, 0}};
  struct utimbuf ub = {.actime = 1600000000, .modtime = 1600000001};
  TIMES("utime NULL", f, utime(f, NULL));
  TIMES("utime given", f, utime(f, &ub));
  TIMES("utimes NULL", f, utimes(f, NULL));
  TIMES("utimes given", f, utimes(f, tv));
  TIMES("utimes bad usec", f, utimes(f, bad_tv));
  TIMES("futimes NULL", f, futimes(fd, NULL));
  TIMES("futimes given", f, futimes(fd, tv));
  TIMES("futimes bad usec", f, futimes(fd, bad_tv));
  TIMES("lutimes NULL on a file", f, lutimes(f, NULL));
  TIMES("lutimes given on a file", f, lutimes(f, tv));
  TIMES("futimesat NULL", f, futimesat(dir, "f", NULL));
  TIMES("futimesat given", f, futimesat(dir, "f", tv));
  CHECK("utimes missing", utimes(P("missing"), NULL));
  CHECK("futimes bad fd", futimes(1000, NULL));

  /* a directory's times */
  MUST(mkdir(P("d"), 0755));
  TIMES("utimensat dir NULL", P("d"), utimensat(AT_FDCWD, P("d"), NULL, 0));
  TIMES("utimes dir {OMIT-like: given}", P("d"), utimes(P("d"), tv));

  close(dir);
  close(fd);
  return 0;
}
