/* Regular files: create, write, read, lseek, pread/pwrite, O_APPEND, truncate,
 * readv/writev, posix_fallocate, fsync, O_SYNC/O_DSYNC, and the same through stdio.
 * Usage: wasi_files DIR (an empty directory to work in). */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wasi_check.h"

static void dump(const char *what, int fd, off_t off, size_t n) {
  char buf[256];
  ssize_t got = pread(fd, buf, n, off);
  printf("%s: %zd [", what, got);
  for (ssize_t i = 0; i < got; i++) putchar(buf[i] ? buf[i] : '0');
  printf("]\n");
}

static off_t size_of(int fd) {
  struct stat st;
  if (fstat(fd, &st) != 0) return -1;
  return st.st_size;
}

int main(int argc, char **argv) {
  start(argc, argv);
  char buf[64];

  /* create, write, read back */
  int fd = open(P("a.txt"), O_CREAT | O_RDWR | O_TRUNC, 0644);
  MUST(fd);
  SHOW("write", write(fd, "hello, world", 12));
  SHOW("tell after write", lseek(fd, 0, SEEK_CUR));
  SHOW("read at end", read(fd, buf, sizeof buf));
  SHOW("seek set 7", lseek(fd, 7, SEEK_SET));
  ssize_t n = read(fd, buf, sizeof buf);
  printf("read from 7: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);
  SHOW("seek cur -5", lseek(fd, -5, SEEK_CUR));
  SHOW("seek end -3", lseek(fd, -3, SEEK_END));
  n = read(fd, buf, 2);
  printf("read 2: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);
  SHOW("seek negative", lseek(fd, -100, SEEK_CUR));
  SHOW("seek bad whence", lseek(fd, 0, 42));
  SHOW("tell unchanged", lseek(fd, 0, SEEK_CUR));

  /* a hole: seek past the end and write */
  SHOW("seek past end", lseek(fd, 20, SEEK_SET));
  SHOW("write after hole", write(fd, "X", 1));
  SHOW("size with hole", size_of(fd));
  dump("hole", fd, 10, 20);

  /* pread/pwrite leave the position alone */
  SHOW("seek 2", lseek(fd, 2, SEEK_SET));
  SHOW("pwrite at 0", pwrite(fd, "J", 1, 0));
  n = pread(fd, buf, 5, 0);
  printf("pread 0: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);
  SHOW("pread past end", pread(fd, buf, 5, 1000));
  SHOW("position after p-calls", lseek(fd, 0, SEEK_CUR));
  SHOW("pwrite past end", pwrite(fd, "END", 3, 30));
  SHOW("size after pwrite", size_of(fd));

  /* readv / writev */
  struct iovec w[3] = {{"one ", 4}, {"", 0}, {"two", 3}};
  SHOW("seek 0", lseek(fd, 0, SEEK_SET));
  SHOW("writev", writev(fd, w, 3));
  char b1[3], b2[5];
  struct iovec r[2] = {{b1, 3}, {b2, 5}};
  SHOW("seek 0 again", lseek(fd, 0, SEEK_SET));
  SHOW("readv", readv(fd, r, 2));
  printf("readv parts: [%.3s] [%.5s]\n", b1, b2);

  /* truncate: shrink, grow (zeros), on a read-only fd */
  SHOW("ftruncate 5", ftruncate(fd, 5));
  SHOW("size after shrink", size_of(fd));
  SHOW("ftruncate 8", ftruncate(fd, 8));
  dump("grown", fd, 0, 16);
  SHOW("truncate by path", truncate(P("a.txt"), 3));
  SHOW("size after truncate()", size_of(fd));
  SHOW("posix_fallocate", posix_fallocate(fd, 0, 100) == 0 ? 0 : -1);
  SHOW("size after fallocate", size_of(fd));
  SHOW("posix_fallocate inside", posix_fallocate(fd, 10, 10) == 0 ? 0 : -1);
  SHOW("size unchanged", size_of(fd));
  CHECK("fsync", fsync(fd));
  CHECK("fdatasync", fdatasync(fd));
  SHOW("posix_fadvise", posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL) == 0 ? 0 : -1);
  CHECK("close", close(fd));
  CHECK("close again", close(fd));
  SHOW("read closed fd", read(fd, buf, 1));

  /* O_TRUNC empties; O_RDONLY descriptor refuses writes, O_WRONLY refuses reads */
  fd = open(P("a.txt"), O_WRONLY | O_TRUNC);
  MUST(fd);
  SHOW("size after O_TRUNC", size_of(fd));
  SHOW("read on O_WRONLY", read(fd, buf, 1));
  SHOW("write on O_WRONLY", write(fd, "abc", 3));
  close(fd);
  fd = open(P("a.txt"), O_RDONLY);
  MUST(fd);
  SHOW("write on O_RDONLY", write(fd, "x", 1));
  SHOW("pwrite on O_RDONLY", pwrite(fd, "x", 1, 0));
  SHOW("ftruncate on O_RDONLY", ftruncate(fd, 0));
  SHOW("read on O_RDONLY", read(fd, buf, sizeof buf));
  close(fd);

  /* O_APPEND: every write goes to the end, even after lseek; pwrite too (Linux) */
  fd = open(P("log.txt"), O_CREAT | O_WRONLY | O_APPEND, 0644);
  MUST(fd);
  SHOW("append 1", write(fd, "first\n", 6));
  SHOW("seek 0 in append", lseek(fd, 0, SEEK_SET));
  SHOW("append 2", write(fd, "second\n", 7));
  SHOW("position after append", lseek(fd, 0, SEEK_CUR));
  SHOW("pwrite at 0 with O_APPEND", pwrite(fd, "third\n", 6, 0));
  close(fd);
  fd = open(P("log.txt"), O_RDONLY);
  n = read(fd, buf, sizeof buf);
  printf("log: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);
  close(fd);

  /* O_CREAT on an existing file keeps it; O_EXCL refuses it */
  fd = open(P("log.txt"), O_CREAT | O_RDONLY, 0644);
  SHOW("O_CREAT existing keeps size", size_of(fd));
  close(fd);
  SHOW("O_CREAT|O_EXCL existing", open(P("log.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644));
  fd = open(P("new.txt"), O_CREAT | O_EXCL | O_RDONLY, 0644);
  SHOW("O_CREAT|O_EXCL|O_RDONLY new, size", size_of(fd));
  close(fd);
  SHOW("O_RDONLY|O_TRUNC truncates too", (fd = open(P("log.txt"), O_RDONLY | O_TRUNC)) < 0 ? -1 : size_of(fd));
  close(fd);

  /* O_SYNC / O_DSYNC writes land like any other */
  fd = open(P("sync.txt"), O_CREAT | O_WRONLY | O_SYNC, 0644);
  printf("O_SYNC in F_GETFL: %d\n", (fcntl(fd, F_GETFL) & O_SYNC) == O_SYNC);
  SHOW("O_SYNC write", write(fd, "synced", 6));
  close(fd);
  fd = open(P("sync.txt"), O_WRONLY | O_DSYNC | O_APPEND);
  SHOW("O_DSYNC write", write(fd, "+more", 5));
  close(fd);
  fd = open(P("sync.txt"), O_RDONLY);
  n = read(fd, buf, sizeof buf);
  printf("sync.txt: [%.*s]\n", (int)(n > 0 ? n : 0), buf);
  close(fd);

  /* stdio */
  FILE *f = fopen(P("stdio.txt"), "w+");
  if (!f) MUST(-1);
  fprintf(f, "line %d\nline %d\n", 1, 2);
  printf("ftell: %ld\n", ftell(f));
  rewind(f);
  while (fgets(buf, sizeof buf, f)) printf("fgets: %s", buf);
  printf("feof: %d\n", feof(f) != 0);
  fseek(f, -2, SEEK_END);
  printf("fgetc at end-2: %c\n", fgetc(f));
  fclose(f);
  f = fopen(P("stdio.txt"), "a");
  fputs("line 3\n", f);
  fclose(f);
  f = fopen(P("stdio.txt"), "r");
  size_t got = fread(buf, 1, sizeof buf, f);
  printf("after append: %zu\n", got);
  fclose(f);
  printf("fopen missing: %s\n", fopen(P("missing.txt"), "r") ? "opened" : errname(errno));

  /* a large write and read, in one call each */
  static char big[300000], back[300000];
  for (size_t i = 0; i < sizeof big; i++) big[i] = (char)('a' + i % 26);
  fd = open(P("big.bin"), O_CREAT | O_RDWR | O_TRUNC, 0644);
  SHOW("big write", write(fd, big, sizeof big));
  SHOW("big pread", pread(fd, back, sizeof back, 0));
  printf("big equal: %d\n", memcmp(big, back, sizeof big) == 0);
  close(fd);
  return 0;
}
