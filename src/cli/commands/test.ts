// `ghost test SPEC --impl DIR`: run a spec's conformance suite against an implementation in
// any language, through the per-language drivers. Exit 0 only when every selected case passed.
import { Option, type Command } from 'commander';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setExitCode } from '../exit.js';
import { positiveInt } from '../options.js';
import { cacheDir, pathKey } from '../../util/cache.js';
import { UserError } from '../../util/errors.js';
import { didYouMean } from '../../util/suggest.js';
import type { CaseFilter, CaseResult, ConformanceReport } from '../../conformance/types.js';

interface TestOptions {
  impl: string;
  lang?: string;
  jobs?: number;
  timeout?: number;
  isolate?: boolean;
  sandbox?: boolean;
  allowEnv?: string[];
  fn?: string[];
  grep?: string;
  req?: string[];
  hidden?: boolean;
  hiddenOnly?: boolean;
  bail?: boolean;
  failed?: boolean;
  shard?: string;
  reporter: string;
  output?: string;
  color?: boolean;
}

interface FailureRecord {
  spec: string;
  impl: string;
  ids: string[];
}

/**
 * Where `--failed` finds the last run's failures: the user's cache, keyed by implementation and
 * spec. Not the implementation directory: the ids include hidden ones, and agents read that tree.
 */
function failuresFile(implDir: string, specFile: string): string {
  return path.join(cacheDir(), 'last-failures', `${pathKey(implDir, specFile)}.json`);
}

function readFailures(file: string, specName: string): string[] | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const rec = JSON.parse(readFileSync(file, 'utf8')) as Partial<FailureRecord>;
    if (rec.spec !== specName || !Array.isArray(rec.ids)) return undefined;
    return rec.ids.filter((x): x is string => typeof x === 'string');
  } catch {
    return undefined;
  }
}

