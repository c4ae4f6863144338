// The characters where implementations part ways, in one place: every generator and the sweep
// draw from these tables.

/** Characters that break naive implementations: whitespace kin, compatibility forms, astral, escapes. */
export const AWKWARD = [
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  ',',
  '.',
  '-',
  '_',
  '+',
  '%',
  '&',
  '=',
  '/',
  '#',
  '?',
  "'",
  '"',
  '\u00a0',
  '\u0085',
  '\u2028',
  '\u3000',
  '\ufeff',
  '\u200b',
  '\u001c',
  '\u001f',
  'é',
  'e\u0301',
  'ß',
  'İ',
  'ı',
  'Å',
  'ﬁ',
  '™',
  '½',
  '²',
  'Ａ',
  '＇',
  '’',
  '😀',
  '👍🏽',
  '𝔘',
  '中',
  '%2B',
  '%20',
  '%FF',
  '%C3',
  '%C3%A9',
  '%E2%82',
  '%F0%9F%98%80',
  '%25',
  '%%',
  '%G1',
];

/**
 * Where definitions of whitespace part ways: Unicode White_Space, C isspace, Python
 * str.isspace (which takes the information separators U+001C–U+001F), JavaScript \s (which
 * takes U+FEFF), and look-alikes that are none of them (U+200B, U+180E).
 */
export const SEPARATOR_EDGES = [
  '\t',
  '\u000b',
  '\u000c',
  '\u001c',
  '\u001d',
  '\u001e',
  '\u001f',
  '\u0085',
  '\u00a0',
  '\u1680',
  '\u180e',
  '\u2000',
  '\u200b',
  '\u2028',
  '\u202f',
  '\u3000',
  '\ufeff',
];

/**
 * Characters where orders part: case, ASCII punctuation around letters, Latin-1, the top of
 * the BMP (private use, full-width, BOM: above the surrogates in UTF-16 units, below astral
 * characters in code points) and astral characters.
 */
export const ORDER_EDGES = ['A', 'a', 'Z', '_', '~', 'é', '\ue000', 'Ａ', '\ufeff', '😀', '𐀀'];
