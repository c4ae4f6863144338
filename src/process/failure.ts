// How a child process can fail, as data: every caller (conformance drivers, command cases,
// agent tools, agent CLIs) reports the same kinds, so a message never has to be re-parsed.
import { constants as osConstants } from 'node:os';

export type ProcessFailure =
  /** Never started (ENOENT, EACCES, an empty argv, bubblewrap refusing its arguments). */
  | { kind: 'spawn'; message: string }
  /** Its deadline passed; the whole process tree was killed. */
  | { kind: 'timeout'; timeoutMs: number }
  /** It printed nothing for `idleMs`; the whole process tree was killed. */
  | { kind: 'stalled'; idleMs: number }
  /** It ended on its own with a non-zero code, or was killed by a signal we did not send. */
  | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null }
  /** It wrote more than it may; killed. */
  | { kind: 'overflow'; limitBytes: number }
  /** The caller's AbortSignal fired; killed. */
  | { kind: 'aborted' }
  /** It broke the protocol spoken on its stdout (a driver's garbage line, a wrong id). */
  | { kind: 'garbage'; message: string; line?: string };

export type ProcessFailureKind = ProcessFailure['kind'];

/** One line for humans. */
export function describeFailure(f: ProcessFailure): string {
  switch (f.kind) {
    case 'spawn':
      return `could not start: ${f.message}`;
    case 'timeout':
      return `timed out after ${f.timeoutMs} ms`;
    case 'stalled':
      return `no output for ${f.idleMs} ms; killed as stalled`;
    case 'exit':
      return describeExit(f.code, f.signal);
    case 'overflow':
      return `output exceeded ${f.limitBytes} bytes; killed`;
    case 'aborted':
      return 'aborted';
    case 'garbage':
      return f.message;
  }
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `killed by ${signal}`;
  // bubblewrap reports its child's death by signal N as exit code 128 + N
  const name = code !== null && code > 128 && code <= 128 + 31 ? signalName(code - 128) : undefined;
  return `exited with code ${code ?? '?'}${name ? ` (128 + ${name})` : ''}`;
}

function signalName(n: number): string | undefined {
  for (const [name, num] of Object.entries(osConstants.signals)) if (num === n) return name;
  return undefined;
}
