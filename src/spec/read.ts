// Reading input files. Every way a user can point at the wrong thing (missing path,
// directory, binary, wrong encoding, empty file) becomes a UserError: a message and exit 2.
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { UserError } from '../util/errors.js';

/** Reads a spec file as UTF-8 text, or throws a UserError explaining why it cannot. */
export async function readSpecSource(file: string): Promise<string> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(file)).isDirectory();
  } catch (e) {
    throw fsError(file, e);
  }
  if (isDirectory) throw new UserError(`${file} is a directory; pass the spec file (e.g. ${file}/SPEC.md)`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw fsError(file, e);
  }
  return decodeText(bytes, file);
}

/**
 * Reads an imported case file for parseSpec: undefined when it does not exist (the caller
 * reports `missing-file`); other problems throw a UserError whose message becomes a diagnostic.
 */
export function readCaseFileSync(file: string): string | undefined {
  try {
    if (statSync(file).isDirectory()) throw new UserError(`${file} is a directory, not a case file`);
    return decodeText(readFileSync(file), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (e instanceof UserError) throw e;
    throw fsError(file, e);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8 decode. NUL bytes mean binary; the fatal decoder rejects other encodings. */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new UserError(`${file} is empty`);
  if (bytes.includes(0)) {
    throw new UserError(`${file} looks like a binary file (it contains NUL bytes); expected UTF-8 text`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new UserError(`${file} is not valid UTF-8; re-save it as UTF-8 text`);
  }
  if (text.trim() === '') throw new UserError(`${file} is empty (whitespace only)`);
  return text;
}

function fsError(file: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserError(`${file}: no such file`);
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`${file}: permission denied`);
  if (code === 'EISDIR') return new UserError(`${file} is a directory`);
  return new UserError(`${file}: cannot read (${(e as Error).message})`);
}
