// Russian, Ukrainian and Belarusian forms of one given name are the same name for a person who is
// written about in all three languages (Володимир / Владимир / Уладзімір): transliteration alone
// cannot bring them together, so the usual correspondences are listed here.
import { nameTokenKey } from './name.key.ts';

const GROUPS: string[][] = [
  ['Vladimir', 'Volodymyr', 'Uladzimir', 'Wladimir', 'Vladimiras', 'Vlagyimir', 'Vladimirs'],
  ['Aleksandr', 'Alexander', 'Oleksandr', 'Aliaksandr', 'Alyaksandr', 'Alexandre', 'Aleksander', 'Sasha'],
  ['Aleksei', 'Alexey', 'Oleksiy', 'Oleksii', 'Aliaksei', 'Alyaksei'],
  ['Nikolai', 'Mykola', 'Mikalai', 'Nikolay', 'Mikola'],
  ['Sergei', 'Serhiy', 'Serhii', 'Siarhei', 'Sergiy'],
  ['Dmitry', 'Dmytro', 'Dzmitry', 'Dmitri', 'Dmitrij'],
  ['Yuri', 'Yuriy', 'Yury', 'Iurii', 'Jurij', 'Yurii'],
  ['Pyotr', 'Petr', 'Petro', 'Piotr', 'Pietro', 'Peter'],
  ['Grigory', 'Hryhoriy', 'Hryhorii', 'Ryhor', 'Grigori'],
  ['Andrei', 'Andriy', 'Andrii', 'Andrey', 'Andrej'],
  ['Mikhail', 'Mykhailo', 'Mikhas', 'Michail', 'Michael'],
  ['Pavel', 'Pavlo', 'Pavlo', 'Paul'],
  ['Vasily', 'Vasyl', 'Vasil', 'Vasiliy'],
  ['Anatoly', 'Anatoliy', 'Anatol'],
  ['Yevgeny', 'Yevhen', 'Evgeny', 'Jauhen', 'Eugene'],
  ['Igor', 'Ihor', 'Ihar'],
  ['Oleg', 'Oleh', 'Aleh'],
  ['Olga', 'Olha', 'Volha'],
  ['Yekaterina', 'Kateryna', 'Katsiaryna', 'Ekaterina', 'Catherine'],
  ['Tatiana', 'Tetiana', 'Tatsiana', 'Tatyana'],
  ['Galina', 'Halyna', 'Galyna'],
  ['Natalia', 'Nataliya', 'Natallia', 'Natalya'],
  ['Yelena', 'Olena', 'Alena', 'Elena', 'Helen'],
  ['Georgy', 'Heorhiy', 'Heorhii', 'Georgiy', 'George'],
  ['Fyodor', 'Fedir', 'Fiodar', 'Fedor'],
  ['Ilya', 'Illia', 'Illya'],
  ['Kirill', 'Kyrylo', 'Kiryl'],
  ['Vyacheslav', 'Viacheslav', 'Viachaslau'],
  ['Vitaly', 'Vitaliy', 'Vitali', 'Vitalii'],
  ['Viktor', 'Victor', 'Viktar'],
  ['Stanislav', 'Stanislau'],
  ['Ivan', 'Ivan', 'Ivanas'],
  ['Boris', 'Borys', 'Barys'],
  ['Gennady', 'Hennadiy', 'Henadz'],
  ['Maria', 'Mariya', 'Mariia', 'Mary', 'Mariya'],
  ['Anna', 'Hanna', 'Ganna'],
];

let canonical: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (canonical !== undefined) return canonical;
  canonical = new Map();
  for (const group of GROUPS) {
    const head = nameTokenKey(group[0] as string);
    for (const name of group) canonical.set(nameTokenKey(name), head);
  }
  return canonical;
}

/** The shared key of the Russian/Ukrainian/Belarusian forms of a given name, or the key itself. */
export function canonicalGivenNameKey(key: string): string {
  return table().get(key) ?? key;
}
