/* The many-connections scenario against a poll() echo server. */
#ifndef LG_MANY_H
#define LG_MANY_H

/* Opens `conns` connections, does one exchange on each, measures the server's
 * RSS growth per idle connection (when server_pid > 0), then runs `per_conn`
 * exchanges on every connection concurrently, checking every byte; stops early
 * (reporting what completed) after max_seconds when that is > 0. */
void run_many(const char *ip, int port, int conns, long per_conn, int server_pid, double max_seconds);

#endif
