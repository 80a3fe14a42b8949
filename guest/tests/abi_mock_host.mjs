// abi_mock_host.mjs: a fake host for guest/tests/src/abi_probe.c.
//
// Runs a wasm module under Node's WASI (preview 1) with the wasix_32v1
// socket imports (and preview 1's sock_* and fd_fdstat_* for descriptors >= 3)
// replaced by stubs that print each call with its decoded arguments, then
// answer with fixed values. Decoding follows shared/abi/wasix-sockets.md,
// independently of the C side, so the output checks the guest library's
// byte order, enums, flags and option numbers.
//
// usage: node guest/tests/abi_mock_host.mjs probe.wasm
import fs from "node:fs";
import { WASI } from "node:wasi";

const FAMILY = { 0: "unspec", 1: "inet4", 2: "inet6", 3: "unix" };
const OPTION = {
  1: "REUSE_PORT", 2: "REUSE_ADDR", 3: "NO_DELAY", 4: "DONT_ROUTE", 5: "ONLY_V6", 6: "BROADCAST",
  7: "MULTICAST_LOOP_V4", 8: "MULTICAST_LOOP_V6", 10: "LISTENING", 11: "LAST_ERROR",
  12: "KEEP_ALIVE", 13: "LINGER", 14: "OOB_INLINE", 15: "RECV_BUF_SIZE", 16: "SEND_BUF_SIZE",
  19: "RECV_TIMEOUT", 20: "SEND_TIMEOUT", 23: "TTL", 24: "MULTICAST_TTL_V4",
};
const EACCES = 2;
const ECONNREFUSED = 14;
const DGRAM_FD = 4; // fd 3 is a stream socket, fd 4 a datagram socket

const guest = { memory: null }; // set once the instance exists
const u8 = () => new Uint8Array(guest.memory.buffer);
const dv = () => new DataView(guest.memory.buffer);
const say = (s) => fs.writeSync(1, `  host: ${s}\n`);

function ipv6Text(bytes) {
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(":");
}

// addr_port: tag @0, port u16 LE @2, IPv4 @4..7, IPv6 @4..19, flow u32 LE @20,
// scope u32 LE @24, unix path @2..109 NUL-terminated.
function readAddrPort(p) {
  const m = u8(), d = dv();
  const tag = m[p];
  const port = d.getUint16(p + 2, true);
  switch (tag) {
    case 1:
      return `inet4 ${[...m.subarray(p + 4, p + 8)].join(".")}:${port} (byte1=${m[p + 1]})`;
    case 2:
      return `inet6 [${ipv6Text(m.subarray(p + 4, p + 20))}]:${port} flow=0x${
        d.getUint32(p + 20, true).toString(16)} scope=${d.getUint32(p + 24, true)}`;
    case 3: {
      const path = m.subarray(p + 2, p + 110);
      const end = path.indexOf(0);
      return `unix "${Buffer.from(path.subarray(0, end < 0 ? 108 : end)).toString()}"${
        end < 0 ? " (no NUL!)" : ""}`;
    }
    default:
      return `${FAMILY[tag] ?? "tag " + tag}`;
  }
}

function writeAddrPort(p, tag, port, bytes) {
  u8().fill(0, p, p + 110);
  u8()[p] = tag;
  if (tag === 3) {
    u8().set(Buffer.from(bytes), p + 2);
    return;
  }
  dv().setUint16(p + 2, port, true);
  u8().set(bytes, p + 4);
}

function readIovs(p, n) {
  const d = dv(), out = [];
  for (let i = 0; i < n; i++) out.push({ buf: d.getUint32(p + 8 * i, true), len: d.getUint32(p + 8 * i + 4, true) });
  return out;
}

function gather(iovs) {
  return iovs.map((v) => Buffer.from(u8().subarray(v.buf, v.buf + v.len)).toString()).join("");
}

