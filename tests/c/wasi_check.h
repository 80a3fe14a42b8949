/* Helpers shared by the WASI conformance programs in tests/c/wasi_*.c.
 * Each program runs natively and under `sockbox run` and must print the same
 * thing, so errors are printed by errno *name* (the numbers differ between
 * Linux and WASI) and never with strerror (glibc's and wasi-libc's texts differ). */
#ifndef WASI_CHECK_H
#define WASI_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((unused)) static const char *errname(int e) {
  switch (e) {
#define E(x) case x: return #x;
    E(EPERM) E(ENOENT) E(EIO) E(EBADF) E(EAGAIN) E(EACCES) E(EBUSY) E(EEXIST) E(EXDEV)
    E(ENOTDIR) E(EISDIR) E(EINVAL) E(EMFILE) E(ENOTTY) E(EFBIG) E(ENOSPC) E(ESPIPE)
    E(EROFS) E(EMLINK) E(ENAMETOOLONG) E(ENOTEMPTY) E(ELOOP) E(ENOSYS) E(EOVERFLOW)
    E(ENXIO) E(EFAULT) E(ENOTSUP) E(EILSEQ) E(EPIPE) E(ENODEV) E(ENOMEM)
#ifdef ENOTCAPABLE
    E(ENOTCAPABLE)
#endif
#undef E
    default: {
      static char buf[32];
      snprintf(buf, sizeof buf, "errno %d", e);
      return buf;
    }
  }
}

/* The working directory given as argv[1], and paths below it. */
static const char *work_dir = ".";
__attribute__((unused)) static const char *P(const char *rel) {
  static char bufs[4][1024];
  static int next;
  char *b = bufs[next++ & 3];
  snprintf(b, sizeof bufs[0], "%s/%s", work_dir, rel);
  return b;
}

/* Prints "what: ok" or "what: ERRNAME" for a call returning -1 on failure. */
#define CHECK(what, expr) do { \
    errno = 0; \
    long r_ = (long)(expr); \
    if (r_ == -1) printf("%s: %s\n", what, errname(errno)); \
    else printf("%s: ok\n", what); \
  } while (0)

/* Like CHECK but prints the result when it succeeds. */
#define SHOW(what, expr) do { \
    errno = 0; \
    long r_ = (long)(expr); \
    if (r_ == -1) printf("%s: %s\n", what, errname(errno)); \
    else printf("%s: %ld\n", what, r_); \
  } while (0)

/* Ends the program when a step that must work fails (the output then differs and says where). */
#define MUST(expr) do { \
    if ((long)(expr) == -1) { \
      printf("FAILED %s (line %d): %s\n", #expr, __LINE__, errname(errno)); \
      exit(1); \
    } \
  } while (0)

static void start(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s DIR\n", argv[0]);
    exit(2);
  }
  work_dir = argv[1];
  setvbuf(stdout, NULL, _IONBF, 0);
}

#endif
