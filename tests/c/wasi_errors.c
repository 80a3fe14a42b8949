/* Errors: the errno Linux gives for each way a file call can go wrong —
 * missing and non-directory components, names and paths too long, trailing
 * slashes, bad descriptors, bad buffers, link chains at and past the limit.
 * (An empty path never reaches the host: wasi-libc refuses it with
 * ENOTCAPABLE itself; wasi_raw.c checks what the host says.)
 * Usage: wasi_errors DIR (an empty directory to work in). */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_check.h"

int main(int argc, char **argv) {
  start(argc, argv);
  struct stat st;
  char buf[64];
  int f = open(P("f"), O_CREAT | O_RDWR, 0644);
  MUST(f);
  write(f, "data", 4);
  MUST(mkdir(P("d"), 0755));

  CHECK("open missing", open(P("missing"), O_RDONLY));
  CHECK("open missing/x", open(P("missing/x"), O_RDONLY));
  CHECK("open f/x", open(P("f/x"), O_RDONLY));
  CHECK("open f/", open(P("f/"), O_RDONLY));
  CHECK("O_CREAT f/", open(P("f/"), O_CREAT | O_WRONLY, 0644));
  CHECK("O_CREAT new/", open(P("new/"), O_CREAT | O_WRONLY, 0644));
  CHECK("O_CREAT missing/new", open(P("missing/new"), O_CREAT | O_WRONLY, 0644));
  CHECK("open d O_RDONLY|O_TRUNC", open(P("d"), O_RDONLY | O_TRUNC));
  CHECK("O_CREAT|O_EXCL d", open(P("d"), O_CREAT | O_EXCL | O_RDONLY, 0644));

  char name[300];
  memset(name, 'n', 256);
  name[256] = 0;
  CHECK("O_CREAT 256-byte name", open(P(name), O_CREAT | O_WRONLY, 0644));
  CHECK("mkdir 256-byte name", mkdir(P(name), 0755));
  CHECK("stat 256-byte name", stat(P(name), &st));
  name[255] = 0;
  int fd = open(P(name), O_CREAT | O_WRONLY, 0644);
  printf("O_CREAT 255-byte name: %s\n", fd >= 0 ? "ok" : errname(errno));
  close(fd);
  CHECK("unlink 255-byte name", unlink(P(name)));

  static char longpath[5000];
  strcpy(longpath, work_dir);
  while (strlen(longpath) < 4200) strcat(longpath, "/./d/..");
  CHECK("stat path over PATH_MAX", stat(longpath, &st));
  longpath[0] = 0;
  strcpy(longpath, work_dir);
  while (strlen(longpath) < 3800) strcat(longpath, "/./d/..");
  CHECK("stat long path under PATH_MAX", stat(longpath, &st));

  /* trailing slashes on names to create */
  CHECK("mkdir f/", mkdir(P("f/"), 0755));
  CHECK("mkdir d/", mkdir(P("d/"), 0755));
  CHECK("link f new/", link(P("f"), P("new/")));
  CHECK("symlink f new/", symlink("f", P("new/")));
  CHECK("rename d e/", rename(P("d"), P("e/")));
  CHECK("rename e/ d", rename(P("e/"), P("d")));
  CHECK("unlink missing", unlink(P("missing")));
  CHECK("unlink missing/x", unlink(P("missing/x")));
  CHECK("rmdir missing", rmdir(P("missing")));
  CHECK("rmdir f/x", rmdir(P("f/x")));

  /* descriptors */
  CHECK("write fd 99", write(99, "x", 1));
  CHECK("read fd 99", read(99, buf, 1));
  CHECK("close fd 99", close(99));
  CHECK("lseek fd 99", lseek(99, 0, SEEK_SET));
  CHECK("fstat fd 99", fstat(99, &st));
  CHECK("fsync fd 99", fsync(99));
  CHECK("ftruncate fd 99", ftruncate(99, 0));
  CHECK("openat fd 99", openat(99, "x", O_RDONLY));
  CHECK("openat a file fd", openat(f, "x", O_RDONLY));
  CHECK("mkdirat a file fd", mkdirat(f, "x", 0755));
  CHECK("unlinkat a file fd", unlinkat(f, "x", 0));
  CHECK("fstatat a file fd", fstatat(f, "x", &st, 0));
  int dfd = open(P("d"), O_RDONLY | O_DIRECTORY);
  MUST(dfd);
  CHECK("openat dir fd O_CREAT", openat(dfd, "inner", O_CREAT | O_WRONLY, 0644));
  CHECK("fstatat dir fd", fstatat(dfd, "inner", &st, 0));
  CHECK("unlinkat dir fd", unlinkat(dfd, "inner", 0));
  CHECK("mkdirat dir fd", mkdirat(dfd, "sub", 0755));
  CHECK("unlinkat AT_REMOVEDIR dir fd", unlinkat(dfd, "sub", AT_REMOVEDIR));
  CHECK("fstatat dir fd ..", fstatat(dfd, "../f", &st, 0));
  CHECK("ftruncate dir fd", ftruncate(dfd, 0));
  CHECK("fsync dir fd", fsync(dfd));
  CHECK("fdatasync dir fd", fdatasync(dfd));
  close(dfd);

  /* bad buffers fail with EFAULT and touch nothing */
  CHECK("seek to data", lseek(f, 0, SEEK_SET));
  CHECK("read into a bad buffer", read(f, (void *)(long)0xfffff000, 16));
  CHECK("write from a bad buffer", write(f, (void *)(long)0xfffff000, 16));
  CHECK("seek back", lseek(f, 0, SEEK_SET));
  SHOW("read after EFAULT", read(f, buf, sizeof buf));
  CHECK("ftruncate negative", ftruncate(f, -1));
  CHECK("pread negative offset", pread(f, buf, 1, -1));
  CHECK("pwrite negative offset", pwrite(f, buf, 1, -1));
  close(f);

  /* link chains: 40 links are followed, 41 are not */
  char from[32], to[32];
  for (int i = 1; i <= 41; i++) {
    snprintf(from, sizeof from, "c%d", i);
    snprintf(to, sizeof to, "c%d", i - 1);
    if (i == 1) strcpy(to, "f");
    MUST(symlink(to, P(from)));
  }
  CHECK("stat through 40 links", stat(P("c40"), &st));
  CHECK("stat through 41 links", stat(P("c41"), &st));
  CHECK("lstat c41", lstat(P("c41"), &st));
  CHECK("open through 41 links", open(P("c41"), O_RDONLY));
  return 0;
}
