/**
 * `--trace` argument decoding: turns the raw wasm arguments of the calls
 * people debug most (addresses, paths, lengths) into readable text. Calls
 * without a decoder are shown with their raw arguments.
 *
 * @module
 */

import type { Context } from "./context.ts";
import type { GuestMemory } from "./memory.ts";
import { formatAddress } from "./sockaddr.ts";
import { AddressFamily, SockType } from "./sock/abi.ts";
import { readAddrPort } from "./sock/addr_port.ts";

// deno-lint-ignore no-explicit-any
type Arg = any;
type Decoder = (mem: GuestMemory, a: Arg[]) => string;

const FAMILY: Record<number, string> = {
  [AddressFamily.UNSPEC]: "AF_UNSPEC", [AddressFamily.INET4]: "AF_INET",
  [AddressFamily.INET6]: "AF_INET6", [AddressFamily.UNIX]: "AF_UNIX",
};
const TYPE: Record<number, string> = {
  [SockType.STREAM]: "SOCK_STREAM", [SockType.DGRAM]: "SOCK_DGRAM",
  [SockType.RAW]: "SOCK_RAW", [SockType.SEQPACKET]: "SOCK_SEQPACKET",
};

function addr(mem: GuestMemory, ptr: number): string {
  try {
    return formatAddress(readAddrPort(mem, ptr));
  } catch {
    return `<bad address @${ptr}>`;
  }
}

function iovLen(mem: GuestMemory, ptr: number, n: number): string {
  try {
    let total = 0;
    for (const v of mem.iovecs(ptr, n)) total += v.len;
    return `${total} bytes`;
  } catch {
    return `<bad iovecs @${ptr}>`;
  }
}

function str(mem: GuestMemory, ptr: number, len: number): string {
  try {
    return JSON.stringify(mem.string(ptr, Math.min(len >>> 0, 4096)));
  } catch {
    return `<bad string @${ptr}>`;
  }
}

const DECODERS: Record<string, Decoder> = {
  sock_open: (_m, a) => `${FAMILY[a[0]] ?? a[0]}, ${TYPE[a[1]] ?? a[1]}, ${a[2]}`,
  sock_bind: (m, a) => `${a[0]}, ${addr(m, a[1])}`,
  sock_connect: (m, a) => `${a[0]}, ${addr(m, a[1])}`,
  sock_send_to: (m, a) => `${a[0]}, ${iovLen(m, a[1], a[2])}, flags=${a[3]}, ${addr(m, a[4])}`,
  sock_send: (m, a) => `${a[0]}, ${iovLen(m, a[1], a[2])}, flags=${a[3]}`,
  sock_recv: (m, a) => `${a[0]}, ${iovLen(m, a[1], a[2])}, flags=${a[3]}`,
  sock_recv_from: (m, a) => `${a[0]}, ${iovLen(m, a[1], a[2])}, flags=${a[3]}`,
  fd_read: (m, a) => `${a[0]}, ${iovLen(m, a[1], a[2])}`,
  fd_write: (m, a) => `${a[0]}, ${iovLen(m, a[1], a[2])}`,
  path_open: (m, a) => `${a[0]}, ${str(m, a[2], a[3])}, oflags=${a[4]}`,
  path_filestat_get: (m, a) => `${a[0]}, ${str(m, a[2], a[3])}`,
  path_unlink_file: (m, a) => `${a[0]}, ${str(m, a[1], a[2])}`,
  path_create_directory: (m, a) => `${a[0]}, ${str(m, a[1], a[2])}`,
  path_remove_directory: (m, a) => `${a[0]}, ${str(m, a[1], a[2])}`,
  resolve: (m, a) => `${str(m, a[0], a[1])}, port=${a[2]}`,
};

/** The argument list of a traced call, decoded where a decoder exists. */
export function describeArgs(ctx: Context, name: string, args: Arg[]): string {
  const d = DECODERS[name];
  if (d && ctx.mem) return d(ctx.mem, args);
  return args.join(", ");
}
