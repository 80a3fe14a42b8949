/**
 * Writing a WASI `filestat` into guest memory, and the `*_set_times`
 * arithmetic shared by the descriptor and path calls.
 *
 * @module
 */

import { Errno, fail } from "../errno.ts";
import type { HostStat } from "../host_fs.ts";
import type { GuestMemory } from "../memory.ts";
import { FstFlags } from "../wasi/constants.ts";
import { FileStat } from "../wasi/layout.ts";

/** A stat of something that is not a host file (stdio, a socket): only the type is known. */
export function bareStat(filetype: number): HostStat {
  return { filetype, dev: 0n, ino: 0n, nlink: 1n, size: 0n, atimNs: 0n, mtimNs: 0n, ctimNs: 0n };
}

/** Writes `st` as a `filestat` at `ptr` (EFAULT if it does not fit). */
export function writeFilestat(mem: GuestMemory, ptr: number, st: HostStat): void {
  mem.check(ptr, FileStat.SIZE);
  mem.bytes(ptr, FileStat.SIZE).fill(0);
  mem.setU64(ptr + FileStat.DEV, st.dev);
  mem.setU64(ptr + FileStat.INO, st.ino);
  mem.setU8(ptr + FileStat.FILETYPE, st.filetype);
  mem.setU64(ptr + FileStat.NLINK, st.nlink);
  mem.setU64(ptr + FileStat.SIZE_, st.size);
  mem.setU64(ptr + FileStat.ATIM, st.atimNs);
  mem.setU64(ptr + FileStat.MTIM, st.mtimNs);
  mem.setU64(ptr + FileStat.CTIM, st.ctimNs);
}

const KNOWN_FST = FstFlags.ATIM | FstFlags.ATIM_NOW | FstFlags.MTIM | FstFlags.MTIM_NOW;

/**
 * The access and modification times `*_set_times` asks for: each is the
 * given value (`ATIM`/`MTIM`), now (`*_NOW`), or left as `current` has it
 * (neither flag, like `UTIME_OMIT`); null when both are left alone. EINVAL
 * for unknown or contradictory flags.
 */
export function newTimes(
  current: () => HostStat,
  now: () => bigint,
  atim: bigint,
  mtim: bigint,
  flags: number,
): [bigint, bigint] | null {
  if (flags & ~KNOWN_FST) fail(Errno.INVAL, `unknown fstflags ${flags}`);
  if ((flags & FstFlags.ATIM) && (flags & FstFlags.ATIM_NOW)) fail(Errno.INVAL, "ATIM with ATIM_NOW");
  if ((flags & FstFlags.MTIM) && (flags & FstFlags.MTIM_NOW)) fail(Errno.INVAL, "MTIM with MTIM_NOW");
  const setA = flags & (FstFlags.ATIM | FstFlags.ATIM_NOW), setM = flags & (FstFlags.MTIM | FstFlags.MTIM_NOW);
  if (!setA && !setM) return null;
  const st = setA && setM ? null : current();
  const t = flags & (FstFlags.ATIM_NOW | FstFlags.MTIM_NOW) ? now() : 0n;
  const a = flags & FstFlags.ATIM ? BigInt.asUintN(64, atim) : flags & FstFlags.ATIM_NOW ? t : st!.atimNs;
  const m = flags & FstFlags.MTIM ? BigInt.asUintN(64, mtim) : flags & FstFlags.MTIM_NOW ? t : st!.mtimNs;
  return [a, m];
}
