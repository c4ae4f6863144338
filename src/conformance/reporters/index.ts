// Reporter plug-ins, by name (`ghost test --reporter NAME`).
import { json } from './json.js';
import { junit } from './junit.js';
import { pretty } from './pretty.js';
import { tap } from './tap.js';
import type { Reporter } from './types.js';

export type { Reporter, RenderOptions } from './types.js';
export type ReporterName = 'pretty' | 'json' | 'junit' | 'tap';

export const reporters: Record<ReporterName, Reporter> = { pretty, json, junit, tap };

export function isReporterName(name: string): name is ReporterName {
  return Object.prototype.hasOwnProperty.call(reporters, name);
}
