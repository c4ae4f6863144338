// `--record` for agent CLIs: their own event streams translated into session-file turns
// (fixtures/sessions/README.md), so a CLI build replays with the scripted provider.
// Codex (`codex exec --json`): each shell command becomes ghost's run_command, each agent
// message a text turn, each file change (apply_patch) a write_file of the file as the session
// left it (the events name the files, not their contents) or, for a deletion, an `rm`.
// Claude Code (`--output-format stream-json`): each assistant message is a turn;
// Write/Read/Edit/Bash become write_file/read_file/edit_file/run_command.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { claudeInputTokens, isObj, jsonEvents, num, type Json } from './exec-output.js';
import type { ToolCallRecord } from './types.js';
import type { ModelTurn } from './session-file.js';

/** One Codex file change as ghost tool calls, read from the repo the session left behind. */
function codexChange(change: Json, cwd: string): { name: string; args: Json } | undefined {
  if (typeof change.path !== 'string') return undefined;
  const rel = path.relative(cwd, path.resolve(cwd, change.path));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined; // not the repo's
  if (change.kind === 'delete') return { name: 'run_command', args: { argv: ['rm', '-f', '--', rel] } };
  try {
    return { name: 'write_file', args: { path: rel, content: readFileSync(path.join(cwd, rel), 'utf8') } };
  } catch {
    return undefined; // gone by the end of the session: a later change says so
  }
}

/**
 * The turns of one `codex exec --json` run, in the repo `cwd` it ran in; the session's summed
 * usage rides on the last.
 */
export function codexTurns(stdout: string, cwd: string): ModelTurn[] {
  const turns: ModelTurn[] = [];
  let input = 0;
  let output = 0;
  let calls = 0;
  for (const ev of jsonEvents(stdout)) {
    if (ev.type === 'turn.completed' && isObj(ev.usage)) {
      input += num(ev.usage.input_tokens);
      output += num(ev.usage.output_tokens);
    }
    if (ev.type !== 'item.completed' || !isObj(ev.item)) continue;
    const { item } = ev;
    if (item.type === 'command_execution' && typeof item.command === 'string') {
      calls++;
      const args = { argv: ['bash', '-lc', item.command] };
      turns.push({
        content: null,
        toolCalls: [{ id: `call_${calls}`, name: 'run_command', arguments: JSON.stringify(args) }],
      });
    } else if (item.type === 'file_change' && Array.isArray(item.changes) && item.status !== 'failed') {
      const toolCalls = item.changes
        .map((c) => (isObj(c) ? codexChange(c, cwd) : undefined))
        .filter((c) => c !== undefined)
        .map((c) => ({ id: `call_${++calls}`, name: c.name, arguments: JSON.stringify(c.args) }));
      if (toolCalls.length) turns.push({ content: null, toolCalls });
    } else if (item.type === 'agent_message' && typeof item.text === 'string') {
      turns.push({ content: item.text, toolCalls: [] });
    }
  }
  const last = turns.at(-1);
  if (last && (input || output)) last.usage = { inputTokens: input, outputTokens: output };
  return turns;
}

/** Claude Code's tools in ghost's vocabulary; others (Glob, Grep, TodoWrite…) change nothing. */
function claudeCall(name: string, input: Json, cwd: string): { name: string; args: Json } | undefined {
  const rel = (p: unknown) => (typeof p === 'string' ? path.relative(cwd, path.resolve(cwd, p)) : '');
  switch (name) {
    case 'Write':
      return {
        name: 'write_file',
        args: { path: rel(input.file_path), content: typeof input.content === 'string' ? input.content : '' },
      };
    case 'Read':
      return { name: 'read_file', args: { path: rel(input.file_path) } };
    case 'Edit':
      return {
        name: 'edit_file',
        args: { path: rel(input.file_path), search: input.old_string, replace: input.new_string },
      };
    case 'Bash':
      return typeof input.command === 'string'
        ? { name: 'run_command', args: { argv: ['bash', '-lc', input.command] } }
        : undefined;
    default:
      return undefined;
  }
}

/** The turns of one `claude -p --output-format stream-json` run; usage rides on the last. */
export function claudeTurns(stdout: string, cwd: string): ModelTurn[] {
  const turns: ModelTurn[] = [];
  let usage: ModelTurn['usage'];
  let calls = 0;
  for (const ev of jsonEvents(stdout)) {
    if (ev.type === 'result' && isObj(ev.usage)) {
      const u = ev.usage;
      usage = {
        inputTokens: claudeInputTokens(u),
        outputTokens: num(u.output_tokens),
      };
    }
    if (ev.type !== 'assistant' || !isObj(ev.message) || !Array.isArray(ev.message.content)) continue;
    const text: string[] = [];
    const toolCalls: ToolCallRecord[] = [];
    for (const block of ev.message.content as unknown[]) {
      if (!isObj(block)) continue;
      if (block.type === 'text' && typeof block.text === 'string') text.push(block.text);
      if (block.type === 'tool_use' && typeof block.name === 'string') {
        const call = claudeCall(block.name, isObj(block.input) ? block.input : {}, cwd);
        if (call) toolCalls.push({ id: `call_${++calls}`, name: call.name, arguments: JSON.stringify(call.args) });
      }
    }
    if (toolCalls.length || text.length) turns.push({ content: text.length ? text.join('\n') : null, toolCalls });
  }
  const last = turns.at(-1);
  if (last && usage) last.usage = usage;
  return turns;
}
