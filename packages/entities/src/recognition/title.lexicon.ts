// Words that make up roles and honorifics written before a name ("military expert", "вице-премьер",
// "Comrade"). The built-in lists are small and hand-written; each model adds the role words it saw
// next to person names in its own training data (NEREL PROFESSION, FactRuEval job spans).

const ENGLISH = `president vice-president prime minister premier deputy foreign defence defense interior finance
economy justice military expert analyst spokesman spokeswoman spokesperson secretary general chairman
chairwoman head leader director ambassador senator governor mayor commander colonel lieutenant major
captain sergeant admiral marshal chief vice press comrade mr mr. mrs mrs. ms ms. dr dr. prof prof. professor
sir lord king queen prince princess pope patriarch metropolitan bishop judge prosecutor lawyer journalist
correspondent editor editor-in-chief host presenter anchor economist political scientist official diplomat
lawmaker mp senior former ex- acting state chancellor envoy representative founder owner oligarch
businessman tycoon ceo executive manager coach author writer blogger propagandist commentator columnist
nationalist pundit general-secretary speaker minister-president commissioner premier-minister tsar emperor`;

const RUSSIAN = `товарищ господин госпожа г-н г-жа президент президента президенту премьер премьера премьер-министр
премьер-министра вице-премьер вице-премьера министр министра министру глава главы главе губернатор губернатора
мэр мэра депутат депутата сенатор сенатора эксперт эксперта военный военного военному политолог политолога
аналитик аналитика журналист журналиста ведущий ведущего главный главного редактор редактора главред
генерал генерала полковник полковника подполковник майор майора капитан капитана пресс-секретарь
пресс-секретаря представитель представителя официальный официального директор директора гендиректор
гендиректора председатель председателя лидер лидера посол посла патриарх патриарха митрополит
вице-президент вице-президента спикер спикера генсек генсека канцлер канцлера экс-президент бывший бывшего`;

/** Words that continue a role phrase but do not begin one ("министр иностранных дел"). */
const RUSSIAN_COMPLEMENTS = `иностранных дел обороны внутренних финансов юстиции здравоохранения образования
экономики обороны президента правительства`;

/** Words that may begin a role phrase. */
export const BUILT_IN_TITLE_HEADS: Record<string, string[]> = {
  en: ENGLISH.split(/\s+/),
  ru: RUSSIAN.split(/\s+/),
};

/** Every word a role phrase may contain. */
export const BUILT_IN_TITLE_WORDS: Record<string, string[]> = {
  en: BUILT_IN_TITLE_HEADS.en!,
  ru: [...BUILT_IN_TITLE_HEADS.ru!, ...RUSSIAN_COMPLEMENTS.split(/\s+/)],
};

/** Words that may sit inside a role phrase but never begin one. */
export const TITLE_EDGE_STOPWORDS = new Set(
  'и в на по с со к о об за для из от до а но the of and a an for in on at to by with from'.split(' '),
);
