// Executing one tool call from a model: unknown tools, malformed JSON and schema mismatches
// become tool error messages for the model; a throwing tool never crashes the session.
import { compileSchema } from './structured.js';
import type { Tool, ToolCallRecord, ToolResult } from './types.js';

function describeErrors(errors: ReturnType<typeof compileSchema>['errors']): string {
  return (errors ?? []).map((e) => `${e.instancePath || '(arguments)'} ${e.message ?? 'is invalid'}`).join('; ');
}

export async function executeToolCall(tools: readonly Tool[], call: ToolCallRecord): Promise<ToolResult> {
  const tool = tools.find((t) => t.name === call.name);
  if (!tool) {
    return { isError: true, content: `unknown tool "${call.name}"; available tools: ${tools.map((t) => t.name).join(', ') || '(none)'}` };
  }
  let args: unknown;
  const raw = call.arguments.trim();
  try {
    args = raw === '' ? {} : JSON.parse(raw);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { isError: true, content: `the arguments for ${call.name} are not valid JSON (${msg}); send one JSON object` };
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return { isError: true, content: `the arguments for ${call.name} must be a JSON object` };
  }
  const validate = compileSchema(tool.parameters);
  if (!validate(args)) {
    return { isError: true, content: `invalid arguments for ${call.name}: ${describeErrors(validate.errors)}` };
  }
  try {
    return await tool.run(args as Record<string, unknown>);
  } catch (e) {
    return { isError: true, content: `${call.name} failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
