/*
 * Setting file times: futimens, utimensat, utime, utimes, futimesat,
 * futimes and lutimes, as on Linux.
 *
 * Debian's wasi-libc (2022) miscompiles the helper its futimens and
 * utimensat share: UTIME_NOW or UTIME_OMIT in the modification-time slot
 * fails with EINVAL, and a NULL `times` sets both times to 0 (the epoch).
 *
 * Which symbols are replaced follows wasi-libc's object files, so that no
 * object of libc.a is ever pulled in next to one of these (two definitions
 * of one symbol): futimens is alone in futimens.o, and
 * __wasilibc_nocwd_utimensat alone in utimensat.o. wasi-libc's utimensat
 * (in at_fdcwd.o, with openat and the other *at calls), utime and utimes
 * (in posix.o, with open and stat) resolve the path and then call
 * __wasilibc_nocwd_utimensat, so they use the code below unchanged.
 * futimes and lutimes are not in wasi-libc at all.
 *
 * WASI timestamps are unsigned nanoseconds since the epoch: a time before
 * 1970 is EINVAL (Linux would accept it).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <utime.h>
#include <wasi/api.h>

#define NS_PER_SEC 1000000000ull
#define NS_PER_USEC 1000

/* wasi-libc declares this internal function in no public header. */
int __wasilibc_nocwd_utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);

static int fail(int err) {
    errno = err;
    return -1;
}

static bool nsec_valid(long nsec) {
    return nsec == UTIME_NOW || nsec == UTIME_OMIT || (nsec >= 0 && (unsigned long)nsec < NS_PER_SEC);
}

/* One time slot: a value (`set_flag`), now (`now_flag`) or left alone. */
static bool slot(const struct timespec *t, __wasi_fstflags_t set_flag, __wasi_fstflags_t now_flag,
                 __wasi_timestamp_t *out, __wasi_fstflags_t *flags) {
    *out = 0;
    if (t->tv_nsec == UTIME_OMIT) return true;
    if (t->tv_nsec == UTIME_NOW) {
        *flags |= now_flag;
        return true;
    }
    if (t->tv_sec < 0 || (uint64_t)t->tv_sec > (UINT64_MAX - (uint64_t)t->tv_nsec) / NS_PER_SEC) return false;
    *out = (uint64_t)t->tv_sec * NS_PER_SEC + (uint64_t)t->tv_nsec;
    *flags |= set_flag;
    return true;
}

/*
 * `times` as WASI's set_times arguments. Returns 0, -1 when there is
 * nothing to do (both UTIME_OMIT: Linux then succeeds without looking at
 * the file), or a WASI errno.
 */
static int wasi_times(const struct timespec *times, __wasi_timestamp_t *atim, __wasi_timestamp_t *mtim,
                      __wasi_fstflags_t *flags) {
    *atim = *mtim = 0;
    if (times == NULL) {
        *flags = __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW;
        return 0;
    }
    if (times[0].tv_nsec == UTIME_OMIT && times[1].tv_nsec == UTIME_OMIT) return -1;
    if (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec)) return EINVAL;
    *flags = 0;
    if (!slot(&times[0], __WASI_FSTFLAGS_ATIM, __WASI_FSTFLAGS_ATIM_NOW, atim, flags) ||
        !slot(&times[1], __WASI_FSTFLAGS_MTIM, __WASI_FSTFLAGS_MTIM_NOW, mtim, flags))
        return EINVAL;
    return 0;
}

int futimens(int fd, const struct timespec times[2]) {
    __wasi_timestamp_t atim, mtim;
    __wasi_fstflags_t flags;
    int r = wasi_times(times, &atim, &mtim, &flags);
    if (r == -1) return 0;
    if (r != 0) return fail(r);
    __wasi_errno_t err = __wasi_fd_filestat_set_times(fd, atim, mtim, flags);
    return err ? fail(err) : 0;
}

int __wasilibc_nocwd_utimensat(int dirfd, const char *path, const struct timespec times[2], int flags) {
    if (flags & ~AT_SYMLINK_NOFOLLOW) return fail(EINVAL);
    __wasi_timestamp_t atim, mtim;
    __wasi_fstflags_t fst;
    int r = wasi_times(times, &atim, &mtim, &fst);
    if (r == -1) return 0;
    if (r != 0) return fail(r);
    __wasi_lookupflags_t lookup = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
    __wasi_errno_t err = __wasi_path_filestat_set_times(dirfd, lookup, path, atim, mtim, fst);
    return err ? fail(err) : 0;
}

/* A timeval pair as a timespec pair; false if a tv_usec is out of range (EINVAL on Linux). */
static bool from_timevals(const struct timeval tv[2], struct timespec ts[2]) {
    for (int i = 0; i < 2; i++) {
        if (tv[i].tv_usec < 0 || tv[i].tv_usec >= (long)(NS_PER_SEC / NS_PER_USEC)) return false;
        ts[i].tv_sec = tv[i].tv_sec;
        ts[i].tv_nsec = tv[i].tv_usec * NS_PER_USEC;
    }
    return true;
}

int futimes(int fd, const struct timeval tv[2]) {
    struct timespec ts[2];
    if (tv == NULL) return futimens(fd, NULL);
    if (!from_timevals(tv, ts)) return fail(EINVAL);
    return futimens(fd, ts);
}

int lutimes(const char *path, const struct timeval tv[2]) {
    struct timespec ts[2];
    if (tv == NULL) return utimensat(AT_FDCWD, path, NULL, AT_SYMLINK_NOFOLLOW);
    if (!from_timevals(tv, ts)) return fail(EINVAL);
    return utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW);
}
