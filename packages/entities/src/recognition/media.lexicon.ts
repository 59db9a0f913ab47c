// Names of news outlets and words that introduce one. The tagger knows only PER/ORG/LOC (no training
// set marks media), so an organization is re-typed MEDIA when its name is a known outlet or it follows
// a word such as "newspaper"/"телеканал". Hand-written, deliberately short; extend as sources grow.

const OUTLETS = `ria novosti|риа новости|риа|tass|тасс|итар-тасс|rt|russia today|sputnik|спутник|царьград|tsargrad|
первый канал|channel one|россия-1|россия 24|вгтрк|нтв|ntv|ren tv|рен тв|рен-тв|звезда|известия|izvestia|
комсомольская правда|komsomolskaya pravda|кп|regnum|регнум|interfax|интерфакс|лента.ру|lenta.ru|газета.ru|
газета.ру|рбк|rbc|коммерсант|kommersant|ведомости|vedomosti|новая газета|novaya gazeta|эхо москвы|дождь|
медуза|meduza|российская газета|rossiyskaya gazeta|аргументы и факты|мк|московский комсомолец|life|лайф|
readovka|рифм|bbc|би-би-си|bbc news|cnn|reuters|рейтер|associated press|ap|afp|bloomberg|блумберг|
new york times|the new york times|нью-йорк таймс|washington post|the washington post|вашингтон пост|
guardian|the guardian|financial times|wall street journal|the wall street journal|fox news|al jazeera|
euronews|dw|deutsche welle|радио свобода|radio liberty|radio free europe|rferl|politico|axios|
the economist|economist|der spiegel|spiegel|le monde|bild|daily mail|the times|the telegraph|telegraph|
pravda|правда|voice of america|голос америки|xinhua|синьхуа|kcna|цтак|ukrinform|укринформ|unian|униан`;

export const MEDIA_NAMES = new Set(
  OUTLETS.split('|')
    .map((name) => name.trim())
    .filter((name) => name.length > 0),
);

export const MEDIA_CUES = new Set(
  `newspaper daily outlet agency channel broadcaster tabloid magazine weekly website tv газета газеты газете
газету издание издания изданию издании агентство агентства агентству телеканал телеканала телеканалу
телеканале канал канала радиостанция радиостанции портал портала сайт сайта журнал журнала`.split(/\s+/),
);

/** Lowercased, quotes and surrounding punctuation removed: the form looked up in MEDIA_NAMES. */
export function mediaKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[«»"“”„'’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const SPLIT_NAMES = [...MEDIA_NAMES].map((name) => name.split(' '));

/** Same word up to a Russian case ending: a shared stem with at most three letters of ending each. */
function sameWordInflected(word: string, known: string): boolean {
  if (word === known) return true;
  if (known.length < 4 || word.length < 4) return false;
  let shared = 0;
  while (shared < word.length && shared < known.length && word[shared] === known[shared]) shared++;
  return shared >= 3 && word.length - shared <= 3 && known.length - shared <= 3;
}

/** Known outlet, tolerating Russian case endings ("Известий", "Комсомольской правде"). */
export function isKnownOutlet(name: string): boolean {
  const key = mediaKey(name);
  if (MEDIA_NAMES.has(key)) return true;
  const words = key.split(' ');
  return SPLIT_NAMES.some(
    (known) => known.length === words.length && known.every((part, i) => sameWordInflected(words[i]!, part)),
  );
}
