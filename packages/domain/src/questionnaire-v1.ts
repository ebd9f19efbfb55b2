import type { Questionnaire } from './questionnaire';
import type { Localized } from './theses';

/**
 * Questionnaire version 1. Published wording is frozen: a change in meaning
 * needs a new version, otherwise trends across rounds would compare
 * different questions.
 */

const t = (en: string, de: string): Localized => ({ en, de });

export const questionnaireV1: Questionnaire = {
  version: 1,
  theses: [
    {
      key: 'visibility',
      title: t('Present and reachable', 'Präsent und ansprechbar'),
      summary: t(
        'How present and reachable the leader is, and whether they seek contact instead of retreating behind desk or inbox.',
        'Wie präsent und erreichbar die Führungskraft ist und ob sie den Kontakt sucht, statt sich hinter Schreibtisch oder Postfach zurückzuziehen.',
      ),
      suggestions: [
        t(
          'Block a regular open slot in your calendar when anyone can drop by or call.',
          'Einen festen, offenen Termin im Kalender reservieren, zu dem alle vorbeikommen oder anrufen können.',
        ),
        t(
          'Check in with the team once a day without an agenda, in person or in a team call.',
          'Einmal am Tag ohne Tagesordnung beim Team vorbeischauen, vor Ort oder im Team-Call.',
        ),
        t(
          'Answer messages from your team within a day, even if only to say when a full reply will follow.',
          'Nachrichten aus dem Team innerhalb eines Tages beantworten, notfalls nur mit dem Hinweis, wann eine ausführliche Antwort kommt.',
        ),
      ],
      commentPrompt: {
        other: t(
          "Optional: a situation in which your leader's availability made a difference.",
          'Optional: Eine Situation, in der die Erreichbarkeit der Führungskraft einen Unterschied gemacht hat.',
        ),
        self: t(
          'Optional: when were you hard to reach, and why?',
          'Optional: Wann war ich schwer erreichbar – und warum?',
        ),
      },
      items: [
        {
          id: 'visibility.1',
          other: t(
            'My leader is easy to reach when I need them.',
            'Meine Führungskraft ist gut erreichbar, wenn ich sie brauche.',
          ),
          self: t(
            'I am easy to reach when my team needs me.',
            'Ich bin gut erreichbar, wenn mein Team mich braucht.',
          ),
        },
        {
          id: 'visibility.2',
          other: t(
            'My leader seeks contact with the team on their own initiative.',
            'Meine Führungskraft sucht von sich aus den Kontakt zum Team.',
          ),
          self: t(
            'I seek contact with my team on my own initiative.',
            'Ich suche von mir aus den Kontakt zu meinem Team.',
          ),
        },
        {
          id: 'visibility.3',
          other: t(
            'My leader is noticeably present in day-to-day work, not only in scheduled meetings.',
            'Meine Führungskraft ist im Arbeitsalltag spürbar präsent, nicht nur in geplanten Terminen.',
          ),
          self: t(
            'I am noticeably present in day-to-day work, not only in scheduled meetings.',
            'Ich bin im Arbeitsalltag spürbar präsent, nicht nur in geplanten Terminen.',
          ),
        },
      ],
    },
    {
      key: 'values',
      title: t('Clear values', 'Klare Werte'),
      summary: t(
        'Whether the leader has a recognisable stance and steady values, so that people can anticipate their decisions and trust them.',
        'Ob die Führungskraft eine erkennbare Haltung und beständige Werte hat, sodass man ihre Entscheidungen einschätzen und ihr vertrauen kann.',
      ),
      suggestions: [
        t(
          'Write down three values that guide your decisions and present them to the team.',
          'Drei Werte notieren, an denen sich die eigenen Entscheidungen orientieren, und sie dem Team vorstellen.',
        ),
        t(
          'When you announce a decision, name the principle behind it.',
          'Bei jeder Entscheidung dazusagen, welcher Grundsatz dahintersteht.',
        ),
      ],
      commentPrompt: {
        other: t(
          'Optional: what does your leader stand for, and how does it show?',
          'Optional: Wofür steht die Führungskraft, und woran wird das deutlich?',
        ),
        self: t(
          'Optional: which values do you want your team to associate with you?',
          'Optional: Mit welchen Werten möchte ich in meinem Team verbunden werden?',
        ),
      },
      items: [
        {
          id: 'values.1',
          other: t('I know what my leader stands for.', 'Ich weiß, wofür meine Führungskraft steht.'),
          self: t('My team knows what I stand for.', 'Mein Team weiß, wofür ich stehe.'),
        },
        {
          id: 'values.2',
          other: t(
            "My leader's decisions follow recognisable principles.",
            'Die Entscheidungen meiner Führungskraft folgen erkennbaren Grundsätzen.',
          ),
          self: t(
            'My decisions follow recognisable principles.',
            'Meine Entscheidungen folgen erkennbaren Grundsätzen.',
          ),
        },
        {
          id: 'values.3',
          other: t(
            'I can anticipate how my leader will react in a difficult situation.',
            'Ich kann einschätzen, wie meine Führungskraft in schwierigen Situationen reagiert.',
          ),
          self: t(
            'My team can anticipate how I will react in a difficult situation.',
            'Mein Team kann einschätzen, wie ich in schwierigen Situationen reagiere.',
          ),
        },
      ],
    },
    {
      key: 'presence',
      title: t('Deliberate appearances', 'Bewusste Auftritte'),
      summary: t(
        'Whether the leader prepares meetings and appearances, online and in person, so that timing, focus, message and demeanour fit together.',
        'Ob die Führungskraft Besprechungen und Auftritte – online wie vor Ort – so vorbereitet, dass Pünktlichkeit, Fokus, Botschaft und Auftreten zusammenpassen.',
      ),
      suggestions: [
        t(
          'Before each meeting, write down in one sentence what it should achieve.',
          'Vor jeder Besprechung in einem Satz festhalten, was sie erreichen soll.',
        ),
        t(
          'Join video calls a few minutes early, with the camera on and notifications off.',
          'Videocalls ein paar Minuten früher betreten, mit Kamera an und Benachrichtigungen aus.',
        ),
        t(
          'End meetings with a short summary of decisions and next steps.',
          'Besprechungen mit einer kurzen Zusammenfassung von Entscheidungen und nächsten Schritten beenden.',
        ),
      ],
      commentPrompt: {
        other: t(
          "Optional: what stands out about your leader's meetings and appearances?",
          'Optional: Was fällt an den Besprechungen und Auftritten der Führungskraft auf?',
        ),
        self: t(
          'Optional: which of your recent meetings went well, and which did not?',
          'Optional: Welche meiner Besprechungen ist zuletzt gut gelaufen, welche nicht?',
        ),
      },
      items: [
        {
          id: 'presence.1',
          other: t(
            'My leader starts meetings on time and well prepared.',
            'Meine Führungskraft beginnt Besprechungen pünktlich und gut vorbereitet.',
          ),
          self: t(
            'I start meetings on time and well prepared.',
            'Ich beginne Besprechungen pünktlich und gut vorbereitet.',
          ),
        },
        {
          id: 'presence.2',
          other: t(
            'In meetings, my leader is focused and gives the team full attention.',
            'In Besprechungen ist meine Führungskraft konzentriert und ganz bei der Sache.',
          ),
          self: t(
            'In meetings, I am focused and give the team my full attention.',
            'In Besprechungen bin ich konzentriert und ganz bei der Sache.',
          ),
        },
        {
          id: 'presence.3',
          other: t(
            "My leader's demeanour matches the message they want to convey, in person and on camera.",
            'Das Auftreten meiner Führungskraft passt zur Botschaft, die sie vermitteln will – vor Ort wie vor der Kamera.',
          ),
          self: t(
            'My demeanour matches the message I want to convey, in person and on camera.',
            'Mein Auftreten passt zur Botschaft, die ich vermitteln will – vor Ort wie vor der Kamera.',
          ),
        },
      ],
    },
    {
      key: 'reliability',
      title: t('A brand people can count on', 'Eine Marke, auf die man zählen kann'),
      summary: t(
        "Whether the leader's word holds, promises are kept, and the team knows what it can always count on.",
        'Ob das Wort der Führungskraft gilt, Zusagen eingehalten werden und das Team weiß, worauf es sich immer verlassen kann.',
      ),
      suggestions: [
        t(
          'Keep a visible list of what you have promised the team and review it every week.',
          'Eine sichtbare Liste der Zusagen an das Team führen und sie jede Woche durchgehen.',
        ),
        t(
          'If you cannot keep a promise, say so early and explain why.',
          'Wenn eine Zusage nicht zu halten ist, das früh sagen und begründen.',
        ),
        t(
          'Tell the team explicitly what they can always count on from you.',
          'Dem Team ausdrücklich sagen, worauf es sich immer verlassen kann.',
        ),
      ],
      commentPrompt: {
        other: t(
          'Optional: an example of a promise that was kept or broken.',
          'Optional: Ein Beispiel für eine eingehaltene oder gebrochene Zusage.',
        ),
        self: t(
          'Optional: which promise to your team matters most to you?',
          'Optional: Welches Versprechen an mein Team ist mir am wichtigsten?',
        ),
      },
      items: [
        {
          id: 'reliability.1',
          other: t(
            'I can rely on what my leader says.',
            'Auf das, was meine Führungskraft sagt, kann ich mich verlassen.',
          ),
          self: t('People can rely on what I say.', 'Auf das, was ich sage, kann man sich verlassen.'),
        },
        {
          id: 'reliability.2',
          other: t(
            'My leader keeps promises, or says early on when that is not possible.',
            'Meine Führungskraft hält Zusagen ein oder sagt frühzeitig, wenn das nicht möglich ist.',
          ),
          self: t(
            'I keep my promises, or say early on when that is not possible.',
            'Ich halte Zusagen ein oder sage frühzeitig, wenn das nicht möglich ist.',
          ),
        },
        {
          id: 'reliability.3',
          other: t(
            'When things get difficult, my leader stands up for the team.',
            'Wenn es schwierig wird, stellt sich meine Führungskraft vor das Team.',
          ),
          self: t(
            'When things get difficult, I stand up for my team.',
            'Wenn es schwierig wird, stelle ich mich vor mein Team.',
          ),
        },
      ],
    },
    {
      key: 'channels',
      title: t('The right channel for each message', 'Der passende Kanal für jede Botschaft'),
      summary: t(
        'Whether the leader picks a fitting medium for each message: email, chat, video call or a personal conversation.',
        'Ob die Führungskraft für jede Botschaft das passende Medium wählt: E-Mail, Chat, Videocall oder das persönliche Gespräch.',
      ),
      suggestions: [
        t(
          'Agree with the team which channel is used for what, and stick to it.',
          'Mit dem Team vereinbaren, welcher Kanal wofür genutzt wird, und sich daran halten.',
        ),
        t(
          'Deliver sensitive news in person or by video first, then sum it up in writing.',
          'Heikle Nachrichten zuerst persönlich oder per Video überbringen und danach schriftlich zusammenfassen.',
        ),
      ],
      commentPrompt: {
        other: t(
          'Optional: which message would have come across better on a different channel?',
          'Optional: Welche Nachricht wäre auf einem anderen Weg besser angekommen?',
        ),
        self: t(
          'Optional: which channels do you use for what today?',
          'Optional: Welche Kanäle nutze ich heute wofür?',
        ),
      },
      items: [
        {
          id: 'channels.1',
          other: t(
            'My leader chooses a suitable channel for each message (e.g. email, chat, call, personal conversation).',
            'Meine Führungskraft wählt für jede Nachricht einen passenden Kanal (z. B. E-Mail, Chat, Anruf, persönliches Gespräch).',
          ),
          self: t(
            'I choose a suitable channel for each message (e.g. email, chat, call, personal conversation).',
            'Ich wähle für jede Nachricht einen passenden Kanal (z. B. E-Mail, Chat, Anruf, persönliches Gespräch).',
          ),
        },
        {
          id: 'channels.2',
          other: t(
            'My leader discusses important or sensitive topics in person.',
            'Wichtige oder heikle Themen bespricht meine Führungskraft persönlich.',
          ),
          self: t(
            'I discuss important or sensitive topics in person.',
            'Wichtige oder heikle Themen bespreche ich persönlich.',
          ),
        },
        {
          id: 'channels.3',
          other: t(
            'Information from my leader reaches me in time and in a form I can work with.',
            'Informationen meiner Führungskraft erreichen mich rechtzeitig und in einer Form, mit der ich arbeiten kann.',
          ),
          self: t(
            'My information reaches the team in time and in a form they can work with.',
            'Meine Informationen erreichen das Team rechtzeitig und in einer Form, mit der es arbeiten kann.',
          ),
        },
      ],
    },
    {
      key: 'dialogue',
      title: t('In dialogue with the team', 'Im Dialog mit dem Team'),
      summary: t(
        'Whether the leader asks for opinions, listens, and visibly takes what they hear into account when deciding.',
        'Ob die Führungskraft nach Meinungen fragt, zuhört und das Gehörte erkennbar bei Entscheidungen berücksichtigt.',
      ),
      suggestions: [
        t(
          'Before your next decision that affects the team, ask two people for their view.',
          'Vor der nächsten Entscheidung, die das Team betrifft, zwei Personen nach ihrer Sicht fragen.',
        ),
        t(
          'Make it visible which feedback changed a decision.',
          'Sichtbar machen, welche Rückmeldung eine Entscheidung verändert hat.',
        ),
        t(
          'In one-to-one meetings, let the other person speak first.',
          'In Einzelgesprächen zuerst die andere Person sprechen lassen.',
        ),
      ],
      commentPrompt: {
        other: t(
          'Optional: when did you feel heard, or not heard?',
          'Optional: Wann gab es das Gefühl, gehört zu werden – oder eben nicht?',
        ),
        self: t(
          'Optional: whose feedback changed one of your recent decisions?',
          'Optional: Wessen Rückmeldung hat zuletzt eine meiner Entscheidungen verändert?',
        ),
      },
      items: [
        {
          id: 'dialogue.1',
          other: t(
            'My leader asks for my opinion before making decisions that affect me.',
            'Meine Führungskraft fragt nach meiner Meinung, bevor sie Entscheidungen trifft, die mich betreffen.',
          ),
          self: t(
            "I ask for my team's opinion before making decisions that affect them.",
            'Ich frage nach der Meinung meines Teams, bevor ich Entscheidungen treffe, die es betreffen.',
          ),
        },
        {
          id: 'dialogue.2',
          other: t(
            'My leader listens attentively without cutting me short.',
            'Meine Führungskraft hört aufmerksam zu, ohne mich zu unterbrechen.',
          ),
          self: t(
            'I listen attentively without cutting people short.',
            'Ich höre aufmerksam zu, ohne andere zu unterbrechen.',
          ),
        },
        {
          id: 'dialogue.3',
          other: t(
            "I can see that feedback from the team influences my leader's decisions.",
            'Ich erkenne, dass Rückmeldungen aus dem Team die Entscheidungen meiner Führungskraft beeinflussen.',
          ),
          self: t(
            'My team can see that their feedback influences my decisions.',
            'Mein Team erkennt, dass seine Rückmeldungen meine Entscheidungen beeinflussen.',
          ),
        },
      ],
    },
    {
      key: 'humanity',
      title: t('The person behind the role', 'Der Mensch hinter der Rolle'),
      summary: t(
        'Whether the leader, in measured doses, lets people see the person behind the role and so builds a genuine connection.',
        'Ob die Führungskraft in angemessenem Maß auch den Menschen hinter der Rolle zeigt und so eine echte Verbindung zum Team aufbaut.',
      ),
      suggestions: [
        t(
          'Now and then, open a team meeting with a short personal round, and take part yourself.',
          'Teammeetings ab und zu mit einer kurzen persönlichen Runde beginnen – und selbst mitmachen.',
        ),
        t(
          'When you feel uncertain, say so, and share how you are dealing with it.',
          'Eigene Unsicherheit ansprechen und erzählen, wie man damit umgeht.',
        ),
        t(
          'For teams working remotely, create informal moments such as a virtual coffee break.',
          'Für verteilt arbeitende Teams informelle Gelegenheiten schaffen, etwa eine virtuelle Kaffeepause.',
        ),
      ],
      commentPrompt: {
        other: t(
          'Optional: what helps you experience your leader as a person?',
          'Optional: Was hilft, die Führungskraft auch als Menschen zu erleben?',
        ),
        self: t(
          'Optional: how much of yourself do you show at work, and what holds you back?',
          'Optional: Wie viel von mir zeige ich bei der Arbeit – und was hält mich zurück?',
        ),
      },
      items: [
        {
          id: 'humanity.1',
          other: t(
            'My leader occasionally shares something personal, such as what matters to them outside work.',
            'Meine Führungskraft erzählt gelegentlich auch Persönliches, etwa was ihr außerhalb der Arbeit wichtig ist.',
          ),
          self: t(
            'I occasionally share something personal, such as what matters to me outside work.',
            'Ich erzähle gelegentlich auch Persönliches, etwa was mir außerhalb der Arbeit wichtig ist.',
          ),
        },
        {
          id: 'humanity.2',
          other: t(
            'My leader is open about their own uncertainty when the situation is unclear.',
            'Meine Führungskraft spricht offen über eigene Unsicherheit, wenn die Lage unklar ist.',
          ),
          self: t(
            'I am open about my own uncertainty when the situation is unclear.',
            'Ich spreche offen über meine eigene Unsicherheit, wenn die Lage unklar ist.',
          ),
        },
        {
          id: 'humanity.3',
          other: t(
            'My leader shows genuine interest in how I am doing.',
            'Meine Führungskraft interessiert sich aufrichtig dafür, wie es mir geht.',
          ),
          self: t(
            'I show genuine interest in how the people in my team are doing.',
            'Ich interessiere mich aufrichtig dafür, wie es den Menschen in meinem Team geht.',
          ),
        },
      ],
    },
    {
      key: 'criticism',
      title: t('Calm in the face of criticism', 'Gelassen bei Kritik'),
      summary: t(
        'Whether the leader takes criticism without offence, explains their reasoning, admits mistakes and learns from them.',
        'Ob die Führungskraft Kritik ohne Kränkung annimmt, ihre Gründe erklärt, Fehler zugibt und daraus lernt.',
      ),
      suggestions: [
        t(
          'When criticised, first ask a question to understand the point before you respond.',
          'Auf Kritik zuerst mit einer Verständnisfrage reagieren, bevor man antwortet.',
        ),
        t(
          'In the next team meeting, name one of your own mistakes and what you learned from it.',
          'Im nächsten Teammeeting einen eigenen Fehler benennen und sagen, was man daraus gelernt hat.',
        ),
        t(
          'Thank people for critical feedback and tell them later what came of it.',
          'Sich für kritische Rückmeldungen bedanken und später erzählen, was daraus geworden ist.',
        ),
      ],
      commentPrompt: {
        other: t(
          'Optional: how did your leader react the last time they were criticised?',
          'Optional: Wie hat die Führungskraft zuletzt auf Kritik reagiert?',
        ),
        self: t(
          'Optional: which criticism was hard for you to accept recently?',
          'Optional: Welche Kritik war zuletzt schwer für mich anzunehmen?',
        ),
      },
      items: [
        {
          id: 'criticism.1',
          other: t(
            'My leader stays calm and objective when criticised.',
            'Meine Führungskraft bleibt ruhig und sachlich, wenn sie kritisiert wird.',
          ),
          self: t(
            'I stay calm and objective when I am criticised.',
            'Ich bleibe ruhig und sachlich, wenn ich kritisiert werde.',
          ),
        },
        {
          id: 'criticism.2',
          other: t(
            'My leader openly admits their own mistakes.',
            'Meine Führungskraft gibt eigene Fehler offen zu.',
          ),
          self: t('I openly admit my own mistakes.', 'Ich gebe eigene Fehler offen zu.'),
        },
        {
          id: 'criticism.3',
          other: t(
            'After criticism, my leader explains their reasoning or visibly changes something.',
            'Nach Kritik erklärt meine Führungskraft ihre Gründe oder ändert sichtbar etwas.',
          ),
          self: t(
            'After criticism, I explain my reasoning or visibly change something.',
            'Nach Kritik erkläre ich meine Gründe oder ändere sichtbar etwas.',
          ),
        },
      ],
    },
    {
      key: 'renewal',
      title: t('Courage to take new paths', 'Mut zu neuen Wegen'),
      summary: t(
        'Whether the leader changes course when the goals require it, while standing firm on what is not negotiable.',
        'Ob die Führungskraft den Kurs ändert, wenn die Ziele es verlangen, und dabei bei dem standhaft bleibt, was nicht verhandelbar ist.',
      ),
      suggestions: [
        t(
          'When a goal changes, explain why, what changes and what stays the same.',
          'Bei geänderten Zielen erklären, warum, was sich ändert und was bleibt.',
        ),
        t(
          'Try one small new way of working for a month, then review it with the team.',
          'Eine kleine neue Arbeitsweise einen Monat lang ausprobieren und danach mit dem Team auswerten.',
        ),
        t(
          'Say openly what is not negotiable, and why.',
          'Offen benennen, was nicht verhandelbar ist – und warum.',
        ),
      ],
      commentPrompt: {
        other: t(
          'Optional: where should your leader change course, and where should they hold firm?',
          'Optional: Wo sollte die Führungskraft umsteuern, wo standhaft bleiben?',
        ),
        self: t(
          'Optional: which change of course are you considering, and what is non-negotiable for you?',
          'Optional: Welchen Kurswechsel erwäge ich – und was ist für mich nicht verhandelbar?',
        ),
      },
      items: [
        {
          id: 'renewal.1',
          other: t(
            'My leader is willing to change course when the goals require it.',
            'Meine Führungskraft ist bereit, den Kurs zu ändern, wenn die Ziele es erfordern.',
          ),
          self: t(
            'I am willing to change course when the goals require it.',
            'Ich bin bereit, den Kurs zu ändern, wenn die Ziele es erfordern.',
          ),
        },
        {
          id: 'renewal.2',
          other: t(
            'My leader explains why a change is necessary and what it means for us.',
            'Meine Führungskraft erklärt, warum eine Veränderung nötig ist und was sie für uns bedeutet.',
          ),
          self: t(
            'I explain why a change is necessary and what it means for the team.',
            'Ich erkläre, warum eine Veränderung nötig ist und was sie für das Team bedeutet.',
          ),
        },
        {
          id: 'renewal.3',
          other: t(
            'My leader stands firm on what is not negotiable, even when that is unpopular.',
            'Bei nicht verhandelbaren Punkten bleibt meine Führungskraft standhaft, auch wenn das unbeliebt ist.',
          ),
          self: t(
            'I stand firm on what is not negotiable, even when that is unpopular.',
            'Bei nicht verhandelbaren Punkten bleibe ich standhaft, auch wenn das unbeliebt ist.',
          ),
        },
      ],
    },
  ],
  openQuestions: {
    keep: {
      other: t('What should your leader keep doing?', 'Was sollte die Führungskraft unbedingt beibehalten?'),
      self: t(
        'What do you want to keep doing as a leader?',
        'Was möchte ich als Führungskraft unbedingt beibehalten?',
      ),
    },
    start: {
      other: t('What should your leader start doing?', 'Womit sollte die Führungskraft anfangen?'),
      self: t('What do you want to start doing as a leader?', 'Womit möchte ich als Führungskraft anfangen?'),
    },
  },
};
