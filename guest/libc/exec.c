/*
 * The exec family: a sandboxed wasm program has no other program to run, so
 * every call fails cleanly with ENOSYS and the caller goes on (a child that
 * fork()ed to exec usually reports the error and _exit()s).
 */
#include <errno.h>
#include <unistd.h>

static int no_exec(void) {
    errno = ENOSYS;
    return -1;
}

int execve(const char *path, char *const argv[], char *const envp[]) {
    (void)path, (void)argv, (void)envp;
    return no_exec();
}

int execv(const char *path, char *const argv[]) {
    (void)path, (void)argv;
    return no_exec();
}

int execvp(const char *file, char *const argv[]) {
    (void)file, (void)argv;
    return no_exec();
}

int execvpe(const char *file, char *const argv[], char *const envp[]) {
    (void)file, (void)argv, (void)envp;
    return no_exec();
}

int execl(const char *path, const char *arg, ...) {
    (void)path, (void)arg;
    return no_exec();
}

int execlp(const char *file, const char *arg, ...) {
    (void)file, (void)arg;
    return no_exec();
}

int execle(const char *path, const char *arg, ...) {
    (void)path, (void)arg;
    return no_exec();
}

int fexecve(int fd, char *const argv[], char *const envp[]) {
    (void)fd, (void)argv, (void)envp;
    return no_exec();
}
