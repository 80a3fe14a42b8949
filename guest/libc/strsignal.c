/*
 * strsignal() and psignal() with glibc's texts (wasi-libc keeps them in
 * libwasi-emulated-signal, which sockbox cc does not link).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char *const names[] = {
    [SIGHUP] = "Hangup", [SIGINT] = "Interrupt", [SIGQUIT] = "Quit",
    [SIGILL] = "Illegal instruction", [SIGTRAP] = "Trace/breakpoint trap", [SIGABRT] = "Aborted",
    [SIGBUS] = "Bus error", [SIGFPE] = "Floating point exception", [SIGKILL] = "Killed",
    [SIGUSR1] = "User defined signal 1", [SIGSEGV] = "Segmentation fault",
    [SIGUSR2] = "User defined signal 2", [SIGPIPE] = "Broken pipe", [SIGALRM] = "Alarm clock",
    [SIGTERM] = "Terminated", [SIGSTKFLT] = "Stack fault", [SIGCHLD] = "Child exited",
    [SIGCONT] = "Continued", [SIGSTOP] = "Stopped (signal)", [SIGTSTP] = "Stopped",
    [SIGTTIN] = "Stopped (tty input)", [SIGTTOU] = "Stopped (tty output)",
    [SIGURG] = "Urgent I/O condition", [SIGXCPU] = "CPU time limit exceeded",
    [SIGXFSZ] = "File size limit exceeded", [SIGVTALRM] = "Virtual timer expired",
    [SIGPROF] = "Profiling timer expired", [SIGWINCH] = "Window changed",
    [SIGIO] = "I/O possible", [SIGPWR] = "Power failure", [SIGSYS] = "Bad system call",
};

char *strsignal(int sig) {
    static char unknown[32];
    if (sig > 0 && sig < (int)(sizeof names / sizeof names[0]) && names[sig]) return (char *)names[sig];
    snprintf(unknown, sizeof unknown, "Unknown signal %d", sig);
    return unknown;
}

void psignal(int sig, const char *prefix) {
    if (prefix && *prefix) fprintf(stderr, "%s: %s\n", prefix, strsignal(sig));
    else fprintf(stderr, "%s\n", strsignal(sig));
}
