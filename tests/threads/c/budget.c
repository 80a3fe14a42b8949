/*
 * A fork bomb held by --max-memory: each process holds a 4 MiB buffer and
 * forks until fork() fails; the sandbox refuses the fork that would take the
 * memory of all processes past the budget (ENOMEM). Then the children are
 * killed and reaped.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BUFFER (4 << 20)
#define MAX_CHILDREN 1000

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    volatile char *held = malloc(BUFFER);
    if (!held) {
        perror("malloc");
        return 1;
    }
    for (int i = 0; i < BUFFER; i += 4096) held[i] = 1;
    static pid_t kids[MAX_CHILDREN];
    int n = 0;
    while (n < MAX_CHILDREN) {
        pid_t pid = fork();
        if (pid == 0) {
            pause();
            _exit(0);
        }
        if (pid < 0) {
            printf("fork failed after %d children: %s\n", n, strerror(errno));
            break;
        }
        kids[n++] = pid;
    }
    for (int i = 0; i < n; i++) kill(kids[i], SIGKILL);
    int reaped = 0, status;
    while (wait(&status) > 0)
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) reaped++;
    printf("killed and reaped %d children\n", reaped);
    return 0;
}
