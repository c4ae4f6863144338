// When to colour output. picocolors' own detection also says yes whenever `CI` is set, which
// fills CI logs and captured test output with escape codes; ghost colours only a terminal
// (or when FORCE_COLOR asks), and NO_COLOR always wins.
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export function colorEnabled(stream: { isTTY?: boolean } = process.stdout): boolean {
  const env = process.env;
  if ('NO_COLOR' in env || process.argv.includes('--no-color')) return false;
  if ((env.FORCE_COLOR && env.FORCE_COLOR !== '0') || process.argv.includes('--color')) return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export function colorsFor(stream: { isTTY?: boolean } = process.stdout): Colors {
  return pc.createColors(colorEnabled(stream));
}
