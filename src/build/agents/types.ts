// The agent layer's contract. A Provider runs one agent *session*: instructions, context,
// tools and a budget in; transcript, final message and usage out. The build (implementer,
// reviewer) only ever talks to this interface.

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the tool's arguments object. */
  parameters: Record<string, unknown>;
}

/** What a tool returns to the model. `isError` results are shown to the model, never thrown. */
export interface ToolResult {
  content: string;
  isError?: boolean;
}

export interface Tool extends ToolSpec {
  run(args: Record<string, unknown>): Promise<ToolResult>;
}

export interface Budget {
  maxTurns: number;
  maxTokens: number;
  maxWallMs: number;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export type TranscriptEntry =
  | { type: 'system' | 'user'; content: string }
  | { type: 'assistant'; content: string | null; toolCalls?: Array<{ id: string; name: string; arguments: string }> }
  | { type: 'tool'; callId: string; name: string; content: string; isError?: boolean }
  | { type: 'usage'; model: string; inputTokens: number; outputTokens: number; costUsd: number }
  | { type: 'note'; content: string };

export type EndReason = 'finished' | 'final-message' | 'max-turns' | 'max-tokens' | 'max-wall' | 'error';

export interface SessionRequest {
  role: 'implementer' | 'reviewer';
  /** System prompt. */
  instructions: string;
  /** The task as the first user message. */
  prompt: string;
  tools: Tool[];
  budget: Budget;
  /** The build repo; exec providers run their CLI here. */
  cwd: string;
  /** Structured final answer (reviewer verdict): JSON Schema the final message must satisfy. */
  responseSchema?: { name: string; schema: Record<string, unknown> };
  signal?: AbortSignal;
}

export interface SessionResult {
  endReason: EndReason;
  /** The model's final message (for a responseSchema: the JSON text, validated). */
  finalMessage: string;
  /** Parsed and schema-validated final message when a responseSchema was given. */
  structured?: unknown;
  transcript: TranscriptEntry[];
  usage: Usage;
  model: string;
  error?: string;
}

export interface Provider {
  readonly name: string;
  readonly model: string;
  runSession(request: SessionRequest): Promise<SessionResult>;
}
