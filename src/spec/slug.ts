// Slugs. Section slugs follow GitHub's anchor rules (so `#links` in a spec keep working);
// name slugs are the stricter ASCII form used for case ids and library names.

/** GitHub heading anchor: lowercase, drop punctuation/symbols, spaces become dashes. */
export function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Makes repeated slugs unique the way GitHub does: `a`, `a-1`, `a-2`. */
export class Slugger {
  private readonly occurrences = new Map<string, number>();

  slug(text: string): string {
    const base = githubSlug(text);
    let slug = base;
    while (this.occurrences.has(slug)) {
      const n = (this.occurrences.get(base) ?? 0) + 1;
      this.occurrences.set(base, n);
      slug = `${base}-${n}`;
    }
    this.occurrences.set(slug, 0);
    return slug;
  }
}

/** ASCII slug for ids and names: `Just now - 30s` → `just-now-30s`. */
export function nameSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}
