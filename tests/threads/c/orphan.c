/*
 * The parent exits first with status 3; its child, an orphan, goes on, is
 * re-parented to init, and prints later. The run (like the pipe a shell
 * would read) ends only when the child is done too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        while (getppid() == parent) usleep(1000);
        printf("child: orphaned, now a child of init: %s\n", getppid() == 1 ? "yes" : "no");
        exit(0);
    }
    printf("parent: exits before its child\n");
    return 3;
}
