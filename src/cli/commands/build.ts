// `ghost build SPEC --lang L`: the main job. Plan, implement in a fresh repo, review, gate on
// conformance (hidden cases included). Heavy modules load inside the action.
import { Option, type Command } from 'commander';
import { setExitCode } from '../exit.js';
import { positiveInt } from '../options.js';
import { UserError } from '../../util/errors.js';
import type { BuildEvent } from '../../build/index.js';

interface BuildFlags {
  lang: string;
  out?: string;
  provider?: string;
  model?: string;
  reviewerModel?: string;
  baseUrl?: string;
  session?: string;
  record?: string;
  command?: string;
  allowEnv: string[];
  config?: string;
  maxRounds: number;
  budgetTokens?: number;
  maxTurns?: number;
  timeout?: number;
  jobs?: number;
  tests: string[];
  resume?: boolean;
  force?: boolean;
  allowUnjailed?: boolean;
  json?: boolean;
  vendor?: string | boolean;
  lock?: string;
}

const EXAMPLES = `
Examples:
  # offline: replay a scripted agent session (no model involved), everything else for real
  ghost build specs/slugify.md --lang python --provider scripted --session fixtures/sessions/slugify-python.jsonl

  # a real model (OPENAI_API_KEY), or any OpenAI-compatible server
  ghost build specs/semver.md --lang typescript --provider openai --model gpt-4.1
  ghost build specs/semver.md --lang python --base-url http://127.0.0.1:11434/v1 --model qwen2.5-coder

  # an agent CLI as the implementer (see docs/agents.md)
  ghost build specs/roman.md --lang java --provider codex
  ghost build specs/slugify.md --lang python --provider claude --allow-env ANTHROPIC_API_KEY \
    --base-url http://127.0.0.1:8080

  # several targets at once, in parallel (one repo and report each, then a summary table)
  ghost build specs/slugify.md --lang python,go,rust --out builds --provider scripted --session 'fixtures/sessions/slugify-{lang}.jsonl'

  # continue a build that was interrupted (Ctrl-C, crash, kill -9)
  ghost build specs/slugify.md --lang python --resume

The build is ACCEPTED only if every conformance case passes (hidden ones included) and the
reviewer leaves no blocking finding; otherwise REJECTED with the reasons (exit 1).
Output: a git repo (default .ghost/builds/<name>-<lang>/) with a commit per task,
.ghost/report.json, REPORT.md and .ghost/report.html (ghost report).`;

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('implement a spec with an agent, review it, and accept it only if conformance passes')
    .argument('<spec>', 'the spec (Markdown)')
    .requiredOption(
      '--lang <languages>',
      'target language(s): python, javascript, typescript, java, go, ruby, rust; a comma list builds each in parallel (<out>/<lang>)',
    )
    .option('--out <dir>', 'build repository (default .ghost/builds/<name>-<lang>)')
    .addOption(
      new Option('--provider <name>', 'agent provider').choices(['openai', 'exec', 'scripted', 'codex', 'claude']),
    )
    .option('--model <model>', 'implementer model (env GHOST_MODEL)')
    .option('--reviewer-model <model>', 'reviewer model (default: the implementer model)')
    .option('--base-url <url>', 'OpenAI-compatible server (env OPENAI_BASE_URL)')
    .option('--session <file>', 'scripted provider: the session file to replay')
    .option('--record <file>', 'record the sessions to a replayable session file')
    .option('--command <cmdline>', 'exec provider: agent command line ({prompt_file}, {prompt}, {cwd})')
    .option(
      '--allow-env <name>',
      'let the agent CLI see this secret variable, e.g. its API key (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--config <file>', 'agent config file (default ghost.config.json)')
    .option('--max-rounds <n>', 'review/fix rounds before giving up', positiveInt('--max-rounds'), 3)
    .option('--budget-tokens <n>', 'token budget for the whole build', positiveInt('--budget-tokens'))
    .option('--max-turns <n>', 'model turns per session', positiveInt('--max-turns'))
    .option('--timeout <ms>', 'per-case conformance timeout', positiveInt('--timeout'))
    .option('--jobs <n>', 'parallel conformance drivers', positiveInt('--jobs'))
    .option('--tests <file>', 'import a case file (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--resume', 'continue the build in --out from its last finished step')
    .option('--force', 'start over in a non-empty --out directory')
    .option(
      '--allow-unjailed',
      'accept even when the conformance gate cannot run in the bubblewrap jail (docs/security.md)',
    )
    .option('--json', 'print the build report as JSON')
    .option(
      '--vendor [dir]',
      'after acceptance copy the code to DIR (default vendor/<name>) and record it in ghost.lock; rebuild only changed tasks',
    )
    .option('--lock <file>', 'lock file for --vendor (default ghost.lock)')
    .addHelpText('after', EXAMPLES)
    .action(async (specPath: string, flags: BuildFlags) => {
      setExitCode(await runBuildCommand(specPath, flags));
    });
}

