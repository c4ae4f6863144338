// `--record` for agent CLIs: Codex's `--json` events and Claude Code's `stream-json` become
// session-file turns that replay through ghost's own tools. The samples below are the event
// shapes the CLIs print (hand-written here, not a model's output).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseClaudeJson } from '../../../src/build/agents/exec-output.js';
import { claudeTurns, codexTurns } from '../../../src/build/agents/exec-record.js';
import { ExecProvider } from '../../../src/build/agents/exec.js';
import { parseSessionFile } from '../../../src/build/agents/session-file.js';
import { cleanup, request, tempDir, tempRepo } from './helpers.js';

afterEach(cleanup);

const SAMPLE = [
  '{"type":"thread.started","thread_id":"0199a213-81c0-7800-8aa1-bbab2a035a53"}',
  '{"type":"turn.started"}',
  '{"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"**Listing files**"}}',
  '{"type":"item.started","item":{"id":"item_1","type":"command_execution","command":"ls","aggregated_output":"","exit_code":null,"status":"in_progress"}}',
  '{"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"ls","aggregated_output":"README.md\\n","exit_code":0,"status":"completed"}}',
  '{"type":"item.completed","item":{"id":"item_2","type":"command_execution","command":"printf \'hi\\\\n\' > hello.txt","aggregated_output":"","exit_code":0,"status":"completed"}}',
  '{"type":"item.completed","item":{"id":"item_3","type":"agent_message","text":"Wrote hello.txt."}}',
  '{"type":"turn.completed","usage":{"input_tokens":1200,"cached_input_tokens":1000,"output_tokens":80}}',
  '',
].join('\n');

describe('codexTurns', () => {
  it('turns commands into run_command calls and messages into text, usage on the last', () => {
    const turns = codexTurns(SAMPLE, tempDir());
    expect(turns).toHaveLength(3);
    expect(turns[0]?.toolCalls.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual([
      ['run_command', { argv: ['bash', '-lc', 'ls'] }],
    ]);
    expect(JSON.parse(turns[1]?.toolCalls[0]?.arguments ?? '')).toEqual({
      argv: ['bash', '-lc', "printf 'hi\\n' > hello.txt"],
    });
    expect(turns[2]).toEqual({
      content: 'Wrote hello.txt.',
      toolCalls: [],
      usage: { inputTokens: 1200, outputTokens: 80 },
    });
    expect(turns.slice(0, 2).every((t) => t.usage === undefined)).toBe(true);
    expect(codexTurns('not json\n', tempDir())).toEqual([]);
  });

  it('turns apply_patch file changes into write_file (as the session left the file) and rm', () => {
    // Codex's file_change events name files, not contents: a replay without them wrote nothing.
    const dir = tempDir();
    writeFileSync(path.join(dir, 'slugify.py'), 'def slugify(s):\n    return s\n');
    const change = (id: string, changes: unknown[], status = 'completed') =>
      JSON.stringify({ type: 'item.completed', item: { id, type: 'file_change', changes, status } });
    const stdout = [
      change('item_1', [
        { path: path.join(dir, 'slugify.py'), kind: 'add' },
        { path: path.join(dir, 'old.py'), kind: 'delete' },
        { path: '/etc/passwd', kind: 'update' },
      ]),
      change('item_2', [{ path: 'slugify.py', kind: 'update' }], 'failed'),
      '',
    ].join('\n');
    const turns = codexTurns(stdout, dir);
    expect(turns).toHaveLength(1);
    expect(turns[0]!.toolCalls.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual([
      ['write_file', { path: 'slugify.py', content: 'def slugify(s):\n    return s\n' }],
      ['run_command', { argv: ['rm', '-f', '--', 'old.py'] }],
    ]);
  });
});

describe('ExecProvider --record', () => {
  it('appends a Codex-format session as session-file lines that parse back', async () => {
    const dir = tempDir();
    const events = path.join(dir, 'events.jsonl');
    writeFileSync(events, SAMPLE);
    const file = path.join(dir, 'rec', 'build.jsonl');
    const provider = new ExecProvider({
      command: ['cat', events],
      output: 'codex-jsonl',
      isolation: 'none',
      record: file,
    });
    const res = await provider.runSession(request(tempRepo(), [], { task: '01-hello' }));
    expect(res.endReason).toBe('final-message');
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({
      type: 'session',
      role: 'implementer',
      task: '01-hello',
      recordedFrom: 'exec:cat',
    });
    expect(lines.slice(1).map((l) => l.type)).toEqual(['tool_calls', 'tool_calls', 'message']);
    expect(lines[1].calls).toEqual([{ name: 'run_command', arguments: { argv: ['bash', '-lc', 'ls'] } }]);
    const [session] = parseSessionFile(readFileSync(file, 'utf8'));
    expect(session?.turns.at(-1)?.turn).toMatchObject({
      content: 'Wrote hello.txt.',
      usage: { inputTokens: 1200, outputTokens: 80 },
    });
  });

  it('ends a failed session with an error line, so the replay fails there too', async () => {
    const dir = tempDir();
    const events = path.join(dir, 'events.jsonl');
    writeFileSync(events, SAMPLE);
    const file = path.join(dir, 'build.jsonl');
    const provider = new ExecProvider({
      command: ['sh', '-c', `cat ${events}; exit 3`],
      output: 'codex-jsonl',
      isolation: 'none',
      record: file,
    });
    const res = await provider.runSession(request(tempRepo(), []));
    expect(res.endReason).toBe('error');
    const [session] = parseSessionFile(readFileSync(file, 'utf8'));
    expect(session?.turns.map((t) => t.kind)).toEqual(['turn', 'turn', 'turn', 'error']);
    expect(session?.turns.at(-1)?.error).toMatch(/exited with 3/);
  });

  it('records nothing for plain-text CLIs', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'build.jsonl');
    await new ExecProvider({ command: ['echo', 'done'], isolation: 'none', record: file }).runSession(
      request(tempRepo(), []),
    );
    expect(() => readFileSync(file, 'utf8')).toThrow();
  });
});

