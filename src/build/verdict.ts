// The reviewer's structured verdict. The schema is sent to the model as a response format
// and used again by ajv on whatever comes back: a verdict that does not validate is not a verdict.
export interface Finding {
  file: string;
  line?: number;
  severity: 'blocking' | 'major' | 'minor';
  requirement?: string;
  message: string;
}

export interface Verdict {
  decision: 'approve' | 'request_changes';
  findings: Finding[];
}

export const verdictSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['decision', 'findings'],
  properties: {
    decision: { enum: ['approve', 'request_changes'] },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'severity', 'message'],
        properties: {
          file: { type: 'string' },
          line: { type: 'integer', minimum: 1 },
          severity: { enum: ['blocking', 'major', 'minor'] },
          requirement: { type: 'string' },
          message: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;

export function blockingFindings(verdict: Verdict | undefined): Finding[] {
  return verdict?.findings.filter((f) => f.severity === 'blocking') ?? [];
}
