// The agent tool set. Implementers get read/write/run tools and `finish`; reviewers get a
// read-only subset (list_files, read_file, run_conformance) and answer with their verdict
// as the final message (structured via the session's responseSchema) — no write tools,
// no run_command, no finish.
import type { Tool } from '../agents/types.js';
import type { ToolContext } from './context.js';
import { finishTool } from './finish.js';
import { editFileTool, listFilesTool, readFileTool, writeFileTool } from './fs-tools.js';
import { runCommandTool } from './run-command.js';
import { runConformanceTool } from './run-conformance.js';

export { DEFAULT_READ_ONLY, type RunConformance, type ToolContext, type VisibleCaseFilter } from './context.js';
export { JailError, resolveInJail } from './jail.js';
export { agentJail, READ_ONLY_IN_JAIL, type AgentJail } from './agent-jail.js';
export { runProcess, type RunProcessOptions as ProcessOptions, type ProcessResult } from '../../process/index.js';
export { summarizeReport } from './run-conformance.js';
export { editFileTool, finishTool, listFilesTool, readFileTool, runCommandTool, runConformanceTool, writeFileTool };

/** list_files, read_file, write_file, edit_file, run_command, [run_conformance], finish. */
export function implementerTools(ctx: ToolContext): Tool[] {
  const tools = [listFilesTool(ctx), readFileTool(ctx), writeFileTool(ctx), editFileTool(ctx), runCommandTool(ctx)];
  if (ctx.runConformance) tools.push(runConformanceTool(ctx.runConformance));
  tools.push(finishTool());
  return tools;
}

/** list_files, read_file, [run_conformance]. Read-only; the verdict is the final message. */
export function reviewerTools(ctx: ToolContext): Tool[] {
  const tools = [listFilesTool(ctx), readFileTool(ctx)];
  if (ctx.runConformance) tools.push(runConformanceTool(ctx.runConformance));
  return tools;
}
