/* Names: rename (files, directories, replacing, errors), hard links and link
 * counts, unlink, symbolic links (readlink, stat vs lstat, traversal, dangling
 * links, loops, O_NOFOLLOW, O_CREAT through a dangling link).
 * Usage: wasi_links DIR (an empty directory to work in). */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_check.h"

static void put(const char *path, const char *text) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0) {
    printf("put %s failed: %s\n", path, errname(errno));
    return;
  }
  write(fd, text, strlen(text));
  close(fd);
}

static void cat(const char *what, const char *path) {
  char buf[128];
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("%s: %s\n", what, errname(errno));
    return;
  }
  ssize_t n = read(fd, buf, sizeof buf);
  close(fd);
  printf("%s: [%.*s]\n", what, (int)(n > 0 ? n : 0), buf);
}

static void nlink(const char *what, const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) printf("%s: %s\n", what, errname(errno));
  else printf("%s: nlink %ld\n", what, (long)st.st_nlink);
}

static void kind(const char *what, const char *path, int follow) {
  struct stat st;
  int r = follow ? stat(path, &st) : lstat(path, &st);
  if (r != 0) {
    printf("%s: %s\n", what, errname(errno));
    return;
  }
  printf("%s: %s size %ld\n", what,
         S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "link" : "other",
         S_ISDIR(st.st_mode) ? 0L : (long)st.st_size);
}

static void show_link(const char *what, const char *path, size_t size) {
  char buf[64];
  ssize_t n = readlink(path, buf, size);
  if (n < 0) printf("%s: %s\n", what, errname(errno));
  else printf("%s: %zd [%.*s]\n", what, n, (int)n, buf);
}

