// The ConformanceReport itself (schemas/report.schema.json), as JSON; hidden cases by id and
// status only (shown.ts).
import type { Reporter } from './types.js';
import { toJsonSafe } from './json-values.js';
import { shown } from './shown.js';

export const json: Reporter = {
  name: 'json',
  render: (report) => `${JSON.stringify(toJsonSafe({ ...report, results: report.results.map(shown) }), null, 2)}\n`,
};
