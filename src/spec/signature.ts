// Signature headings: `### name(a: string, b?: int = 3) -> type`. A heading is only a
// candidate when an identifier is followed *directly* by `(`, so prose such as
// "Rounding (important)" never matches; "setup() and teardown()" is prose too (text after
// the parentheses that is not an arrow). A candidate that cannot be parsed is `bad-signature`.
import { MAX_YAML_DEPTH, valueDepth } from './limits.js';
import { fastScalar } from './yaml-fast.js';
import { yamlLib } from './yaml-lib.js';
import { typeToSchema } from './type-names.js';
import type { JsonSchema, Param } from './types.js';

export interface ParsedSignature {
  name: string;
  params: Param[];
  returns: JsonSchema;
}

export type SignatureResult =
  | { kind: 'none' }
  | { kind: 'ok'; signature: ParsedSignature }
  | { kind: 'bad'; message: string };

const CANDIDATE = /^([A-Za-z_$][\w$.]*)\(/;
const ARROW = /^(?:->|→|:|=>)\s*(.*)$/;
const PARAM = /^([A-Za-z_$][\w$]*)\s*(\?)?\s*(?::\s*([^=]+?))?\s*(?:=\s*(.+))?$/;

/** `text` is the heading's plain text (inline code already unwrapped). */
export function parseSignatureHeading(text: string): SignatureResult {
  const trimmed = text.trim().replace(/^(\d+(?:\.\d+)*)\.?\s+/, '');
  const head = CANDIDATE.exec(trimmed);
  if (!head?.[1]) return { kind: 'none' };
  const name = head[1];
  const close = matchingParen(trimmed, head[0].length - 1);
  if (close === -1) return { kind: 'bad', message: `signature \`${trimmed}\`: unbalanced parentheses` };
  const rest = trimmed.slice(close + 1).trim();
  let returns: JsonSchema = {};
  if (rest !== '') {
    const arrow = ARROW.exec(rest);
    if (!arrow) return { kind: 'none' };
    if ((arrow[1] ?? '').trim() === '') {
      return { kind: 'bad', message: `signature \`${trimmed}\`: missing return type after the arrow` };
    }
    returns = typeToSchema(arrow[1] ?? '');
  }
  const params = parseParams(trimmed.slice(head[0].length, close));
  if (typeof params === 'string') return { kind: 'bad', message: `signature \`${trimmed}\`: ${params}` };
  return { kind: 'ok', signature: { name, params, returns } };
}

function parseParams(text: string): Param[] | string {
  if (text.trim() === '') return [];
  const params: Param[] = [];
  for (const raw of splitTopLevel(text)) {
    const part = raw.trim();
    const m = PARAM.exec(part);
    if (!m?.[1]) return part === '' ? 'empty parameter' : `cannot read parameter \`${part}\``;
    const [, name, question, type, defaultText] = m;
    if (params.some((p) => p.name === name)) return `duplicate parameter \`${name}\``;
    const param: Param = {
      name,
      schema: typeToSchema(type ?? ''),
      optional: question === '?' || defaultText !== undefined,
    };
    if (defaultText !== undefined) {
      try {
        param.default = (fastScalar(defaultText) ?? { value: yamlLib().parse(defaultText) as unknown }).value;
        if (valueDepth(param.default) > MAX_YAML_DEPTH)
          return `default value of \`${name}\` is nested too deeply (the limit is ${MAX_YAML_DEPTH} levels)`;
      } catch {
        return `cannot read default value \`${defaultText}\` of \`${name}\``;
      }
    }
    const previous = params[params.length - 1];
    if (previous?.optional && !param.optional) {
      return `required parameter \`${name}\` follows optional \`${previous.name}\``;
    }
    params.push(param);
  }
  return params;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Splits parameters on commas outside brackets and quotes (`a = [1, 2], b = "x,y"`). */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote) {
      if (ch === '\\') {
        current += ch + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{<'.includes(ch)) depth++;
    else if (')]}>'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current);
  return out;
}
