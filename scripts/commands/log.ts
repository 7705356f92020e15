/** Progress lines for the CLI: timestamped, on stderr, so stdout stays for results. */
const started = Date.now();

export function step(message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[cw ${seconds}s] ${message}\n`);
}
