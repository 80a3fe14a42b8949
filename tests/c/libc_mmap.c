/* mmap() as programs use it: anonymous memory (zeroed, page-aligned,
 * writable), private and read-only shared copies of a file, msync,
 * mprotect, madvise, munmap, and the errors for bad arguments.
 * Usage: libc_mmap DIR [--shared-write] (the option tries only a writable
 * MAP_SHARED file mapping, which works on Linux and fails with ENODEV in
 * sockbox: stores could not reach the file). */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "wasi_check.h"

#define LEN 100000
static const char TEXT[] = "hello, mmap";

static int all_zero(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i]) return 0;
  return 1;
}

/* Prints "what: ok" or the errno name for an mmap result. */
static unsigned char *map(const char *what, size_t len, int prot, int flags, int fd, off_t off) {
  errno = 0;
  void *p = mmap(NULL, len, prot, flags, fd, off);
  printf("%s: %s\n", what, p == MAP_FAILED ? errname(errno) : "ok");
  return p == MAP_FAILED ? NULL : p;
}

int main(int argc, char **argv) {
  start(argc, argv);
  long page = sysconf(_SC_PAGESIZE);
  int fd = open(P("f"), O_CREAT | O_RDWR | O_TRUNC, 0644);
  MUST(fd);
  MUST(write(fd, TEXT, sizeof TEXT - 1));

  if (argc > 2 && strcmp(argv[2], "--shared-write") == 0) {
    unsigned char *m = map("mmap MAP_SHARED PROT_READ|PROT_WRITE file", 64, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m) munmap(m, 64);
    return 0;
  }

  unsigned char *a = map("mmap anonymous private", LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (!a) return 1;
  printf("zeroed: %d, page-aligned: %d\n", all_zero(a, LEN), (uintptr_t)a % (uintptr_t)page == 0);
  memset(a, 0x5a, LEN);
  printf("writable: %d\n", a[0] == 0x5a && a[LEN - 1] == 0x5a);
  CHECK("msync MS_SYNC", msync(a, LEN, MS_SYNC));
  CHECK("msync MS_SYNC|MS_ASYNC", msync(a, LEN, MS_SYNC | MS_ASYNC));
  CHECK("mprotect PROT_READ", mprotect(a, LEN, PROT_READ));
  CHECK("mprotect PROT_READ|PROT_WRITE", mprotect(a, LEN, PROT_READ | PROT_WRITE));
  CHECK("madvise MADV_WILLNEED", madvise(a, LEN, MADV_WILLNEED));
  printf("posix_madvise POSIX_MADV_SEQUENTIAL: %d\n", posix_madvise(a, LEN, POSIX_MADV_SEQUENTIAL));
  CHECK("munmap unaligned", munmap(a + 1, LEN - 1));
  CHECK("munmap length 0", munmap(a, 0));
  CHECK("munmap", munmap(a, LEN));

  unsigned char *s = map("mmap anonymous shared", LEN, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (s) {
    printf("zeroed: %d\n", all_zero(s, LEN));
    CHECK("munmap", munmap(s, LEN));
  }

  unsigned char *r = map("mmap file private read-only", 100, PROT_READ, MAP_PRIVATE, fd, 0);
  if (r) {
    printf("content: %.*s, zero past the end: %d\n", (int)(sizeof TEXT - 1), r, all_zero(r + sizeof TEXT - 1, 100 - (sizeof TEXT - 1)));
    CHECK("munmap", munmap(r, 100));
  }
  unsigned char *w = map("mmap file private writable", 100, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  if (w) {
    w[0] = 'J';
    char back[16] = {0};
    pread(fd, back, sizeof TEXT - 1, 0);
    printf("mapping changed: %c, file unchanged: %s\n", w[0], back);
    CHECK("munmap", munmap(w, 100));
  }
  unsigned char *sr = map("mmap file shared read-only", 100, PROT_READ, MAP_SHARED, fd, 0);
  if (sr) {
    printf("content: %.*s\n", (int)(sizeof TEXT - 1), sr);
    CHECK("munmap", munmap(sr, 100));
  }
  int ro = open(P("f"), O_RDONLY);
  MUST(ro);
  unsigned char *c = map("mmap then close the descriptor", 100, PROT_READ, MAP_PRIVATE, ro, 0);
  close(ro);
  if (c) {
    printf("content after close: %.*s\n", (int)(sizeof TEXT - 1), c);
    CHECK("munmap", munmap(c, 100));
  }

  map("mmap length 0", 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  map("mmap neither private nor shared", 100, PROT_READ, MAP_ANONYMOUS, -1, 0);
  map("mmap a bad descriptor", 100, PROT_READ, MAP_PRIVATE, 1000, 0);
  unsigned char *m = map("mmap unmapped msync target", LEN, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m) {
    munmap(m, LEN);
    CHECK("msync after munmap", msync(m, LEN, MS_SYNC));
  }
  close(fd);
  return 0;
}
