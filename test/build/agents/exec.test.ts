import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinTemplate, splitCommandLine } from '../../../src/build/agents/exec-templates.js';
import { ExecProvider, PROMPT_FILE } from '../../../src/build/agents/exec.js';
import { BUDGET, cleanup, FAKE_AGENT, request, tempRepo } from './helpers.js';

afterEach(cleanup);

// Unjailed (a bwrap start per test adds up in the default tier); the first test and
// test/adversarial/hostile-cli.test.ts run the CLI in the agent jail.
const fake = (...extra: string[]) =>
  new ExecProvider({ command: ['node', FAKE_AGENT, '{prompt_file}', ...extra], isolation: 'none' });
const jailedFake = () => new ExecProvider({ command: ['node', FAKE_AGENT, '{prompt_file}'] });

describe('ExecProvider', () => {
  it('runs the CLI in the repo with the prompt in .ghost/prompt.md (git-excluded)', async () => {
    const root = tempRepo();
    const res = await jailedFake().runSession(
      request(root, [], { prompt: 'Do it.\nWRITE src/out.txt made by the fake agent' }),
    );
    expect(res.endReason).toBe('final-message');
    expect(readFileSync(path.join(root, 'src/out.txt'), 'utf8')).toBe('made by the fake agent\n');
    expect(res.finalMessage).toContain('done: wrote src/out.txt.');
    expect(res.model).toBe('exec:node');
    const prompt = readFileSync(path.join(root, PROMPT_FILE), 'utf8');
    expect(prompt).toContain('You implement the task.');
    expect(prompt).toContain('WRITE src/out.txt');
    const st = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
    expect(st.trim().split('\n')).toEqual(['?? src/out.txt']);
    // Only our scratch files are excluded: the build commits its own files under .ghost/.
    writeFileSync(path.join(root, '.ghost', 'state.json'), '{}');
    const st2 = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(st2).toContain('?? .ghost/state.json');
    expect(st2).not.toContain('prompt.md');
    const out = res.transcript.find((e) => e.type === 'note' && e.content.startsWith('exec output'));
    expect(out?.type === 'note' && out.content).toMatch(/fake-agent: wrote src\/out.txt/);
  });

  it('scrubs credentials except the configured allow-list', async () => {
    const root = tempRepo();
    process.env.OPENAI_API_KEY = 'sk-should-not-leak';
    process.env.ANTHROPIC_API_KEY = 'sk-ant-allowed';
    try {
      const a = await fake('--env', 'OPENAI_API_KEY').runSession(request(root, []));
      expect(a.finalMessage).toContain('OPENAI_API_KEY=unset');
      const b = await new ExecProvider({
        command: ['node', FAKE_AGENT, '{prompt_file}', '--env', 'ANTHROPIC_API_KEY'],
        envAllow: ['ANTHROPIC_API_KEY'],
      }).runSession(request(root, []));
      expect(b.finalMessage).toContain('ANTHROPIC_API_KEY=set');
    } finally {
      delete process.env.OPENAI_API_KEY;
      delete process.env.ANTHROPIC_API_KEY;
    }
  });

  it('kills the CLI at the wall budget', async () => {
    const root = tempRepo();
    const started = Date.now();
    const res = await fake('--sleep', '20000').runSession(request(root, [], { budget: { ...BUDGET, maxWallMs: 300 } }));
    expect(res.endReason).toBe('max-wall');
    // far below the CLI's 20 s sleep: it was killed (a loose bound, for busy machines)
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('ends a CLI that prints nothing for stallMs as stalled and kills it', async () => {
    const root = tempRepo();
    const started = Date.now();
    const provider = new ExecProvider({
      command: ['node', FAKE_AGENT, '{prompt_file}', '--sleep', '20000'],
      isolation: 'none',
      stallMs: 300,
    });
    const res = await provider.runSession(request(root, []));
    expect(res.endReason).toBe('stalled');
    expect(res.error).toMatch(/printed nothing for 300 ms/);
    // far below the CLI's 20 s sleep: it was killed (a loose bound, for busy machines)
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('reports a failing CLI as error', async () => {
    const res = await fake('--exit', '2').runSession(request(tempRepo(), []));
    expect(res.endReason).toBe('error');
    expect(res.error).toMatch(/exited with 2/);
    const missing = await new ExecProvider({ command: 'no-such-agent-cli {prompt_file}' }).runSession(
      request(tempRepo(), []),
    );
    expect(missing.endReason).toBe('error');
    expect(missing.error).toMatch(/could not start no-such-agent-cli/);
  });

  it('parses and validates a reviewer verdict from the output', async () => {
    const schema = {
      name: 'verdict',
      schema: { type: 'object', properties: { approve: { type: 'boolean' } }, required: ['approve'] },
    };
    const good = await fake('--verdict', 'Verdict: {"approve": true}').runSession(
      request(tempRepo(), [], { role: 'reviewer', responseSchema: schema }),
    );
    expect(good.endReason).toBe('final-message');
    expect(good.structured).toEqual({ approve: true });
    const bad = await fake('--verdict', '{"approve": "maybe"}').runSession(
      request(tempRepo(), [], { role: 'reviewer', responseSchema: schema }),
    );
    expect(bad.endReason).toBe('error');
    expect(bad.error).toMatch(/did not match schema/);
  });

  it('reads Claude Code style JSON output (result, usage, cost)', async () => {
    const p = new ExecProvider({
      command: ['node', FAKE_AGENT, '{prompt_file}', '--claude-json'],
      output: 'claude-json',
    });
    const res = await p.runSession(request(tempRepo(), [], { prompt: 'WRITE a.txt x' }));
    expect(res.endReason).toBe('final-message');
    expect(res.finalMessage).toBe('done: wrote a.txt.');
    expect(res.usage).toEqual({ inputTokens: 1200, outputTokens: 340, costUsd: 0.0123 });
    expect(res.turns).toBe(3);
  });

  it('can pipe the prompt on stdin, and refuses prompts too long for argv', async () => {
    const root = tempRepo();
    const cat = new ExecProvider({ command: ['node', '-e', 'process.stdin.pipe(process.stdout)'], stdin: true });
    const res = await cat.runSession(request(root, [], { prompt: 'via stdin' }));
    expect(res.finalMessage).toContain('via stdin');
    const big = await new ExecProvider({ command: ['node', FAKE_AGENT, '{prompt}'] }).runSession(
      request(root, [], { prompt: 'x'.repeat(200 * 1024) }),
    );
    expect(big.endReason).toBe('error');
    expect(big.error).toMatch(/too long to pass as a command-line argument/);
  });

  it('has templates for Codex and Claude Code and placeholder command lines', () => {
    const codex = builtinTemplate('codex', { model: 'gpt-5' });
    expect(codex.argv.slice(0, 2)).toEqual(['codex', 'exec']);
    expect(codex.argv).toContain('--skip-git-repo-check');
    expect(codex.argv.at(-1)).toBe('{prompt}');
    expect(codex.argv).toEqual(expect.arrayContaining(['--model', 'gpt-5', '--cd', '{cwd}']));
    expect(codex.argv).toContain('--json');
    expect(codex.output).toBe('codex-jsonl');
    expect(builtinTemplate('codex', { role: 'reviewer' }).argv).toEqual(
      expect.arrayContaining(['--sandbox', 'read-only']),
    );
    // Codex's built-in provider ignores OPENAI_BASE_URL: a server comes in as a provider override.
    const served = builtinTemplate('codex', { baseURL: 'http://127.0.0.1:9/v1' }).argv.join(' ');
    expect(served).toContain('model_providers.ghost.base_url="http://127.0.0.1:9/v1"');
    expect(served).toContain('model_providers.ghost.wire_api="responses"');
    expect(builtinTemplate('claude', { baseURL: 'http://127.0.0.1:9' }).env?.ANTHROPIC_BASE_URL).toBe(
      'http://127.0.0.1:9',
    );
    // A reviewer cannot edit or run commands.
    const reviewer = builtinTemplate('claude', { role: 'reviewer' }).argv.join(' ');
    expect(reviewer).toContain('--disallowedTools Bash,Write,Edit');
    expect(reviewer).not.toContain('acceptEdits');
    const claude = builtinTemplate('claude');
    expect(claude.argv).toEqual(
      expect.arrayContaining([
        '-p',
        '{prompt}',
        '--output-format',
        'stream-json',
        '--verbose',
        '--permission-mode',
        'acceptEdits',
      ]),
    );
    expect(claude.output).toBe('claude-json');
    expect(new ExecProvider({ template: 'claude', model: 'sonnet' }).model).toBe('exec:claude:sonnet');
    expect(splitCommandLine(`my-agent --prompt-file {prompt_file} --msg "a b" 'c d' e\\ f`)).toEqual([
      'my-agent',
      '--prompt-file',
      '{prompt_file}',
      '--msg',
      'a b',
      'c d',
      'e f',
    ]);
    expect(existsSync(FAKE_AGENT)).toBe(true);
  });
});