// Scatter text over iovecs; returns [written, truncated].
function scatter(iovs, text) {
  const src = Buffer.from(text);
  let off = 0;
  for (const v of iovs) {
    const n = Math.min(v.len, src.length - off);
    u8().set(src.subarray(off, off + n), v.buf);
    off += n;
  }
  return [off, off < src.length];
}

let nextFd = 3;
const wasix = {
  sock_open(af, type, proto, outFd) {
    say(`sock_open(af=${FAMILY[af] ?? af}, type=${type}, proto=${proto}) -> fd ${nextFd}`);
    dv().setUint32(outFd, nextFd++, true);
    return 0;
  },
  sock_pair(af, type, proto, out1, out2) {
    say(`sock_pair(af=${FAMILY[af] ?? af}, type=${type}, proto=${proto}) -> fds 7 8`);
    dv().setUint32(out1, 7, true);
    dv().setUint32(out2, 8, true);
    return 0;
  },
  sock_bind(fd, ap) {
    say(`sock_bind(${fd}, ${readAddrPort(ap)})`);
    return 0;
  },
  sock_listen(fd, backlog) {
    say(`sock_listen(${fd}, backlog=${backlog})`);
    return 0;
  },
  sock_connect(fd, ap) {
    say(`sock_connect(${fd}, ${readAddrPort(ap)})`);
    return 0;
  },
  sock_accept_v2(fd, flags, outFd, outAp) {
    say(`sock_accept_v2(${fd}, fdflags=${flags}) -> fd 9, peer inet4 10.0.0.2:5555`);
    dv().setUint32(outFd, 9, true);
    writeAddrPort(outAp, 1, 5555, [10, 0, 0, 2]);
    return 0;
  },
  sock_addr_local(fd, outAp) {
    say(`sock_addr_local(${fd}) -> inet6 [fe80::1]:8080 scope 3`);
    const a = new Uint8Array(16);
    a[0] = 0xfe; a[1] = 0x80; a[15] = 1;
    writeAddrPort(outAp, 2, 8080, a);
    dv().setUint32(outAp + 24, 3, true);
    return 0;
  },
  sock_addr_peer(fd, outAp) {
    say(`sock_addr_peer(${fd}) -> unix, unnamed`);
    writeAddrPort(outAp, 3, 0, "");
    return 0;
  },
  sock_send_to(fd, iovsP, n, siflags, ap, outLen) {
    const iovs = readIovs(iovsP, n);
    const data = gather(iovs);
    say(`sock_send_to(${fd}, ${n} iovecs "${data}", siflags=${siflags}, ${readAddrPort(ap)})`);
    dv().setUint32(outLen, data.length, true);
    return 0;
  },
  sock_recv_from(fd, iovsP, n, riflags, outLen, outFlags, outAp) {
    const iovs = readIovs(iovsP, n);
    const text = fd === DGRAM_FD ? "0123456789" : "tcp";
    const [written, truncated] = scatter(iovs, text);
    say(`sock_recv_from(${fd}, ${n} iovecs [${iovs.map((v) => v.len).join(",")}], riflags=${riflags}) -> "${
      text}"${truncated ? " truncated" : ""}, from inet4 192.168.1.2:53`);
    dv().setUint32(outLen, written, true);
    dv().setUint16(outFlags, truncated ? 1 : 0, true);
    writeAddrPort(outAp, 1, 53, [192, 168, 1, 2]);
    return 0;
  },
  sock_set_opt_flag(fd, opt, flag) {
    say(`sock_set_opt_flag(${fd}, ${OPTION[opt] ?? opt}, ${flag})`);
    return 0;
  },
  sock_get_opt_flag(fd, opt, out) {
    say(`sock_get_opt_flag(${fd}, ${OPTION[opt] ?? opt}) -> 1`);
    u8()[out] = 1;
    return 0;
  },
  sock_set_opt_size(fd, opt, size) {
    say(`sock_set_opt_size(${fd}, ${OPTION[opt] ?? opt}, ${size})`);
    return 0;
  },
  sock_get_opt_size(fd, opt, out) {
    const v = opt === 11 ? ECONNREFUSED : 4096;
    say(`sock_get_opt_size(${fd}, ${OPTION[opt] ?? opt}) -> ${v}`);
    dv().setBigUint64(out, BigInt(v), true);
    return 0;
  },
  sock_set_opt_time(fd, opt, p) {
    const tag = u8()[p];
    const ns = dv().getBigUint64(p + 8, true);
    say(`sock_set_opt_time(${fd}, ${OPTION[opt] ?? opt}, ${tag === 1 ? `some ${ns} ns` : tag === 0 ? "none" : `tag ${tag}`})`);
    return 0;
  },
  sock_get_opt_time(fd, opt, p) {
    const ns = opt === 13 ? 5000000000n : 1500000000n;
    say(`sock_get_opt_time(${fd}, ${OPTION[opt] ?? opt}) -> some ${ns} ns`);
    u8().fill(0, p, p + 16);
    u8()[p] = 1;
    dv().setBigUint64(p + 8, ns, true);
    return 0;
  },
  resolve(host, hostLen, port, out, max, outCount) {
    const name = Buffer.from(u8().subarray(host, host + hostLen)).toString();
    if (name === "denied.example") {
      say(`resolve("${name}", port=${port}, max=${max}) -> EACCES`);
      return EACCES;
    }
    say(`resolve("${name}", port=${port}, max=${max}) -> 93.184.216.34, 2606:2800::1`);
    u8().fill(0, out, out + 36);
    u8().set([1, 0, 93, 184, 216, 34], out);
    const v6 = new Uint8Array(16);
    v6[0] = 0x26; v6[1] = 0x06; v6[2] = 0x28; v6[15] = 1;
    u8()[out + 18] = 2;
    u8().set(v6, out + 20);
    dv().setUint32(outCount, 2, true);
    return 0;
  },
};

