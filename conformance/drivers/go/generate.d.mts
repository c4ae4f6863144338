// Types of generate.mjs (the Go driver stays plain JavaScript: it runs without a build step).
export function pascal(name: string): string;
export function scanPackage(files: Array<{ name: string; text: string }>): { packageName: string | undefined; functions: string[]; sentinels: string[] };
export function resolveNames(specNames: string[], exported: string[], nameMap?: Record<string, string>): Record<string, string>;
export function generateDispatch(input: { importPath: string; resolved: Record<string, string>; sentinels: string[]; entry: string }): string;