int main(int argc, char **argv) {
  start(argc, argv);
  put(P("f"), "contents of f");
  MUST(mkdir(P("d"), 0755));
  MUST(mkdir(P("d/sub"), 0755));
  MUST(mkdir(P("e"), 0755));
  put(P("e/inside"), "x");

  /* rename */
  CHECK("rename f g", rename(P("f"), P("g")));
  cat("g", P("g"));
  cat("f", P("f"));
  put(P("h"), "contents of h");
  CHECK("rename g over h", rename(P("g"), P("h")));
  cat("h", P("h"));
  CHECK("rename missing", rename(P("nothing"), P("x")));
  CHECK("rename h to itself", rename(P("h"), P("h")));
  CHECK("rename file onto dir", rename(P("h"), P("d")));
  CHECK("rename dir onto file", rename(P("d"), P("h")));
  CHECK("rename dir onto non-empty dir", rename(P("d"), P("e")));
  CHECK("rename dir into itself", rename(P("d"), P("d/sub/d")));
  CHECK("rename dir to new name", rename(P("d"), P("d2")));
  CHECK("rename dir onto empty dir", rename(P("d2/sub"), P("e2")) == 0 ? rename(P("d2"), P("e2")) : -1);
  kind("e2", P("e2"), 1);
  CHECK("rename file to name/", rename(P("h"), P("h2/")));
  CHECK("rename into missing dir", rename(P("h"), P("missing/h")));
  CHECK("rename .", rename(P("e/."), P("e3")));
  CHECK("rename file into dir", rename(P("h"), P("e/h")));
  cat("e/h", P("e/h"));

  /* hard links */
  nlink("e/h before link", P("e/h"));
  CHECK("link e/h hl", link(P("e/h"), P("hl")));
  nlink("e/h after link", P("e/h"));
  CHECK("link onto existing", link(P("e/h"), P("hl")));
  CHECK("link missing", link(P("missing"), P("hl2")));
  CHECK("link a directory", link(P("e"), P("elink")));
  put(P("hl"), "rewritten");
  cat("e/h through other name", P("e/h"));
  CHECK("unlink e/h", unlink(P("e/h")));
  nlink("hl after unlink", P("hl"));
  CHECK("unlink e/h again", unlink(P("e/h")));
  CHECK("unlink a dir", unlink(P("e")));

  /* symbolic links */
  CHECK("symlink hl sl", symlink("hl", P("sl")));
  CHECK("symlink onto existing", symlink("hl", P("sl")));
  show_link("readlink sl", P("sl"), 64);
  show_link("readlink sl truncated", P("sl"), 1);
  show_link("readlink a file", P("hl"), 64);
  show_link("readlink missing", P("missing"), 64);
  kind("stat sl", P("sl"), 1);
  kind("lstat sl", P("sl"), 0);
  cat("read through sl", P("sl"));
  CHECK("symlink e elink", symlink("e", P("elink")));
  CHECK("symlink to ../e from e2", symlink("../e", P("e2/up")));
  put(P("e/through"), "via e");
  cat("elink/through", P("elink/through"));
  cat("e2/up/through", P("e2/up/through"));
  kind("stat elink/", P("elink/"), 0);
  kind("lstat elink", P("elink"), 0);
  CHECK("rmdir elink", rmdir(P("elink")));
  CHECK("rmdir elink/", rmdir(P("elink/")));
  CHECK("unlink elink/", unlink(P("elink/")));

  /* dangling links */
  CHECK("symlink dangling", symlink("not-yet", P("dangling")));
  kind("stat dangling", P("dangling"), 1);
  kind("lstat dangling", P("dangling"), 0);
  CHECK("open dangling", open(P("dangling"), O_RDONLY));
  CHECK("O_CREAT|O_EXCL on dangling", open(P("dangling"), O_CREAT | O_EXCL | O_WRONLY, 0644));
  int fd = open(P("dangling"), O_CREAT | O_WRONLY, 0644);
  printf("O_CREAT through dangling: %s\n", fd >= 0 ? "ok" : errname(errno));
  if (fd >= 0) {
    write(fd, "created", 7);
    close(fd);
  }
  cat("not-yet", P("not-yet"));
  CHECK("mkdir on dangling link", (unlink(P("not-yet")), mkdir(P("dangling"), 0755)));

  /* loops and O_NOFOLLOW */
  CHECK("symlink loop1", symlink("loop2", P("loop1")));
  CHECK("symlink loop2", symlink("loop1", P("loop2")));
  CHECK("open loop", open(P("loop1"), O_RDONLY));
  CHECK("stat loop", ({ struct stat st; stat(P("loop1/x"), &st); }));
  CHECK("O_NOFOLLOW on link", open(P("sl"), O_RDONLY | O_NOFOLLOW));
  fd = open(P("hl"), O_RDONLY | O_NOFOLLOW);
  printf("O_NOFOLLOW on file: %s\n", fd >= 0 ? "ok" : errname(errno));
  close(fd);
  CHECK("symlink through file", open(P("hl/x"), O_RDONLY));
  CHECK("symlink empty target", symlink("", P("empty")));

  /* links to links, and removing them */
  CHECK("symlink sl2 -> sl", symlink("sl", P("sl2")));
  cat("read through two links", P("sl2"));
  CHECK("rename sl2 sl3", rename(P("sl2"), P("sl3")));
  show_link("readlink sl3", P("sl3"), 64);
  CHECK("unlink sl", unlink(P("sl")));
  cat("hl still there", P("hl"));
  cat("sl3 now dangling", P("sl3"));
  CHECK("linkat follow", linkat(AT_FDCWD, P("dangling"), AT_FDCWD, P("hard-to-target"), AT_SYMLINK_FOLLOW));
  put(P("not-yet"), "back");
  CHECK("linkat follow again", linkat(AT_FDCWD, P("dangling"), AT_FDCWD, P("hard-to-target"), AT_SYMLINK_FOLLOW));
  kind("hard-to-target", P("hard-to-target"), 0);
  CHECK("link to a symlink itself", link(P("dangling"), P("hard-to-link")));
  kind("hard-to-link", P("hard-to-link"), 0);
  return 0;
}
