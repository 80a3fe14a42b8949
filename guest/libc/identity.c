/*
 * Who the program runs as, and its host name: wasi-libc hides getuid() and
 * friends and has no gethostname(). The sandbox runs as one ordinary user,
 * uid and gid 1000 (like the pids, the sandbox's own numbers, not the
 * host's) in no other group, who may not become another (EPERM), and its
 * host is "localhost" (uname()'s nodename too; the real host's name is not
 * the guest's business).
 * umask() is recorded (WASI files have no permission bits to apply it to).
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <unistd.h>

#define SBX_UID 1000
#define SBX_GID 1000
#define SBX_HOSTNAME "localhost"

static mode_t file_mask = 022;

static int fail(int err) {
    errno = err;
    return -1;
}

uid_t getuid(void) { return SBX_UID; }
uid_t geteuid(void) { return SBX_UID; }
gid_t getgid(void) { return SBX_GID; }
gid_t getegid(void) { return SBX_GID; }

int setuid(uid_t uid) { return uid == SBX_UID ? 0 : fail(EPERM); }
int seteuid(uid_t uid) { return uid == SBX_UID ? 0 : fail(EPERM); }
int setgid(gid_t gid) { return gid == SBX_GID ? 0 : fail(EPERM); }
int setegid(gid_t gid) { return gid == SBX_GID ? 0 : fail(EPERM); }

/* No supplementary groups. */
int getgroups(int size, gid_t list[]) {
    (void)list;
    return size < 0 ? fail(EINVAL) : 0;
}

mode_t umask(mode_t mask) {
    mode_t old = file_mask;
    file_mask = mask & 0777;
    return old;
}

int gethostname(char *name, size_t len) {
    if (len < sizeof SBX_HOSTNAME) return fail(ENAMETOOLONG); /* glibc */
    memcpy(name, SBX_HOSTNAME, sizeof SBX_HOSTNAME);
    return 0;
}

/* wasi-libc's says "(none)" for the node; this says what gethostname() does. */
int uname(struct utsname *u) {
    if (u == NULL) return fail(EFAULT);
    memset(u, 0, sizeof *u);
    strcpy(u->sysname, "wasi");
    strcpy(u->nodename, SBX_HOSTNAME);
    strcpy(u->release, "0.0.0");
    strcpy(u->version, "0.0.0");
    strcpy(u->machine, "wasm32");
    return 0;
}
