/**
 * A fake host for `tests/guest/c/abi_probe.c`: instantiates the probe with
 * the wasix_32v1 socket imports (and preview 1's sock_* and fd_fdstat_* for
 * descriptors >= 3) replaced by stubs that log each call with its decoded
 * arguments and answer with fixed values, plus the few preview 1 calls a C
 * program's stdio needs. Decoding follows shared/abi/wasix-sockets.md (with
 * the clarifications in guest/README.md), written here independently of both
 * the C library and runtime/, so the log checks the guest library's byte
 * order, enum numbers, flags and option numbers.
 *
 * @module
 */

/** addr_port as the ABI lays it out: tag, port, addresses, flow info, scope id, unix path. */
const AP = {
  TAG: 0,
  /** IPv4 only: must stay 0. */
  PAD: 1,
  /** u16 little-endian value (not network order). */
  PORT: 2,
  ADDR: 4,
  V4_END: 8,
  V6_END: 20,
  /** u32 little-endian value. */
  FLOW: 20,
  /** u32 little-endian value. */
  SCOPE: 24,
  PATH: 2,
  PATH_MAX: 108,
  SIZE: 110,
} as const;
/** addr_port tags. */
const TAG = { UNSPEC: 0, INET4: 1, INET6: 2, UNIX: 3 } as const;
const FAMILY: Record<number, string> = { 0: "unspec", 1: "inet4", 2: "inet6", 3: "unix" };
/** `resolve` writes an array of `addr` (tag, pad, then 16 address bytes): 18 bytes each. */
const RESOLVED = { SIZE: 18, ADDR: 2 } as const;
/** Socket option numbers of the ABI. */
const OPTION: Record<number, string> = {
  1: "REUSE_PORT", 2: "REUSE_ADDR", 3: "NO_DELAY", 4: "DONT_ROUTE", 5: "ONLY_V6", 6: "BROADCAST",
  7: "MULTICAST_LOOP_V4", 8: "MULTICAST_LOOP_V6", 10: "LISTENING", 11: "LAST_ERROR",
  12: "KEEP_ALIVE", 13: "LINGER", 14: "OOB_INLINE", 15: "RECV_BUF_SIZE", 16: "SEND_BUF_SIZE",
  19: "RECV_TIMEOUT", 20: "SEND_TIMEOUT", 23: "TTL", 24: "MULTICAST_TTL_V4",
};
const OPT_LAST_ERROR = 11;
const OPT_LINGER = 13;
/** An optional timeout: tag u8 @0 (0 none, 1 some), nanoseconds u64 @8. */
const OPT_TIME = { TAG: 0, NS: 8, SIZE: 16, NONE: 0, SOME: 1 } as const;
/** iovec: buf u32, len u32. */
const IOVEC = { BUF: 0, LEN: 4, SIZE: 8 } as const;
/** fdstat: filetype u8 @0, 24 bytes. */
const FDSTAT_SIZE = 24;
const FILETYPE = { CHARACTER_DEVICE: 2, SOCKET_DGRAM: 5, SOCKET_STREAM: 6 } as const;
const ROFLAGS_DATA_TRUNCATED = 1;
const ERRNO = { SUCCESS: 0, ACCES: 2, BADF: 8, CONNREFUSED: 14, NOSYS: 52, SPIPE: 70 } as const;
const FIRST_SOCKET_FD = 3;
/** fd 3 is a stream socket, fd 4 a datagram socket. */
const DGRAM_FD = 4;
const PAIR_FDS = [7, 8] as const;
const ACCEPTED_FD = 9;
const IPV6_BYTES = 16;

/** A decoded 16-byte IPv6 address in full (uncompressed) hexadecimal groups. */
function ipv6Text(bytes: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < IPV6_BYTES; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(":");
}

class ProcExit extends Error {
  constructor(readonly code: number) {
    super(`proc_exit(${code})`);
  }
}

type Fn = (...args: never[]) => number | void;

/** What the probe printed, interleaved with the host's log lines ("  host: ..."). */
export interface ProbeRun {
  output: string;
  exitCode: number;
}

