/* Directories: mkdir, readdir (with . and .., many entries, long names,
 * rewinddir, seekdir/telldir), rmdir, paths through . and .., opendir errors.
 * Entries are printed sorted: the order readdir gives is the file system's.
 * Usage: wasi_dirs DIR (an empty directory to work in). */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_check.h"

static const char *type_name(unsigned char t) {
  switch (t) {
    case DT_REG: return "file";
    case DT_DIR: return "dir";
    case DT_LNK: return "link";
    case DT_UNKNOWN: return "unknown";
    default: return "other";
  }
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists `dir` sorted, one "name type" per line, or prints the error. */
static void list(const char *what, const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    printf("%s: opendir %s\n", what, errname(errno));
    return;
  }
  char *names[512];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 512) {
    char *s = malloc(strlen(e->d_name) + 16);
    sprintf(s, "%s %s", e->d_name, type_name(e->d_type));
    names[n++] = s;
  }
  closedir(d);
  qsort(names, n, sizeof names[0], by_name);
  printf("%s: %d entries\n", what, n);
  for (int i = 0; i < n; i++) {
    printf("  %s\n", names[i]);
    free(names[i]);
  }
}

static int count(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return -1;
  int n = 0;
  while (readdir(d)) n++;
  closedir(d);
  return n;
}

static void touch(const char *path) {
  int fd = open(path, O_CREAT | O_WRONLY, 0644);
  if (fd >= 0) close(fd);
}

int main(int argc, char **argv) {
  start(argc, argv);
  list("empty", work_dir);
  CHECK("mkdir a", mkdir(P("a"), 0755));
  CHECK("mkdir a again", mkdir(P("a"), 0755));
  CHECK("mkdir a/b", mkdir(P("a/b"), 0755));
  CHECK("mkdir a/b/c/", mkdir(P("a/b/c/"), 0755));
  CHECK("mkdir missing/x", mkdir(P("missing/x"), 0755));
  CHECK("mkdir a/./b/../d", mkdir(P("a/./b/../d"), 0755));
  touch(P("a/file"));
  CHECK("mkdir a/file/x", mkdir(P("a/file/x"), 0755));
  CHECK("mkdir a/.", mkdir(P("a/."), 0755));
  CHECK("mkdir a/..", mkdir(P("a/.."), 0755));
  list("a", P("a"));
  list("a/b/..", P("a/b/.."));
  list("a/b/c", P("a/b/c"));
  list("a/file", P("a/file"));
  list("missing", P("missing"));

  struct stat st;
  CHECK("stat a/b/c/../../d", stat(P("a/b/c/../../d"), &st));
  printf("is dir: %d\n", S_ISDIR(st.st_mode));
  CHECK("stat a/file/", stat(P("a/file/"), &st));
  CHECK("stat a/b/", stat(P("a/b/"), &st));

  /* many entries with long names: more than one fd_readdir buffer */
  CHECK("mkdir many", mkdir(P("many"), 0755));
  char name[300];
  for (int i = 0; i < 300; i++) {
    snprintf(name, sizeof name, "many/%03d-%s", i,
             "a-rather-long-file-name-to-fill-readdir-buffers-quickly-0123456789-abcdefghijklmnopqrstuvwxyz");
    touch(P(name));
  }
  printf("many: %d entries\n", count(P("many")));

  /* rewinddir sees new entries; telldir/seekdir return to an entry */
  DIR *d = opendir(P("many"));
  int seen = 0;
  long pos = -1;
  char at_pos[300] = "";
  struct dirent *e;
  while ((e = readdir(d))) {
    if (++seen == 150) {
      pos = telldir(d);
    }
    if (seen == 151) snprintf(at_pos, sizeof at_pos, "%s", e->d_name);
  }
  seekdir(d, pos);
  e = readdir(d);
  printf("seekdir returns to the same entry: %d\n", e && strcmp(e->d_name, at_pos) == 0);
  touch(P("many/zzz-new"));
  rewinddir(d);
  seen = 0;
  while ((e = readdir(d))) seen++;
  printf("after rewinddir: %d entries\n", seen);
  closedir(d);

  /* fdopendir on an fd from open(O_DIRECTORY) */
  int fd = open(P("a"), O_RDONLY | O_DIRECTORY);
  MUST(fd);
  d = fdopendir(fd);
  seen = 0;
  while (d && readdir(d)) seen++;
  printf("fdopendir a: %d entries\n", seen);
  if (d) closedir(d);
  SHOW("open file O_DIRECTORY", open(P("a/file"), O_RDONLY | O_DIRECTORY));
  SHOW("open dir O_WRONLY", open(P("a"), O_WRONLY));
  SHOW("open dir O_RDWR", open(P("a"), O_RDWR));
  SHOW("open dir O_CREAT", open(P("a"), O_CREAT | O_RDONLY, 0644));
  fd = open(P("a"), O_RDONLY);
  char buf[8];
  SHOW("read on a dir fd", read(fd, buf, sizeof buf));
  SHOW("write on a dir fd", write(fd, buf, 1));
  SHOW("pread on a dir fd", pread(fd, buf, 1, 0));
  close(fd);

  /* rmdir */
  CHECK("rmdir a (not empty)", rmdir(P("a")));
  CHECK("rmdir a/file", rmdir(P("a/file")));
  CHECK("rmdir a/b/c/", rmdir(P("a/b/c/")));
  CHECK("rmdir a/b/c again", rmdir(P("a/b/c")));
  CHECK("rmdir a/b/.", rmdir(P("a/b/.")));
  CHECK("rmdir a/b/..", rmdir(P("a/b/..")));
  CHECK("unlink a/b", unlink(P("a/b")));
  CHECK("unlink a/file/", unlink(P("a/file/")));
  CHECK("rmdir a/b", rmdir(P("a/b")));
  CHECK("unlink a/file", unlink(P("a/file")));
  CHECK("rmdir a/d", rmdir(P("a/d")));
  CHECK("rmdir a", rmdir(P("a")));
  list("after rmdir", work_dir);
  return 0;
}
