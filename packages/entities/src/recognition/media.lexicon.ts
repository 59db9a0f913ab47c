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

/** Known outlet, tolerating a Russian case ending ("Известий", "Коммерсанта", "ТАСС"). */
export function isKnownOutlet(name: string): boolean {
  const key = mediaKey(name);
  if (MEDIA_NAMES.has(key)) return true;
  if (key.length < 5) return false;
  for (let cut = 1; cut <= 2; cut++) {
    const stem = key.slice(0, key.length - cut);
    for (const ending of ['', 'а', 'ы', 'и', 'я']) if (MEDIA_NAMES.has(stem + ending)) return true;
  }
  return false;
}
