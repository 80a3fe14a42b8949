/**
 * An in-memory {@link HostFs} for unit tests of the file-system layer: a tree
 * of directories, files and symbolic links under absolute paths, which
 * records every path it is asked about so a test can prove nothing outside
 * the sandbox was touched.
 *
 * @module
 */

import { Errno } from "../../runtime/errno.ts";
import { type HostFile, type HostFs, HostFsError, type HostOpenOptions, type HostStat } from "../../runtime/host_fs.ts";
import { FileType } from "../../runtime/wasi/constants.ts";

type Node =
  | { kind: "dir"; ino: number }
  | { kind: "file"; ino: number; data: Uint8Array }
  | { kind: "link"; ino: number; target: string };

/** An in-memory file system. Paths are absolute and normalized (no `.`, `..` or `//`). */
export class FakeFs implements HostFs {
  readonly nodes = new Map<string, Node>();
  /** As on Linux, unless a test pretends to be Windows. */
  forbiddenNameChars = "";
  /** Every `[operation, path]` asked, in order. */
  readonly calls: [string, string][] = [];
  /** Called by `open` after it found the node: lets a test swap things mid-operation. */
  onOpen: ((path: string) => void) | null = null;
  #ino = 1;

  constructor(tree: Record<string, string | { link: string } | null> = {}) {
    this.nodes.set("/", { kind: "dir", ino: this.#ino++ });
    for (const [path, v] of Object.entries(tree)) this.put(path, v);
  }

  /** Adds `path`: a directory for null, a file for a string, a link for `{link}`; parents are made. */
  put(path: string, v: string | { link: string } | null): void {
    const parts = path.split("/").filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const p = "/" + parts.slice(0, i).join("/");
      if (!this.nodes.has(p)) this.nodes.set(p, { kind: "dir", ino: this.#ino++ });
    }
    const ino = this.#ino++;
    if (v === null) this.nodes.set(path, { kind: "dir", ino });
    else if (typeof v === "string") this.nodes.set(path, { kind: "file", ino, data: new TextEncoder().encode(v) });
    else this.nodes.set(path, { kind: "link", ino, target: v.link });
  }

  /** Paths of every call, whatever the operation. */
  get touched(): string[] {
    return this.calls.map(([, p]) => p);
  }

  #node(op: string, path: string): Node {
    this.calls.push([op, path]);
    const parent = path.slice(0, path.lastIndexOf("/")) || "/";
    if (path !== "/" && this.nodes.get(parent)?.kind !== "dir") {
      throw new HostFsError(this.nodes.has(parent) ? Errno.NOTDIR : Errno.NOENT, `${op} ${path}`);
    }
    const n = this.nodes.get(path);
    if (!n) throw new HostFsError(Errno.NOENT, `${op} ${path}`);
    return n;
  }

  #stat(n: Node): HostStat {
    const filetype = n.kind === "dir"
      ? FileType.DIRECTORY
      : n.kind === "file"
      ? FileType.REGULAR_FILE
      : FileType.SYMBOLIC_LINK;
    const size = n.kind === "file" ? n.data.byteLength : n.kind === "link" ? n.target.length : 0;
    return { filetype, dev: 1n, ino: BigInt(n.ino), nlink: 1n, size: BigInt(size), atimNs: 0n, mtimNs: 0n, ctimNs: 0n };
  }

  open(path: string, o: HostOpenOptions): HostFile {
    if (o.create) {
      this.calls.push(["create", path]);
      if (this.nodes.has(path)) throw new HostFsError(Errno.EXIST, `create ${path}`);
      this.put(path, "");
    }
    const n = this.#node("open", path);
    if (n.kind === "link") throw new HostFsError(Errno.LOOP, `open ${path}`);
    this.onOpen?.(path);
    const current = () => this.nodes.get(path) ?? n;
    const opened = current();
    return {
      read: () => 0,
      write: (buf) => buf.byteLength,
      stat: () => this.#stat(opened),
      truncate: () => {
        this.calls.push(["truncate", path]);
        if (opened.kind === "file") opened.data = new Uint8Array(0);
      },
      sync: () => {},
      datasync: () => {},
      setTimes: () => {},
      close: () => {},
    };
  }

  lstat(path: string): HostStat {
    return this.#stat(this.#node("lstat", path));
  }

  readlink(path: string): string {
    const n = this.#node("readlink", path);
    if (n.kind !== "link") throw new HostFsError(Errno.INVAL, `readlink ${path}`);
    return n.target;
  }

  realpath(path: string): string {
    this.calls.push(["realpath", path]);
    return path;
  }

  readdir(path: string): string[] {
    this.#node("readdir", path);
    const prefix = path === "/" ? "/" : path + "/";
    return [...this.nodes.keys()].filter((p) =>
      p.startsWith(prefix) && !p.slice(prefix.length).includes("/") && p !== path
    )
      .map((p) => p.slice(prefix.length));
  }

  #parentMustExist(op: string, path: string): void {
    this.calls.push([op, path]);
    const parent = path.slice(0, path.lastIndexOf("/")) || "/";
    if (this.nodes.get(parent)?.kind !== "dir") throw new HostFsError(Errno.NOENT, `${op} ${path}`);
    if (this.nodes.has(path)) throw new HostFsError(Errno.EXIST, `${op} ${path}`);
  }

  mkdir(path: string): void {
    this.#parentMustExist("mkdir", path);
    this.put(path, null);
  }

  symlink(target: string, path: string): void {
    this.#parentMustExist("symlink", path);
    this.put(path, { link: target });
  }

  link(existing: string, newPath: string): void {
    const n = this.#node("link", existing);
    this.#parentMustExist("link", newPath);
    this.nodes.set(newPath, n);
  }

  rmdir(path: string): void {
    this.#node("rmdir", path);
    this.nodes.delete(path);
  }

  unlink(path: string): void {
    this.#node("unlink", path);
    this.nodes.delete(path);
  }

  rename(from: string, to: string): void {
    const n = this.#node("rename", from);
    this.calls.push(["rename", to]);
    this.nodes.delete(from);
    this.nodes.set(to, n);
  }

  setTimes(path: string): void {
    this.#node("setTimes", path);
  }
}
