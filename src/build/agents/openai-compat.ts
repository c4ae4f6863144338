// What the openai provider changes in a request when an OpenAI-compatible server (Ollama, vLLM,
// llama.cpp's server) rejects it. Real OpenAI never takes these paths: it accepts both
// `max_completion_tokens` and `response_format: json_schema`.
import { APIError } from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';

/** Per-session memory of what the server refused, so each downgrade is paid for once. */
export interface CompatState {
  /** Send `max_tokens` instead of `max_completion_tokens`. */
  maxTokensOnly: boolean;
  /** Drop `response_format: json_schema`; the loop's ajv check + re-ask takes over. */
  jsonSchemaOff: boolean;
  /** The "no usage" note was given (once per session). */
  noUsageNoted: boolean;
}

export const newCompatState = (): CompatState => ({ maxTokensOnly: false, jsonSchemaOff: false, noUsageNoted: false });

/** Apply what the session already learned about the server to a fresh request. */
export function applyCompat(params: ChatCompletionCreateParamsNonStreaming, state: CompatState): void {
  if (state.maxTokensOnly && params.max_completion_tokens !== undefined) {
    params.max_tokens = params.max_completion_tokens;
    delete params.max_completion_tokens;
  }
  if (state.jsonSchemaOff) delete params.response_format;
}

/**
 * After a rejected request: change `params` to what the server may accept and return a note
 * for the transcript, or `undefined` when there is nothing left to try (the error stands).
 * A 400/422 naming `max_completion_tokens` → `max_tokens`; any other 400/422 while
 * `response_format` is set → free-text JSON validated locally.
 */
export function downgrade(
  params: ChatCompletionCreateParamsNonStreaming,
  e: unknown,
  state: CompatState,
): string | undefined {
  if (!(e instanceof APIError) || (e.status !== 400 && e.status !== 422)) return undefined;
  if (params.max_completion_tokens !== undefined && /max_completion_tokens/.test(e.message)) {
    state.maxTokensOnly = true;
    applyCompat(params, state);
    return `server rejected max_completion_tokens (${e.status}: ${e.message}); sending max_tokens for the rest of the session`;
  }
  if (params.response_format) {
    state.jsonSchemaOff = true;
    applyCompat(params, state);
    return `server rejected response_format json_schema (${e.status}: ${e.message}); falling back to free-text JSON validated locally`;
  }
  return undefined;
}
