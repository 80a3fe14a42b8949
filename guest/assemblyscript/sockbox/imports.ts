/**
 * Every host import this library uses, and nothing else declares one: the
 * WASIX socket calls (`wasix_32v1`) and the WASI preview 1 calls
 * (`wasi_snapshot_preview1`), exactly as the C layer imports them
 * (shared/abi/wasix-sockets.md). Each returns a WASI errno (0 = success) and
 * writes its results through out-pointers into linear memory.
 *
 * @module
 */

// ---- wasix_32v1 -----------------------------------------------------------

/** socket(2): `(af, socktype, proto, out fd)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_open")
export declare function sock_open(af: u32, socktype: u32, proto: u32, outFd: usize): i32;

/** bind(2): `(fd, addr_port)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_bind")
export declare function sock_bind(fd: u32, addr: usize): i32;

/** listen(2): `(fd, backlog)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_listen")
export declare function sock_listen(fd: u32, backlog: u32): i32;

/** accept4(2) with the peer address: `(fd, fdflags, out fd, out addr_port)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_accept_v2")
export declare function sock_accept_v2(fd: u32, fdflags: u32, outFd: usize, outAddr: usize): i32;

/** connect(2): `(fd, addr_port)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_connect")
export declare function sock_connect(fd: u32, addr: usize): i32;

/** recvfrom(2): `(fd, iovs, iovs_len, riflags, out len, out roflags, out addr_port)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_recv_from")
export declare function sock_recv_from(
  fd: u32, iovs: usize, iovsLen: u32, riflags: u32, outLen: usize, outFlags: usize, outAddr: usize,
): i32;

/** sendto(2): `(fd, ciovs, ciovs_len, siflags, addr_port, out len)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_send_to")
export declare function sock_send_to(fd: u32, iovs: usize, iovsLen: u32, siflags: u32, addr: usize, outLen: usize): i32;

/** getsockname(2): `(fd, out addr_port)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_addr_local")
export declare function sock_addr_local(fd: u32, outAddr: usize): i32;

/** getpeername(2): `(fd, out addr_port)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_addr_peer")
export declare function sock_addr_peer(fd: u32, outAddr: usize): i32;

/** Boolean setsockopt(2): `(fd, option, bool)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_set_opt_flag")
export declare function sock_set_opt_flag(fd: u32, option: u32, flag: u32): i32;

/** Boolean getsockopt(2): `(fd, option, out u8)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_get_opt_flag")
export declare function sock_get_opt_flag(fd: u32, option: u32, outFlag: usize): i32;

/** Time setsockopt(2) (timeouts, linger): `(fd, option, option_timestamp)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_set_opt_time")
export declare function sock_set_opt_time(fd: u32, option: u32, time: usize): i32;

/** Time getsockopt(2): `(fd, option, out option_timestamp)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_get_opt_time")
export declare function sock_get_opt_time(fd: u32, option: u32, outTime: usize): i32;

/** Size setsockopt(2) (buffer sizes, TTL): `(fd, option, i64)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_set_opt_size")
export declare function sock_set_opt_size(fd: u32, option: u32, size: i64): i32;

/** Size getsockopt(2) (buffer sizes, TTL, type, SO_ERROR): `(fd, option, out u64)`. */
// @ts-ignore: decorator
@external("wasix_32v1", "sock_get_opt_size")
export declare function sock_get_opt_size(fd: u32, option: u32, outSize: usize): i32;

/** Name lookup: `(host, host_len, port, out entries, naddrs, out count)`; host not NUL-terminated. */
// @ts-ignore: decorator
@external("wasix_32v1", "resolve")
export declare function resolve(host: usize, hostLen: u32, port: u32, outAddrs: usize, naddrs: u32, outCount: usize): i32;

// ---- wasi_snapshot_preview1 ---------------------------------------------

/** recv(2): `(fd, iovs, iovs_len, riflags, out len, out roflags)`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "sock_recv")
export declare function sock_recv(fd: u32, iovs: usize, iovsLen: u32, riflags: u32, outLen: usize, outFlags: usize): i32;

/** send(2): `(fd, ciovs, ciovs_len, siflags, out len)`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "sock_send")
export declare function sock_send(fd: u32, iovs: usize, iovsLen: u32, siflags: u32, outLen: usize): i32;

/** shutdown(2): `(fd, sdflags)`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "sock_shutdown")
export declare function sock_shutdown(fd: u32, how: u32): i32;

/** close(2): `(fd)`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_close")
export declare function fd_close(fd: u32): i32;

/** read(2): `(fd, iovs, iovs_len, out len)`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_read")
export declare function fd_read(fd: u32, iovs: usize, iovsLen: u32, outLen: usize): i32;

/** write(2): `(fd, ciovs, ciovs_len, out len)`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_write")
export declare function fd_write(fd: u32, iovs: usize, iovsLen: u32, outLen: usize): i32;

/** fcntl(F_GETFL): `(fd, out fdstat)`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_fdstat_get")
export declare function fd_fdstat_get(fd: u32, outStat: usize): i32;

/** fcntl(F_SETFL): `(fd, fdflags)`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_fdstat_set_flags")
export declare function fd_fdstat_set_flags(fd: u32, flags: u32): i32;

/** poll(2) and sleeping: `(subscriptions, out events, nsubscriptions, out nevents)`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "poll_oneoff")
export declare function poll_oneoff(subs: usize, events: usize, nsubs: u32, outCount: usize): i32;

/** clock_gettime(2): `(clock id, precision, out u64 ns)`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "clock_time_get")
export declare function clock_time_get(id: u32, precision: u64, outTime: usize): i32;

/** argc and the size of the argv strings: `(out argc, out bytes)`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "args_sizes_get")
export declare function args_sizes_get(outArgc: usize, outBufSize: usize): i32;

/** argv: `(out pointers, out NUL-terminated strings)`. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "args_get")
export declare function args_get(argv: usize, buf: usize): i32;

/** exit(3): `(status)`; never returns. */
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "proc_exit")
export declare function proc_exit(code: u32): void;
