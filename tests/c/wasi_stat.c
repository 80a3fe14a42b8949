/* stat, fstat, lstat, fstatat and the times: utimensat (given, UTIME_NOW,
 * UTIME_OMIT, on a link with AT_SYMLINK_NOFOLLOW skipped), futimens, utimes,
 * and how writes move mtime. Times are printed exactly only where the test
 * set them (whole milliseconds, which every host keeps), else as relations.
 * UTIME_NOW/UTIME_OMIT in the mtime slot and NULL `times` are wasi_utimes.c's
 * (libsockbox replaces Debian's miscompiled futimens/utimensat), and the raw
 * *_NOW flags wasi_raw.c's.
 * Usage: wasi_stat DIR (an empty directory to work in). */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "wasi_check.h"

static const char *kind(mode_t m) {
  return S_ISREG(m) ? "file" : S_ISDIR(m) ? "dir" : S_ISLNK(m) ? "link" : "other";
}

static void show(const char *what, int r, const struct stat *st) {
  if (r != 0) {
    printf("%s: %s\n", what, errname(errno));
    return;
  }
  printf("%s: %s nlink %ld size %ld\n", what, kind(st->st_mode), (long)st->st_nlink,
         S_ISDIR(st->st_mode) ? 0L : (long)st->st_size);
}

static void times_of(const char *what, const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    printf("%s: %s\n", what, errname(errno));
    return;
  }
  printf("%s: atime %lld.%09ld mtime %lld.%09ld\n", what, (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
         (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

static double secs(struct timespec t) {
  return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  start(argc, argv);
  struct stat st, st2;
  struct timespec before, after;

  int fd = open(P("f"), O_CREAT | O_RDWR, 0644);
  MUST(fd);
  write(fd, "12345", 5);
  MUST(mkdir(P("d"), 0755));
  MUST(symlink("f", P("l")));

  show("stat f", stat(P("f"), &st), &st);
  show("fstat f", fstat(fd, &st), &st);
  show("lstat l", lstat(P("l"), &st), &st);
  show("stat l", stat(P("l"), &st), &st);
  show("stat d", stat(P("d"), &st), &st);
  show("stat missing", stat(P("missing"), &st), &st);
  show("fstatat nofollow", fstatat(AT_FDCWD, P("l"), &st, AT_SYMLINK_NOFOLLOW), &st);
  stat(P("f"), &st);
  lstat(P("l"), &st2);
  printf("link and target differ in inode: %d\n", st.st_ino != st2.st_ino);
  stat(P("l"), &st2);
  printf("stat through link is the target: %d\n", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
  fstat(fd, &st2);
  printf("fstat is stat: %d\n", st.st_ino == st2.st_ino && st.st_size == st2.st_size);
  MUST(link(P("f"), P("f2")));
  show("stat after link", stat(P("f"), &st), &st);
  show("fstat after link", fstat(fd, &st), &st);

  /* set times exactly */
  struct timespec ts[2] = {{1000000000, 0}, {1234567890, 500000000}};
  CHECK("utimensat", utimensat(AT_FDCWD, P("f"), ts, 0));
  times_of("after utimensat", P("f"));
  struct timespec omit[2] = {{0, UTIME_OMIT}, {2000000000, 250000000}};
  CHECK("utimensat omit atime", utimensat(AT_FDCWD, P("f"), omit, 0));
  times_of("after omit atime", P("f"));
  struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
  CHECK("utimensat bad nsec", utimensat(AT_FDCWD, P("f"), bad, 0));
  CHECK("utimensat missing", utimensat(AT_FDCWD, P("missing"), ts, 0));
  CHECK("utimensat through link", utimensat(AT_FDCWD, P("l"), ts, 0));
  times_of("target of link", P("f"));
  struct timespec fts[2] = {{1500000000, 0}, {1500000001, 0}};
  CHECK("futimens", futimens(fd, fts));
  times_of("after futimens", P("f"));
  struct timeval tv[2] = {{1600000000, 0}, {1600000002, 0}};
  CHECK("utimes", utimes(P("d"), tv));
  times_of("dir after utimes", P("d"));

  /* now */
  clock_gettime(CLOCK_REALTIME, &before);
  CHECK("utimensat {NOW, 10}", utimensat(AT_FDCWD, P("f"), (struct timespec[2]){{0, UTIME_NOW}, {10, 0}}, 0));
  clock_gettime(CLOCK_REALTIME, &after);
  stat(P("f"), &st);
  printf("atime is now (1 s slack): %d, mtime: %lld\n",
         secs(st.st_atim) >= secs(before) - 1 && secs(st.st_atim) <= secs(after) + 1, (long long)st.st_mtim.tv_sec);
  CHECK("futimens(fd, {OMIT, 20})", futimens(fd, (struct timespec[2]){{0, UTIME_OMIT}, {20, 0}}));
  stat(P("f"), &st);
  printf("atime kept, mtime: %d %lld\n", secs(st.st_atim) >= secs(before) - 1, (long long)st.st_mtim.tv_sec);

  /* a write moves mtime forward from an old value */
  CHECK("futimens old", futimens(fd, fts));
  pwrite(fd, "x", 1, 0);
  fstat(fd, &st);
  printf("write updates mtime: %d\n", st.st_mtim.tv_sec > 1500000001);
  printf("ctime is recent: %d\n", st.st_ctim.tv_sec > 1600000002);
  ftruncate(fd, 2);
  fstat(fd, &st);
  printf("size after truncate: %ld\n", (long)st.st_size);
  close(fd);
  return 0;
}
