import { Faker, base, en, en_US } from '@faker-js/faker';

/** A seeded source of demo randomness: same seed, same sequence. */
export class DemoRandom {
  readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [en_US, en, base] });
    this.faker.seed(seed);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.faker.number.float({ min: 0, max: 1 }) < p;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  pick<T>(items: readonly T[]): T {
    return this.faker.helpers.arrayElement(items);
  }

  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    return this.faker.helpers.weightedArrayElement(choices.map(([weight, value]) => ({ weight, value })));
  }
}
