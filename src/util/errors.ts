// Errors a user can act on. The CLI prints their message (no stack) and exits with
// `exitCode`; anything else is a bug and gets a stack only under --debug.

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
