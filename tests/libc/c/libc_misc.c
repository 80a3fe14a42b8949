/*
 * libc_misc.c - the small calls classic servers make that wasi-libc lacks or
 * hides, compared with Linux as relations (no machine's own values):
 * gethostname/uname, the user and group ids, umask, pipe/pipe2, dup, dup2,
 * dup3, getdtablesize/sysconf(_SC_OPEN_MAX)/getpagesize, and err.h's
 * messages on stderr.
 *
 *   libc_misc DIR    (DIR: an empty directory to make a file in)
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

static const char *e(long r) {
    if (r >= 0) return "ok";
    switch (errno) {
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EPIPE: return "EPIPE";
    case EAGAIN: return "EAGAIN";
    case EPERM: return "EPERM";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    default: return strerror(errno);
    }
}

static const char *yes(int c) {
    return c ? "yes" : "no";
}

int main(int argc, char **argv) {
    if (argc != 2) errx(2, "usage: libc_misc DIR");
    signal(SIGPIPE, SIG_IGN);
    char host[256], tiny[2];
    struct utsname u;
    long r = gethostname(host, sizeof host);
    printf("gethostname: %s, a name: %s\n", e(r), yes(r == 0 && host[0] != '\0'));
    printf("uname's nodename is it: %s\n", yes(uname(&u) == 0 && strcmp(u.nodename, host) == 0));
    r = gethostname(tiny, sizeof tiny);
    printf("gethostname into 2 bytes: %s\n", e(r));

    printf("uid == euid: %s, gid == egid: %s\n", yes(getuid() == geteuid()), yes(getgid() == getegid()));
    r = setuid(getuid());
    printf("setuid(getuid()): %s\n", e(r));
    r = setgid(getgid());
    printf("setgid(getgid()): %s\n", e(r));
    gid_t groups[64];
    r = getgroups(64, groups);
    printf("getgroups: %s\n", e(r));
    mode_t old = umask(027);
    mode_t now = umask(old);
    printf("umask: 027 set and given back: %s\n", yes(now == 027));

    int p[2];
    r = pipe(p);
    printf("pipe: %s, two new descriptors: %s\n", e(r), yes(r == 0 && p[0] > 2 && p[1] > 2 && p[0] != p[1]));
    r = write(p[1], "abc", 3);
    printf("write 3: %ld\n", r);
    struct pollfd pf = {p[0], POLLIN, 0};
    r = poll(&pf, 1, 1000);
    printf("poll the read end: %ld, POLLIN: %s\n", r, yes(pf.revents & POLLIN));
    char buf[16];
    r = read(p[0], buf, sizeof buf);
    printf("read: %ld\n", r);
    int d = dup(p[1]);
    printf("dup of the write end: %s, the lowest free number: %s\n", e(d), yes(d > p[1]));
    close(p[1]);
    r = write(d, "de", 2);
    printf("write through the copy after closing the original: %ld\n", r);
    r = read(p[0], buf, sizeof buf);
    printf("read: %ld\n", r);
    close(d);
    r = read(p[0], buf, sizeof buf);
    printf("read once every write end is closed (EOF): %ld\n", r);
    close(p[0]);
    r = pipe(p);
    close(p[0]);
    r = write(p[1], "x", 1);
    printf("write with no reader left: %s\n", e(r));
    close(p[1]);
    r = pipe2(p, O_NONBLOCK);
    printf("pipe2(O_NONBLOCK): %s\n", e(r));
    r = read(p[0], buf, sizeof buf);
    printf("read of an empty non-blocking pipe: %s\n", e(r));
    close(p[0]);
    close(p[1]);
    r = pipe2(p, 0x40000000);
    printf("pipe2 with an unknown flag: %s\n", e(r));

    char path[512];
    snprintf(path, sizeof path, "%s/dup.txt", argv[1]);
    int f = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
    if (f < 0) err(1, "open %s", path);
    int g = dup(f);
    r = write(f, "hello ", 6);
    r = write(g, "world\n", 6);
    printf("writes through a file and its dup share the offset: %s\n", yes(lseek(f, 0, SEEK_CUR) == 12));
    int saved = dup(STDOUT_FILENO);
    fflush(stdout);
    r = dup2(f, STDOUT_FILENO);
    printf("this line goes to the file\n");
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    printf("dup2 onto stdout, then back: %s\n", e(r));
    lseek(f, 0, SEEK_SET);
    r = read(f, buf, 12);
    printf("the file starts with: %.*s", (int)(r > 0 ? r : 0), buf);
    char line[64] = "";
    r = read(f, line, sizeof line - 1);
    line[r > 0 ? r : 0] = '\0';
    printf("then: %s", line);
    r = dup2(f, 100);
    printf("dup2 to a free number: %ld\n", r);
    printf("it is open: %s\n", yes(fcntl(100, F_GETFL) >= 0));
    close(100);
    r = dup2(f, f);
    printf("dup2(f, f): %s, gives f: %s\n", e(r), yes(r == f));
    r = dup2(12345, 101);
    printf("dup2 of a closed descriptor: %s\n", e(r));
    r = dup2(f, -1);
    printf("dup2 to -1: %s\n", e(r));
    r = dup3(f, f, 0);
    printf("dup3(f, f): %s\n", e(r));
    r = dup(12345);
    printf("dup of a closed descriptor: %s\n", e(r));
    close(g);
    close(f);
    unlink(path);

    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("getdtablesize() == sysconf(_SC_OPEN_MAX) == RLIMIT_NOFILE: %s\n",
           yes(getdtablesize() == sysconf(_SC_OPEN_MAX) && (rlim_t)getdtablesize() == rl.rlim_cur));
    printf("getpagesize() == sysconf(_SC_PAGESIZE): %s\n", yes(getpagesize() == sysconf(_SC_PAGESIZE)));

    fflush(stdout);
    errno = ECONNREFUSED;
    warn("connect to %s", "127.0.0.1");
    warnx("%d clients", 3);
    errno = EPIPE;
    warn(NULL);
    errno = EADDRINUSE;
    err(3, "bind");
}
