/**
 * `npm run demo` as a child process, read the way a visitor reads its log: every line kept with
 * the time it arrived, and a wait for the first line that matches.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface LogLine {
  atMs: number;
  text: string;
}

export class DemoProcess {
  readonly lines: LogLine[] = [];
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();
  private exitCode: number | null | undefined;
  /** How it ended: its exit code, or the signal that ended it (npm re-raises a Ctrl+C). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** Starts `npm run demo -- ...args` in `cwd`, its output also echoed to this test's log. */
  constructor(cwd: string, args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn("npm", ["run", "demo", "--", ...args], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a stop reaches npm, tsx and Next.js as Ctrl+C would.
      detached: true,
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on("line", (text) => {
        this.lines.push({ atMs: Date.now(), text });
        console.log(`  [demo] ${text}`);
        for (const wake of this.waiters) wake();
      });
    }
    this.exited = new Promise((resolve) =>
      this.child.once("exit", (code, signal) => {
        this.exitCode = code;
        for (const wake of this.waiters) wake();
        resolve({ code, signal });
      }),
    );
  }

  /** The first line matching `pattern`, waiting up to `timeoutMs` for it. */
  async line(pattern: RegExp, timeoutMs: number): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find((l) => pattern.test(l.text));
      if (found) return found;
      if (this.exitCode !== undefined) {
        throw new Error(`the demo exited (${this.exitCode}) before a line matching ${pattern}`);
      }
      if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, 1_000);
        this.waiters.add(wake);
      });
    }
  }

  /** The password the demo printed for `role` ("  ops      ops@codewatch.local  <password>"). */
  async password(role: "admin" | "ops" | "support"): Promise<{ email: string; password: string }> {
    const pattern = new RegExp(`\\]\\s+${role}\\s+(\\S+@\\S+)\\s+(\\S+)$`);
    const match = pattern.exec((await this.line(pattern, 60_000)).text)!;
    return { email: match[1]!, password: match[2]! };
  }

  /** Ctrl+C: SIGINT to the whole group, as a terminal sends it. Resolves with how it ended. */
  async interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.exitCode === undefined) process.kill(-this.child.pid!, "SIGINT");
    return this.exited;
  }

  /** Ends it whatever state it is in (after a failed test). */
  kill(): void {
    if (this.exitCode === undefined) {
      try {
        process.kill(-this.child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
}
