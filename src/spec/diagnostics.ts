// Diagnostics as data: a collector the parsing passes append to, a stable sort, and the one
// text format (`file:line:col: severity message [rule]`) that editors and CI understand.
import type { Diagnostic, Location, Point, Severity } from './types.js';

export class Diagnostics {
  readonly list: Diagnostic[] = [];

  add(severity: Severity, rule: string, message: string, file: string, at: Point): void {
    this.list.push({ file, line: at.line, column: at.column, severity, message, rule });
  }

  error(rule: string, message: string, where: Location): void {
    this.add('error', rule, message, where.file, where.start);
  }

  warning(rule: string, message: string, where: Location): void {
    this.add('warning', rule, message, where.file, where.start);
  }

  get errorCount(): number {
    return this.list.filter((d) => d.severity === 'error').length;
  }
}

/** Sorted by file, line, column; ties keep insertion order (Array.prototype.sort is stable). */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.message} [${d.rule}]`;
}