/** Remembers this run's failures (cases not run this time keep their previous state). */
function writeFailures(file: string, report: ConformanceReport, previous: string[] | undefined): void {
  const ran = new Set(report.results.filter((r) => r.status !== 'skipped').map((r) => r.id));
  const failedNow = report.results.filter((r) => r.status === 'failed' || r.status === 'errored').map((r) => r.id);
  const keep = (previous ?? []).filter((id) => !ran.has(id));
  const rec: FailureRecord = {
    spec: report.spec.name,
    impl: report.implementation.dir,
    ids: [...new Set([...keep, ...failedNow])],
  };
  // nothing to remember and nothing to clear: write nothing
  if (rec.ids.length === 0 && !existsSync(file)) return;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(rec, null, 2)}\n`);
  } catch {
    /* no writable cache: --failed just has nothing to rerun */
  }
}

function progress(total: number): { onResult: (r: CaseResult) => void; done: () => void } {
  if (!process.stderr.isTTY) return { onResult: () => {}, done: () => {} };
  let n = 0;
  let bad = 0;
  let last = 0;
  const draw = () => process.stderr.write(`\r\x1b[K  ${n}/${total} cases${bad ? `, ${bad} failing` : ''}`);
  return {
    onResult(r) {
      n += 1;
      if (r.status === 'failed' || r.status === 'errored') bad += 1;
      const now = Date.now();
      if (now - last > 50 || n === total) {
        last = now;
        draw();
      }
    },
    done: () => process.stderr.write('\r\x1b[K'),
  };
}

const EXAMPLES = `
Examples:
  ghost test specs/roman.md --impl fixtures/impls/roman/python     every case, hidden ones too
  ghost test specs/roman.md --impl DIR --fn to_roman --grep /^big-/ a selection
  ghost test specs/roman.md --impl DIR --req R-to-range            the cases checking one requirement
  ghost test specs/roman.md --impl DIR --failed                    rerun what failed last time
  ghost test specs/roman.md --impl DIR --no-hidden --bail          visible cases, stop at the first failure
  ghost test specs/roman.md --impl DIR --reporter junit -o report.xml

The language is detected from DIR (ghost.json, package.json, pyproject.toml, pom.xml, …);
--lang overrides it. A failure shows the call and the spec's file:line; a hidden case shows
only its id and status. The last line is always \`N passed, N failed\`.`;

export function registerTest(program: Command): void {
  program
    .command('test')
    .description("run a spec's conformance suite against an implementation (any language)")
    .argument('<spec>', 'the spec (Markdown)')
    .requiredOption('--impl <dir>', 'implementation directory')
    .option('--lang <language>', 'javascript, typescript, python, java, go, ruby or rust (default: detected)')
    .option('-j, --jobs <n>', 'parallel drivers (default: number of cores)', positiveInt('--jobs'))
    .option('--timeout <ms>', 'per-case time limit in ms (default 5000)', positiveInt('--timeout'))
    .option('--isolate', 'one driver process per case (slow; for implementations that leak state)')
    .option('--sandbox', 'require the bubblewrap jail (the default uses it whenever it works; docs/security.md)')
    .option(
      '--allow-env <name...>',
      'let the implementation see these environment variables (it gets an allow-list otherwise)',
    )
    .option('--fn <name...>', 'only cases of these functions')
    .option('--grep <pattern>', 'only cases whose id contains PATTERN (or matches /regex/)')
    .option('--req <id...>', 'only cases that check these requirement ids')
    .option('--hidden', 'include hidden cases (default)')
    .option('--no-hidden', 'visible cases only')
    .option('--hidden-only', 'hidden cases only')
    .option('--bail', 'stop at the first failure')
    .option('--failed', 'rerun only the cases that failed last time (remembered in ~/.cache/ghost, not in DIR)')
    .option('--shard <i/n>', 'only shard I of N of the selected cases (CI matrices; join with ghost merge-reports)')
    .addOption(
      new Option('--reporter <name>', 'output format').choices(['pretty', 'json', 'junit', 'tap']).default('pretty'),
    )
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--no-color', 'no colour in pretty output')
    .addHelpText('after', EXAMPLES)
    .action(async (specFile: string, opts: TestOptions) => {
      if (opts.hiddenOnly && opts.hidden === false)
        throw new UserError('--hidden-only and --no-hidden contradict each other: pick one');
      if (!existsSync(specFile)) throw new UserError(`spec not found: ${specFile}`);
      const [
        { loadSpec, formatDiagnostic },
        { runConformance, reporters, detectImplementation, selectCases, parseShard },
      ] = await Promise.all([import('../../spec/index.js'), import('../../conformance/index.js')]);
      const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
      const { spec, diagnostics } = await loadSpec(specFile);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        for (const d of errors) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(
          `ghost: ${specFile} has ${errors.length} error(s); fix them before testing (ghost check)\n`,
        );
        setExitCode(1);
        return;
      }
      const impl = detectImplementation(opts.impl, opts.lang);

      const filter: CaseFilter = {};
      if (opts.fn) {
        const declared = new Set([
          ...spec.functions.map((f) => f.name),
          ...spec.cases.flatMap((c) => (c.kind === 'call' ? [c.fn] : [])),
        ]);
        const unknown = opts.fn.find((f) => !declared.has(f));
        if (unknown !== undefined) {
          const hint = didYouMean(unknown, declared) || `; the spec declares: ${[...declared].join(', ') || 'none'}`;
          throw new UserError(`unknown function "${unknown}"${hint}`);
        }
        filter.functions = opts.fn;
      }
      if (opts.req) {
        const defined = new Set(spec.requirements.map((r) => r.id));
        const unknown = opts.req.find((r) => !defined.has(r));
        if (unknown !== undefined)
          throw new UserError(
            `unknown requirement "${unknown}"${didYouMean(unknown, defined) || " (ghost check lists the spec's requirements)"}`,
          );
        filter.requirements = opts.req;
      }
      if (opts.grep) filter.pattern = opts.grep;
      filter.hidden = opts.hiddenOnly ? 'only' : opts.hidden === false ? 'exclude' : 'include';
      const failures = failuresFile(impl.dir, specFile);
      const previous = readFailures(failures, spec.meta.name);
      if (opts.failed) {
        if (previous && previous.length > 0) filter.ids = previous;
        else process.stderr.write('ghost: no recorded failures for this implementation; running every selected case\n');
      }

      if (shard) filter.shard = shard;
      const selected = selectCases(spec.cases, filter);
      // More shards than cases leaves some empty: an empty report, not a failure of the matrix.
      if (selected.length === 0 && !shard) {
        process.stderr.write('ghost: no cases selected (check --fn/--grep/--hidden)\n');
        setExitCode(1);
        return;
      }
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      const live = progress(selected.length);
      let report: ConformanceReport;
      try {
        report = await runConformance(spec, {
          implDir: impl.dir,
          language: impl.language,
          ...(opts.jobs ? { jobs: opts.jobs } : {}),
          ...(opts.timeout ? { timeoutMs: opts.timeout } : {}),
          isolate: opts.isolate ?? false,
          sandbox: opts.sandbox ?? false,
          ...(opts.allowEnv ? { envAllow: opts.allowEnv } : {}),
          onWarning: (m) => process.stderr.write(`ghost: warning: ${m}\n`),
          bail: opts.bail ?? false,
          filter,
          onResult: live.onResult,
          signal: controller.signal,
        });
      } finally {
        live.done();
        process.removeListener('SIGINT', onSigint);
      }

      const reporter = reporters[opts.reporter as keyof typeof reporters];
      const text = reporter.render(report, opts.output || opts.color === false ? { color: false } : {});
      if (opts.output) {
        writeFileSync(opts.output, text);
        const summary = reporters.pretty.render(report, { color: false }).trimEnd().split('\n').slice(-2);
        process.stdout.write(`${summary.join('\n')}\nreport written to ${opts.output}\n`);
      } else {
        process.stdout.write(text);
      }
      writeFailures(failures, report, previous);
      const ok = (report.total > 0 || shard !== undefined) && report.passed === report.total;
      setExitCode(ok ? 0 : 1);
    });
}
