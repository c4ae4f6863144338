// Finds the fenced blocks that carry machine-readable parts: ```yaml interface,
// ```yaml conformance (meta: hidden, fn=, requirements=) and ```example. Code nodes are
// found at any depth (fences inside list items count), in document order.
import type { Code, Nodes, Root } from 'mdast';
import type { Location } from './types.js';
import type { YamlSource } from './yaml-source.js';

export type BlockKind = 'interface' | 'conformance' | 'example';

export interface FencedBlock {
  kind: BlockKind;
  node: Code;
  meta: Map<string, string | true>;
  /** The block's content as YAML source positioned in the file. */
  source: YamlSource;
  /** The fence line. */
  location: Location;
  offset: number;
}

export function collectBlocks(root: Root, file: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  // Depth-first in document order, with a stack: inline nesting can be thousands deep.
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'code') {
      const block = classify(node, file);
      if (block) blocks.push(block);
    } else if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }
  return blocks;
}

/** Whether a code node is one of ghost's blocks: the one rule, for every reader of the tree. */
export function isGhostBlock(node: Code): boolean {
  return classify(node, '') !== undefined;
}

function classify(node: Code, file: string): FencedBlock | undefined {
  const lang = (node.lang ?? '').toLowerCase();
  const tokens = (node.meta ?? '').split(/\s+/).filter(Boolean);
  let kind: BlockKind | undefined;
  if ((lang === 'yaml' || lang === 'yml') && (tokens[0] === 'interface' || tokens[0] === 'conformance')) {
    kind = tokens[0];
    tokens.shift();
  } else if (lang === 'example') kind = 'example';
  if (!kind) return undefined;
  const meta = new Map<string, string | true>();
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (eq === -1) meta.set(token, true);
    else meta.set(token.slice(0, eq), token.slice(eq + 1));
  }
  const start = node.position?.start ?? { line: 1, column: 1, offset: 0 };
  return {
    kind,
    node,
    meta,
    source: { file, text: node.value, line: start.line + 1, indent: start.column - 1 },
    location: { file, start: { line: start.line, column: start.column } },
    offset: start.offset ?? 0,
  };
}
