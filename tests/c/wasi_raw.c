/* WASI preview 1 called directly (sandbox only, no native twin): what libc
 * never asks or asks differently — preopen discovery, fd_readdir cookies and
 * truncation with tiny buffers, *_NOW time flags, rights, bad pointers,
 * NUL and non-UTF-8 paths, refused symlink targets, unknown flags and clocks.
 * Expected output: wasi_raw.expected. Usage: wasi_raw (with --dir=X:/data). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define WASI(name, ...) \
  __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name))) int32_t raw_##name(__VA_ARGS__)

WASI(fd_prestat_get, int32_t fd, int32_t out);
WASI(fd_prestat_dir_name, int32_t fd, int32_t buf, int32_t len);
WASI(path_open, int32_t fd, int32_t dirflags, int32_t path, int32_t len, int32_t oflags, int64_t base, int64_t inh,
     int32_t fdflags, int32_t out);
WASI(fd_readdir, int32_t fd, int32_t buf, int32_t len, int64_t cookie, int32_t used);
WASI(fd_filestat_get, int32_t fd, int32_t out);
WASI(fd_filestat_set_times, int32_t fd, int64_t atim, int64_t mtim, int32_t flags);
WASI(path_filestat_get, int32_t fd, int32_t flags, int32_t path, int32_t len, int32_t out);
WASI(path_filestat_set_times, int32_t fd, int32_t flags, int32_t path, int32_t len, int64_t atim, int64_t mtim,
     int32_t fst);
WASI(fd_fdstat_get, int32_t fd, int32_t out);
WASI(fd_fdstat_set_rights, int32_t fd, int64_t base, int64_t inh);
WASI(fd_read, int32_t fd, int32_t iovs, int32_t n, int32_t out);
WASI(fd_write, int32_t fd, int32_t iovs, int32_t n, int32_t out);
WASI(fd_seek, int32_t fd, int64_t off, int32_t whence, int32_t out);
WASI(fd_tell, int32_t fd, int32_t out);
WASI(fd_allocate, int32_t fd, int64_t off, int64_t len);
WASI(fd_advise, int32_t fd, int64_t off, int64_t len, int32_t advice);
WASI(fd_close, int32_t fd);
WASI(path_symlink, int32_t target, int32_t tlen, int32_t fd, int32_t path, int32_t len);
WASI(path_readlink, int32_t fd, int32_t path, int32_t len, int32_t buf, int32_t buflen, int32_t used);
WASI(path_create_directory, int32_t fd, int32_t path, int32_t len);
WASI(path_remove_directory, int32_t fd, int32_t path, int32_t len);
WASI(path_unlink_file, int32_t fd, int32_t path, int32_t len);
WASI(clock_res_get, int32_t id, int32_t out);
WASI(clock_time_get, int32_t id, int64_t precision, int32_t out);
WASI(random_get, int32_t buf, int32_t len);
WASI(args_sizes_get, int32_t argc, int32_t size);
WASI(sched_yield, void);

#define PTR(p) ((int32_t)(uintptr_t)(p))
#define S(s) PTR(s), (int32_t)strlen(s)
#define R(what, call) printf("%s: %d\n", what, (int)(call))
#define PREOPEN 3
#define BAD_PTR ((int32_t)0x7ffffff0)
#define FD_READ (1ull << 1)
#define FD_WRITE (1ull << 6)
#define FD_READDIR (1ull << 14)
#define ALL ((1ull << 30) - 1)
#define CREAT 1
#define EXCL 4
#define FOLLOW 1
#define ATIM 1
#define ATIM_NOW 2
#define MTIM 4
#define MTIM_NOW 8

static uint64_t u64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

static uint32_t u32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static int32_t open_file(const char *path, int32_t oflags, uint64_t rights) {
  int32_t fd = -1;
  int32_t e = raw_path_open(PREOPEN, FOLLOW, S(path), oflags, rights, rights, 0, PTR(&fd));
  return e ? -e : fd;
}

static uint64_t now_ns(void) {
  uint64_t t = 0;
  raw_clock_time_get(0, 1, PTR(&t));
  return t;
}

static void times_of(const char *what, int32_t fd, uint64_t since) {
  uint8_t st[64];
  raw_fd_filestat_get(fd, PTR(st));
  uint64_t a = u64(st + 40), m = u64(st + 48);
  uint64_t slack = 2000000000ull;
  printf("%s: atime %s mtime %s\n", what,
         a + slack >= since && a <= now_ns() + slack ? "now" : a == 1000000000ull ? "1e9" : "other",
         m + slack >= since && m <= now_ns() + slack ? "now" : m == 2000000000ull ? "2e9" : "other");
}

int main(void) {
  uint8_t buf[256];
  uint32_t used = 0;

  /* preopens: fd 3 is /data, nothing else is */
  R("prestat 3", raw_fd_prestat_get(PREOPEN, PTR(buf)));
  printf("prestat 3 tag %d len %u\n", buf[0], u32(buf + 4));
  memset(buf, '.', 8);
  R("dir_name 3", raw_fd_prestat_dir_name(PREOPEN, PTR(buf), 8));
  printf("dir_name: [%.8s]\n", (char *)buf);
  R("dir_name short buffer", raw_fd_prestat_dir_name(PREOPEN, PTR(buf), 4));
  R("prestat 0 (stdin)", raw_fd_prestat_get(0, PTR(buf)));
  R("prestat 4", raw_fd_prestat_get(4, PTR(buf)));
  R("prestat bad pointer", raw_fd_prestat_get(PREOPEN, BAD_PTR));

  /* paths the host refuses before touching anything */
  int32_t fd = -1;
  R("open empty path", raw_path_open(PREOPEN, FOLLOW, S(""), 0, ALL, ALL, 0, PTR(&fd)));
  R("open /etc/passwd", raw_path_open(PREOPEN, FOLLOW, S("/etc/passwd"), 0, ALL, ALL, 0, PTR(&fd)));
  R("open ../x", raw_path_open(PREOPEN, FOLLOW, S("../x"), 0, ALL, ALL, 0, PTR(&fd)));
  R("open path with NUL", raw_path_open(PREOPEN, FOLLOW, PTR("a\0b"), 3, 0, ALL, ALL, 0, PTR(&fd)));
  R("open non-UTF-8 path", raw_path_open(PREOPEN, FOLLOW, PTR("\xff\xfe"), 2, 0, ALL, ALL, 0, PTR(&fd)));
  R("open path at bad pointer", raw_path_open(PREOPEN, FOLLOW, BAD_PTR, 64, 0, ALL, ALL, 0, PTR(&fd)));
  R("open unknown oflags", raw_path_open(PREOPEN, FOLLOW, S("x"), 64, ALL, ALL, 0, PTR(&fd)));
  R("open result at bad pointer", raw_path_open(PREOPEN, FOLLOW, S("."), 0, ALL, ALL, 0, BAD_PTR));
  R("open relative to stdout", raw_path_open(1, FOLLOW, S("x"), 0, ALL, ALL, 0, PTR(&fd)));

  /* files and rights */
  int32_t f = open_file("f", CREAT | EXCL, FD_READ | FD_WRITE);
  printf("created f: %d\n", f > 0);
  const char *text = "0123456789";
  int32_t iov[2] = {PTR(text), 10};
  R("write f", raw_fd_write(f, PTR(iov), 1, PTR(&used)));
  printf("wrote %u\n", used);
  uint8_t fdstat[24];
  R("fdstat f", raw_fd_fdstat_get(f, PTR(fdstat)));
  uint64_t rights = u64(fdstat + 8);
  printf("type %d rights read %d write %d\n", fdstat[0], (rights & FD_READ) != 0, (rights & FD_WRITE) != 0);
  R("grow rights", raw_fd_fdstat_set_rights(f, ALL, ALL));
  R("drop FD_READ", raw_fd_fdstat_set_rights(f, FD_WRITE, 0));
  int32_t riov[2] = {PTR(buf), 4};
  R("read without FD_READ", raw_fd_read(f, PTR(riov), 1, PTR(&used)));
  uint64_t pos = 0;
  R("tell", raw_fd_tell(f, PTR(&pos)));
  printf("position %llu\n", (unsigned long long)pos);
  R("seek bad whence", raw_fd_seek(f, 0, 7, PTR(&pos)));
  R("allocate len 0", raw_fd_allocate(f, 0, 0));
  R("allocate 0+100", raw_fd_allocate(f, 0, 100));
  uint8_t st[64];
  raw_fd_filestat_get(f, PTR(st));
  printf("size after allocate %llu, type %d, nlink %llu\n", (unsigned long long)u64(st + 32), st[16],
         (unsigned long long)u64(st + 24));
  R("advise bad advice", raw_fd_advise(f, 0, 0, 9));
  R("advise on stdout", raw_fd_advise(1, 0, 0, 0));
  R("filestat bad pointer", raw_fd_filestat_get(f, BAD_PTR));
  R("filestat stdout", raw_fd_filestat_get(1, PTR(st)));
  printf("stdout size %llu ino %llu\n", (unsigned long long)u64(st + 32), (unsigned long long)u64(st + 8));

  /* times: NOW flags, leaving one alone, contradictions */
  uint64_t t0 = now_ns();
  R("set times 1e9 2e9", raw_fd_filestat_set_times(f, 1000000000ull, 2000000000ull, ATIM | MTIM));
  times_of("given", f, t0);
  R("set times none", raw_fd_filestat_set_times(f, 5, 5, 0));
  times_of("none", f, t0);
  R("set mtime now", raw_fd_filestat_set_times(f, 0, 0, MTIM_NOW));
  times_of("mtime now", f, t0);
  R("set both now", raw_fd_filestat_set_times(f, 0, 0, ATIM_NOW | MTIM_NOW));
  times_of("both now", f, t0);
  R("ATIM with ATIM_NOW", raw_fd_filestat_set_times(f, 0, 0, ATIM | ATIM_NOW));
  R("MTIM with MTIM_NOW", raw_fd_filestat_set_times(f, 0, 0, MTIM | MTIM_NOW));
  R("unknown fstflags", raw_fd_filestat_set_times(f, 0, 0, 16));
  R("path set times 1e9 2e9", raw_path_filestat_set_times(PREOPEN, FOLLOW, S("f"), 1000000000ull, 2000000000ull,
                                                           ATIM | MTIM));
  times_of("path given", f, t0);
  R("path set atime now", raw_path_filestat_set_times(PREOPEN, FOLLOW, S("f"), 0, 0, ATIM_NOW));
  times_of("path atime now", f, t0);
  R("close f", raw_fd_close(f));

  /* symbolic links the guest may and may not create */
  R("symlink inside", raw_path_symlink(S("f"), PREOPEN, S("ok-link")));
  R("symlink sub/../f", raw_path_symlink(S("sub/../f"), PREOPEN, S("ok-link2")));
  R("symlink absolute", raw_path_symlink(S("/etc/passwd"), PREOPEN, S("abs-link")));
  R("symlink ../outside", raw_path_symlink(S("../outside"), PREOPEN, S("up-link")));
  R("symlink a/../../x", raw_path_symlink(S("a/../../x"), PREOPEN, S("up-link2")));
  R("mkdir sub", raw_path_create_directory(PREOPEN, S("sub")));
  R("symlink ../f in sub", raw_path_symlink(S("../f"), PREOPEN, S("sub/ok-up")));
  R("symlink ../../f in sub", raw_path_symlink(S("../../f"), PREOPEN, S("sub/bad-up")));
  memset(buf, 0, sizeof buf);
  R("readlink sub/ok-up", raw_path_readlink(PREOPEN, S("sub/ok-up"), PTR(buf), sizeof buf, PTR(&used)));
  printf("link: [%.*s]\n", (int)used, (char *)buf);
  R("readlink into bad buffer", raw_path_readlink(PREOPEN, S("sub/ok-up"), BAD_PTR, 64, PTR(&used)));
  uint8_t fst[64];
  R("stat sub/ok-up", raw_path_filestat_get(PREOPEN, FOLLOW, S("sub/ok-up"), PTR(fst)));
  printf("type %d size %llu\n", fst[16], (unsigned long long)u64(fst + 32));

  /* fd_readdir: cookies, truncation, tiny buffers */
  R("mkdir d", raw_path_create_directory(PREOPEN, S("d")));
  for (int i = 0; i < 3; i++) {
    char name[8];
    snprintf(name, sizeof name, "d/e%d", i);
    int32_t g = open_file(name, CREAT, FD_WRITE);
    raw_fd_close(g);
  }
  int32_t d = open_file("d", 2 /* DIRECTORY */, FD_READ | FD_READDIR);
  printf("opened d: %d\n", d > 0);
  R("readdir 30-byte buffer", raw_fd_readdir(d, PTR(buf), 30, 0, PTR(&used)));
  printf("used %u (truncated entry fills the buffer), first next %llu namlen %u type %d name %c\n", used,
         (unsigned long long)u64(buf), u32(buf + 16), buf[20], buf[24]);
  uint64_t cookie = 0;
  int names = 0;
  for (;;) {
    R("readdir one entry", raw_fd_readdir(d, PTR(buf), 24 + 2, cookie, PTR(&used)));
    if (used == 0) break;
    uint32_t namlen = u32(buf + 16);
    printf("  cookie %llu -> next %llu, namlen %u, type %d\n", (unsigned long long)cookie,
           (unsigned long long)u64(buf), namlen, buf[20]);
    if (used < 24 || namlen > 2 || ++names > 10) break;
    cookie = u64(buf);
  }
  R("readdir past the end", raw_fd_readdir(d, PTR(buf), sizeof buf, 99, PTR(&used)));
  printf("used %u\n", used);
  R("readdir zero-length buffer", raw_fd_readdir(d, PTR(buf), 0, 0, PTR(&used)));
  printf("used %u\n", used);
  R("readdir bad buffer", raw_fd_readdir(d, BAD_PTR, 256, 0, PTR(&used)));
  R("readdir on stdout", raw_fd_readdir(1, PTR(buf), sizeof buf, 0, PTR(&used)));
  R("seek on dir", raw_fd_seek(d, 0, 0, PTR(&pos)));
  R("read on dir", raw_fd_read(d, PTR(riov), 1, PTR(&used)));
  R("close d", raw_fd_close(d));
  R("rmdir ., the preopen", raw_path_remove_directory(PREOPEN, S(".")));
  R("unlink .", raw_path_unlink_file(PREOPEN, S(".")));

  /* clocks, random, args, yield */
  uint64_t res = 0;
  R("clock_res_get 9", raw_clock_res_get(9, PTR(&res)));
  R("clock_time_get 9", raw_clock_time_get(9, 0, PTR(&res)));
  R("clock_res_get bad pointer", raw_clock_res_get(1, BAD_PTR));
  static uint8_t rnd[100000];
  R("random_get 100000", raw_random_get(PTR(rnd), sizeof rnd));
  int zeros = 0;
  for (size_t i = sizeof rnd - 1000; i < sizeof rnd; i++) zeros += rnd[i] == 0;
  printf("tail of random is random: %d\n", zeros < 50);
  R("random_get bad pointer", raw_random_get(BAD_PTR, 64));
  uint32_t argc = 0, argsize = 0;
  R("args_sizes_get", raw_args_sizes_get(PTR(&argc), PTR(&argsize)));
  printf("argc %u\n", argc);
  R("sched_yield", raw_sched_yield());
  return 0;
}
