/*
 * A thread blocked in recv() does not stop the others: one thread waits on
 * a socket for a message that main sends only after three workers have
 * finished their (sleeping, yielding) work.
 */
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int sv[2];
static int poll_sv[2];

static void *receiver(void *arg) {
    (void)arg;
    char buf[64];
    ssize_t n = recv(sv[1], buf, sizeof buf - 1, 0);
    if (n < 0) return (void *)-1L;
    buf[n] = '\0';
    char reply[80];
    int len = snprintf(reply, sizeof reply, "got %s", buf);
    send(sv[1], reply, (size_t)len, 0);
    return (void *)n;
}

static void *poller(void *arg) {
    (void)arg;
    struct pollfd p = {.fd = poll_sv[1], .events = POLLIN};
    int r = poll(&p, 1, -1);
    return (void *)(long)(r == 1 && (p.revents & POLLIN));
}

static void *worker(void *arg) {
    long id = (long)arg, sum = 0;
    for (int i = 0; i < 20; i++) {
        sum += id * i;
        if (i % 5 == 0) usleep(500);
        else sched_yield();
    }
    return (void *)sum;
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, poll_sv) < 0) {
        perror("socketpair");
        return 1;
    }
    pthread_t r, p, w[3];
    pthread_create(&r, NULL, receiver, NULL);
    pthread_create(&p, NULL, poller, NULL);
    for (long i = 0; i < 3; i++) pthread_create(&w[i], NULL, worker, (void *)(i + 1));
    for (int i = 0; i < 3; i++) {
        void *v;
        pthread_join(w[i], &v);
        printf("worker %d finished while the receiver waits: %ld\n", i + 1, (long)v);
    }
    send(sv[0], "ping", 4, 0);
    char buf[64];
    ssize_t n = recv(sv[0], buf, sizeof buf - 1, 0);
    buf[n > 0 ? n : 0] = '\0';
    printf("main: receiver answered '%s'\n", buf);
    void *v;
    pthread_join(r, &v);
    printf("receiver got %ld bytes\n", (long)v);
    send(poll_sv[0], "x", 1, 0);
    pthread_join(p, &v);
    printf("poller saw POLLIN: %s\n", v ? "yes" : "no");
    return 0;
}