async function runBuildCommand(specPath: string, flags: BuildFlags): Promise<number> {
  // The one place a --lang spelling is normalised (`py` → `python`): plan, ghost.json, prompts
  // and the build directory all see the canonical id. A list builds several targets at once.
  const { resolveLanguage } = await import('../../languages/index.js');
  const languages = [
    ...new Set(
      flags.lang
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => resolveLanguage(l, '--lang: ').id),
    ),
  ];
  if (languages.length === 0) throw new UserError('--lang: name at least one target language');
  const multi = languages.length > 1;
  if (multi && flags.vendor !== undefined) throw new UserError('--vendor builds one target: run it per language');
  if (multi && flags.record) throw new UserError('--record writes one session file: record one target at a time');
  const [path, os, specMod, planMod, agents, build, { runConformance }] = await Promise.all([
    import('node:path'),
    import('node:os'),
    import('../../spec/index.js'),
    import('../../plan/index.js'),
    import('../../build/agents/index.js'),
    import('../../build/index.js'),
    import('../../conformance/index.js'),
  ]);
  if (flags.resume && flags.force) {
    throw new UserError(
      '--resume and --force contradict each other: --resume continues the build in --out, --force starts it over',
    );
  }
  const specSource = await specMod.readSpecSource(specPath);
  const { spec, diagnostics } = await specMod.loadSpec(specPath, flags.tests.length ? { tests: flags.tests } : {});
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    for (const d of errors) process.stderr.write(`${specMod.formatDiagnostic(d)}\n`);
    process.stderr.write(`ghost: ${specPath} has ${errors.length} error(s); fix them before building (ghost check)\n`);
    return 1;
  }
  const jail = (await import('../../process/index.js')).isolationFor('auto');
  if (jail.degraded && !flags.allowUnjailed && process.env.GHOST_ALLOW_UNJAILED !== '1') {
    process.stderr.write(
      `ghost: warning: no jail here (${jail.degraded}): the conformance gate would run unjailed, so this build cannot be ACCEPTED without --allow-unjailed (docs/security.md)\n`,
    );
  }
  const outDirOf = (language: string) =>
    multi && flags.out
      ? path.join(flags.out, language)
      : (flags.out ?? path.join('.ghost', 'builds', `${spec.meta.name}-${language}`));
  // Targets share the machine: together they use about one conformance driver per core.
  const cores = os.availableParallelism();
  const concurrent = Math.min(languages.length, cores);
  const jobs = flags.jobs ?? (multi ? Math.max(1, Math.floor(cores / concurrent)) : undefined);

  const buildTarget = async (language: string, onEvent: ((e: BuildEvent) => void) | undefined) => {
    const plan = planMod.makePlan(spec, { language });
    const isExecTemplate = flags.provider === 'codex' || flags.provider === 'claude';
    // `--session fixtures/sessions/slugify-{lang}.jsonl`: one scripted session file per target.
    const session = flags.session?.replaceAll('{lang}', language);
    const common = {
      ...(flags.provider && !isExecTemplate ? { provider: flags.provider as 'openai' | 'exec' | 'scripted' } : {}),
      ...(isExecTemplate ? { execTemplate: flags.provider as 'codex' | 'claude' } : {}),
      ...(flags.baseUrl ? { baseURL: flags.baseUrl } : {}),
      ...(session ? { session } : {}),
      ...(flags.record ? { record: flags.record } : {}),
      ...(flags.command ? { command: flags.command } : {}),
      ...(flags.config ? { configFile: flags.config } : {}),
      ...(flags.allowEnv.length ? { envAllow: flags.allowEnv } : {}),
    };
    if (session && multi) {
      const { existsSync } = await import('node:fs');
      if (!existsSync(session)) throw new UserError(`no scripted session for ${language}: ${session} not found`);
    }
    const resolved = agents.resolveAgentConfig({ ...common, ...(flags.model ? { model: flags.model } : {}) });
    const implementer = agents.providerFromConfig(resolved);
    // A scripted file holds every session of a build, so both roles replay from one provider.
    const reviewer =
      resolved.provider === 'scripted' || !flags.reviewerModel
        ? implementer
        : agents.createProvider({ ...common, model: flags.reviewerModel });
    const outDir = outDirOf(language);
    // --vendor: skip the build when the lock says it is up to date, else rebuild changed tasks and vendor (src/registry).
    const vendored =
      flags.vendor === undefined
        ? undefined
        : (await import('../../registry/index.js')).vendoredRunner({
            dir: flags.vendor,
            ...(flags.lock ? { lockFile: flags.lock } : {}),
            runBuild: build.runBuild,
            out: (s) => (flags.json ? process.stderr : process.stdout).write(s),
            note: (s) => process.stderr.write(s),
          });
    const report = await (vendored ?? build.runBuild)({
      spec,
      specSource,
      plan,
      language,
      outDir,
      implementer,
      reviewer,
      runConformance,
      maxRounds: flags.maxRounds,
      ...(flags.budgetTokens ? { budgetTokens: flags.budgetTokens } : {}),
      session: { ...resolved.budget, ...(flags.maxTurns ? { maxTurns: flags.maxTurns } : {}) },
      conformance: { ...(flags.timeout ? { timeoutMs: flags.timeout } : {}), ...(jobs ? { jobs } : {}) },
      resume: Boolean(flags.resume),
      force: Boolean(flags.force),
      allowUnjailed: Boolean(flags.allowUnjailed),
      onEvent,
    });
    return { report, outDir };
  };

  const pc = (await import('../../util/color.js')).colorsFor(process.stdout);
  if (!multi) {
    const { report, outDir } = await buildTarget(
      languages[0]!,
      flags.json ? undefined : build.createProgress(process.stderr),
    );
    if (!report) return 0;
    if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const verdict = report.status === 'accepted' ? pc.green('ACCEPTED') : pc.red('REJECTED');
      const last = report.rounds.at(-1)?.conformance;
      process.stdout.write(
        `${verdict}${report.reasons.length ? `: ${report.reasons.join('; ')}` : ''}\n` +
          (last
            ? `conformance: ${last.passed}/${last.total} cases pass (hidden ${last.hiddenTotal - last.hiddenFailed}/${last.hiddenTotal})\n`
            : '') +
          `repo: ${outDir}\nreport: ${path.join(outDir, 'REPORT.md')}\n` +
          `html report: ${path.join(outDir, '.ghost', 'report.html')} (ghost report --open)\n`,
      );
    }
    return report.status === 'accepted' ? 0 : 1;
  }

  // Several targets: plain progress lines prefixed with the target, then one summary table.
  const outcomes = await build.runTargets(
    languages,
    concurrent,
    async (language) => {
      const prefix = { write: (text: string) => void process.stderr.write(text.replace(/^(?=.)/gm, `[${language}] `)) };
      const { report, outDir } = await buildTarget(
        language,
        flags.json ? undefined : build.createProgress(prefix, false),
      );
      if (!report) throw new Error('the build returned no report');
      return build.targetOutcome(language, outDir, report);
    },
    outDirOf,
  );
  if (flags.json) {
    const out = outcomes.map(({ report, ...o }) => ({ ...o, ...(report ? { report } : {}) }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(
      build.renderTargetSummary(outcomes, (status, text) => (status === 'accepted' ? pc.green(text) : pc.red(text))),
    );
  }
  return outcomes.every((o) => o.status === 'accepted') ? 0 : 1;
}
