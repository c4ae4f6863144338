// Option parsers shared by commands, so every numeric flag fails the same way (exit 2).
import { InvalidArgumentError } from 'commander';

export function positiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} must be a positive integer`);
    return n;
  };
}
