import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProvider, DEFAULT_BUDGET, resolveAgentConfig } from '../../../src/build/agents/index.js';
import { lookupPrice } from '../../../src/build/agents/pricing.js';
import { UserError } from '../../../src/util/errors.js';
import { cleanup, tempDir } from './helpers.js';

afterEach(cleanup);

function dirs() {
  return { cwd: tempDir(), homeDir: tempDir() };
}

describe('resolveAgentConfig', () => {
  it('defaults to OpenAI with the key from OPENAI_API_KEY', () => {
    const cfg = resolveAgentConfig({ ...dirs(), env: { OPENAI_API_KEY: 'sk-x' } });
    expect(cfg).toMatchObject({
      provider: 'openai',
      model: 'gpt-4.1-mini',
      apiKey: 'sk-x',
      maxRetries: 4,
      timeoutMs: 120_000,
    });
    expect(cfg.budget).toEqual(DEFAULT_BUDGET);
  });

  it('needs a key for api.openai.com but not for a local server (dummy key)', () => {
    expect(() => resolveAgentConfig({ ...dirs(), env: {} })).toThrow(/OPENAI_API_KEY is not set/);
    const local = resolveAgentConfig({
      ...dirs(),
      env: { OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', GHOST_MODEL: 'qwen2.5-coder' },
    });
    expect(local).toMatchObject({ baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen2.5-coder' });
    expect(local.apiKey).toBeTruthy();
    expect(() => resolveAgentConfig({ ...dirs(), env: { OPENAI_BASE_URL: 'http://x/v1' } })).toThrow(/no model set/);
  });

  it('reads ghost.config.json in cwd; flags beat env beat file', () => {
    const d = dirs();
    writeFileSync(
      path.join(d.cwd, 'ghost.config.json'),
      JSON.stringify({
        model: 'file-model',
        baseURL: 'http://file/v1',
        apiKeyEnv: 'OPENROUTER_API_KEY',
        maxRetries: 2,
        prices: { 'file-model': { input: 1, output: 2 } },
        budget: { maxTurns: 7 },
        record: 'rec/session.jsonl',
      }),
    );
    const env = { OPENROUTER_API_KEY: 'or-key', GHOST_MODEL: 'env-model' };
    const cfg = resolveAgentConfig({ ...d, env });
    expect(cfg).toMatchObject({ model: 'env-model', baseURL: 'http://file/v1', apiKey: 'or-key', maxRetries: 2 });
    expect(cfg.budget).toEqual({ ...DEFAULT_BUDGET, maxTurns: 7 });
    expect(cfg.prices).toEqual({ 'file-model': { input: 1, output: 2 } });
    expect(cfg.record).toBe(path.join(d.cwd, 'rec/session.jsonl'));
    expect(cfg.configFile).toBe(path.join(d.cwd, 'ghost.config.json'));
    expect(resolveAgentConfig({ ...d, env, model: 'flag-model', maxRetries: 0 })).toMatchObject({
      model: 'flag-model',
      maxRetries: 0,
    });
  });

  it('falls back to ~/.config/ghost/config.json, and rejects typos', () => {
    const d = dirs();
    mkdirSync(path.join(d.homeDir, '.config', 'ghost'), { recursive: true });
    writeFileSync(
      path.join(d.homeDir, '.config', 'ghost', 'config.json'),
      JSON.stringify({ provider: 'claude', exec: { envAllow: ['ANTHROPIC_API_KEY'] } }),
    );
    const cfg = resolveAgentConfig({ ...d, env: {} });
    expect(cfg).toMatchObject({ provider: 'exec', exec: { template: 'claude', envAllow: ['ANTHROPIC_API_KEY'] } });
    writeFileSync(path.join(d.cwd, '.ghostrc.json'), JSON.stringify({ modle: 'x' }));
    expect(() => resolveAgentConfig({ ...d, env: {} })).toThrow(UserError);
    expect(() => resolveAgentConfig({ ...d, env: {} })).toThrow(/modle/);
  });

  it('reads the exec stall limit from the config file, GHOST_STALL_MS winning', () => {
    const d = dirs();
    writeFileSync(
      path.join(d.cwd, 'ghost.config.json'),
      JSON.stringify({ provider: 'codex', exec: { stallMs: 60000 } }),
    );
    expect(resolveAgentConfig({ ...d, env: {} }).exec.stallMs).toBe(60000);
    expect(resolveAgentConfig({ ...d, env: { GHOST_STALL_MS: '5000' } }).exec.stallMs).toBe(5000);
    writeFileSync(path.join(d.cwd, 'ghost.config.json'), JSON.stringify({ exec: { stallMs: 0 } }));
    expect(() => resolveAgentConfig({ ...d, env: {} })).toThrow(/stallMs/);
  });

  it("reads the openai provider's stall limit (top-level stallMs), GHOST_STALL_MS winning", () => {
    const d = dirs();
    writeFileSync(path.join(d.cwd, 'ghost.config.json'), JSON.stringify({ provider: 'openai', stallMs: 90000 }));
    const env = { OPENAI_API_KEY: 'k' };
    expect(resolveAgentConfig({ ...d, env }).stallMs).toBe(90000);
    expect(resolveAgentConfig({ ...d, env: { ...env, GHOST_STALL_MS: '5000' } }).stallMs).toBe(5000);
    expect(resolveAgentConfig({ ...d, env, stallMs: 42 }).stallMs).toBe(42);
    writeFileSync(path.join(d.cwd, 'ghost.config.json'), JSON.stringify({ stallMs: 0 }));
    expect(() => resolveAgentConfig({ ...d, env })).toThrow(/stallMs/);
  });

  it('picks providers from flags: codex/claude shorthands, command, session', () => {
    const d = dirs();
    expect(resolveAgentConfig({ ...d, env: {}, provider: 'codex', model: 'gpt-5' })).toMatchObject({
      provider: 'exec',
      exec: { template: 'codex', model: 'gpt-5' },
    });
    expect(resolveAgentConfig({ ...d, env: {}, command: 'my-agent {prompt_file}' }).provider).toBe('exec');
    expect(resolveAgentConfig({ ...d, env: {}, session: 'x.jsonl' }).provider).toBe('scripted');
    expect(createProvider({ ...d, env: {}, provider: 'claude' }).model).toBe('exec:claude');
    expect(createProvider({ ...d, env: { OPENAI_API_KEY: 'k' } }).name).toBe('openai');
    expect(() => createProvider({ ...d, env: {}, provider: 'scripted' })).toThrow(/session file/);
  });
});

describe('pricing', () => {
  it('matches exact names, dated snapshots and vendor prefixes; unknown → undefined', () => {
    expect(lookupPrice('gpt-4o')).toEqual({ input: 2.5, output: 10 });
    expect(lookupPrice('gpt-4o-2024-08-06')).toEqual({ input: 2.5, output: 10 });
    expect(lookupPrice('gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(lookupPrice('openai/gpt-4.1-mini')).toEqual({ input: 0.4, output: 1.6 });
    expect(lookupPrice('llama3.1:8b')).toBeUndefined();
    expect(lookupPrice('gpt-4o', { 'gpt-4o': { input: 1, output: 1 } })).toEqual({ input: 1, output: 1 });
  });
});
