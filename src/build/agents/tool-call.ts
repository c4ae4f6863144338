// Executing one tool call from a model: unknown tools, malformed JSON and schema mismatches
// become tool error messages for the model; a throwing tool never crashes the session.
import { compileSchema } from './structured.js';
import type { Tool, ToolCallRecord, ToolResult, ToolRunContext } from './types.js';

/** How long past its deadline a tool that ignores its signal is waited for. */
export const DEADLINE_GRACE_MS = 1000;

function describeErrors(errors: ReturnType<typeof compileSchema>['errors']): string {
  return (errors ?? []).map((e) => `${e.instancePath || '(arguments)'} ${e.message ?? 'is invalid'}`).join('; ');
}

export async function executeToolCall(
  tools: readonly Tool[],
  call: ToolCallRecord,
  ctx?: ToolRunContext,
): Promise<ToolResult> {
  const tool = tools.find((t) => t.name === call.name);
  if (!tool) {
    return {
      isError: true,
      content: `unknown tool "${call.name}"; available tools: ${tools.map((t) => t.name).join(', ') || '(none)'}`,
    };
  }
  let args: unknown;
  const raw = call.arguments.trim();
  try {
    args = raw === '' ? {} : JSON.parse(raw);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return {
      isError: true,
      content: `the arguments for ${call.name} are not valid JSON (${msg}); send one JSON object`,
    };
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return { isError: true, content: `the arguments for ${call.name} must be a JSON object` };
  }
  const validate = compileSchema(tool.parameters);
  if (!validate(args)) {
    return { isError: true, content: `invalid arguments for ${call.name}: ${describeErrors(validate.errors)}` };
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const run = tool.run(args as Record<string, unknown>, ctx);
    if (!ctx) return await run;
    // A tool that does not stop at its deadline is abandoned: the session never waits past it.
    const late = new Promise<ToolResult>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            isError: true,
            content: `${call.name} did not return before the session's deadline and was abandoned`,
          }),
        Math.min(Math.max(0, ctx.deadline - Date.now()) + DEADLINE_GRACE_MS, 2 ** 31 - 1),
      );
    });
    return await Promise.race([run, late]);
  } catch (e) {
    return { isError: true, content: `${call.name} failed: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    clearTimeout(timer);
  }
}
