import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripTelegramMarkup, titleFromText } from '@echotrace/extract';

describe('stripTelegramMarkup', () => {
  it('drops bold, italic, strike and spoiler markers, keeping the words', () => {
    const { text, links } = stripTelegramMarkup(
      '**Заголовок\n**\nТекст __курсивом__, ~~зачёркнут~~ и ||скрыт||.',
    );
    assert.equal(text, 'Заголовок\n\nТекст курсивом, зачёркнут и скрыт.');
    assert.deepEqual(links, []);
  });

  it('turns [text](url) into the text with a span and the target, in UTF-16 offsets', () => {
    const raw =
      '📹 Читайте [**на сайте**](https://example.test/a_(b)__c) и __[тут](tg://resolve?domain=x)__.';
    const { text, links } = stripTelegramMarkup(raw);
    assert.equal(text, '📹 Читайте на сайте и тут.');
    assert.deepEqual(links, [
      { start: 11, end: 19, url: 'https://example.test/a_(b)__c' },
      { start: 22, end: 25, url: 'tg://resolve?domain=x' },
    ]);
    assert.equal(text.slice(links[0]!.start, links[0]!.end), 'на сайте');
    assert.equal(text.slice(links[1]!.start, links[1]!.end), 'тут');
  });

  it('keeps adjacent italic runs and an unpaired marker as the export meant them', () => {
    assert.equal(
      stripTelegramMarkup('__Читать нас без VPN можно здесь: ____bit.ly/bbcrussian__').text,
      'Читать нас без VPN можно здесь: bit.ly/bbcrussian',
    );
    assert.equal(stripTelegramMarkup('ставка 2**10 выросла').text, 'ставка 2**10 выросла');
  });

  it('drops a link whose text is only a line break, keeping the break', () => {
    const { text, links } = stripTelegramMarkup('[платформе](https://e.test/1).[\n](https://e.test/2)');
    assert.equal(text, 'платформе.\n');
    assert.deepEqual(links, [{ start: 0, end: 9, url: 'https://e.test/1' }]);
  });

  it('leaves markers inside code as they are, and trims the spaces around link words', () => {
    const { text, links } = stripTelegramMarkup('Вызов `__init__` и [ ссылка ](https://e.test/)');
    assert.equal(text, 'Вызов __init__ и  ссылка ');
    assert.deepEqual(links, [{ start: 18, end: 24, url: 'https://e.test/' }]);
    assert.equal(text.slice(18, 24), 'ссылка');
  });
});

describe('titleFromText', () => {
  it('takes a short first line, without leading pictographs or a trailing colon', () => {
    assert.equal(
      titleFromText('⚡️📹 Парламент готовится к импичменту:\n\nТекст.'),
      'Парламент готовится к импичменту',
    );
  });
  it('takes the first sentence of a long first line', () => {
    const line = `Житель Ингушетии отправил деньги террористам. ${'Он приговорён к 11 годам колонии. '.repeat(6)}`;
    assert.equal(titleFromText(line), 'Житель Ингушетии отправил деньги террористам.');
  });
  it('cuts a long sentence at a word boundary with an ellipsis', () => {
    const title = titleFromText(`${'слово '.repeat(40)}конец.`)!;
    assert.ok(title.length <= 141, title);
    assert.match(title, /^слово( слово)+…$/);
  });
  it('has none for empty text', () => {
    assert.equal(titleFromText('\n  \n'), null);
  });
});
