// finish: the implementer's way to end its session with a summary.
import type { Tool } from '../agents/types.js';
import { fail } from './context.js';

export function finishTool(): Tool {
  return {
    name: 'finish',
    description: 'Call when the task is done: ends the session. Summarize what you implemented and anything left open.',
    parameters: {
      type: 'object',
      properties: { summary: { type: 'string', description: 'What was done, for the reviewer' } },
      required: ['summary'],
      additionalProperties: false,
    },
    async run(args) {
      if (typeof args.summary !== 'string' || args.summary.trim() === '')
        return fail('summary must be a non-empty string');
      return { content: args.summary, final: true };
    },
  };
}
