/*
 * sockbox overlay for <unistd.h>: the process calls wasi-libc hides ("WASI
 * has no fork/exec", "no getpid etc."), which libsockbox implements over the
 * sockbox_proc imports (docs/concurrency.md):
 *   fork(), vfork()           a copy of the process (programs that call fork
 *                             are rewritten at link time by sockbox cc)
 *   getpid(), getppid(), process groups
 *   exec*()                   fail with ENOSYS: there is nothing to execute
 *   pause()                   waits until a signal is handled
 *   getdtablesize(), getpagesize()  RLIMIT_NOFILE's soft limit, the page size
 *   pipe(), dup(), dup2(), getuid() and the other ids (1000)
 * getpid() is declared without wasi-libc's deprecation: it is real here.
 */
#ifndef SOCKBOX_UNISTD_H
#define SOCKBOX_UNISTD_H

#ifndef _WASI_EMULATED_GETPID
#define _WASI_EMULATED_GETPID
#define SOCKBOX_UNDEF_EMULATED_GETPID
#endif
#include_next <unistd.h>
#ifdef SOCKBOX_UNDEF_EMULATED_GETPID
#undef _WASI_EMULATED_GETPID
#undef SOCKBOX_UNDEF_EMULATED_GETPID
#endif

#ifdef __cplusplus
extern "C" {
#endif

pid_t fork(void);
pid_t _Fork(void);
pid_t vfork(void);

int execve(const char *, char *const[], char *const[]);
int execv(const char *, char *const[]);
int execle(const char *, const char *, ...);
int execl(const char *, const char *, ...);
int execvp(const char *, char *const[]);
int execlp(const char *, const char *, ...);
int execvpe(const char *, char *const[], char *const[]);
int fexecve(int, char *const[], char *const[]);

pid_t getppid(void);
pid_t getpgrp(void);
pid_t getpgid(pid_t);
int setpgid(pid_t, pid_t);
pid_t setsid(void);
pid_t getsid(pid_t);

int pause(void);

/* Declared by wasi-libc only for its upstream build; libsockbox has them:
 * RLIMIT_NOFILE's soft limit and the page size (libc/sysconf.c), pipes
 * (libc/pipe.c), descriptor copies (libc/dup.c), the sandbox's user
 * (libc/identity.c). */
int getdtablesize(void);
int getpagesize(void);
int pipe(int[2]);
int pipe2(int[2], int);
int dup(int);
int dup2(int, int);
int dup3(int, int, int);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int getgroups(int, gid_t[]);
int setuid(uid_t);
int seteuid(uid_t);
int setgid(gid_t);
int setegid(gid_t);

#ifdef __cplusplus
}
#endif

#endif
