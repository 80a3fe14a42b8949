/*
 * sysconf(): wasi-libc's, except _SC_OPEN_MAX, which it answers -1 ("no
 * rlimit on WASI") and Linux answers with RLIMIT_NOFILE's soft limit (what
 * daemons loop to when they close every descriptor). `sockbox cc` links with
 * --wrap=sysconf, so every call lands here and __real_sysconf is wasi-libc's.
 * Also getdtablesize() and getpagesize(), which wasi-libc declares only for
 * its upstream build.
 */
#include <limits.h>
#include <sys/resource.h>
#include <unistd.h>

long __real_sysconf(int name);

long __wrap_sysconf(int name) {
    if (name == _SC_OPEN_MAX) {
        struct rlimit rl;
        if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY) return -1;
        return rl.rlim_cur > LONG_MAX ? LONG_MAX : (long)rl.rlim_cur;
    }
    return __real_sysconf(name);
}

int getdtablesize(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) < 0) return -1;
    return rl.rlim_cur > INT_MAX ? INT_MAX : (int)rl.rlim_cur;
}

int getpagesize(void) {
    return (int)sysconf(_SC_PAGESIZE);
}
