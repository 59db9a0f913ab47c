// Names of places, from maintained packages that ship their data (nothing is fetched at run time):
// - countries in Russian and English, with their short and official forms (`i18n-iso-countries`,
//   MIT);
// - 7,300 cities of the world with their provinces, in English (`city-timezones`, MIT, built from
//   Natural Earth's populated places);
// - Russian place nouns the OpenCorpora dictionary marks as geographical (through `az`, see
//   russian.morphology.ts).
// English names also match Russian spellings through the script-neutral name key (Алеппо and
// Aleppo both key to `alepo`), which is how a Russian text's foreign cities are found.
import { createRequire } from 'node:module';
import { foldName, nameKey } from '../resolution/name.keys.ts';

interface Places {
  folded: Set<string>;
  keys: Set<string>;
  /** Folded English names of countries and of cities of a million people or more. */
  major: Set<string>;
}

const MAJOR_CITY_POPULATION = 1_000_000;

let places: Places | null = null;

/** Keys shorter than this are not matched across scripts: short names collide. */
const MIN_KEY_LETTERS = 4;

function load(): Places {
  if (places) return places;
  const require = createRequire(import.meta.url);
  const countries = require('i18n-iso-countries') as {
    registerLocale(locale: unknown): void;
    getNames(lang: string, options: { select: 'all' }): Record<string, string[]>;
  };
  const names: string[] = [];
  const major = new Set<string>();
  for (const lang of ['en', 'ru']) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
    for (const forms of Object.values(countries.getNames(lang, { select: 'all' })))
      // "КНДР (Корейская Народно-Демократическая Республика)": both the name and the bracketed one.
      for (const form of forms)
        for (const name of form.split(/\s*[()]\s*/).filter((f) => f.length > 1)) {
          names.push(name);
          if (lang === 'en') major.add(foldName(name));
        }
  }
  const cities = require('city-timezones/data/cityMap.json') as Array<{
    city: string;
    city_ascii: string;
    province?: string;
    pop?: number;
  }>;
  for (const city of cities) {
    names.push(city.city, city.city_ascii);
    if (city.province) names.push(city.province);
    if ((city.pop ?? 0) >= MAJOR_CITY_POPULATION) major.add(foldName(city.city_ascii));
  }
  const folded = new Set<string>();
  const keys = new Set<string>();
  for (const name of names) {
    const f = foldName(name);
    if (!f) continue;
    folded.add(f);
    const key = nameKey(name);
    if (key.replace(/ /g, '').length >= MIN_KEY_LETTERS) keys.add(key);
  }
  major.delete('');
  places = { folded, keys, major };
  return places;
}

/** Whether a name (a mention's text, or one of its nominative forms) is a known place. */
export function isGazetteerPlace(name: string): boolean {
  const { folded, keys } = load();
  const f = foldName(name);
  if (!f) return false;
  if (folded.has(f)) return true;
  const key = nameKey(name);
  return key.replace(/ /g, '').length >= MIN_KEY_LETTERS && keys.has(key);
}

/** Whether an English name is a country or a city of a million people or more (Pyongyang, Chad). */
export function isMajorGazetteerPlace(name: string): boolean {
  return load().major.has(foldName(name));
}
