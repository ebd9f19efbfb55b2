import { describe, expect, it } from 'vitest';
import { renderSurveyEmail, type SurveyEmailInput, surveyLink } from './survey-email';

const token = 'A'.repeat(43);
const input: SurveyEmailInput = {
  kind: 'invitation',
  locale: 'en',
  orgName: 'Acme <Labs>',
  raterName: 'Rita',
  leaderName: 'Lea "the boss" Leader',
  raterGroup: 'direct_report',
  closesAt: new Date('2027-03-31T16:00:00Z'),
  timeZone: 'Europe/Berlin',
  threshold: 4,
  link: surveyLink('https://resonance.example/', token),
};

describe('survey emails', () => {
  it('carry the token only in the fragment of the link', () => {
    expect(input.link).toBe(`https://resonance.example/survey#t=${token}`);
    const email = renderSurveyEmail(input);
    expect(email.text).toContain(input.link);
    expect(email.html).toContain(`href="${input.link}"`);
  });

  it('say who sees what, and when, with the threshold and the closing time', () => {
    const email = renderSurveyEmail(input);
    expect(email.subject).toBe('Your anonymous feedback for Lea "the boss" Leader');
    expect(email.text).toContain('Who sees what, and when');
    expect(email.text).toContain('at least 4 people');
    // In the organisation's zone, named: 16:00 UTC is 18:00 summer time in Berlin.
    expect(email.text).toContain('31 March 2027 at 18:00 (Europe/Berlin)');
    expect(email.text).toContain('No one, neither Lea "the boss" Leader nor the administrators');
  });

  it('escapes names in the HTML part', () => {
    const { html } = renderSurveyEmail(input);
    expect(html).toContain('Acme &lt;Labs&gt;');
    expect(html).not.toContain('<Labs>');
    expect(html).toContain('Lea &quot;the boss&quot; Leader');
  });

  it('are written in German for German readers, and for the self-assessment in the first person', () => {
    const german = renderSurveyEmail({ ...input, locale: 'de', raterGroup: 'self', kind: 'reminder' });
    expect(german.subject).toMatch(/^Erinnerung: Ihre Selbsteinschätzung endet am 31\. März 2027/);
    expect(german.text).toContain('Ihre Selbsteinschätzung sehen nur Sie');
    expect(german.text).toContain('Dieser Link ersetzt den aus früheren E-Mails');
  });

  it('mark the manager group as identifiable', () => {
    expect(renderSurveyEmail({ ...input, raterGroup: 'manager' }).text).toContain('marked as identifiable');
  });
});
