/*
 * <err.h>: warn(), warnx(), err(), errx() and their v- forms, which wasi-libc
 * declares but does not define. As glibc: "NAME: MESSAGE: strerror(errno)"
 * (warn/err) or "NAME: MESSAGE" (the x forms) on stderr, NAME being the
 * program's short name; err() and errx() then exit() with the given status.
 */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sockbox_internal.h"

static void say(const char *fmt, va_list ap, int with_errno) {
    int saved = errno;
    fprintf(stderr, "%s: ", __sbx_progname());
    if (fmt) {
        vfprintf(stderr, fmt, ap);
        if (with_errno) fputs(": ", stderr);
    }
    if (with_errno) fputs(strerror(saved), stderr);
    fputc('\n', stderr);
}

void vwarn(const char *fmt, va_list ap) {
    say(fmt, ap, 1);
}

void vwarnx(const char *fmt, va_list ap) {
    say(fmt, ap, 0);
}

void warn(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vwarn(fmt, ap);
    va_end(ap);
}

void warnx(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vwarnx(fmt, ap);
    va_end(ap);
}

_Noreturn void verr(int status, const char *fmt, va_list ap) {
    vwarn(fmt, ap);
    exit(status);
}

_Noreturn void verrx(int status, const char *fmt, va_list ap) {
    vwarnx(fmt, ap);
    exit(status);
}

_Noreturn void err(int status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verr(status, fmt, ap);
}

_Noreturn void errx(int status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verrx(status, fmt, ap);
}
