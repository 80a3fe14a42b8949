/* Descriptor flags: the access mode fcntl(F_GETFL) reports for each open mode,
 * O_APPEND and O_NONBLOCK through open and F_SETFL, lowest-free descriptor
 * numbers, isatty on a file, and lseek, pread, fsync on stdin and stdout (a
 * pipe or a socket, depending on the test runner; posix_fadvise and
 * posix_fallocate answer differently for those two on Linux, so they are
 * left to wasi_raw.c).
 * Usage: wasi_fdflags DIR (an empty directory to work in). */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_check.h"

static const char *mode_name(int fl) {
  switch (fl & O_ACCMODE) {
    case O_RDONLY: return "O_RDONLY";
    case O_WRONLY: return "O_WRONLY";
    case O_RDWR: return "O_RDWR";
    default: return "other";
  }
}

static void flags(const char *what, int fd) {
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0) {
    printf("%s: %s\n", what, errname(errno));
    return;
  }
  printf("%s: %s%s%s\n", what, mode_name(fl), fl & O_APPEND ? " O_APPEND" : "", fl & O_NONBLOCK ? " O_NONBLOCK" : "");
}

int main(int argc, char **argv) {
  start(argc, argv);
  int fd = open(P("f"), O_CREAT | O_WRONLY, 0644);
  MUST(fd);
  flags("O_CREAT|O_WRONLY", fd);
  close(fd);
  int r = open(P("f"), O_RDONLY);
  flags("O_RDONLY", r);
  int w = open(P("f"), O_WRONLY | O_APPEND);
  flags("O_WRONLY|O_APPEND", w);
  int rw = open(P("f"), O_RDWR | O_NONBLOCK);
  flags("O_RDWR|O_NONBLOCK", rw);
  int d = open(work_dir, O_RDONLY | O_DIRECTORY);
  flags("directory", d);
  printf("descriptors are consecutive: %d\n", w == r + 1 && rw == w + 1 && d == rw + 1);

  close(w);
  int again = open(P("f"), O_RDONLY);
  printf("lowest free number reused: %d\n", again == w);
  close(again);

  /* F_SETFL: O_APPEND on, O_NONBLOCK off; the access mode cannot change */
  CHECK("F_SETFL O_APPEND", fcntl(rw, F_SETFL, O_APPEND));
  flags("after F_SETFL O_APPEND", rw);
  write(rw, "abc", 3);
  lseek(rw, 0, SEEK_SET);
  write(rw, "def", 3);
  char buf[16];
  ssize_t n = pread(rw, buf, sizeof buf, 0);
  printf("content: [%.*s]\n", (int)(n > 0 ? n : 0), buf);
  CHECK("F_SETFL 0", fcntl(rw, F_SETFL, 0));
  flags("after F_SETFL 0", rw);
  lseek(rw, 0, SEEK_SET);
  write(rw, "X", 1);
  n = pread(rw, buf, sizeof buf, 0);
  printf("content: [%.*s]\n", (int)(n > 0 ? n : 0), buf);
  CHECK("F_SETFL O_NONBLOCK", fcntl(rw, F_SETFL, O_NONBLOCK));
  flags("after F_SETFL O_NONBLOCK", rw);
  printf("read on O_NONBLOCK file: %zd\n", read(rw, buf, 2));

  CHECK("fcntl on a closed fd", fcntl(w, F_GETFL));
  errno = 0;
  int tty = isatty(r);
  printf("isatty(file): %d %s\n", tty, errname(errno));
  CHECK("lseek on stdin pipe", lseek(0, 0, SEEK_CUR));
  CHECK("lseek on stdout pipe", lseek(1, 0, SEEK_CUR));
  CHECK("pread on stdin pipe", pread(0, buf, 1, 0));
  CHECK("pwrite on stdout pipe", pwrite(1, buf, 1, 0));
  CHECK("fsync on stdout pipe", fsync(1));
  CHECK("ftruncate on stdout pipe", ftruncate(1, 0));
  struct stat st;
  CHECK("fstat stdout", fstat(1, &st));
  close(r);
  close(rw);
  close(d);
  return 0;
}
