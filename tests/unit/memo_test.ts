/** memoByString (runtime/memo.ts): one call per argument, null results remembered too, bounded. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { memoByString } from "../../runtime/memo.ts";

test("each argument is computed once; null and undefined results are remembered", () => {
  const calls: string[] = [];
  const f = memoByString((s: string) => {
    calls.push(s);
    return s === "none" ? null : s === "undef" ? undefined : s.length;
  });
  for (let i = 0; i < 3; i++) {
    assert.is(f("abc"), 3);
    assert.is(f("none"), null);
    assert.is(f("undef"), undefined);
  }
  assert.equal(calls, ["abc", "none", "undef"]);
});

test("at most `limit` results are kept", () => {
  let calls = 0;
  const f = memoByString((s: string) => (calls++, s), 4);
  for (const s of ["a", "b", "c", "d", "e", "a"]) f(s);
  assert.is(calls, 6, "the fifth argument forgot the others");
  f("a");
  assert.is(calls, 6);
});

test.run();