const wasi = new WASI({ version: "preview1", args: ["abi_probe"], env: {}, returnOnExit: true });
const base = wasi.wasiImport;
const preview1 = {
  ...base,
  sock_send(fd, iovsP, n, siflags, outLen) {
    const data = gather(readIovs(iovsP, n));
    say(`sock_send(${fd}, ${n} iovecs "${data}", siflags=${siflags})`);
    dv().setUint32(outLen, data.length, true);
    return 0;
  },
  sock_recv(fd, iovsP, n, riflags, outLen, outFlags) {
    const [written] = scatter(readIovs(iovsP, n), "xyz");
    say(`sock_recv(${fd}, ${n} iovecs, riflags=${riflags}) -> "xyz"`);
    dv().setUint32(outLen, written, true);
    dv().setUint16(outFlags, 0, true);
    return 0;
  },
  sock_shutdown(fd, how) {
    say(`sock_shutdown(${fd}, sdflags=${how})`);
    return 0;
  },
  fd_fdstat_get(fd, p) {
    if (fd < 3) return base.fd_fdstat_get(fd, p);
    u8().fill(0, p, p + 24);
    u8()[p] = fd === DGRAM_FD ? 5 : 6;
    return 0;
  },
  fd_fdstat_set_flags(fd, flags) {
    if (fd < 3) return base.fd_fdstat_set_flags(fd, flags);
    say(`fd_fdstat_set_flags(${fd}, ${flags})`);
    return 0;
  },
};

const module = await WebAssembly.compile(fs.readFileSync(process.argv[2]));
// Imports the probe links but never calls: present, and loud if called.
for (const imp of WebAssembly.Module.imports(module)) {
  if (imp.module === "wasix_32v1" && !(imp.name in wasix)) {
    wasix[imp.name] = (...args) => {
      say(`unexpected ${imp.name}(${args.join(", ")})`);
      return 52; // ENOSYS
    };
  }
}
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: preview1, wasix_32v1: wasix });
guest.memory = instance.exports.memory;
process.exitCode = wasi.start(instance);
