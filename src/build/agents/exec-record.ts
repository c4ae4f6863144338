// `--record` for Codex: `codex exec --json` events translated into session-file turns
// (fixtures/sessions/README.md), so a Codex build replays with the scripted provider. Each
// shell command Codex ran becomes ghost's run_command; each agent message a text turn.
// Claude Code's single `--output-format json` result holds no steps: not recorded.
import type { ModelTurn } from './session-file.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

/** The turns of one `codex exec --json` run; the session's summed usage rides on the last. */
export function codexTurns(stdout: string): ModelTurn[] {
  const turns: ModelTurn[] = [];
  let input = 0;
  let output = 0;
  let calls = 0;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isObj(ev)) continue;
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
    } else if (item.type === 'agent_message' && typeof item.text === 'string') {
      turns.push({ content: item.text, toolCalls: [] });
    }
  }
  const last = turns.at(-1);
  if (last && (input || output)) last.usage = { inputTokens: input, outputTokens: output };
  return turns;
}
