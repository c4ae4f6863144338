// The agent layer's contract. A Provider runs one agent *session*: instructions, context,
// tools and a budget in; transcript, final message and usage out. The build (implementer,
// reviewer) only ever talks to this interface.
//
// Providers: `openai` (Chat Completions tool loop), `exec` (an external agent CLI such as
// Codex or Claude Code, which brings its own tools), `scripted` (replays a session file;
// never a model). See docs/agents.md.

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
  /**
   * The session ends after this call (the `finish` tool). `content` becomes the session's
   * final message and the end reason is `finished`.
   */
  final?: boolean;
}

/** What the loop gives each tool call: it must be over by `deadline` (the session's wall clock). */
export interface ToolRunContext {
  /** Aborted when the session's wall-clock budget runs out (or the session is cancelled). */
  signal: AbortSignal;
  /** Epoch ms by which the call must have returned. */
  deadline: number;
}

export interface Tool extends ToolSpec {
  run(args: Record<string, unknown>, call?: ToolRunContext): Promise<ToolResult>;
}

export interface Budget {
  /** Model calls (one call = one turn, whatever it contains). */
  maxTurns: number;
  /** Input + output tokens summed over the session's calls. */
  maxTokens: number;
  maxWallMs: number;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface ToolCallRecord {
  id: string;
  name: string;
  /** The raw JSON text as the model sent it (may be malformed). */
  arguments: string;
}

export type TranscriptEntry =
  | { type: 'system' | 'user'; content: string }
  | { type: 'assistant'; content: string | null; toolCalls?: ToolCallRecord[] }
  | { type: 'tool'; callId: string; name: string; content: string; isError?: boolean }
  | { type: 'usage'; model: string; inputTokens: number; outputTokens: number; costUsd: number }
  | { type: 'note'; content: string };

export type EndReason = 'finished' | 'final-message' | 'max-turns' | 'max-tokens' | 'max-wall' | 'stalled' | 'error';

export type SessionRole = 'implementer' | 'reviewer';

export interface ResponseSchema {
  /** `^[a-zA-Z0-9_-]{1,64}$` (OpenAI's rule for json_schema names). */
  name: string;
  schema: Record<string, unknown>;
  /**
   * Ask the server for strict schema adherence (default true). Strict mode needs every
   * property required and `additionalProperties: false`; servers that reject it get the
   * free-text fallback.
   */
  strict?: boolean;
}

export interface SessionRequest {
  role: SessionRole;
  /** Plan task id (e.g. `02-fn-slugify`): labels transcripts, recordings and scripted sessions. */
  task?: string;
  /** System prompt. */
  instructions: string;
  /** The task as the first user message. */
  prompt: string;
  /** Ignored by exec providers (the CLI has its own tools); the build reads the repo diff. */
  tools: Tool[];
  budget: Budget;
  /** The build repo; tools are jailed here and exec providers run their CLI here. */
  cwd: string;
  /** Structured final answer (reviewer verdict): JSON Schema the final message must satisfy. */
  responseSchema?: ResponseSchema;
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
  /** Model calls made (scripted: turns replayed; exec: 1). */
  turns: number;
  /** `gpt-4o`, `exec:codex`, `scripted:<file>` — never a model name for non-model output. */
  model: string;
  error?: string;
  /**
   * Set when the session failed on setup (server unreachable, key refused, no such model):
   * names provider, base URL and model with the server's words. The build stops on it.
   */
  setupError?: string;
}

export interface Provider {
  /** `openai`, `exec`, `scripted`. */
  readonly name: string;
  readonly model: string;
  runSession(request: SessionRequest): Promise<SessionResult>;
}
