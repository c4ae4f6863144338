// A build report, gate results and transcripts made in memory (no git, no build), with agent
// text that tries to inject markup and a spec whose hidden cases carry distinctive values.
import path from 'node:path';
import type { TranscriptEntry } from '../../../src/build/agents/types.js';
import { caseOutcomes } from '../../../src/build/case-outcomes.js';
import type { ReportInput } from '../../../src/build/report-html/index.js';
import type { BuildReport } from '../../../src/build/types.js';
import type { CaseResult, ConformanceReport } from '../../../src/conformance/types.js';
import { loadSpec } from '../../../src/spec/index.js';

export const HIDDEN_SPEC = path.resolve(import.meta.dirname, '../../../fixtures/report/hidden-values.md');
export const INJECTION = '<script>alert("pwned")</script><img src=x onerror=alert(1)>';
const usage = { inputTokens: 1200, outputTokens: 340, costUsd: 0.0123 };

/** The gate's full report over the fixture spec: hidden cases fail with their real values attached. */
export async function gateReport(): Promise<ConformanceReport> {
  const { spec } = await loadSpec(HIDDEN_SPEC);
  const results: CaseResult[] = spec.cases.map((c) => {
    const expected = c.kind === 'call' && 'value' in c.expect ? c.expect.value : undefined;
    return {
      id: c.id,
      kind: 'call',
      fn: c.kind === 'call' ? c.fn : undefined,
      hidden: c.hidden,
      status: c.hidden ? 'failed' : 'passed',
      durationMs: 1,
      requirements: c.requirements,
      ...(c.hidden
        ? {
            expected,
            actual: `zqxhiddenactual for ${JSON.stringify(c.kind === 'call' ? c.args : [])}`,
            message: `expected ${JSON.stringify(expected)}`,
            output: 'zqxhiddenoutput',
          }
        : {}),
    } as CaseResult;
  });
  const failed = results.filter((r) => r.status === 'failed').length;
  return {
    reportVersion: 1,
    isolation: 'none',
    spec: { name: spec.meta.name, hash: spec.hash },
    implementation: { dir: '/x', language: 'python' },
    startedAt: '2026-01-01T00:00:00Z',
    durationMs: 420,
    total: results.length,
    passed: results.length - failed,
    failed,
    errored: 0,
    skipped: 0,
    results,
  };
}

export function buildReport(): BuildReport {
  return {
    reportVersion: 1,
    stateVersion: 1,
    spec: { name: 'echo-secret', version: '0.1.0', hash: 'a'.repeat(64), file: 'hidden-values.md' },
    language: 'python',
    planHash: 'p'.repeat(16),
    providers: {
      implementer: { name: 'scripted', model: 'scripted:test' },
      reviewer: { name: 'scripted', model: 'scripted:test' },
    },
    scaffoldCommit: 'c0'.repeat(20),
    tasks: [
      {
        id: '01-scaffold',
        title: 'Scaffold',
        hash: 'h1',
        commit: 'c1'.repeat(20),
        endReason: 'finished',
        usage,
        durationMs: 1500,
        summary: 'scaffolded',
        toolCalls: 2,
        turns: 3,
        diffstat: { files: 1, insertions: 3, deletions: 0 },
        transcript: '.ghost/sessions/01-scaffold-implementer.jsonl',
      },
      {
        id: '02-fn-shout',
        title: `Implement ${INJECTION}`,
        hash: 'h2',
        commit: 'c2'.repeat(20),
        endReason: 'error',
        usage,
        durationMs: 2500,
        summary: `done ${INJECTION}`,
        toolCalls: 0,
        cause: `codex exited with 1: ${INJECTION}`,
        diffstat: { files: 0, insertions: 0, deletions: 0 },
        transcript: '.ghost/sessions/02-fn-shout-implementer.jsonl',
      },
    ],
    rounds: [
      {
        round: 1,
        conformance: {
          total: 4,
          passed: 2,
          visibleFailures: [],
          hiddenTotal: 2,
          hiddenFailed: 2,
          hiddenRequirements: ['R-upper'],
          durationMs: 420,
        },
        review: {
          endReason: 'final-message',
          usage,
          durationMs: 800,
          verdict: {
            decision: 'request_changes',
            findings: [
              { file: 'shout.py', line: 2, severity: 'blocking', message: `wrong case ${INJECTION}` },
              { file: 'elsewhere.py', severity: 'minor', message: 'not in the diff' },
            ],
          },
        },
        fix: {
          commit: 'c3'.repeat(20),
          endReason: 'finished',
          usage,
          durationMs: 900,
          summary: 'fixed',
          diffstat: { files: 1, insertions: 1, deletions: 1 },
        },
      },
    ],
    usage: { implementer: usage, reviewer: usage },
    usageTotal: usage,
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:01:00Z',
    wallMs: 60_000,
    status: 'rejected',
    reasons: [`blocking review finding: shout.py: ${INJECTION}`],
    outDir: '/tmp/build',
  };
}

const transcript: TranscriptEntry[] = [
  { type: 'system', content: 'sys' },
  { type: 'user', content: 'task' },
  {
    type: 'assistant',
    content: null,
    toolCalls: [{ id: 'c1', name: 'write_file', arguments: JSON.stringify({ path: 'shout.py', content: INJECTION }) }],
  },
  { type: 'tool', callId: 'c1', name: 'write_file', content: `wrote ${INJECTION}` },
  { type: 'assistant', content: null, toolCalls: [{ id: 'c2', name: 'read_file', arguments: '{"path":"nope"}' }] },
  { type: 'tool', callId: 'c2', name: 'read_file', content: 'no such file', isError: true },
];

/** An agent CLI's session: no tool calls of ours, its output in a note. */
const execTranscript: TranscriptEntry[] = [
  { type: 'system', content: 'sys' },
  { type: 'user', content: `do the task ${INJECTION}` },
  { type: 'note', content: `exec output (stdout+stderr):\nError: 401 Unauthorized ${INJECTION}` },
  { type: 'assistant', content: 'gave up' },
];

const PATCH = `diff --git a/shout.py b/shout.py
new file mode 100644
index 0000000..1111111
--- /dev/null
+++ b/shout.py
@@ -0,0 +1,3 @@
+def shout(text):
+    return "${INJECTION}"
+# end
`;

export async function reportInput(): Promise<ReportInput> {
  return {
    report: buildReport(),
    gates: new Map([[1, caseOutcomes(await gateReport())]]),
    transcripts: new Map([
      ['.ghost/sessions/01-scaffold-implementer.jsonl', transcript],
      ['.ghost/sessions/02-fn-shout-implementer.jsonl', execTranscript],
    ]),
    diffs: { tasks: new Map([['01-scaffold', PATCH]]), fixes: new Map([[1, PATCH]]), reviewed: new Map([[1, PATCH]]) },
  };
}
