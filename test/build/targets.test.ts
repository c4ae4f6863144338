// Multi-target fan-out: bounded parallelism, one failing target isolated, the summary table.
import { describe, expect, it } from 'vitest';
import { renderTargetSummary, runTargets, type TargetOutcome } from '../../src/build/targets.js';

describe('runTargets', () => {
  it('runs at most `limit` targets at once, keeps order, isolates a failure', async () => {
    let running = 0;
    let peak = 0;
    const outcomes = await runTargets(
      ['python', 'go', 'rust', 'ruby', 'java'],
      2,
      async (language) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        if (language === 'rust') throw new Error('cargo not found');
        return { language, outDir: `out/${language}`, status: 'accepted', passed: 3, total: 3 };
      },
      (l) => `out/${l}`,
    );
    expect(peak).toBe(2);
    expect(outcomes.map((o) => [o.language, o.status])).toEqual([
      ['python', 'accepted'],
      ['go', 'accepted'],
      ['rust', 'error'],
      ['ruby', 'accepted'],
      ['java', 'accepted'],
    ]);
    expect(outcomes[2]).toMatchObject({ outDir: 'out/rust', reason: 'cargo not found' });
  });
});

describe('renderTargetSummary', () => {
  it('prints target, verdict, cases, time and the reasons of failures', () => {
    const outcomes: TargetOutcome[] = [
      { language: 'python', outDir: 'b/python', status: 'accepted', passed: 88, total: 88, durationMs: 8500 },
      {
        language: 'go',
        outDir: 'b/go',
        status: 'rejected',
        passed: 80,
        total: 88,
        durationMs: 12000,
        reason: '8 cases fail',
      },
      { language: 'rust', outDir: 'b/rust', status: 'error', durationMs: 10, reason: 'no session' },
    ];
    expect(renderTargetSummary(outcomes)).toBe(
      [
        'target  verdict   cases  time    repo',
        'python  ACCEPTED  88/88  8.5 s   b/python',
        'go      REJECTED  80/88  12.0 s  b/go',
        'rust    ERROR     -      0.0 s   b/rust',
        'go: 8 cases fail',
        'rust: no session',
        '1/3 targets accepted',
        '',
      ].join('\n'),
    );
  });
});
