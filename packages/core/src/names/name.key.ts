// Script-neutral comparison keys for one name token. Two spellings of a name that differ only by
// transliteration convention (Малофеев, Malofeev, Malofeyev, Malofejew) get the same key; the key is
// for comparing and indexing, never for display.
import { toLatin } from './script.transliteration.ts';

// Ordered rewrites on lower-case ASCII. Upper-case letters in the output stand for sounds that Latin
// spells with several letters: S = ш/щ, C = ч, Z = ж, H = х.
const REWRITES: Array<[RegExp, string]> = [
  // щ in English, German, Polish, French and Dutch spellings.
  [/schtsch|shtch|shch|szcz|chtch|sjtsj|shtsh|stch/g, 'S'],
  // ч: German tsch, Dutch tsj, French tch, Polish cz, Hungarian cs, Catalan tx, Scandinavian tj.
  [/tsch|tsj|tch|tsh/g, 'C'],
  // ш: German sch, Polish sz, Dutch sj.
  [/sch|sz|sj|sh/g, 'S'],
  [/ch|cz|cs|tx|tj/g, 'C'],
  // ж: zh, Dutch zj, Hungarian zs.
  [/zh|zj|zs/g, 'Z'],
  [/ph/g, 'f'],
  [/kh|gh/g, 'H'],
  [/h/g, 'H'],
  // Hungarian gy before a vowel is a soft d (Vlagyimir).
  [/gy(?=[aeiou])/g, 'd'],
  // Hard c (Constantine) is k; c before a front vowel is taken as ц, as in Slavic Latin alphabets.
  [/ck/g, 'k'],
  [/c(?=[aouklmnrtvbdgpfsz]|$)/g, 'k'],
  [/ts|tz|tc/g, 'c'],
  // Belarusian dz (Uladzimir) is a soft d.
  [/dz/g, 'd'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  // Old French and English -off endings (Smirnoff).
  [/ff$/g, 'v'],
  // French and Greek ou, Dutch oe: the vowel u.
  [/ou|oe/g, 'u'],
  [/[yj]/g, 'i'],
  [/i+/g, 'i'],
  // Iotation (ye, ya, yu, ie, ia, iu) is spelled in so many ways that it is dropped before a vowel:
  // Malofeyev/Malofeev, Valeryevich/Valerievich/Valerevich, Yevgeny/Evgeny all meet.
  [/i(?=[aeou])/g, ''],
  // A doubled letter carries no distinction in transliterated names (Kirill/Kiril, Anna/Ana).
  [/(.)\1+/g, '$1'],
];

// Names recur (the 28,000 SDN names hold ~25,000 distinct tokens; a news stream names the same
// people over and over) and romanizing is the costly part of every name key: each distinct token is
// romanized once. Bounded: a full cache is emptied, so memory stays flat on any stream.
const ROMANIZED_LIMIT = 200_000;
const romanized = new Map<string, string>();

/** Lower-case ASCII letters only, diacritics and apostrophes removed, any script romanized first. */
export function romanizedLetters(token: string): string {
  let letters = romanized.get(token);
  if (letters === undefined) {
    letters = toLatin(token)
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    if (romanized.size >= ROMANIZED_LIMIT) romanized.clear();
    romanized.set(token, letters);
  }
  return letters;
}

/** The comparison key of one name token (Малофеев, Malofeev, Malofeyev → "malofev"). */
export function nameTokenKey(token: string): string {
  return keyOfLetters(romanizedLetters(token));
}

/** The key of a token already reduced to lower-case ASCII letters. */
export function keyOfLetters(letters: string): string {
  let key = letters;
  for (const [pattern, replacement] of REWRITES) key = key.replace(pattern, replacement);
  return key;
}

// Consonant classes for the skeleton: labials, dentals/sibilants/affricates, velars, liquids, nasals.
const SKELETON_REWRITES: Array<[RegExp, string]> = [
  [/ng$/g, 'n'],
  [/kh|gh|ch(?=[^aeiouy]|$)/g, 'K'],
  [/ph|[bpvfw]/g, 'P'],
  [/sh|zh|ch|ts|tz|dz|[dtszcjx]/g, 'T'],
  [/[gkqh]/g, 'K'],
  [/[lr]/g, 'L'],
  [/m/g, 'M'],
  [/n/g, 'N'],
  [/[aeiouy]/g, ''],
  [/(.)\1+/g, '$1'],
];

/**
 * A coarse consonant skeleton (Vladimir → "PLTML", Putin → "PTN") for names from scripts whose
 * romanization loses vowels or merges consonants: فلاديمير بوتين, 弗拉基米尔·普京, ウラジーミル・プーチン.
 * Too coarse to decide a match alone; it only lifts a comparison that the key cannot make.
 */
export function nameSkeleton(token: string): string {
  let skeleton = romanizedLetters(token);
  for (const [pattern, replacement] of SKELETON_REWRITES) skeleton = skeleton.replace(pattern, replacement);
  return skeleton;
}
