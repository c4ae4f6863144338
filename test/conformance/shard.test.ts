// Sharding (`ghost test --shard i/n`) and merging shard reports (`ghost merge-reports`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  mergeReports,
  parseShard,
  readReportFile,
  shardOf,
  type CaseResult,
  type ConformanceReport,
} from '../../src/conformance/index.js';
import { UserError } from '../../src/util/errors.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-shard-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ids = Array.from({ length: 23 }, (_v, i) => `case-${i}`);

function result(id: string, status: CaseResult['status'] = 'passed'): CaseResult {
  return { id, kind: 'call', fn: 'f', hidden: false, status, durationMs: 1, requirements: [] };
}

function report(results: CaseResult[], extra: Partial<ConformanceReport> = {}): ConformanceReport {
  const n = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
  return {
    reportVersion: 1,
    spec: { name: 'demo', version: '1.0.0', hash: 'abcdef0123456789' },
    implementation: { dir: '/impl', language: 'rust' },
    isolation: 'bubblewrap',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 10,
    total: results.length,
    passed: n('passed'),
    failed: n('failed'),
    errored: n('errored'),
    skipped: n('skipped'),
    results,
    ...extra,
  };
}

function shardReports(count: number): Array<{ file: string; report: ConformanceReport }> {
  return Array.from({ length: count }, (_v, i) => {
    const shard = { index: i + 1, count };
    return {
      file: `shard-${i + 1}.json`,
      report: report(
        shardOf(ids, shard).map((id) => result(id)),
        { shard },
      ),
    };
  });
}

describe('shardOf', () => {
  it.each([1, 2, 3, 5, 23, 40])('puts every case in exactly one of %i shards, sizes within one', (count) => {
    const shards = Array.from({ length: count }, (_v, i) => shardOf(ids, { index: i + 1, count }));
    expect(shards.flat().sort()).toEqual([...ids].sort());
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('is deterministic', () => {
    expect(shardOf(ids, { index: 2, count: 4 })).toEqual(shardOf([...ids], { index: 2, count: 4 }));
  });
});

describe('parseShard', () => {
  it('reads i/n', () => expect(parseShard('2/4')).toEqual({ index: 2, count: 4 }));
  it.each(['0/3', '4/3', '1', 'a/b', '1/0', '-1/2'])('rejects %s', (bad) =>
    expect(() => parseShard(bad)).toThrow(UserError),
  );
});

describe('mergeReports', () => {
  it('puts complete shards back in selection order with recomputed counts', () => {
    const inputs = shardReports(3).reverse();
    inputs[0]!.report.results[0]!.status = 'failed';
    const merged = mergeReports(inputs);
    expect(merged.results.map((r) => r.id)).toEqual(ids);
    expect(merged).toMatchObject({ total: 23, passed: 22, failed: 1 });
    expect(merged.shard).toBeUndefined();
  });

  it('names the missing shards', () => {
    const inputs = shardReports(4).filter((x) => x.report.shard!.index !== 3);
    expect(() => mergeReports(inputs)).toThrow('missing 3/4');
  });

  it('rejects reports of another spec version, with both files named', () => {
    const [a, b] = shardReports(2);
    b!.report.spec = { ...b!.report.spec, hash: 'ffff' };
    expect(() => mergeReports([a!, b!])).toThrow(
      /shard-2\.json: spec demo 1\.0\.0 \(hash ffff\) differs from shard-1\.json/,
    );
  });

  it('rejects another target', () => {
    const [a, b] = shardReports(2);
    b!.report.implementation = { dir: '/x', language: 'go' };
    expect(() => mergeReports([a!, b!])).toThrow('target go differs');
  });

  it('rejects overlapping plain reports', () => {
    const a = { file: 'a.json', report: report(ids.slice(0, 5).map((id) => result(id))) };
    const b = { file: 'b.json', report: report(ids.slice(4, 9).map((id) => result(id))) };
    expect(() => mergeReports([a, b])).toThrow('case case-4 is in both a.json and b.json');
  });

  it('concatenates disjoint plain reports', () => {
    const a = { file: 'a.json', report: report(ids.slice(0, 5).map((id) => result(id))) };
    const b = { file: 'b.json', report: report(ids.slice(5).map((id) => result(id))) };
    expect(mergeReports([a, b]).results.map((r) => r.id)).toEqual(ids);
  });
});

describe('readReportFile', () => {
  it('validates against the report schema', async () => {
    const file = path.join(tmp, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...report([]), total: 'many' }));
    await expect(readReportFile(file)).rejects.toThrow(/bad\.json: not a ghost conformance report[\s\S]*\/total/);
  });

  it('reads a valid shard report', async () => {
    const file = path.join(tmp, 'ok.json');
    writeFileSync(file, JSON.stringify(shardReports(2)[0]!.report));
    expect((await readReportFile(file)).report.shard).toEqual({ index: 1, count: 2 });
  });

  it('says when a file is not JSON', async () => {
    const file = path.join(tmp, 'junit.xml');
    writeFileSync(file, '<testsuites/>');
    await expect(readReportFile(file)).rejects.toThrow('--reporter json');
  });
});
