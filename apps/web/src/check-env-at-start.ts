import { env, WebEnvError } from './env';

/** A bad variable stops the server right away, with a message naming it, instead of failing on first use. */
export function checkEnvironmentAtStart() {
  try {
    env();
  } catch (error) {
    if (error instanceof WebEnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
