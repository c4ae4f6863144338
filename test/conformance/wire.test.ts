// What the runner puts on the protocol channel: ids, function names and arguments, never an
// expected value, also when it pipelines hidden cases ahead of the one running.
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../src/conformance/index.js';
import { MISBEHAVING, call, spec } from './helpers.js';

// A driver that answers every request with the request line it received, verbatim.
const MIRROR = `
process.stdout.write(JSON.stringify({ghost:'driver',protocol:1,functions:{f:'f'}})+'\\n');
let buf='';
process.stdin.on('data',(c)=>{buf+=c;let i;while((i=buf.indexOf('\\n'))>=0){const line=buf.slice(0,i);buf=buf.slice(i+1);
  process.stdout.write(JSON.stringify({id:JSON.parse(line).id,ok:true,value:line})+'\\n');}});`;

describe('the protocol channel', () => {
  it('carries arguments only: no expected value, no hidden flag, even pipelined', async () => {
    const cases = Array.from({ length: 40 }, (_, i) => ({
      ...call(`c${i}`, 'f', [`arg-${i}`], { value: `EXPECTED-${i}` }),
      hidden: i % 2 === 1,
    }));
    const report = await runConformance(spec(cases), {
      implDir: `${MISBEHAVING}/javascript`,
      driverCommand: [process.execPath, '-e', MIRROR],
      jobs: 1,
      pipeline: 32,
      isolation: 'none',
    });
    const seen = report.results.map((r) => JSON.parse(r.actual as string) as Record<string, unknown>);
    expect(seen.map((m) => Object.keys(m).sort())).toEqual(cases.map(() => ['args', 'fn', 'id']));
    expect(seen.map((m) => m.args)).toEqual(cases.map((c) => c.args));
    expect(JSON.stringify(report.results.map((r) => r.actual))).not.toContain('EXPECTED-');
  });
});
