import { env, WebEnvError } from './env';

/** Runs once when the server starts: a bad variable stops it right away, naming the variable. */
export function register() {
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
