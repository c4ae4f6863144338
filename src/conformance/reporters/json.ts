// The ConformanceReport itself (schemas/report.schema.json), as JSON.
import type { Reporter } from './types.js';
import { toJsonSafe } from './json-values.js';

export const json: Reporter = {
  name: 'json',
  render: (report) => `${JSON.stringify(toJsonSafe(report), null, 2)}\n`,
};
