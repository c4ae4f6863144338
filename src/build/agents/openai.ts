// OpenAI provider: a Chat Completions function-calling loop through the official SDK.
// Works with OpenAI and any compatible server (Ollama, vLLM, llama.cpp, OpenRouter) via
// `baseURL`. Retries (429/5xx, honouring retry-after) and per-call timeouts are the SDK's,
// set deliberately here; a server gone silent (stall.ts) ends the session as `stalled`.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { ProviderSetupError, setupMessage } from './setup-error.js';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { runLoop, type TurnSource } from './loop.js';
import { applyCompat, downgrade, newCompatState } from './openai-compat.js';
import { costOf, lookupPrice, type PriceTable } from './pricing.js';
import { SessionRecorder, type ModelTurn } from './session-file.js';
import { DEFAULT_STALL_MS, watchStalls } from './stall.js';
import type { Provider, SessionRequest, SessionResult, Tool, ToolCallRecord, TranscriptEntry } from './types.js';

export interface OpenAIProviderOptions {
  model: string;
  /** Any non-empty string for local servers that ignore it. */
  apiKey: string;
  /** e.g. `http://localhost:11434/v1` (Ollama); default: OpenAI. */
  baseURL?: string;
  /** SDK retries for 408/409/429/5xx and connection errors; default 4. */
  maxRetries?: number;
  /** Per-request timeout until the answer starts (retried); default 120000 ms. */
  timeoutMs?: number;
  /** End the session as `stalled` when a request gets no byte for this long; default 10 minutes. */
  stallMs?: number;
  /** Price overrides (USD per 1M tokens), merged over the built-in table. */
  prices?: PriceTable;
  /** Sent as `max_completion_tokens` per call when set. */
  maxCompletionTokens?: number;
  temperature?: number;
  /** Append every session to this JSON-lines file (replayable by the scripted provider). */
  record?: string | SessionRecorder;
  /** Test hook: a custom fetch for the SDK. */
  fetch?: typeof fetch;
}

/** Transcript → Chat Completions messages (notes and usage entries are ours, not the model's). */
export function toMessages(transcript: readonly TranscriptEntry[]): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  for (const e of transcript) {
    switch (e.type) {
      case 'system':
        out.push({ role: 'system', content: e.content });
        break;
      case 'user':
        out.push({ role: 'user', content: e.content });
        break;
      case 'assistant':
        out.push({
          role: 'assistant',
          content: e.content,
          ...(e.toolCalls?.length
            ? {
                tool_calls: e.toolCalls.map((c) => ({
                  id: c.id,
                  type: 'function' as const,
                  function: { name: c.name, arguments: c.arguments },
                })),
              }
            : {}),
        });
        break;
      case 'tool':
        out.push({ role: 'tool', tool_call_id: e.callId, content: e.isError ? `ERROR: ${e.content}` : e.content });
        break;
      default:
        break;
    }
  }
  return out;
}

export function toOpenAITools(tools: readonly Tool[]): ChatCompletionTool[] {
  return tools.map((t) => ({
    type: 'function',
    function: { name: t.name, description: t.description, parameters: t.parameters },
  }));
}

export class OpenAIProvider implements Provider {
  readonly name = 'openai';
  readonly model: string;
  private readonly client: OpenAI;
  private readonly recorder: SessionRecorder | undefined;

