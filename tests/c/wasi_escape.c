/* Sandbox escapes (sandbox only): every way out of the preopened directory
 * must fail with an error and touch nothing outside. The test harness plants
 * links in DIR pointing out of it (see tests/wasi/escape_test.ts):
 *   link_abs -> <outside>/secret.txt     link_rel -> ../outside/secret.txt
 *   dir_abs  -> <outside>                dir_rel  -> ../outside
 *   sub/deep -> ../../outside/secret.txt chain    -> link_rel
 *   dotdot   -> sub/../..                dangling_abs -> <outside>/created_abs.txt
 *   dangling_rel -> ../outside/created_rel.txt
 * Usage: wasi_escape DIR. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "wasi_check.h"

/* Tries to open and read `path`; prints what it got, which must be an error. */
static void try_read(const char *what, const char *path) {
  errno = 0;
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("%s: %s\n", what, errname(errno));
    return;
  }
  char buf[64];
  ssize_t n = read(fd, buf, sizeof buf);
  printf("%s: OPENED, read %zd [%.*s]\n", what, n, (int)(n > 0 ? n : 0), buf);
  close(fd);
}

static void try_stat(const char *what, const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) printf("%s: %s\n", what, errname(errno));
  else printf("%s: STAT SUCCEEDED (size %ld)\n", what, (long)st.st_size);
}

static void try_create(const char *what, const char *path) {
  int fd = open(path, O_CREAT | O_WRONLY, 0644);
  if (fd < 0) {
    printf("%s: %s\n", what, errname(errno));
    return;
  }
  write(fd, "PWNED", 5);
  close(fd);
  printf("%s: CREATED\n", what);
}

