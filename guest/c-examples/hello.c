/*
 * hello.c - the smallest sockbox program: prints its arguments.
 *
 * usage: hello [ARG...]
 * argv[0] is not printed: it is the program's path, which differs between
 * a native run and a sandboxed one.
 */
#include <stdio.h>

int main(int argc, char **argv) {
    printf("hello from sockbox\n");
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    return 0;
}
