/**
 * The sandboxed resolver and path_open's decisions, against an in-memory
 * host file system that records every path it is asked about: escapes fail
 * with NOTCAPABLE and nothing outside the preopen is ever looked at.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { errnoName } from "../../runtime/errno.ts";
import { FileEntry } from "../../runtime/fs/file_entry.ts";
import { DirEntry } from "../../runtime/fs/dir_entry.ts";
import { openPath, type OpenRequest } from "../../runtime/fs/open.ts";
import { checkLinkTarget, dotLast, Follow, MAX_SYMLINKS, readGuestPath, resolve } from "../../runtime/fs/resolve.ts";
import type { Context } from "../../runtime/context.ts";
import { FdTable } from "../../runtime/fd_table.ts";
import { findPreopen, resolveGuestPath } from "../../runtime/fs/guest_path.ts";
import { GuestMemory } from "../../runtime/memory.ts";
import { FileType } from "../../runtime/wasi/constants.ts";
import { FakeFs } from "../lib/fake_fs.ts";

const ROOT = "/box";
const root = { root: ROOT, rel: [] as string[] };

function tree(): FakeFs {
  return new FakeFs({
    "/secret": "TOP SECRET",
    "/outside": null,
    "/box": null,
    "/box/f": "file f",
    "/box/d/sub": null,
    "/box/d/g": "file g",
    "/box/l_f": { link: "f" },
    "/box/d/l_up": { link: "../f" },
    "/box/l_dir": { link: "d" },
    "/box/l_abs": { link: "/secret" },
    "/box/l_out": { link: "../secret" },
    "/box/d/l_out2": { link: "../../secret" },
    "/box/l_dirout": { link: "../outside" },
    "/box/l_dotdot": { link: "d/../.." },
    "/box/dangling": { link: "new" },
    "/box/dangling_out": { link: "../outside/new" },
    "/box/loop1": { link: "loop2" },
    "/box/loop2": { link: "loop1" },
  });
}

function errnoOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    const errno = (e as { errno?: number }).errno;
    if (errno !== undefined) return errnoName(errno);
    throw e;
  }
  return "OK";
}

function assertInside(fs: FakeFs): void {
  for (const p of fs.touched) assert.ok(p === ROOT || p.startsWith(ROOT + "/"), `touched ${p} outside the preopen`);
}

test("plain paths resolve below the root", () => {
  const fs = tree();
  const r = resolve(fs, root, "d/g", Follow.ALWAYS);
  assert.is(r.hostPath, "/box/d/g");
  assert.equal(r.rel, ["d", "g"]);
  assert.is(r.name, "g");
  assert.is(r.stat?.filetype, FileType.REGULAR_FILE);
  assert.is(resolve(fs, root, "./d//./sub/../g", Follow.ALWAYS).hostPath, "/box/d/g");
  assertInside(fs);
});

test("'.', 'a/..' and a link to '..' name a directory without a name", () => {
  const fs = tree();
  for (const p of [".", "d/..", "d/sub/../..", "./"]) {
    const r = resolve(fs, root, p, Follow.NEVER);
    assert.is(r.name, null, p);
    assert.is(r.hostPath, ROOT, p);
    assert.is(r.stat?.filetype, FileType.DIRECTORY, p);
  }
  assert.is(resolve(fs, { root: ROOT, rel: ["d"] }, "../l_dir/..", Follow.ALWAYS).hostPath, ROOT);
  assert.is(errnoOf(() => resolve(fs, { root: ROOT, rel: ["d"] }, "l_up/..", Follow.ALWAYS)), "ENOTDIR");
});

test("escapes are NOTCAPABLE and look at nothing outside", () => {
  for (
    const p of [
      "..",
      "../secret",
      "d/../../secret",
      "/secret",
      "/box/f",
      "l_abs",
      "l_out",
      "d/l_out2",
      "l_dirout/x",
      "l_dotdot/secret",
      "l_dotdot",
      "dangling_out",
      "d/sub/../../..",
    ]
  ) {
    const fs = tree();
    assert.is(errnoOf(() => resolve(fs, root, p, Follow.ALWAYS)), "ENOTCAPABLE", p);
    assertInside(fs);
  }
});

test("a subdirectory descriptor may climb to the root but not above it", () => {
  const fs = tree();
  const sub = { root: ROOT, rel: ["d", "sub"] };
  assert.is(resolve(fs, sub, "../../f", Follow.ALWAYS).hostPath, "/box/f");
  assert.is(errnoOf(() => resolve(fs, sub, "../../../secret", Follow.ALWAYS)), "ENOTCAPABLE");
  assertInside(fs);
});

test("a directory descriptor's own path is walked again: links now standing there cannot lead out", () => {
  const fs = tree();
  // The guest held "a/x" open, then replaced "a" with a link leading out.
  fs.put("/box/a", { link: "../outside" });
  fs.put("/outside/x/secret", "TOP SECRET");
  const held = { root: ROOT, rel: ["a", "x"] };
  assert.is(errnoOf(() => resolve(fs, held, "secret", Follow.ALWAYS)), "ENOTCAPABLE");
  assertInside(fs);
  // A link that stays inside is simply followed.
  fs.put("/box/a", { link: "d" });
  fs.put("/box/d/x", null);
  assert.is(resolve(fs, held, "y", Follow.ALWAYS).hostPath, "/box/d/x/y");
});

test("an open directory follows renames of itself and of its parents", () => {
  const fs = tree();
  const e = new DirEntry(fs, ROOT, ["d", "sub"]);
  e.renamed(ROOT, ["d"], ROOT, ["e", "f"]);
  assert.equal(e.rel, ["e", "f", "sub"]);
  e.renamed(ROOT, ["e", "f", "sub"], "/other", ["s"]);
  assert.equal([e.root, e.rel], ["/other", ["s"]]);
  e.renamed("/other", ["t"], "/other", ["u"]);
  assert.equal(e.rel, ["s"]);
});

test("links inside the sandbox are followed; the last one only when asked", () => {
  const fs = tree();
  assert.is(resolve(fs, root, "l_f", Follow.ALWAYS).hostPath, "/box/f");
  assert.is(resolve(fs, root, "l_f", Follow.NEVER).stat?.filetype, FileType.SYMBOLIC_LINK);
  assert.is(resolve(fs, root, "l_f", Follow.TRAILING_SLASH).stat?.filetype, FileType.SYMBOLIC_LINK);
  assert.is(resolve(fs, root, "l_dir/", Follow.TRAILING_SLASH).hostPath, "/box/d");
  assert.is(resolve(fs, root, "d/l_up", Follow.ALWAYS).hostPath, "/box/f");
  assert.is(resolve(fs, root, "l_dir/g", Follow.NEVER).hostPath, "/box/d/g");
  assert.is(errnoOf(() => resolve(fs, root, "l_dir/", Follow.NEVER)), "ENOTDIR");
  // A link escaping is harmless as long as it is not followed.
  assert.is(resolve(fs, root, "l_abs", Follow.NEVER).stat?.filetype, FileType.SYMBOLIC_LINK);
  assertInside(fs);
});

test("a dangling link resolves to where the file would be created", () => {
  const fs = tree();
  const r = resolve(fs, root, "dangling", Follow.ALWAYS);
  assert.is(r.stat, null);
  assert.is(r.hostPath, "/box/new");
});

test("missing and non-directory components, trailing slashes", () => {
  const fs = tree();
  assert.is(errnoOf(() => resolve(fs, root, "nope/x", Follow.ALWAYS)), "ENOENT");
  assert.is(resolve(fs, root, "nope", Follow.ALWAYS).stat, null);
  assert.is(errnoOf(() => resolve(fs, root, "f/x", Follow.ALWAYS)), "ENOTDIR");
  assert.is(errnoOf(() => resolve(fs, root, "f/", Follow.ALWAYS)), "ENOTDIR");
  assert.ok(resolve(fs, root, "f/", Follow.NEVER, true).mustBeDir);
  assert.ok(resolve(fs, root, "new/", Follow.NEVER).mustBeDir);
  assert.is(errnoOf(() => resolve(fs, root, "", Follow.ALWAYS)), "ENOENT");
});

test("link loops and chains longer than the limit are ELOOP", () => {
  const fs = tree();
  assert.is(errnoOf(() => resolve(fs, root, "loop1", Follow.ALWAYS)), "ELOOP");
  for (let i = 1; i <= MAX_SYMLINKS + 1; i++) fs.put(`/box/c${i}`, { link: i === 1 ? "f" : `c${i - 1}` });
  assert.is(resolve(fs, root, `c${MAX_SYMLINKS}`, Follow.ALWAYS).hostPath, "/box/f");
  assert.is(errnoOf(() => resolve(fs, root, `c${MAX_SYMLINKS + 1}`, Follow.ALWAYS)), "ELOOP");
});

test("on a host where '\\' and ':' are path syntax, names holding them are refused", () => {
  const fs = tree();
  assert.is(resolve(fs, root, "a\\b", Follow.ALWAYS).name, "a\\b");
  fs.forbiddenNameChars = "\\:";
  assert.is(errnoOf(() => resolve(fs, root, "..\\secret", Follow.ALWAYS)), "EINVAL");
  assert.is(errnoOf(() => resolve(fs, root, "C:", Follow.ALWAYS)), "EINVAL");
  fs.put("/box/winlink", { link: "..\\secret" });
  assert.is(errnoOf(() => resolve(fs, root, "winlink", Follow.ALWAYS)), "EINVAL");
  assertInside(fs);
});

test("checkLinkTarget refuses links that would point out", () => {
  assert.is(errnoOf(() => checkLinkTarget(tree(), [], "/etc/passwd")), "ENOTCAPABLE");
  assert.is(errnoOf(() => checkLinkTarget(tree(), [], "../x")), "ENOTCAPABLE");
  assert.is(errnoOf(() => checkLinkTarget(tree(), ["a"], "../../x")), "ENOTCAPABLE");
  assert.is(errnoOf(() => checkLinkTarget(tree(), [], "a/../../x")), "ENOTCAPABLE");
  assert.is(errnoOf(() => checkLinkTarget(tree(), ["a"], "../x")), "OK");
  assert.is(errnoOf(() => checkLinkTarget(tree(), [], "a/b/../../x")), "OK");
  assert.is(errnoOf(() => checkLinkTarget(tree(), [], "./x/")), "OK");
  const win = tree();
  win.forbiddenNameChars = "\\:";
  assert.is(errnoOf(() => checkLinkTarget(win, ["a"], "..\\..\\x")), "EINVAL");
});

test("dotLast finds a last component of '.' or '..'", () => {
  assert.is(dotLast("."), ".");
  assert.is(dotLast("a/.."), "..");
  assert.is(dotLast("a/./"), ".");
  assert.is(dotLast("a/b"), null);
  assert.is(dotLast("..a"), null);
});

test("guest paths: too long, not UTF-8, NUL, outside memory", () => {
  const mem = new GuestMemory(new WebAssembly.Memory({ initial: 1 }));
  mem.copyIn(0, new Uint8Array([0x61, 0x00, 0x62, 0xff, 0xfe]));
  assert.is(readGuestPath(mem, 0, 1), "a");
  assert.is(errnoOf(() => readGuestPath(mem, 0, 3)), "EINVAL");
  assert.is(errnoOf(() => readGuestPath(mem, 3, 2)), "EILSEQ");
  assert.is(errnoOf(() => readGuestPath(mem, 0, 4096)), "ENAMETOOLONG");
  assert.is(errnoOf(() => readGuestPath(mem, 65535, 2)), "EFAULT");
});

const READ: OpenRequest = {
  read: true,
  write: false,
  create: false,
  exclusive: false,
  truncate: false,
  directory: false,
  follow: true,
};

test("path_open: files, directories and Linux's errnos", () => {
  const fs = tree();
  assert.instance(openPath(fs, root, "f", READ), FileEntry);
  assert.instance(openPath(fs, root, "d", READ), DirEntry);
  assert.equal((openPath(fs, root, "l_dir", READ) as DirEntry).rel, ["d"]);
  assert.is(errnoOf(() => openPath(fs, root, "d", { ...READ, write: true })), "EISDIR");
  assert.is(errnoOf(() => openPath(fs, root, "f", { ...READ, directory: true })), "ENOTDIR");
  assert.is(errnoOf(() => openPath(fs, root, "l_f", { ...READ, follow: false })), "ELOOP");
  assert.is(errnoOf(() => openPath(fs, root, "f", { ...READ, create: true, exclusive: true })), "EEXIST");
  assert.is(errnoOf(() => openPath(fs, root, "dangling", { ...READ, create: true, exclusive: true })), "EEXIST");
  assert.is(errnoOf(() => openPath(fs, root, "nope", READ)), "ENOENT");
  assert.is(errnoOf(() => openPath(fs, root, "f/", { ...READ, create: true })), "EISDIR");
  assert.is(errnoOf(() => openPath(fs, root, "x", { ...READ, create: true, directory: true })), "EINVAL");
  assertInside(fs);
});

test("path_open O_CREAT through a dangling link creates inside, never outside", () => {
  const fs = tree();
  assert.instance(openPath(fs, root, "dangling", { ...READ, create: true }), FileEntry);
  assert.ok(fs.nodes.has("/box/new"));
  assert.is(errnoOf(() => openPath(fs, root, "dangling_out", { ...READ, create: true })), "ENOTCAPABLE");
  assert.not.ok(fs.nodes.has("/outside/new"));
  assertInside(fs);
});

test("path_open: a file swapped after the check is closed untouched, not truncated", () => {
  const fs = tree();
  // Another process replaces the file between the resolver's lstat and the
  // open, every time: the opened handle is never the object that was checked.
  let opens = 0;
  fs.onOpen = (path) => {
    if (path !== "/box/f") return;
    opens++;
    fs.put("/box/f", "swapped");
  };
  const realOpen = fs.open.bind(fs);
  fs.open = (path, o) => {
    const h = realOpen(path, o);
    fs.put(path, "swapped again");
    return h;
  };
  assert.is(errnoOf(() => openPath(fs, root, "f", { ...READ, write: true, truncate: true })), "EAGAIN");
  assert.ok(opens > 1, "it retried");
  assert.is(fs.calls.filter(([op]) => op === "truncate").length, 0, "nothing was truncated");
});

test("path_open: O_TRUNC truncates only after the identity check", () => {
  const fs = tree();
  openPath(fs, root, "f", { ...READ, write: true, truncate: true });
  const ops = fs.calls.map(([op]) => op);
  assert.ok(ops.indexOf("truncate") > ops.lastIndexOf("open"));
});

test("absolute guest paths (unix socket paths) resolve through the longest matching preopen", () => {
  const fs = tree();
  fs.put("/box2", null);
  fs.put("/box/d/sock", "");
  const fds = new FdTable();
  fds.insert(new DirEntry(fs, ROOT, [], "/data"));
  fds.insert(new DirEntry(fs, "/box2", [], "/data/d"));
  fds.insert(new DirEntry(fs, ROOT, ["d"]));
  const ctx = { fds, host: { fs } } as unknown as Context;
  assert.is(findPreopen(ctx, "/data/x")?.dir.root, ROOT);
  assert.is(findPreopen(ctx, "/data/d/x")?.dir.root, "/box2");
  assert.is(findPreopen(ctx, "/datax/y"), null);
  assert.is(findPreopen(ctx, "relative"), null);
  assert.is(resolveGuestPath(ctx, "/data/l_dir/sock", Follow.ALWAYS)?.hostPath, "/box/d/sock");
  assert.is(resolveGuestPath(ctx, "/elsewhere/sock", Follow.ALWAYS), null);
  for (const p of ["/data/../secret", "/data/l_dirout/sock", "/data/l_dotdot/secret", "/data/dangling_out"]) {
    assert.is(errnoOf(() => resolveGuestPath(ctx, p, Follow.ALWAYS)), "ENOTCAPABLE", p);
  }
  assertInside(fs);
});

test.run();
