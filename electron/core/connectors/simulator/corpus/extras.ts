/**
 * The simulator's less common posts: non-English ones, posts carrying literal markup (the wall must show it
 * as text), review titles, and the small decorations that make posts look typed by people.
 */

/** Non-English posts (es, de, fr, pt, nl, it), mixed intent. */
export const NON_ENGLISH: ReadonlyArray<string> = [
  '{handle} la app no me deja hacer transferencias [desde ayer|desde esta mañana|desde hace dos días] {emojiAngry}',
  'Me encanta {brand}, pagué en {city} sin comisiones {emojiHappy}',
  '¿Alguien sabe si {brand} funciona en México?',
  '{brand} no funciona, no puedo entrar en la app {emojiAngry}',
  'Die {brand} App stürzt auf meinem {device} ständig ab. Bitte fixen!',
  'Endlich eine Bank-App, die einfach funktioniert. Danke {handle} {emojiHappy}',
  'Warum dauert die Rückerstattung von {amount} so lange, {brand}?',
  '{brand} est vraiment top, la carte marche partout en Europe {emojiHappy}',
  'Impossible de joindre le service client {brand} [depuis ce matin|depuis trois jours|depuis une semaine]. Inadmissible.',
  "Quelqu'un a testé la carte {brand} au Japon ?",
  'Adoro o {brand}, o cartão virtual é ótimo {emojiHappy}',
  'O app do {brand} está muito lento hoje, alguém mais?',
  '{brand} is echt super, alles in één app {emojiHappy}',
  'Mijn betaling van {amount} staat al [twee dagen|een week|sinds gisteren] op "in behandeling" {emojiAngry}',
  "L'app di {brand} è fantastica, finalmente una banca moderna",
  'Perché {brand} mi ha bloccato la carta a {city}? {emojiAngry}',
];

/** Posts with literal HTML or script tags: customers pasting things, jokes, a would-be attacker. */
export const MARKUP: ReadonlyArray<string> = [
  'lol the {brand} chat showed me <b>Your request</b> with the tags visible',
  'trying to break the {brand} chatbot with <script>alert("hi")</script> like it\'s 2005',
  '{handle} your email says "<p>Dear {{first_name}}</p>" haha',
  'Notice in the app literally reads <div class="banner">undefined</div>. Everything ok {brand}?',
  '<img src=x onerror=alert(1)> is my new display name, test your inputs {brand}',
  '{brand} statement PDF has &lt;br&gt; and <br/> all over it',
];

/** Store and Trustpilot review titles by intent. */
export const REVIEW_TITLES: Readonly<Record<'praise' | 'complaint' | 'question' | 'chatter', ReadonlyArray<string>>> = {
  praise: ['Love it', 'Best bank app', 'Great app', 'So easy', 'Five stars', 'Finally a good bank', 'Brilliant'],
  complaint: [
    'Getting worse',
    'Support is useless',
    'Crashes constantly',
    'Hidden fees',
    'Card keeps declining',
    'Disappointed',
  ],
  question: ['Good but', 'Mostly fine', 'A few questions', 'Decent'],
  chatter: ['OK', 'Fine', 'It does the job', 'Average'],
};

/** Trailing bits people add to posts, by mood (most posts get none). */
export const DECORATIONS: Readonly<Record<'positive' | 'negative' | 'neutral', ReadonlyArray<string>>> = {
  positive: [...Array<string>(10).fill(''), ' lol', '!!', ' x', ' 🙌', ' tbh'],
  negative: [...Array<string>(10).fill(''), ' smh', '!!', ' ...', ' pls', ' 🙃', ' tbh'],
  neutral: [...Array<string>(10).fill(''), ' lol', ' tbh', ' ...', ' x'],
};
