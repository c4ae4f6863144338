// The second agent: reads the spec and the diff, sees the (redacted) gate result and the
// hard-coding check, and returns a verdict that must validate against verdictSchema.
import path from 'node:path';
import { Ajv } from 'ajv';
import type { Budget } from './agents/types.js';
import { stopOnSetupError } from './agents/index.js';

import { reviewerTools } from './tools/index.js';
import type { BuildOptions, BuildState, RoundRecord } from './types.js';
import { visibleConformance, type GateSummary } from './gate.js';
import { diffSince, trackedFiles, type BuildRepo } from './repo.js';
import { detectHardcoding, describeHardcoding } from './hardcode.js';
import { reviewerInstructions, reviewPrompt } from './prompts.js';
import { verdictSchema, type Verdict } from './verdict.js';

const validateVerdict = new Ajv({ allErrors: true }).compile<Verdict>(verdictSchema);

function isSource(file: string): boolean {
  return (
    !file.startsWith('.ghost/') && !['ghost.json', '.gitignore', 'package.json'].includes(file) && !/\.md$/i.test(file)
  );
}

export async function runReview(input: {
  o: BuildOptions;
  repo: BuildRepo;
  state: BuildState;
  round: RoundRecord;
  gate: GateSummary;
  budget: Budget;
}): Promise<NonNullable<RoundRecord['review']>> {
  const { o, repo, state, round, gate } = input;
  const files = (await trackedFiles(repo)).filter(isSource);
  const hardcoding = await detectHardcoding(
    files.map((f) => ({ path: f, absolute: path.join(repo.dir, f) })),
    o.spec.cases,
  );
  round.hardcoding = hardcoding;
  const diff = await diffSince(repo, state.scaffoldCommit);
  const result = stopOnSetupError(
    await o.reviewer.runSession({
      role: 'reviewer',
      instructions: reviewerInstructions(),
      prompt: reviewPrompt({
        specName: o.spec.meta.name,
        diffStat: diff.stat,
        diff: diff.patch,
        gate,
        ...(hardcoding.suspicious ? { hardcoding: describeHardcoding(hardcoding) } : {}),
      }),
      task: `review-${round.round}`,
      tools: reviewerTools({ root: repo.dir, runConformance: visibleConformance(o, repo.dir) }),
      budget: input.budget,
      cwd: repo.dir,
      // Not strict: optional finding fields (line, requirement) are not allowed in OpenAI's strict mode.
      responseSchema: {
        name: 'review_verdict',
        schema: verdictSchema as unknown as Record<string, unknown>,
        strict: false,
      },
    }),
  );
  // Providers validate already; validating again here keeps the gate honest whatever the provider.
  const verdict = result.structured ?? parseJson(result.finalMessage);
  if (verdict !== undefined && validateVerdict(verdict)) {
    const withFlag: Verdict = hardcoding.suspicious
      ? {
          ...verdict,
          findings: [
            ...verdict.findings,
            {
              file: hardcoding.examples[0]?.file ?? '.',
              severity: 'major',
              message: `ghost: ${describeHardcoding(hardcoding)}`,
            },
          ],
        }
      : verdict;
    return { verdict: withFlag, endReason: result.endReason, usage: result.usage };
  }
  return {
    endReason: result.endReason,
    error: result.error ?? `reviewer returned no valid verdict: ${result.finalMessage.slice(0, 200)}`,
    usage: result.usage,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
