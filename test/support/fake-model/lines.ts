// Session-file lines (fixtures/sessions/README.md) for tests that script the fake model server
// inline: `script(toolCalls([...]), message('done'))` is the text of a one-session file.

export interface ScriptCall {
  name: string;
  /** An object is the call's JSON arguments; a string is sent verbatim (`rawArguments`: malformed JSON). */
  arguments: Record<string, unknown> | string;
}

type Usage = [inputTokens: number, outputTokens: number];
const usageOf = ([inputTokens, outputTokens]: Usage) => ({ inputTokens, outputTokens });

/** A turn that calls tools; usage defaults to 100 in, 20 out. */
export function toolCalls(calls: ScriptCall[], usage: Usage = [100, 20]): string {
  return JSON.stringify({
    type: 'tool_calls',
    calls: calls.map((c) =>
      typeof c.arguments === 'string'
        ? { name: c.name, rawArguments: c.arguments }
        : { name: c.name, arguments: c.arguments },
    ),
    usage: usageOf(usage),
  });
}

/** A turn that answers in text. */
export function message(content: string, usage: Usage = [100, 20]): string {
  return JSON.stringify({ type: 'message', content, usage: usageOf(usage) });
}

/** A session header: the turns after it answer one conversation (any role or task unless given). */
export function session(header: { role?: 'implementer' | 'reviewer'; task?: string } = {}): string {
  return JSON.stringify({ type: 'session', ...header });
}

export const script = (...lines: string[]): string => lines.join('\n');
