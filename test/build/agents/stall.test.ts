// A model server that accepts a request and then goes silent ends the openai provider's session
// as `stalled` (as a silent exec CLI does), with the cause in report.json and REPORT.md. Real
// `openai` SDK over real HTTP to the fake model server; the stall budget is made tiny.
import { afterEach, describe, expect, it } from 'vitest';
import { implementerTools } from '../../../src/build/tools/index.js';
import { renderReportMarkdown } from '../../../src/build/report-markdown.js';
import { sessionFacts } from '../../../src/build/sessions.js';
import { toolCalls, type FakeModelServerOptions } from '../../support/fake-model/index.js';
import { buildReport } from '../report-html/fixture.js';
import { cleanupServers, openaiOn, serve } from './fake-server.js';
import { request, tempRepo } from './helpers.js';

afterEach(cleanupServers);

const STALL_MS = 150;

/** One implementer session against the fake server; a request timeout and retries that would outlast the test. */
async function run(opts: FakeModelServerOptions) {
  const server = await serve(opts);
  const provider = openaiOn(server, { maxRetries: 4, timeoutMs: 60_000, stallMs: STALL_MS });
  const root = tempRepo();
  const res = await provider.runSession(
    request(root, implementerTools({ root }), { budget: { maxTurns: 5, maxTokens: 1e9, maxWallMs: 5000 } }),
  );
  return { res, server };
}

describe('openai provider: a silent model server', () => {
  it('that accepts the request and sends nothing ends the session as stalled, without retrying', async () => {
    const { res, server } = await run({ fault: { kind: 'hang' } });
    expect(res.endReason).toBe('stalled');
    const cause = `${server.url}/v1 sent nothing for ${STALL_MS} ms (stalled); request abandoned`;
    expect(res.error).toBe(cause);
    expect(server.requests).toHaveLength(1);
    expect(res.transcript.at(-1)).toEqual({ type: 'note', content: `session ended: stalled (${cause})` });

    // report.json's task record and REPORT.md say why, as for a stalled exec CLI.
    const facts = sessionFacts(res, 100);
    expect(facts.cause).toBe(cause);
    const report = buildReport();
    const { summary: _, ...task } = report.tasks[1]!;
    report.tasks[1] = { ...task, endReason: res.endReason, ...facts };
    const md = renderReportMarkdown(report, []);
    expect(md).toMatch(/\| 02-fn-shout .* \| stalled \|/);
    expect(md).toContain(`- **02-fn-shout** did not finish: ${cause}`);
  });

  it('that starts its answer and then goes quiet (past the SDK timeout) ends it as stalled too', async () => {
    const { res, server } = await run({ fault: { kind: 'hang', midway: true } });
    expect([res.endReason, res.error]).toEqual([
      'stalled',
      `${server.url}/v1 sent nothing for ${STALL_MS} ms (stalled); request abandoned`,
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('counts neither the back-off between retries nor an answer that arrives in time', async () => {
    const { res, server } = await run({
      // the SDK waits 300 ms before retrying: longer than the stall budget, but not the server's silence
      fault: { kind: 'status', status: 429, headers: { 'retry-after-ms': '300' }, times: 1 },
      script: toolCalls([{ name: 'finish', arguments: { summary: 'ok' } }]),
    });
    expect([res.endReason, res.finalMessage]).toEqual(['finished', 'ok']);
    expect(server.requests).toHaveLength(2);
  });
});
