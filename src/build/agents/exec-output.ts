// What an agent CLI's own output says about its session: the final message, token usage and
// cost by the CLI's own accounting, the turns it took, and why it stopped. Codex speaks JSON
// lines (`codex exec --json`), Claude Code one JSON object (`--output-format json`).
import type { EndReason, Usage } from './types.js';

export interface ExecOutcome {
  final: string;
  usage?: Usage;
  turns?: number;
  /** The session failed by the CLI's own account (its words). */
  error?: string;
  /** A budget the CLI itself enforced. */
  endReason?: EndReason;
}

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

/** The JSON objects among a CLI's output lines (Codex `--json`, Claude `stream-json`); other lines are skipped. */
export function jsonEvents(stdout: string): Json[] {
  const events: Json[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const ev: unknown = JSON.parse(line);
      if (isObj(ev)) events.push(ev);
    } catch {
      /* not an event */
    }
  }
  return events;
}

/** Claude reports cached input apart from input_tokens: all of it is input the model read. */
export function claudeInputTokens(u: Json): number {
  return num(u.input_tokens) + num(u.cache_read_input_tokens) + num(u.cache_creation_input_tokens);
}

/** `codex exec --json`: thread/turn/item events; usage per `turn.completed`. */
export function parseCodexJsonl(stdout: string): ExecOutcome | undefined {
  let seen = false;
  let final = '';
  let input = 0;
  let output = 0;
  let turns = 0;
  const errors: string[] = [];
  for (const ev of jsonEvents(stdout)) {
    if (typeof ev.type !== 'string') continue;
    seen = true;
    if (ev.type === 'turn.completed' && isObj(ev.usage)) {
      turns++;
      // OpenAI's input_tokens already include cached ones; output includes reasoning.
      input += num(ev.usage.input_tokens);
      output += num(ev.usage.output_tokens);
    } else if (ev.type === 'item.completed' && isObj(ev.item)) {
      if (ev.item.type === 'agent_message' && typeof ev.item.text === 'string') final = ev.item.text;
    } else if (ev.type === 'turn.failed' && isObj(ev.error) && typeof ev.error.message === 'string') {
      errors.push(ev.error.message);
    } else if (ev.type === 'error' && typeof ev.message === 'string') {
      errors.push(ev.message);
    }
  }
  if (!seen) return undefined;
  const last = [...new Set(errors)].join('; ');
  return {
    final,
    usage: { inputTokens: input, outputTokens: output, costUsd: 0 },
    turns,
    ...(last ? { error: last } : {}),
  };
}

/** The result object: the whole of `--output-format json`, the last line of `stream-json`. */
function claudeResult(stdout: string): Json | undefined {
  const start = stdout.indexOf('{');
  if (start === -1) return undefined;
  try {
    const v: unknown = JSON.parse(stdout.slice(start));
    if (isObj(v)) return v;
  } catch {
    /* stream-json: one event per line */
  }
  return jsonEvents(stdout).findLast((ev) => ev.type === 'result');
}

/** `claude -p --output-format json` or `stream-json`: the result object, cost included. */
export function parseClaudeJson(stdout: string): ExecOutcome | undefined {
  const v = claudeResult(stdout);
  if (!v) return undefined;
  const u = isObj(v.usage) ? v.usage : {};
  const inputTokens = claudeInputTokens(u);
  const subtype = typeof v.subtype === 'string' ? v.subtype : '';
  const out: ExecOutcome = {
    final: typeof v.result === 'string' ? v.result : '',
    usage: { inputTokens, outputTokens: num(u.output_tokens), costUsd: num(v.total_cost_usd) },
    ...(typeof v.num_turns === 'number' ? { turns: v.num_turns } : {}),
  };
  if (subtype === 'error_max_turns') return { ...out, endReason: 'max-turns' };
  if (v.is_error === true) {
    const status = v.api_error_status ? ` ${String(v.api_error_status)}` : '';
    out.error = `claude reported ${subtype || 'an error'}${status}${out.final ? `: ${out.final}` : ''}`;
  }
  return out;
}
