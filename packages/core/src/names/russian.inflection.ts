// Russian names decline: a text says "санкции против Малофеева" (genitive of Малофеев) or "встреча с
// Путиным". To find the person, an inflected form is reduced to the nominative forms it may come from.
// Several are possible (Малофеева is the feminine surname or the genitive of the masculine one), so
// every candidate is returned with its reason, and the caller decides by what it matches.

export interface NominativeCandidate {
  /** The nominative form, in the letter case of the input. */
  readonly form: string;
  /** Why this form is a candidate ("as given", "masculine genitive or accusative", …). */
  readonly reason: string;
}

interface Rule {
  readonly ending: RegExp;
  /** Replacement for the matched ending, with the reason for each candidate. */
  readonly candidates: ReadonlyArray<readonly [string, string]>;
}

// Possessive surnames in -ов/-ев/-ёв/-ин/-ын and their declension.
const POSSESSIVE = '(ов|ев|ёв|ин|ын)';

const CYRILLIC_RULES: Rule[] = [
  // Patronymics.
  { ending: /(вич)(а|у|ем|е)$/, candidates: [['$1', 'patronymic, oblique case']] },
  { ending: /(вн)(ы|е|у|ой|ою)$/, candidates: [['$1а', 'female patronymic, oblique case']] },
  { ending: /(ичн)(ы|е|у|ой)$/, candidates: [['$1а', 'female patronymic, oblique case']] },
  // Possessive surnames.
  {
    ending: new RegExp(`${POSSESSIVE}а$`),
    candidates: [
      ['$1а', 'feminine nominative'],
      ['$1', 'masculine genitive or accusative'],
    ],
  },
  {
    ending: new RegExp(`${POSSESSIVE}у$`),
    candidates: [
      ['$1', 'masculine dative'],
      ['$1а', 'feminine accusative'],
    ],
  },
  { ending: new RegExp(`${POSSESSIVE}ым$`), candidates: [['$1', 'masculine instrumental']] },
  { ending: new RegExp(`${POSSESSIVE}е$`), candidates: [['$1', 'masculine prepositional']] },
  { ending: new RegExp(`${POSSESSIVE}(ой|ою)$`), candidates: [['$1а', 'feminine oblique case']] },
  {
    ending: new RegExp(`${POSSESSIVE}(ых|ыми|ы)$`),
    candidates: [
      ['$1', 'plural (family), masculine form'],
      ['$1а', 'plural (family), feminine form'],
    ],
  },
  // Adjectival surnames in -ский/-цкий.
  { ending: /([сц]к)(ого|ому|им|ом|их|ими)$/, candidates: [['$1ий', 'masculine oblique case']] },
  {
    ending: /([сц]к)ой$/,
    candidates: [
      ['$1ой', 'masculine nominative'],
      ['$1ая', 'feminine oblique case'],
    ],
  },
  { ending: /([сц]к)ую$/, candidates: [['$1ая', 'feminine accusative']] },
  // First names in -ий, -ей, -ья, -а.
  { ending: /(и)(я|ю|ем)$/, candidates: [['$1й', 'masculine oblique case (-ий)']] },
  {
    ending: /ии$/,
    candidates: [
      ['ия', 'feminine oblique case (-ия)'],
      ['ий', 'masculine prepositional (-ий)'],
    ],
  },
  { ending: /ию$/, candidates: [['ия', 'feminine accusative (-ия)']] },
  { ending: /ией$/, candidates: [['ия', 'feminine instrumental (-ия)']] },
  { ending: /(е)(я|ю|ем|е)$/, candidates: [['$1й', 'masculine oblique case (-ей)']] },
  { ending: /(ь)(и|е|ю|ей)$/, candidates: [['$1я', 'oblique case (-ья)']] },
  { ending: /([гкхжшчщ])и$/, candidates: [['$1а', 'genitive (-а)']] },
  { ending: /([бвдзлмнпрстфц])ы$/, candidates: [['$1а', 'genitive (-а)']] },
  { ending: /([бвгдзклмнпрстфхжшчщц])(ой|ою)$/, candidates: [['$1а', 'instrumental (-а)']] },
  // Consonant-final masculine names (Иван, Константин): -а, -у, -ом, -е, -ем. Foreign names in -гу/-ку
  // and other vowel-final names are indeclinable (Шойгу), so -у after г/к/х is not stripped.
  {
    ending: /([бвдзлмнпрстфцжшчщ])у$/,
    candidates: [
      ['$1', 'masculine dative'],
      ['$1а', 'feminine accusative (-а)'],
    ],
  },
  {
    ending: /([бвгдзклмнпрстфхцжшчщ])а$/,
    candidates: [
      ['$1а', 'nominative in -а'],
      ['$1', 'masculine genitive or accusative'],
    ],
  },
  { ending: /([бвгдзклмнпрстфхцжшчщ])(ом|ем)$/, candidates: [['$1', 'masculine instrumental']] },
  {
    ending: /([бвгдзклмнпрстфхцжшчщ])е$/,
    candidates: [
      ['$1', 'masculine prepositional'],
      ['$1а', 'dative or prepositional (-а)'],
    ],
  },
];

// Transliterated forms: "Putina", "Malofeyeva", "Peskova" — feminine or genitive of a possessive surname.
const LATIN_RULES: Rule[] = [
  {
    ending: /(ov|ev|yev|in|yn)a$/,
    candidates: [
      ['$1a', 'as given (feminine or inflected)'],
      ['$1', 'masculine form of a feminine or genitive -a'],
    ],
  },
  {
    ending: /(sk|tsk)aya$/,
    candidates: [
      ['$1aya', 'as given (feminine)'],
      ['$1y', 'masculine form'],
      ['$1iy', 'masculine form'],
    ],
  },
];

const MIN_STEM = 2;

function applyCase(form: string, model: string): string {
  if (model.length > 1 && model === model.toUpperCase() && model !== model.toLowerCase())
    return form.toUpperCase();
  const first = model.charAt(0);
  if (first !== first.toLowerCase()) return form.charAt(0).toUpperCase() + form.slice(1);
  return form;
}

/**
 * The nominative forms an inflected Russian name token may come from, the token itself first.
 * Malofeeva → [Малофеева (feminine), Малофеев (genitive)]; Путиным → Путин; Шойгу → Шойгу only.
 */
export function nominativeCandidates(token: string): NominativeCandidate[] {
  const lower = token.normalize('NFC').toLowerCase();
  const out: NominativeCandidate[] = [{ form: token, reason: 'as given' }];
  const isCyrillic = /\p{Script=Cyrillic}/u.test(lower);
  const rules = isCyrillic ? CYRILLIC_RULES : LATIN_RULES;
  for (const rule of rules) {
    const match = rule.ending.exec(lower);
    if (match === null || match.index < MIN_STEM) continue;
    const stem = lower.slice(0, match.index);
    for (const [replacement, reason] of rule.candidates) {
      const form = stem + match[0].replace(rule.ending, replacement);
      if (form === lower) continue;
      if (out.some((candidate) => candidate.form.toLowerCase() === form)) continue;
      out.push({ form: applyCase(form, token), reason });
    }
    // The first rule that applies describes the ending; later rules would read a shorter ending.
    break;
  }
  return out;
}
