// Person names as lists give them ("MALOFEYEV, Konstantin Valeryevich"), as the press writes them
// ("Konstantin Malofeev", "K. Malofeev", "President Putin") and as Russian officialese does
// ("Путин В. В."): tokens with a role, titles removed, so that comparison can ignore the order.
import { romanizedLetters } from './name.key.ts';

export type NameTokenRole = 'surname' | 'given' | 'patronymic' | 'unknown';

export interface NameToken {
  /** The token as written (without trailing punctuation). */
  readonly text: string;
  readonly role: NameTokenRole;
  /** True for an initial ("K." or "K"): it stands for a given name or patronymic. */
  readonly initial: boolean;
}

export interface ParsedName {
  readonly raw: string;
  readonly tokens: readonly NameToken[];
  /** Titles and honorifics that were removed ("President", "Президент"). */
  readonly titles: readonly string[];
  /** 'surname-first' when a comma or a trailing patronymic says so, else 'unknown'. */
  readonly order: 'surname-first' | 'given-first' | 'unknown';
}

// Titles in the languages of the press that writes about Russian officials. Compared on romanized,
// lower-case letters, so "Президент" and "Prezident" are one entry.
const TITLES = new Set([
  'president',
  'prezident',
  'prasident',
  'presidente',
  'presiden',
  'presidentti',
  'presidentul',
  'presedintele',
  'predsjednik',
  'predsednik',
  'prezydent',
  'elnok',
  'prezidan',
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'sir',
  'general',
  'gen',
  'colonel',
  'col',
  'minister',
  'ministr',
  'senator',
  'deputy',
  'deputat',
  'gospodin',
  'gospozha',
  'herr',
  'frau',
  'monsieur',
  'madame',
  'senor',
  'senora',
]);

// Patronymic endings after romanization in the spellings of many languages (-ovich, -ovitch,
// -owitsch, -ovics, -ovici, -ovič, -owicz, -ovna, -ivna…).
const PATRONYMIC =
  /(vich|vych|vitch|vitsch|vitsj|vitj|vics|vici|vic|vitx|vits|vicz|vyc|bichi|vytsh|fytsh|vna|ichna|ivna|vitsh|ovich|evich)$/;

/** True when the token looks like a patronymic in any common spelling. */
export function isPatronymic(token: string): boolean {
  const letters = romanizedLetters(token);
  return letters.length >= 7 && PATRONYMIC.test(letters.replace(/w/g, 'v'));
}

function splitInitials(word: string): string[] | undefined {
  // "K.", "K", "K.V.", "В.В." — initials, possibly glued together.
  const stripped = word.replace(/\.$/, '');
  if (/^\p{Lu}$/u.test(stripped) || /^\p{L}\.$/u.test(word)) return [stripped];
  if (/^(\p{L}\.){2,3}$/u.test(word)) return word.split('.').filter((part) => part.length > 0);
  return undefined;
}

export interface ParseNameOptions {
  /** An organization's name: a comma is not the list order, and no token is a patronymic or an initial. */
  readonly organization?: boolean;
}

/** Split a personal or organization name into tokens with roles; titles are set aside. */
export function parseName(raw: string, options: ParseNameOptions = {}): ParsedName {
  const text = raw
    .normalize('NFC')
    // Stress marks in dictionary-style Russian (Влади́мир) are not part of the name.
    .replace(/\u0301/g, '')
    .replace(/[・·•‧]/g, ' ')
    .replace(/[()"“”«»„]/g, ' ')
    .trim();
  const commaAt = options.organization ? -1 : text.indexOf(',');
  const parts = commaAt >= 0 ? [text.slice(0, commaAt), text.slice(commaAt + 1)] : [text];
  const titles: string[] = [];
  const groups = parts.map((part) =>
    part
      .split(options.organization ? /[\s,]+/ : /\s+/)
      .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, ''))
      .filter((word) => word.length > 0)
      .filter((word) => {
        const isTitle = TITLES.has(romanizedLetters(word.replace(/\.$/, '')));
        if (isTitle) titles.push(word);
        return !isTitle;
      }),
  );
  const tokens: NameToken[] = [];
  const fullWords = groups.flat().filter((word) => splitInitials(word) === undefined).length;
  const push = (word: string, role: NameTokenRole): void => {
    if (options.organization) {
      tokens.push({ text: word.replace(/\.$/, ''), role, initial: false });
      return;
    }
    const initials = splitInitials(word);
    if (initials !== undefined) {
      for (const initial of initials) tokens.push({ text: initial, role: 'unknown', initial: true });
      return;
    }
    const text = word.replace(/\.$/, '');
    // Surnames may look like patronymics (Makarevich, Knezevic): only a token outside the surname
    // part of a three-part name is taken as one.
    const patronymic = role !== 'surname' && fullWords >= 3 && isPatronymic(text);
    tokens.push({ text, role: patronymic ? 'patronymic' : role, initial: false });
  };
  let order: ParsedName['order'] = 'unknown';
  if (groups.length === 2 && (groups[0] ?? []).length > 0 && (groups[1] ?? []).length > 0) {
    order = 'surname-first';
    for (const word of groups[0] ?? []) push(word, 'surname');
    for (const word of groups[1] ?? []) push(word, 'given');
  } else {
    const words = groups.flat();
    for (const word of words) push(word, 'unknown');
    if (!options.organization) assignRoles(tokens);
    order =
      tokens[0]?.role === 'surname'
        ? 'surname-first'
        : tokens.some((t) => t.role === 'surname')
          ? 'given-first'
          : 'unknown';
  }
  return { raw, tokens, titles, order };
}

// Without a comma, the patronymic tells the order: "Vladimir Vladimirovich Putin" (given first) or
// "Putin Vladimir Vladimirovich" (surname first); initials after a word mean "Путин В. В.".
function assignRoles(tokens: NameToken[]): void {
  const full = tokens.map((token, index) => ({ token, index })).filter(({ token }) => !token.initial);
  const patronymicAt = tokens.findIndex((token) => token.role === 'patronymic');
  const setRole = (index: number, role: NameTokenRole): void => {
    const token = tokens[index];
    if (token !== undefined && !token.initial && token.role === 'unknown') tokens[index] = { ...token, role };
  };
  if (patronymicAt >= 0) {
    const others = full.filter(({ token }) => token.role !== 'patronymic');
    if (patronymicAt === tokens.length - 1 && others.length >= 2) {
      setRole(others[0]!.index, 'surname');
      for (const { index } of others.slice(1)) setRole(index, 'given');
    } else {
      for (const { index } of others) setRole(index, index < patronymicAt ? 'given' : 'surname');
    }
    return;
  }
  if (full.length === 1 && tokens.length > 1) {
    // "K. Malofeev" or "Путин В. В.": the one full word is the surname.
    setRole(full[0]!.index, 'surname');
  }
}
