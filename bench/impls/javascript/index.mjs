// The benchmark library, JavaScript flavour.
export const add = (a, b) => a + b;
export const echo = (x) => x;
export const shout = (s) => `${s.toUpperCase()}!`;
