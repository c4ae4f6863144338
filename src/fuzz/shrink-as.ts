// Generation and shrinking decoupled. The dictionary arbitraries pick values from pools
// (constantFrom, mapped tuples), whose own shrinkers only step back to earlier pool entries; a
// disagreement found at 549 should shrink like any integer (towards 0: 275, 61, …) and a string
// like any string (shorter, simpler). So: generate with the pool, shrink with a plain arbitrary
// that accepts the value, and fall back to the pool's shrinker when it does not.
import fc, { type Arbitrary, type Random, type Stream, type Value } from 'fast-check';

interface Ctx {
  inner: unknown;
}

class ShrinkAs<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly gen: Arbitrary<T>,
    private readonly shrinker: Arbitrary<T>,
  ) {
    super();
  }

  generate(mrng: Random, biasFactor: number | undefined): Value<T> {
    const v = this.gen.generate(mrng, biasFactor);
    return new fc.Value(v.value_, { inner: v.context } satisfies Ctx);
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.shrinker.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): Stream<Value<T>> {
    if (this.shrinker.canShrinkWithoutContext(value)) return this.shrinker.shrink(value, undefined);
    if (context === undefined) return fc.Stream.nil();
    return this.gen
      .shrink(value, (context as Ctx).inner)
      .map((v) => new fc.Value(v.value_, { inner: v.context } satisfies Ctx));
  }
}

export function shrinkAs<T>(gen: Arbitrary<T>, shrinker: Arbitrary<T>): Arbitrary<T> {
  return new ShrinkAs(gen, shrinker);
}
