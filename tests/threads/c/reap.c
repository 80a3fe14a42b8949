/*
 * Zombie children are reaped, three ways:
 *   reap handler   a SIGCHLD handler reaps with waitpid(-1, ..., WNOHANG)
 *   reap poll      the parent polls waitpid(-1, ..., WNOHANG) in its loop
 *   reap ignore    SIGCHLD set to SIG_IGN: children are never zombies, and
 *                  wait() fails with ECHILD once they have all ended
 * Each mode forks 25 children that exit at once with codes 0..24.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 25

static volatile sig_atomic_t reaped, code_sum;

static void on_chld(int sig) {
    (void)sig;
    int saved = errno, status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        reaped++;
        code_sum += WEXITSTATUS(status);
    }
    errno = saved;
}

static void spawn_all(void) {
    for (int i = 0; i < CHILDREN; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            exit(1);
        }
        if (pid == 0) _exit(i);
    }
}

/* Sleeps in small steps until `done()` holds, for at most 10 s. */
static int settle(int (*done)(void)) {
    for (int i = 0; i < 10000 && !done(); i++) usleep(1000);
    return done();
}

static int all_reaped(void) {
    return reaped == CHILDREN;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *mode = argc > 1 ? argv[1] : "handler";
    if (strcmp(mode, "handler") == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_chld;
        sa.sa_flags = SA_RESTART;
        sigaction(SIGCHLD, &sa, NULL);
        spawn_all();
        printf("handler: all reaped by the handler: %s\n", settle(all_reaped) ? "yes" : "no");
        printf("handler: exit codes sum to %d\n", (int)code_sum);
    } else if (strcmp(mode, "poll") == 0) {
        spawn_all();
        int sum = 0, n = 0;
        for (int i = 0; i < 10000 && n < CHILDREN; i++) {
            int status;
            pid_t pid = waitpid(-1, &status, WNOHANG);
            if (pid > 0) {
                n++;
                sum += WEXITSTATUS(status);
            } else {
                usleep(1000);
            }
        }
        printf("poll: reaped %d, exit codes sum to %d\n", n, sum);
    } else {
        signal(SIGCHLD, SIG_IGN);
        spawn_all();
        pid_t r = wait(NULL);
        printf("ignore: wait() -> %d %s\n", (int)r, strerror(errno));
    }
    errno = 0;
    pid_t left = waitpid(-1, NULL, WNOHANG);
    printf("%s: then waitpid(-1, WNOHANG) -> %d %s\n", mode, (int)left, strerror(errno));
    return 0;
}
