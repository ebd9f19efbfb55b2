/** Runs once when the server starts. NEXT_RUNTIME is set by Next itself, not by operators. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvironmentAtStart } = await import('./check-env-at-start');
    checkEnvironmentAtStart();
  }
}