  constructor(private readonly opts: OpenAIProviderOptions) {
    this.model = opts.model;
    this.client = new OpenAI({
      apiKey: opts.apiKey,
      ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
      maxRetries: opts.maxRetries ?? 4,
      timeout: opts.timeoutMs ?? 120_000,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
    this.recorder = typeof opts.record === 'string' ? new SessionRecorder(opts.record) : opts.record;
  }

  runSession(request: SessionRequest): Promise<SessionResult> {
    return runLoop(request, this.turnSource(request), this.recorder ? { recorder: this.recorder } : {});
  }

  private turnSource(request: SessionRequest): TurnSource {
    const { client, opts, model } = this;
    const tools = toOpenAITools(request.tools);
    const price = lookupPrice(model, opts.prices);
    // What this server refused so far (openai-compat.ts); OpenAI itself refuses none of it.
    const compat = newCompatState();
    const setup = { provider: 'openai', model, baseURL: opts.baseURL ?? 'https://api.openai.com/v1' };
    const stallMs = opts.stallMs ?? DEFAULT_STALL_MS;
    return {
      model,
      cost(inputTokens, outputTokens) {
        const costUsd = costOf(price, inputTokens, outputTokens);
        return price
          ? { costUsd }
          : { costUsd, note: `no price known for model "${model}": cost counted as 0 (set "prices" in the config)` };
      },
      async next(transcript, ctx): Promise<ModelTurn> {
        const notes: string[] = [];
        const params: ChatCompletionCreateParamsNonStreaming = {
          model,
          messages: toMessages(transcript),
          ...(tools.length ? { tools } : {}),
          ...(opts.maxCompletionTokens ? { max_completion_tokens: opts.maxCompletionTokens } : {}),
          ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
        };
        const schema = request.responseSchema;
        if (schema) {
          params.response_format = {
            type: 'json_schema',
            json_schema: { name: schema.name, schema: schema.schema, strict: schema.strict ?? true },
          };
        }
        applyCompat(params, compat);
        let res: OpenAI.Chat.Completions.ChatCompletion | undefined;
        const watch = watchStalls(
          stallMs,
          opts.fetch ?? fetch,
          () => `${setup.baseURL} sent nothing for ${stallMs} ms (stalled); request abandoned`,
        );
        const call = client.withOptions({ fetch: watch.fetch });
        const signal = AbortSignal.any([ctx.signal, watch.signal]);
        try {
          // Each downgrade happens at most once per session, so this ends after three tries.
          while (!res) {
            try {
              res = await call.chat.completions.create(params, { signal });
            } catch (e) {
              if (watch.signal.aborted) throw watch.signal.reason;
              const note = downgrade(params, e, compat);
              if (!note) throw describe(e, setup);
              notes.push(note);
            }
          }
        } finally {
          watch.stop();
        }
        const choice = res.choices[0];
        if (!choice) throw new Error('the server returned no choices');
        const msg = choice.message;
        // Tool calls count whatever finish_reason says (llama.cpp may say "stop" with calls).
        const toolCalls = (msg.tool_calls ?? []).map((c, i) => normalizeCall(c, `call_${ctx.turn}_${i}`));
        if (choice.finish_reason === 'length')
          notes.push('the model hit its output-token limit (finish_reason "length")');
        const content = msg.content ?? (msg.refusal ? `REFUSAL: ${msg.refusal}` : null);
        if (!res.usage && !compat.noUsageNoted) {
          compat.noUsageNoted = true;
          notes.push('the server sent no usage: its tokens count as 0 against the budget and cost');
        }
        return {
          content,
          toolCalls,
          ...(res.usage
            ? { usage: { inputTokens: res.usage.prompt_tokens, outputTokens: res.usage.completion_tokens } }
            : {}),
          ...(notes.length ? { notes } : {}),
        };
      },
    };
  }
}

/**
 * Compatible servers are not always exact: arguments may arrive as an object, ids may be
 * missing. Normalize instead of crashing; the loop validates the rest.
 */
function normalizeCall(c: OpenAI.Chat.Completions.ChatCompletionMessageToolCall, fallbackId: string): ToolCallRecord {
  const loose = c as unknown as {
    id?: unknown;
    function?: { name?: unknown; arguments?: unknown };
    custom?: { name?: unknown; input?: unknown };
  };
  const fn = loose.function ?? (loose.custom ? { name: loose.custom.name, arguments: loose.custom.input } : {});
  const args = fn.arguments;
  return {
    id: typeof loose.id === 'string' && loose.id !== '' ? loose.id : fallbackId,
    name: typeof fn.name === 'string' ? fn.name : '(missing name)',
    arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
  };
}

/** 401/403/404 and unreachable servers are setup failures (the build stops); the rest are session errors. */
function describe(e: unknown, setup: { provider: string; model: string; baseURL: string }): Error {
  if (e instanceof APIConnectionError && !(e instanceof APIConnectionTimeoutError)) {
    return new ProviderSetupError(setupMessage(setup, `cannot connect (${rootCause(e)})`));
  }
  if (e instanceof APIError && (e.status === 401 || e.status === 403 || e.status === 404)) {
    return new ProviderSetupError(setupMessage(setup, `server answered ${e.status}: ${e.message}`));
  }
  if (e instanceof APIError && e.status !== undefined) return new Error(`model server error ${e.status}: ${e.message}`);
  return e instanceof Error ? e : new Error(String(e));
}

/** fetch wraps the socket's error (ECONNREFUSED, ENOTFOUND) a level or two down. */
function rootCause(e: Error): string {
  let cur: unknown = e;
  let words = e.message;
  for (let i = 0; i < 5 && cur instanceof Error; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string')
      return `${code}${cur.message && !cur.message.includes(code) ? `: ${cur.message}` : ''}`;
    words = cur.message || words;
    cur = cur.cause;
  }
  return words;
}
