/** The survey link in an invitation email, so a tester can open it straight from the outbox. */
export function surveyLinkIn(text: string): string | undefined {
  return /https?:\/\/\S+\/survey#t=[A-Za-z0-9_\-.~%]+/.exec(text)?.[0];
}

/** The same link on this web app's own origin (the API may know the public URL under another host name). */
export function localSurveyPath(link: string): string {
  const fragment = link.slice(link.indexOf('#'));
  return `/survey${fragment}`;
}
