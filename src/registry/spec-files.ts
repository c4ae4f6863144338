// The files a spec consists of: the Markdown itself and every case file it imports. Paths are
// relative to the spec's folder; a case file outside it cannot travel with the spec.
import path from 'node:path';
import type { Spec } from '../spec/types.js';
import { loadSpec } from '../spec/index.js';
import { formatDiagnostic } from '../spec/index.js';
import { UserError } from '../util/errors.js';

export const toPosix = (p: string): string => p.split(path.sep).join('/');

export function specFiles(spec: Spec): string[] {
  const dir = path.dirname(path.resolve(spec.file));
  const files = [path.basename(spec.file)];
  for (const t of spec.meta.tests) {
    const rel = toPosix(path.relative(dir, path.resolve(dir, t)));
    if (rel.startsWith('../') || path.isAbsolute(rel)) {
      throw new UserError(
        `${spec.file}: case file ${t} lies outside the spec's folder; move it beside the spec to publish it`,
      );
    }
    if (!files.includes(rel)) files.push(rel);
  }
  return files;
}

/** Loads a spec and refuses one with errors: packing or vendoring a broken spec helps no one. */
export async function loadValidSpec(file: string): Promise<Spec> {
  const { spec, diagnostics } = await loadSpec(file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    throw new UserError(
      `${file} has ${errors.length} error(s) (ghost check):\n${errors.map(formatDiagnostic).join('\n')}`,
      1,
    );
  }
  return spec;
}
