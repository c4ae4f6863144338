// The exit code a command reports. Commands call setExitCode instead of touching
// process.exitCode, so `main()` can run many times in one process (tests).
let code = 0;

export function setExitCode(next: number): void {
  code = Math.max(code, next);
}

export function takeExitCode(): number {
  const c = code;
  code = 0;
  return c;
}