/** Runs `wasm` (the probe's bytes) against the fake host. */
export async function runAbiProbe(wasm: Uint8Array): Promise<ProbeRun> {
  let memory: WebAssembly.Memory | null = null;
  let output = "";
  const u8 = () => new Uint8Array(memory!.buffer);
  const dv = () => new DataView(memory!.buffer);
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  const say = (s: string) => (output += `  host: ${s}\n`);

  function readAddrPort(p: number): string {
    const m = u8(), d = dv();
    const tag = m[p + AP.TAG];
    const port = d.getUint16(p + AP.PORT, true);
    switch (tag) {
      case TAG.INET4:
        return `inet4 ${[...m.subarray(p + AP.ADDR, p + AP.V4_END)].join(".")}:${port} (byte1=${m[p + AP.PAD]})`;
      case TAG.INET6:
        return `inet6 [${ipv6Text(m.subarray(p + AP.ADDR, p + AP.V6_END))}]:${port} flow=0x${
          d.getUint32(p + AP.FLOW, true).toString(16)
        } scope=${d.getUint32(p + AP.SCOPE, true)}`;
      case TAG.UNIX: {
        const path = m.subarray(p + AP.PATH, p + AP.PATH + AP.PATH_MAX);
        const end = path.indexOf(0);
        return `unix "${text(path.subarray(0, end < 0 ? AP.PATH_MAX : end))}"${end < 0 ? " (no NUL!)" : ""}`;
      }
      default:
        return FAMILY[tag] ?? `tag ${tag}`;
    }
  }

  function writeAddrPort(p: number, tag: number, port: number, bytes: Uint8Array | string): void {
    u8().fill(0, p, p + AP.SIZE);
    u8()[p + AP.TAG] = tag;
    if (tag === TAG.UNIX) {
      u8().set(new TextEncoder().encode(bytes as string), p + AP.PATH);
      return;
    }
    dv().setUint16(p + AP.PORT, port, true);
    u8().set(bytes as Uint8Array, p + AP.ADDR);
  }

  function readIovs(p: number, n: number): { buf: number; len: number }[] {
    const d = dv(), out = [];
    for (let i = 0; i < n; i++) {
      const at = p + IOVEC.SIZE * i;
      out.push({ buf: d.getUint32(at + IOVEC.BUF, true), len: d.getUint32(at + IOVEC.LEN, true) });
    }
    return out;
  }

  const gather = (iovs: { buf: number; len: number }[]) => iovs.map((v) => text(u8().slice(v.buf, v.buf + v.len))).join("");

  /** Scatters `s` over the iovecs; returns [bytes written, whether it was cut short]. */
  function scatter(iovs: { buf: number; len: number }[], s: string): [number, boolean] {
    const src = new TextEncoder().encode(s);
    let off = 0;
    for (const v of iovs) {
      const n = Math.min(v.len, src.length - off);
      u8().set(src.subarray(off, off + n), v.buf);
      off += n;
    }
    return [off, off < src.length];
  }

  let nextFd = FIRST_SOCKET_FD;
  const wasix: Record<string, Fn> = {
    sock_open(af: number, type: number, proto: number, outFd: number) {
      say(`sock_open(af=${FAMILY[af] ?? af}, type=${type}, proto=${proto}) -> fd ${nextFd}`);
      dv().setUint32(outFd, nextFd++, true);
      return ERRNO.SUCCESS;
    },
    sock_pair(af: number, type: number, proto: number, out1: number, out2: number) {
      say(`sock_pair(af=${FAMILY[af] ?? af}, type=${type}, proto=${proto}) -> fds ${PAIR_FDS.join(" ")}`);
      dv().setUint32(out1, PAIR_FDS[0], true);
      dv().setUint32(out2, PAIR_FDS[1], true);
      return ERRNO.SUCCESS;
    },
    sock_bind(fd: number, ap: number) {
      say(`sock_bind(${fd}, ${readAddrPort(ap)})`);
      return ERRNO.SUCCESS;
    },
    sock_listen(fd: number, backlog: number) {
      say(`sock_listen(${fd}, backlog=${backlog})`);
      return ERRNO.SUCCESS;
    },
    sock_connect(fd: number, ap: number) {
      say(`sock_connect(${fd}, ${readAddrPort(ap)})`);
      return ERRNO.SUCCESS;
    },
    sock_accept_v2(fd: number, flags: number, outFd: number, outAp: number) {
      say(`sock_accept_v2(${fd}, fdflags=${flags}) -> fd ${ACCEPTED_FD}, peer inet4 10.0.0.2:5555`);
      dv().setUint32(outFd, ACCEPTED_FD, true);
      writeAddrPort(outAp, TAG.INET4, 5555, new Uint8Array([10, 0, 0, 2]));
      return ERRNO.SUCCESS;
    },
    sock_addr_local(fd: number, outAp: number) {
      say(`sock_addr_local(${fd}) -> inet6 [fe80::1]:8080 scope 3`);
      const a = new Uint8Array(IPV6_BYTES);
      a[0] = 0xfe;
      a[1] = 0x80;
      a[15] = 1;
      writeAddrPort(outAp, TAG.INET6, 8080, a);
      dv().setUint32(outAp + AP.SCOPE, 3, true);
      return ERRNO.SUCCESS;
    },
    sock_addr_peer(fd: number, outAp: number) {
      say(`sock_addr_peer(${fd}) -> unix, unnamed`);
      writeAddrPort(outAp, TAG.UNIX, 0, "");
      return ERRNO.SUCCESS;
    },
    sock_send_to(fd: number, iovsP: number, n: number, siflags: number, ap: number, outLen: number) {
      const data = gather(readIovs(iovsP, n));
      say(`sock_send_to(${fd}, ${n} iovecs "${data}", siflags=${siflags}, ${readAddrPort(ap)})`);
      dv().setUint32(outLen, data.length, true);
      return ERRNO.SUCCESS;
    },
    sock_recv_from(fd: number, iovsP: number, n: number, riflags: number, outLen: number, outFlags: number, outAp: number) {
      const iovs = readIovs(iovsP, n);
      const s = fd === DGRAM_FD ? "0123456789" : "tcp";
      const [written, truncated] = scatter(iovs, s);
      say(`sock_recv_from(${fd}, ${n} iovecs [${iovs.map((v) => v.len).join(",")}], riflags=${riflags}) -> "${s}"${
        truncated ? " truncated" : ""
      }, from inet4 192.168.1.2:53`);
      dv().setUint32(outLen, written, true);
      dv().setUint16(outFlags, truncated ? ROFLAGS_DATA_TRUNCATED : 0, true);
      writeAddrPort(outAp, TAG.INET4, 53, new Uint8Array([192, 168, 1, 2]));
      return ERRNO.SUCCESS;
    },
    sock_set_opt_flag(fd: number, opt: number, flag: number) {
      say(`sock_set_opt_flag(${fd}, ${OPTION[opt] ?? opt}, ${flag})`);
      return ERRNO.SUCCESS;
    },
    sock_get_opt_flag(fd: number, opt: number, out: number) {
      say(`sock_get_opt_flag(${fd}, ${OPTION[opt] ?? opt}) -> 1`);
      u8()[out] = 1;
      return ERRNO.SUCCESS;
    },
    sock_set_opt_size(fd: number, opt: number, size: bigint) {
      say(`sock_set_opt_size(${fd}, ${OPTION[opt] ?? opt}, ${size})`);
      return ERRNO.SUCCESS;
    },
    sock_get_opt_size(fd: number, opt: number, out: number) {
      const v = opt === OPT_LAST_ERROR ? ERRNO.CONNREFUSED : 4096;
      say(`sock_get_opt_size(${fd}, ${OPTION[opt] ?? opt}) -> ${v}`);
      dv().setBigUint64(out, BigInt(v), true);
      return ERRNO.SUCCESS;
    },
    sock_set_opt_time(fd: number, opt: number, p: number) {
      const tag = u8()[p + OPT_TIME.TAG];
      const ns = dv().getBigUint64(p + OPT_TIME.NS, true);
      const value = tag === OPT_TIME.SOME ? `some ${ns} ns` : tag === OPT_TIME.NONE ? "none" : `tag ${tag}`;
      say(`sock_set_opt_time(${fd}, ${OPTION[opt] ?? opt}, ${value})`);
      return ERRNO.SUCCESS;
    },
    sock_get_opt_time(fd: number, opt: number, p: number) {
      const ns = opt === OPT_LINGER ? 5000000000n : 1500000000n;
      say(`sock_get_opt_time(${fd}, ${OPTION[opt] ?? opt}) -> some ${ns} ns`);
      u8().fill(0, p, p + OPT_TIME.SIZE);
      u8()[p + OPT_TIME.TAG] = OPT_TIME.SOME;
      dv().setBigUint64(p + OPT_TIME.NS, ns, true);
      return ERRNO.SUCCESS;
    },
    resolve(host: number, hostLen: number, port: number, out: number, max: number, outCount: number) {
      const name = text(u8().slice(host, host + hostLen));
      if (name === "denied.example") {
        say(`resolve("${name}", port=${port}, max=${max}) -> EACCES`);
        return ERRNO.ACCES;
      }
      say(`resolve("${name}", port=${port}, max=${max}) -> 93.184.216.34, 2606:2800::1`);
      u8().fill(0, out, out + 2 * RESOLVED.SIZE);
      u8()[out] = TAG.INET4;
      u8().set([93, 184, 216, 34], out + RESOLVED.ADDR);
      const v6 = new Uint8Array(IPV6_BYTES);
      v6[0] = 0x26;
      v6[1] = 0x06;
      v6[2] = 0x28;
      v6[15] = 1;
      u8()[out + RESOLVED.SIZE] = TAG.INET6;
      u8().set(v6, out + RESOLVED.SIZE + RESOLVED.ADDR);
      dv().setUint32(outCount, 2, true);
      return ERRNO.SUCCESS;
    },
  };

  const preview1: Record<string, Fn> = {
    fd_write(fd: number, iovsP: number, n: number, outLen: number) {
      if (fd !== 1 && fd !== 2) return ERRNO.BADF;
      const data = gather(readIovs(iovsP, n));
      output += data;
      dv().setUint32(outLen, new TextEncoder().encode(data).length, true);
      return ERRNO.SUCCESS;
    },
    fd_seek: () => ERRNO.SPIPE,
    fd_close: () => ERRNO.SUCCESS,
    proc_exit(code: number) {
      throw new ProcExit(code);
    },
    sock_send(fd: number, iovsP: number, n: number, siflags: number, outLen: number) {
      const data = gather(readIovs(iovsP, n));
      say(`sock_send(${fd}, ${n} iovecs "${data}", siflags=${siflags})`);
      dv().setUint32(outLen, data.length, true);
      return ERRNO.SUCCESS;
    },
    sock_recv(fd: number, iovsP: number, n: number, riflags: number, outLen: number, outFlags: number) {
      const [written] = scatter(readIovs(iovsP, n), "xyz");
      say(`sock_recv(${fd}, ${n} iovecs, riflags=${riflags}) -> "xyz"`);
      dv().setUint32(outLen, written, true);
      dv().setUint16(outFlags, 0, true);
      return ERRNO.SUCCESS;
    },
    sock_shutdown(fd: number, how: number) {
      say(`sock_shutdown(${fd}, sdflags=${how})`);
      return ERRNO.SUCCESS;
    },
    fd_fdstat_get(fd: number, p: number) {
      u8().fill(0, p, p + FDSTAT_SIZE);
      u8()[p] = fd < FIRST_SOCKET_FD ? FILETYPE.CHARACTER_DEVICE : fd === DGRAM_FD ? FILETYPE.SOCKET_DGRAM : FILETYPE.SOCKET_STREAM;
      return ERRNO.SUCCESS;
    },
    fd_fdstat_set_flags(fd: number, flags: number) {
      say(`fd_fdstat_set_flags(${fd}, ${flags})`);
      return ERRNO.SUCCESS;
    },
  };

  const module = await WebAssembly.compile(wasm as BufferSource);
  // Imports the probe links but never calls: present, and loud if called
  // (sockbox_proc: every write links SIGPIPE's kill, guest/libc/sigpipe.c).
  const proc: Record<string, Fn> = {};
  const tables: Record<string, Record<string, Fn>> = {
    wasix_32v1: wasix,
    wasi_snapshot_preview1: preview1,
    sockbox_proc: proc,
  };
  for (const imp of WebAssembly.Module.imports(module)) {
    const table = tables[imp.module] ?? null;
    if (table && !(imp.name in table)) {
      table[imp.name] = (...args: never[]) => {
        say(`unexpected ${imp.name}(${args.join(", ")})`);
        return ERRNO.NOSYS;
      };
    }
  }
  const instance = await WebAssembly.instantiate(module, tables as WebAssembly.Imports);
  memory = instance.exports.memory as WebAssembly.Memory;
  let exitCode = 0;
  try {
    (instance.exports._start as () => void)();
  } catch (e) {
    if (!(e instanceof ProcExit)) throw e;
    exitCode = e.code;
  }
  return { output, exitCode };
}
