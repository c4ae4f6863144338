// How the build hands tools to agents without knowing how tools are made: the CLI wires
// the real jailed tool set; tests may wire their own.
import type { Tool } from './agents/types.js';
import type { ConformanceReport } from '../conformance/types.js';

export interface ToolContext {
  /** The build repo; every tool path is confined to it. */
  root: string;
  /** Visible cases only, optionally filtered by id pattern. */
  runConformance: (pattern?: string) => Promise<ConformanceReport>;
}

export interface ToolFactory {
  implementer(ctx: ToolContext): Tool[];
  reviewer(ctx: ToolContext): Tool[];
}
