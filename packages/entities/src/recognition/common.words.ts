// Hand-written word lists behind the span corrections (span.corrections.ts). Each is a class of
// word that news writes capitalized or next to names but that is not a name by FactRuEval's and
// CoNLL's conventions. Russian entries are lemmas (compared after lemmatization), English ones
// lowercase forms.

/**
 * Generic institutions named by a common noun (“Власти”, “Суд”, “Полиция” at the start of a
 * sentence): descriptors, not names (FactRuEval annotates `org_descr`, not `org_name`, for them).
 */
export const RUSSIAN_DESCRIPTORS = new Set(
  `власть суд полиция правительство парламент армия прокуратура следствие министерство ведомство
администрация силовик военный оппозиция спецслужба спецназ полицейский пограничник спасатель
губернатор мэр президент премьер министр депутат сенатор чиновник источник эксперт ведущий
правозащитник активист партия сми издание агентство телеканал газета журнал`.split(/\s+/),
);

/** Acronyms of common nouns missing from (or newer than) the 2016 dictionary: weapons, legal forms. */
export const RUSSIAN_COMMON_ACRONYMS = new Set(
  `бпла сво рэб сизо зрк рсзо дрг птрк фаб каб лэп жкх впк опк ооо оао зао пао нко ип ии тэц гэс
мрот ндс ввп дтп чп пво вс вкс спг впн`.split(/\s+/),
);
// «ВС» and «ВКС» are kept out below: they are armed forces (ORG) when followed by a state.
RUSSIAN_COMMON_ACRONYMS.delete('вс');
RUSSIAN_COMMON_ACRONYMS.delete('вкс');

/** Words for weapons and vehicles: a capitalized word next to one is a model name (ATACMS, «Орешник»). */
export const RUSSIAN_PRODUCT_CUES = new Set(
  `ракета комплекс система зрк птрк рсзо беспилотник дрон бпла истребитель бомбардировщик
самолёт самолет вертолёт вертолет танк гаубица снаряд бомба ракетоноситель ракетный
смартфон автомобиль`.split(/\s+/),
);

export const ENGLISH_PRODUCT_CUES = new Set(
  `missile missiles rocket rockets system systems drone drones jet jets tank tanks
howitzer howitzers launcher launchers bomb bombs smartphone smartphones`.split(/\s+/),
);

/** Prepositions of place: a city after one is the place, not a person of the same name. */
export const ENGLISH_PLACE_PREPOSITIONS = new Set(
  'in at from to near into outside inside across around'.split(' '),
);

/** English words a headline capitalizes that are never names on their own. */
export const ENGLISH_FUNCTION_WORDS = new Set(
  `a an the of to in on at by for from with without into onto over under about after before
against between through during and or but nor so yet as if than that this these those is are
was were be been being am has have had do does did will would shall should can could may might
must not no it its it's he she they them their his her we our you your i me my how why what
when where which who whom whose amid vs versus up down out off
besides also just only`.split(/\s+/),
);

/**
 * Nouns that introduce an organization's name in quotes: «…» after one of them (or after it and
 * adjectives: "организацией американский «Храм Сатаны»") is that organization's name.
 */
export const RUSSIAN_ORGANIZATION_CUES = new Set(
  `организация партия движение компания фирма фонд группировка клуб банк концерн холдинг
корпорация издание телеканал газета агентство сервис платформа соцсеть объединение ассоциация
завод комбинат предприятие университет институт театр музей команда бренд магазин мессенджер
авиакомпания ооо оао зао пао ао нко`.split(/\s+/),
);

/**
 * Weapon systems and military vehicles that news names without a cue word ("удар ATACMS", «по
 * Орешнику», "Storm Shadow"): products, not organizations, in both training conventions (CoNLL
 * types them MISC). Russian entries are nominative lowercase forms; matched in any case.
 * Left out: names that are mostly something else (Искандер is a given name, Авангард a hockey club).
 */
export const WEAPON_NAMES = new Set([
  ...`atacms himars scalp taurus javelin stinger bayraktar shahed abrams bradley leopard
lancet tomahawk kalibr iskander kinzhal zircon sarmat oreshnik
атакмс хаймарс скальп таурус джавелин стингер байрактар шахед абрамс брэдли леопард ланцет
томагавк орешник калибр кинжал циркон сармат ярс тополь булава буревестник посейдон герань
суперджет`.split(/\s+/),
  'storm shadow',
  'patriot',
  'пэтриот',
]);
