/*
 * openlog(), syslog(), vsyslog(), setlogmask(), closelog() (<syslog.h>).
 * sockbox has no system log: a message the log mask lets through is written
 * on stderr as the log would record it, "IDENT[PID]: MESSAGE" (the pid with
 * LOG_PID; IDENT is openlog()'s, or the program's name), one line each.
 * %m is strerror(errno), as in glibc's syslog.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "sockbox_internal.h"

#define SYSLOG_LINE_MAX 1024

static const char *log_ident;
static int log_options;
static int log_mask = 0xff;

void openlog(const char *ident, int options, int facility) {
    (void)facility; /* one log, no facilities */
    log_ident = ident;
    log_options = options;
}

void closelog(void) {
    log_ident = NULL;
    log_options = 0;
}

int setlogmask(int mask) {
    int old = log_mask;
    if (mask != 0) log_mask = mask;
    return old;
}

void vsyslog(int priority, const char *fmt, va_list ap) {
    if (!(log_mask & LOG_MASK(LOG_PRI(priority)))) return;
    int saved = errno;
    char msg[SYSLOG_LINE_MAX];
    errno = saved; /* for %m */
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t len = strlen(msg);
    const char *nl = len > 0 && msg[len - 1] == '\n' ? "" : "\n";
    const char *ident = log_ident ? log_ident : __sbx_progname();
    if (log_options & LOG_PID) fprintf(stderr, "%s[%d]: %s%s", ident, (int)getpid(), msg, nl);
    else fprintf(stderr, "%s: %s%s", ident, msg, nl);
    errno = saved;
}

void syslog(int priority, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsyslog(priority, fmt, ap);
    va_end(ap);
}
