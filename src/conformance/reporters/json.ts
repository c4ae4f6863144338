// The ConformanceReport itself (schemas/report.schema.json), as JSON; hidden cases by id and
// status only, a load failure's message once in `loadError` (shown.ts).
import type { Reporter } from './types.js';
import { toJsonSafe } from './json-values.js';
import { shownResults } from './shown.js';

export const json: Reporter = {
  name: 'json',
  render: (report) => `${JSON.stringify(toJsonSafe({ ...report, results: shownResults(report) }), null, 2)}\n`,
};
