/*
 * fork() conformance, with output that never depends on pid values or on
 * timing, so that the native build and the sandboxed one print the same.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int global = 1;

static void describe(const char *what, int status) {
    if (WIFEXITED(status)) printf("%s: exited with %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status)) printf("%s: killed by signal %d\n", what, WTERMSIG(status));
    else printf("%s: status %#x\n", what, status);
}

/* Memory is copied: each side sees only its own changes. */
static void test_memory(void) {
    int local = 10;
    char *heap = malloc(16);
    strcpy(heap, "parent");
    pid_t me = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        global += 100;
        local += 100;
        strcpy(heap, "child");
        printf("memory: child sees global %d local %d heap %s, ppid is the parent: %s\n", global, local, heap,
               getppid() == me ? "yes" : "no");
        exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("memory: parent sees global %d local %d heap %s, child pid differs: %s\n", global, local, heap,
           pid != me ? "yes" : "no");
    free(heap);
}

/* Exit statuses, waitpid on one pid, on any, WNOHANG, ECHILD. */
static void test_wait(void) {
    pid_t kids[3];
    for (int i = 0; i < 3; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            usleep(1000 * (unsigned)(3 - i) * 10);
            _exit(10 + i);
        }
    }
    int status;
    printf("wait: WNOHANG before any ended -> %d\n", (int)waitpid(kids[0], &status, WNOHANG));
    pid_t w = waitpid(kids[1], &status, 0);
    printf("wait: waitpid(second) -> second: %s; ", w == kids[1] ? "yes" : "no");
    describe("second", status);
    int sum = 0;
    for (int i = 0; i < 2; i++) {
        w = wait(&status);
        sum += WEXITSTATUS(status);
    }
    printf("wait: two more with wait(): exit codes sum to %d\n", sum);
    errno = 0;
    w = wait(&status);
    printf("wait: no children left -> %d %s\n", (int)w, strerror(errno));
    errno = 0;
    w = waitpid(getpid(), &status, 0);
    printf("wait: waitpid(self) -> %d %s\n", (int)w, strerror(errno));
}

/* Sockets are shared: closing one copy leaves the other working. */
static void test_sockets(void) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
        perror("socketpair");
        exit(1);
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        char buf[32];
        ssize_t n = read(sv[1], buf, sizeof buf - 1);
        buf[n > 0 ? n : 0] = '\0';
        char reply[64];
        int len = snprintf(reply, sizeof reply, "child read '%s'", buf);
        write(sv[1], reply, (size_t)len);
        close(sv[1]);
        exit(0);
    }
    close(sv[1]); /* the parent's copy of the child's end: the child's stays open */
    write(sv[0], "ping", 4);
    char buf[64];
    ssize_t n = read(sv[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = '\0';
    printf("sockets: parent got \"%s\"\n", buf);
    n = read(sv[0], buf, sizeof buf);
    printf("sockets: then EOF once the child closed its end: %zd\n", n);
    close(sv[0]);
    waitpid(pid, NULL, 0);
}

/* stdout's buffer is copied too: a line not yet flushed comes out twice. */
static void test_stdio_buffer(void) {
    fflush(stdout);
    setvbuf(stdout, NULL, _IOFBF, BUFSIZ);
    printf("stdio: buffered before fork, printed by both\n");
    pid_t pid = fork();
    if (pid == 0) exit(0); /* exit() flushes the child's copy */
    waitpid(pid, NULL, 0);
    fflush(stdout);
    setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig) {
    (void)sig;
    got_usr1 = 1;
}

/* kill(): a default action ends the child; a handler runs in it. */
static void test_kill(void) {
    pid_t pid = fork();
    if (pid == 0) {
        for (;;) pause();
    }
    usleep(10000);
    printf("kill: signal 0 to a live child -> %d\n", kill(pid, 0));
    kill(pid, SIGTERM);
    int status;
    waitpid(pid, &status, 0);
    describe("kill: SIGTERM", status);

    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    pid = fork();
    if (pid == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_usr1;
        sigaction(SIGUSR1, &sa, NULL);
        write(sv[1], "r", 1); /* ready */
        while (!got_usr1) pause();
        _exit(got_usr1 ? 42 : 1);
    }
    char c;
    read(sv[0], &c, 1);
    kill(pid, SIGUSR1);
    waitpid(pid, &status, 0);
    describe("kill: SIGUSR1 with a handler", status);
    close(sv[0]);
    close(sv[1]);
    int r = kill(pid, SIGTERM);
    printf("kill: a reaped child -> %d %s\n", r, strerror(errno));
}

/* exec*() cannot run anything here or, in this test, natively. */
static void test_exec(void) {
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {"/nonexistent/program", NULL};
        execv(argv[0], argv);
        _exit(errno == ENOSYS || errno == ENOENT ? 7 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    describe("exec: child whose execv failed", status);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_memory();
    test_wait();
    test_sockets();
    test_stdio_buffer();
    test_kill();
    test_exec();
    printf("done\n");
    return 0;
}