/** What `claude -p --output-format stream-json --verbose` prints (trimmed). */
const CLAUDE_STREAM = [
  JSON.stringify({ type: 'system', subtype: 'init', cwd: '/repo', tools: ['Bash', 'Read', 'Write', 'Edit'] }),
  JSON.stringify({
    type: 'assistant',
    message: { content: [{ type: 'tool_use', id: 't1', name: 'Read', input: { file_path: '/repo/ghost.json' } }] },
  }),
  JSON.stringify({ type: 'user', message: { content: [{ type: 'tool_result', tool_use_id: 't1', content: '{}' }] } }),
  JSON.stringify({
    type: 'assistant',
    message: {
      content: [
        { type: 'text', text: 'Writing the module.' },
        { type: 'tool_use', id: 't2', name: 'Write', input: { file_path: '/repo/src/m.py', content: 'x = 1\n' } },
        { type: 'tool_use', id: 't3', name: 'Glob', input: { pattern: '**/*' } },
      ],
    },
  }),
  JSON.stringify({
    type: 'assistant',
    message: {
      content: [
        {
          type: 'tool_use',
          id: 't4',
          name: 'Edit',
          input: { file_path: 'src/m.py', old_string: '1', new_string: '2' },
        },
        { type: 'tool_use', id: 't5', name: 'Bash', input: { command: 'python3 -c "import m"' } },
      ],
    },
  }),
  JSON.stringify({ type: 'assistant', message: { content: [{ type: 'text', text: 'm.py written' }] } }),
  JSON.stringify({
    type: 'result',
    subtype: 'success',
    is_error: false,
    result: 'm.py written',
    num_turns: 4,
    total_cost_usd: 0.01,
    usage: { input_tokens: 100, cache_read_input_tokens: 30, output_tokens: 20 },
  }),
].join('\n');

describe('claudeTurns', () => {
  it('turns stream-json steps into ghost tool calls, repo-relative, usage on the last turn', () => {
    const turns = claudeTurns(CLAUDE_STREAM, '/repo');
    const calls = turns.map((t) => t.toolCalls.map((c) => [c.name, JSON.parse(c.arguments)]));
    expect(calls).toEqual([
      [['read_file', { path: 'ghost.json' }]],
      [['write_file', { path: 'src/m.py', content: 'x = 1\n' }]],
      [
        ['edit_file', { path: 'src/m.py', search: '1', replace: '2' }],
        ['run_command', { argv: ['bash', '-lc', 'python3 -c "import m"'] }],
      ],
      [],
    ]);
    expect(turns[1]!.content).toBe('Writing the module.');
    expect(turns.at(-1)).toMatchObject({ content: 'm.py written', usage: { inputTokens: 130, outputTokens: 20 } });
  });

  it('reads the result line of a stream as the session outcome', () => {
    expect(parseClaudeJson(CLAUDE_STREAM)).toMatchObject({
      final: 'm.py written',
      turns: 4,
      usage: { inputTokens: 130, outputTokens: 20, costUsd: 0.01 },
    });
  });
});
