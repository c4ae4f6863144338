// Command-line options shared by the benchmarks (`npm run bench -- --runs 2000` reaches each).

/** `--name N`, or `dflt` when absent. */
export function numberArg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

/** `--name VALUE`, or undefined when absent. */
export function stringArg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
