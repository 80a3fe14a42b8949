/**
 * Reads a V8/JSC `.cpuprofile` (what `deno run --cpu-prof` and
 * `bun --cpu-prof` write) and says where the time went: self time by
 * function, by file, and by layer (guest wasm, sockbox runtime, host
 * adapter, the JS runtime's own JS, native code, GC, idle).
 *
 * @module
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

/** The parts of a `.cpuprofile` used here. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A row of a breakdown: a name, its self time in ms and its share of the busy time. */
export interface Share {
  name: string;
  ms: number;
  /** Percent of all non-idle samples. */
  pct: number;
}

/** Where the time went. */
export interface Breakdown {
  /** Profiled wall time, ms. */
  totalMs: number;
  /** Time the thread was idle (waiting in the event loop), ms. */
  idleMs: number;
  /** Self time by layer. */
  layers: Share[];
  /** Self time by source file. */
  files: Share[];
  /** Self time by function. */
  functions: Share[];
  /** Inclusive time of frames in sockbox's own files (runtime/, host/), by function. */
  inclusive: Share[];
}

/** The layer a frame belongs to. */
export function layerOf(f: CallFrame): string {
  const { functionName: fn, url } = f;
  if (fn === "(idle)") return "idle";
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(program)" || fn === "(root)") return "native (runtime's Rust/C++ code, syscalls)";
  if (url.startsWith("wasm://") || /^\$?func\d+|wasm-function/.test(fn) || url.endsWith(".wasm")) return "guest (wasm)";
  if (url.includes("/runtime/")) return "sockbox runtime (runtime/)";
  if (url.includes("/host/")) return "sockbox host adapter (host/)";
  if (url.includes("/bench/")) return "benchmark program (bench/js)";
  if (url === "" || url.startsWith("[native code]")) return "runtime ops and builtins (incl. their syscalls)";
  return "JS runtime's own JS (ext:, node:, internal)";
}

function shortUrl(url: string): string {
  const m = url.match(/\/((?:runtime|host|bench)\/.*)$/);
  if (m) return m[1];
  return url === "" ? "(no file)" : url.replace(/^file:\/\//, "");
}

function label(f: CallFrame): string {
  const fn = f.functionName || "(anonymous)";
  return f.url ? `${fn}  ${shortUrl(f.url)}:${f.lineNumber + 1}` : fn;
}

function shares(map: Map<string, number>, busy: number, limit: number): Share[] {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit)
    .map(([name, us]) => ({ name, ms: us / 1000, pct: busy > 0 ? (100 * us) / busy : 0 }));
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

/** Breaks a profile down; `limit` rows per table. */
export function analyze(p: CpuProfile, limit = 25): Breakdown {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) byId.set(n.id, n);
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = Math.max(0, p.timeDeltas[i] ?? 0);
    total += dt;
    selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + dt);
  }
  const layers = new Map<string, number>(), files = new Map<string, number>(), fns = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const f = node.callFrame;
    const layer = layerOf(f);
    if (layer === "idle") {
      idle += us;
      continue;
    }
    add(layers, layer, us);
    add(files, f.url ? shortUrl(f.url) : `(${layer})`, us);
    add(fns, label(f), us);
    // Inclusive time of sockbox's own frames: each distinct frame on the stack once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur)!.callFrame;
      if (!/\/(runtime|host)\//.test(cf.url)) continue;
      const key = label(cf);
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, us);
    }
  }
  const busy = total - idle;
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    layers: shares(layers, busy, limit),
    files: shares(files, busy, limit),
    functions: shares(fns, busy, limit),
    inclusive: shares(inclusive, busy, limit),
  };
}

/** Renders a breakdown as markdown tables. */
export function renderBreakdown(title: string, b: Breakdown): string {
  const table = (head: string, rows: Share[]) => [
    `| ${head} | self ms | % of busy |`,
    "| --- | ---: | ---: |",
    ...rows.map((r) => `| \`${r.name.replace(/\|/g, "\\|")}\` | ${r.ms.toFixed(1)} | ${r.pct.toFixed(1)} |`),
  ].join("\n");
  return [
    `### ${title}`,
    "",
    `Profiled ${b.totalMs.toFixed(0)} ms, of which idle ${b.idleMs.toFixed(0)} ms (busy ${(b.totalMs - b.idleMs).toFixed(0)} ms).`,
    "",
    table("layer", b.layers),
    "",
    table("file", b.files),
    "",
    table("function (self)", b.functions),
    "",
    table("sockbox frame (inclusive)", b.inclusive).replace("self ms", "incl. ms"),
    "",
  ].join("\n");
}
