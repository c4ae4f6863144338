// GitHub Flavored Markdown, construct by construct, each with the text it cannot match
// without. A piece of Markdown is parsed with only the constructs whose trigger it holds: the
// tree is the one remark-gfm builds (test/spec/markdown.test.ts and test/integration/spec
// compare), but prose with one table no longer pays for autolink literals, which micromark
// tries at the start of every word.
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';

export interface GfmConstruct {
  name: string;
  /** Text every match of the construct contains; where it is absent the construct is a no-op. */
  trigger: RegExp;
  micromark: ReturnType<typeof gfmTable>;
  mdast: ReturnType<typeof gfmTableFromMarkdown>;
}

/** In remark-gfm's order, so constructs that start at the same character are tried in its order. */
export const GFM: readonly GfmConstruct[] = [
  {
    // `@` (e-mail), `www.`, or `http://` / `https://`, in any case.
    name: 'autolink-literal',
    trigger: /@|www\.|https?:/i,
    micromark: gfmAutolinkLiteral(),
    mdast: gfmAutolinkLiteralFromMarkdown(),
  },
  { name: 'footnote', trigger: /\[\^/, micromark: gfmFootnote(), mdast: gfmFootnoteFromMarkdown() },
  { name: 'strikethrough', trigger: /~/, micromark: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown() },
  {
    // A delimiter row holds a pipe or an alignment colon: `a\n:-` is a one-cell table.
    name: 'table',
    trigger: /\||:-|-:/,
    micromark: gfmTable(),
    mdast: gfmTableFromMarkdown(),
  },
  {
    // The box holds one space, tab, x or line ending (CRLF is one to micromark).
    name: 'task-list-item',
    trigger: /\[(?:[\sxX]|\r\n)\]/,
    micromark: gfmTaskListItem(),
    mdast: gfmTaskListItemFromMarkdown(),
  },
];
