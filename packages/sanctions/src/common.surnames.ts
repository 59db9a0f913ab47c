// The most frequent Russian and English surnames. A mention that is only one of these ("Петров",
// "Smith") names too many people to be a sanctions match by itself; it stays a candidate below the
// threshold. A rarer surname alone (Путин, Малофеева) still matches, as the press writes it.
import { nameTokenKey } from '@echotrace/core';

const RUSSIAN = `Ivanov Smirnov Kuznetsov Popov Vasilyev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov
Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov Andreev Makarov Nikitin Zakharov
Zaitsev Solovyov Borisov Yakovlev Grigoriev Romanov Vorobyov Sergeev Kuzmin Frolov Aleksandrov
Dmitriev Korolev Gusev Kiselev Ilyin Maksimov Polyakov Sorokin Vinogradov Kovalev Belov Medvedev
Antonov Tarasov Zhukov Baranov Filippov Komarov Davydov Belyaev Gerasimov Bogdanov Osipov Sidorov
Matveev Titov Markov Mironov Krylov Kulikov Karpov Vlasov Melnikov Denisov Gavrilov Tikhonov Kazakov
Afanasyev Danilov Savelyev Timofeev Fomin Chernov Abramov Martynov Efimov Fedotov Shcherbakov Nazarov
Kalinin Isaev Chernyshev Bykov Maslov Rodionov Konovalov Lazarev Voronin Klimov Filatov Ponomarev`;

const ENGLISH = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark
Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams
Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Evans Turner Phillips Parker Collins`;

const KEYS = new Set<string>();
for (const surname of `${RUSSIAN} ${ENGLISH}`.split(/\s+/).filter(Boolean)) {
  KEYS.add(nameTokenKey(surname));
  // Feminine forms of Russian surnames are as common as the masculine ones.
  if (/(ov|ev|in|yn)$/.test(surname)) KEYS.add(nameTokenKey(`${surname}a`));
}

/** True when the token is one of the most frequent surnames (in any script or gender form). */
export function isCommonSurname(token: string): boolean {
  return KEYS.has(nameTokenKey(token));
}

/** The same test on a key already computed with nameTokenKey. */
export function isCommonSurnameKey(key: string): boolean {
  return KEYS.has(key);
}
