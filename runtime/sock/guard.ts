/**
 * The socket layer's single door to the sandbox policy: every bind, connect,
 * datagram send, unix path and name lookup passes through {@link permit}.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { Errno, fail } from "../errno.ts";
import type { NetUse } from "../policy.ts";
import { formatAddress, type SocketAddress } from "../sockaddr.ts";

/** Fails with EACCES (and says which rule) unless the policy admits `use` of `target`. */
export function permit(ctx: Context, use: NetUse, target: SocketAddress | string): void {
  const d = ctx.policy.check(use, target);
  if (d.allowed && !ctx.trace) return; // every datagram passes here: no text unless it is shown
  const what = typeof target === "string" ? target : formatAddress(target);
  if (!d.allowed) {
    if (!ctx.trace) ctx.refusals.note(use, target, what, d.rule);
    fail(Errno.ACCES, `sandbox refused ${use} ${what}: ${d.rule}`);
  }
  ctx.trace?.(`sandbox: ${use} ${what} allowed by ${d.rule}`);
}
