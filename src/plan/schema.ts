// The Plan's JSON Schema (schemas/plan.schema.json) and a validator. ajv is imported lazily:
// planning itself never validates, and `ghost plan` should not pay for ajv's start-up.
import { readFileSync } from 'node:fs';

// src/plan and dist/plan both sit two levels below the package root.
export const planSchema: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../schemas/plan.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

type Check = ((data: unknown) => boolean) & {
  errors?: Array<{ instancePath: string; message?: string }> | null;
};
let compiled: Check | undefined;

/** Validates a plan (or its JSON parsed back) against the schema; returns error strings. */
export async function validatePlan(plan: unknown): Promise<string[]> {
  if (!compiled) {
    const { Ajv } = await import('ajv');
    compiled = new Ajv({ allErrors: true, strict: true }).compile(planSchema) as Check;
  }
  if (compiled(plan)) return [];
  return (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
