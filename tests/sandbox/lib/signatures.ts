/**
 * Parameter types of every `wasi_snapshot_preview1` function (from the
 * preview 1 witx) and every `wasix_32v1` function sockbox knows (from
 * shared/abi/wasix-sockets.md). Every function returns an i32 errno except
 * `proc_exit`, which returns nothing.
 *
 * @module
 */

import type { ValType } from "./wasm_encoder.ts";

const I = "i32" as const, L = "i64" as const;

/** preview 1: name → parameter types. */
export const PREVIEW1: Readonly<Record<string, ValType[]>> = {
  args_get: [I, I],
  args_sizes_get: [I, I],
  environ_get: [I, I],
  environ_sizes_get: [I, I],
  clock_res_get: [I, I],
  clock_time_get: [I, L, I],
  fd_advise: [I, L, L, I],
  fd_allocate: [I, L, L],
  fd_close: [I],
  fd_datasync: [I],
  fd_fdstat_get: [I, I],
  fd_fdstat_set_flags: [I, I],
  fd_fdstat_set_rights: [I, L, L],
  fd_filestat_get: [I, I],
  fd_filestat_set_size: [I, L],
  fd_filestat_set_times: [I, L, L, I],
  fd_pread: [I, I, I, L, I],
  fd_prestat_get: [I, I],
  fd_prestat_dir_name: [I, I, I],
  fd_pwrite: [I, I, I, L, I],
  fd_read: [I, I, I, I],
  fd_readdir: [I, I, I, L, I],
  fd_renumber: [I, I],
  fd_seek: [I, L, I, I],
  fd_sync: [I],
  fd_tell: [I, I],
  fd_write: [I, I, I, I],
  path_create_directory: [I, I, I],
  path_filestat_get: [I, I, I, I, I],
  path_filestat_set_times: [I, I, I, I, L, L, I],
  path_link: [I, I, I, I, I, I, I],
  path_open: [I, I, I, I, I, L, L, I, I],
  path_readlink: [I, I, I, I, I, I],
  path_remove_directory: [I, I, I],
  path_rename: [I, I, I, I, I, I],
  path_symlink: [I, I, I, I, I],
  path_unlink_file: [I, I, I],
  poll_oneoff: [I, I, I, I],
  proc_exit: [I],
  proc_raise: [I],
  sched_yield: [],
  random_get: [I, I],
  sock_accept: [I, I, I],
  sock_recv: [I, I, I, I, I, I],
  sock_send: [I, I, I, I, I],
  sock_shutdown: [I, I],
};

/** wasix_32v1: name → parameter types. */
export const WASIX: Readonly<Record<string, ValType[]>> = {
  sock_open: [I, I, I, I],
  sock_pair: [I, I, I, I, I],
  sock_bind: [I, I],
  sock_listen: [I, I],
  sock_accept_v2: [I, I, I, I],
  sock_connect: [I, I],
  sock_recv_from: [I, I, I, I, I, I, I],
  sock_send_to: [I, I, I, I, I, I],
  sock_send_file: [I, I, L, L, I],
  sock_status: [I, I],
  sock_addr_local: [I, I],
  sock_addr_peer: [I, I],
  sock_set_opt_flag: [I, I, I],
  sock_get_opt_flag: [I, I, I],
  sock_set_opt_time: [I, I, I],
  sock_get_opt_time: [I, I, I],
  sock_set_opt_size: [I, I, L],
  sock_get_opt_size: [I, I, I],
  sock_join_multicast_v4: [I, I, I],
  sock_leave_multicast_v4: [I, I, I],
  sock_join_multicast_v6: [I, I, I],
  sock_leave_multicast_v6: [I, I, I],
  resolve: [I, I, I, I, I, I],
  epoll_create: [I],
  epoll_ctl: [I, I, I, I],
  epoll_wait: [I, I, I, L, I],
};

/** The functions that never return. */
export const NO_RESULT: ReadonlySet<string> = new Set(["proc_exit"]);
