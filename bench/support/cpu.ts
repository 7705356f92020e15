/**
 * CPU time used by processes, read from /proc: on a shared machine the rate a benchmark reaches
 * moves with the neighbours' load, while the CPU each event costs moves much less, so the
 * benchmarks report both. Linux only (the benchmarks run next to a local PostgreSQL anyway).
 */
import { readdir, readFile } from "node:fs/promises";

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86_64

interface ProcStat {
  pid: number;
  comm: string;
  /** CPU seconds of the process itself (user + system). */
  own: number;
  /** CPU seconds of its children that have exited and were waited for. */
  reapedChildren: number;
}

async function readStat(pid: number): Promise<ProcStat | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  if (!text) return undefined;
  // comm is in parentheses and may contain spaces: split after the last ")".
  const close = text.lastIndexOf(")");
  const comm = text.slice(text.indexOf("(") + 1, close);
  const fields = text.slice(close + 2).split(" ");
  // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
  const at = (field: number) => Number(fields[field - 3]);
  return {
    pid,
    comm,
    own: (at(14) + at(15)) / TICKS_PER_SECOND,
    reapedChildren: (at(16) + at(17)) / TICKS_PER_SECOND,
  };
}

async function allStats(): Promise<ProcStat[]> {
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
  return (await Promise.all(pids.map(readStat))).filter((s): s is ProcStat => s !== undefined);
}

/**
 * CPU seconds used so far by every PostgreSQL process on this machine (of every database: keep
 * the machine otherwise quiet): the live ones, plus the backends that have exited (counted in
 * their parent postmaster's children time).
 */
export async function postgresCpuSeconds(): Promise<number> {
  const stats = (await allStats()).filter((s) => s.comm === "postgres");
  return stats.reduce((sum, s) => sum + s.own + s.reapedChildren, 0);
}

/** CPU seconds used so far by this process's children that have exited (and were waited for). */
export async function reapedChildrenCpuSeconds(): Promise<number> {
  return (await readStat(process.pid))?.reapedChildren ?? 0;
}

/** CPU seconds used so far by process `pid` and its descendants (live or exited). */
export async function treeCpuSeconds(pid: number): Promise<number> {
  const stat = await readStat(pid);
  if (!stat) return 0;
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, "utf8").catch(() => ""))
    .split(" ")
    .filter(Boolean)
    .map(Number);
  const nested = await Promise.all(children.map(treeCpuSeconds));
  return stat.own + stat.reapedChildren + nested.reduce((a, b) => a + b, 0);
}
