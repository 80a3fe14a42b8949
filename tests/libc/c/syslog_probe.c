/*
 * syslog_probe.c - openlog() with LOG_PID, a %m message, a message the log
 * mask filters out, one at another priority, then closelog() and a message
 * with the default ident (the program's name). Natively these go to the
 * system log; sockbox has none and writes them on stderr.
 */
#include <errno.h>
#include <syslog.h>

int main(void) {
    openlog("probe", LOG_PID, LOG_DAEMON);
    errno = ECONNREFUSED;
    syslog(LOG_ERR, "connect: %m");
    setlogmask(LOG_UPTO(LOG_NOTICE));
    syslog(LOG_DEBUG, "filtered out");
    syslog(LOG_NOTICE, "%d clients\n", 3);
    closelog();
    syslog(LOG_WARNING, "without openlog");
    return 0;
}
