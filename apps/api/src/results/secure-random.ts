import { randomInt } from 'node:crypto';

/** Uniform in [0, 1) from the CSPRNG, so a shuffle (comments, ballots) cannot be predicted or replayed. */
export const secureRandom = () => randomInt(0, 2 ** 47) / 2 ** 47;
