/**
 * Running processes for the harness (Deno APIs: the harness runs on Deno).
 *
 * @module
 */

/** A finished process. */
export interface Finished {
  /** Exit status; 128+N for a signal death, -1 when killed for taking too long. */
  code: number;
  stdout: string;
  stderr: string;
}

const decoder = new TextDecoder();

/** Runs `cmd args…` to completion, killing it after `timeoutMs`. */
export async function run(cmd: string, args: string[], timeoutMs: number, cwd?: string): Promise<Finished> {
  const child = new Deno.Command(cmd, { args, cwd, stdin: "null", stdout: "piped", stderr: "piped" }).spawn();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }, timeoutMs);
  const out = await child.output();
  clearTimeout(timer);
  const code = timedOut ? -1 : out.signal ? 128 + signalNumber(out.signal) : out.code;
  return { code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

function signalNumber(sig: string): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15 } as Record<string, number>)[sig] ?? 0;
}

/** The last line of `text` that parses as a JSON object, or null. */
export function lastJson(text: string): Record<string, unknown> | null {
  const lines = text.trim().split("\n").reverse();
  for (const line of lines) {
    const l = line.trim();
    if (!l.startsWith("{")) continue;
    try {
      return JSON.parse(l) as Record<string, unknown>;
    } catch {
      // not JSON after all
    }
  }
  return null;
}

/** The last `n` lines of `text`, for error messages. */
export function tail(text: string, n = 8): string {
  return text.trim().split("\n").slice(-n).join("\n");
}