int main(int argc, char **argv) {
  start(argc, argv);
  const char *links[] = {"link_abs", "link_rel", "sub/deep", "chain", "dotdot/outside/secret.txt",
                         "dir_abs/secret.txt", "dir_rel/secret.txt", "sub/../../outside/secret.txt"};
  for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
    char what[96];
    snprintf(what, sizeof what, "read %s", links[i]);
    try_read(what, P(links[i]));
    snprintf(what, sizeof what, "stat %s", links[i]);
    try_stat(what, P(links[i]));
    snprintf(what, sizeof what, "write %s", links[i]);
    try_create(what, P(links[i]));
  }
  try_read("read ../../etc/passwd", "../../etc/passwd");
  try_read("read /etc/passwd", "/etc/passwd");
  try_read("read /data/../../etc/passwd", P("../../etc/passwd"));
  try_read("read /data/../outside/secret.txt", P("../outside/secret.txt"));
  try_stat("stat /", "/");
  try_stat("stat /data/..", P(".."));

  /* creating through dangling links that point out */
  try_create("O_CREAT dangling_abs", P("dangling_abs"));
  try_create("O_CREAT dangling_rel", P("dangling_rel"));
  try_create("O_CREAT dir_rel/new.txt", P("dir_rel/new.txt"));
  try_create("O_CREAT dir_abs/new.txt", P("dir_abs/new.txt"));

  /* directories behind escaping links */
  const char *dirs[] = {"dir_abs", "dir_rel", "dotdot"};
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
    char what[96], path[96];
    DIR *d = opendir(P(dirs[i]));
    printf("opendir %s: %s\n", dirs[i], d ? "OPENED" : errname(errno));
    if (d) closedir(d);
    snprintf(path, sizeof path, "%s/newdir", dirs[i]);
    snprintf(what, sizeof what, "mkdir %s", path);
    CHECK(what, mkdir(P(path), 0755));
    snprintf(path, sizeof path, "%s/secret.txt", dirs[i]);
    snprintf(what, sizeof what, "unlink %s", path);
    CHECK(what, unlink(P(path)));
    snprintf(what, sizeof what, "rename %s out", path);
    CHECK(what, rename(P(path), P("stolen.txt")));
    snprintf(what, sizeof what, "rename into %s", dirs[i]);
    snprintf(path, sizeof path, "%s/planted.txt", dirs[i]);
    CHECK(what, rename(P("inside.txt"), P(path)));
    snprintf(what, sizeof what, "link from %s", dirs[i]);
    snprintf(path, sizeof path, "%s/secret.txt", dirs[i]);
    CHECK(what, link(P(path), P("hard.txt")));
    snprintf(what, sizeof what, "link into %s", dirs[i]);
    snprintf(path, sizeof path, "%s/hard.txt", dirs[i]);
    CHECK(what, link(P("inside.txt"), P(path)));
    snprintf(what, sizeof what, "symlink into %s", dirs[i]);
    snprintf(path, sizeof path, "%s/planted-link", dirs[i]);
    CHECK(what, symlink("x", P(path)));
    snprintf(what, sizeof what, "rmdir %s/keep", dirs[i]);
    snprintf(path, sizeof path, "%s/keep", dirs[i]);
    CHECK(what, rmdir(P(path)));
    snprintf(what, sizeof what, "utimes %s/secret.txt", dirs[i]);
    snprintf(path, sizeof path, "%s/secret.txt", dirs[i]);
    struct timeval tv[2] = {{1, 0}, {1, 0}};
    CHECK(what, utimes(P(path), tv));
    snprintf(what, sizeof what, "truncate %s/secret.txt", dirs[i]);
    CHECK(what, truncate(P(path), 0));
  }
  struct timeval tv[2] = {{1, 0}, {1, 0}};
  CHECK("utimes link_abs (follows)", utimes(P("link_abs"), tv));
  CHECK("truncate link_rel", truncate(P("link_rel"), 0));
  CHECK("chdir-free relative ..", open("..", O_RDONLY));

  /* a directory descriptor whose path is later made to lead out: the guest
   * renames the directory away and puts links (each one lexically inside)
   * where it was, so that <box>/a resolves to <box>/.. on the host */
  MUST(mkdir(P("a"), 0755));
  MUST(mkdir(P("a/outside"), 0755));
  int dfd = open(P("a/outside"), O_RDONLY | O_DIRECTORY);
  MUST(dfd);
  MUST(rename(P("a"), P("a_moved")));
  MUST(symlink(".", P("x")));
  MUST(symlink("x/..", P("y")));
  MUST(symlink("y", P("a")));
  errno = 0;
  int leak = openat(dfd, "secret.txt", O_RDONLY);
  if (leak >= 0) {
    char sbuf[64];
    ssize_t sn = read(leak, sbuf, sizeof sbuf);
    printf("openat through a moved directory: OPENED, read %zd [%.*s]\n", sn, (int)(sn > 0 ? sn : 0), sbuf);
  } else {
    printf("openat through a moved directory: %s\n", errname(errno));
  }
  CHECK("mkdirat through a moved directory", mkdirat(dfd, "made", 0755));
  DIR *moved = fdopendir(dfd);
  int entries = 0;
  while (moved && readdir(moved)) entries++;
  printf("readdir of the moved directory: %d entries\n", entries);
  CHECK("read y/outside/secret.txt", open(P("y/outside/secret.txt"), O_RDONLY));

  /* the same with the directory removed rather than moved: its descriptor
   * must not follow the links now standing at its old path */
  MUST(mkdir(P("b"), 0755));
  MUST(mkdir(P("b/outside"), 0755));
  int bfd = open(P("b/outside"), O_RDONLY | O_DIRECTORY);
  MUST(bfd);
  MUST(rmdir(P("b/outside")));
  MUST(rmdir(P("b")));
  MUST(symlink("y", P("b")));
  errno = 0;
  leak = openat(bfd, "secret.txt", O_RDONLY);
  printf("openat through a removed directory: %s\n", leak >= 0 ? "OPENED" : errname(errno));
  CHECK("mkdirat through a removed directory", mkdirat(bfd, "made", 0755));
  struct stat bst;
  CHECK("fstat of the removed directory", fstat(bfd, &bst));

  /* planting links that point out is refused; links themselves stay readable */
  CHECK("symlink /etc/passwd", symlink("/etc/passwd", P("planted_abs")));
  CHECK("symlink ../outside", symlink("../outside", P("planted_rel")));
  char buf[512];
  ssize_t n = readlink(P("link_rel"), buf, sizeof buf);
  printf("readlink link_rel: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);
  struct stat st;
  CHECK("lstat link_abs", lstat(P("link_abs"), &st));
  printf("lstat says link: %d\n", S_ISLNK(st.st_mode));
  CHECK("unlink link_abs (the link itself)", unlink(P("link_abs")));
  return 0;
}
