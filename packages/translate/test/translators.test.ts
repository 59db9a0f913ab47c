// Each adapter against a loopback server speaking its provider's wire protocol: the request it
// sends, the answer it reads, and how each kind of failure is typed.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { InputError, OperationalError, UsageError } from '@echotrace/core';
import {
  createDeepLTranslator,
  createLibreTranslateTranslator,
  createOpenAiTranslator,
  createTranslator,
  translationInstruction,
} from '@echotrace/translate';
import { fakeTranslate, startProtocolServer, type ProtocolServer } from './helpers/protocol.server.ts';

const servers: ProtocolServer[] = [];
after(async () => {
  for (const server of servers) await server.close();
});
async function serve(...args: Parameters<typeof startProtocolServer>): Promise<ProtocolServer> {
  const server = await startProtocolServer(...args);
  servers.push(server);
  return server;
}
const fastHttp = { timeoutMs: 300, maxResponseBytes: 10_000 };

describe('LibreTranslate', () => {
  it('sends the texts as a list with the key and reads translations and detected languages in order', async () => {
    const server = await serve((req) => {
      const body = req.body as { q: string[] };
      return {
        body: {
          translatedText: body.q.map(fakeTranslate),
          detectedLanguage: body.q.map(() => ({ language: 'ru', confidence: 90 })),
        },
      };
    });
    const translator = createLibreTranslateTranslator({ url: `${server.url}/`, apiKey: 'k1' });
    const out = await translator.translate({ texts: ['Привет.', 'Мир.'], source: null, target: 'en' });
    assert.deepEqual(out, [
      { text: '[en] Привет.', detectedSource: 'ru' },
      { text: '[en] Мир.', detectedSource: 'ru' },
    ]);
    assert.equal(server.requests[0]!.path, '/translate');
    assert.deepEqual(server.requests[0]!.body, {
      q: ['Привет.', 'Мир.'],
      source: 'auto',
      target: 'en',
      format: 'text',
      api_key: 'k1',
    });
  });

  it('accepts the single-text answer shape', async () => {
    const server = await serve(() => ({ body: { translatedText: 'Hello.' } }));
    const translator = createLibreTranslateTranslator({ url: server.url });
    assert.deepEqual(await translator.translate({ texts: ['Привет.'], source: 'ru', target: 'en' }), [
      { text: 'Hello.', detectedSource: 'ru' },
    ]);
  });

  it('names the endpoint when the answer is not the protocol, and counts must agree', async () => {
    const notJson = await serve(() => ({ body: '<html>proxy error</html>' }));
    await assert.rejects(
      createLibreTranslateTranslator({ url: notJson.url }).translate({
        texts: ['a'],
        source: 'ru',
        target: 'en',
      }),
      (error: unknown) =>
        error instanceof InputError && /\/translate: the answer is not JSON/.test(error.message),
    );
    const short = await serve(() => ({ body: { translatedText: ['only one'] } }));
    await assert.rejects(
      createLibreTranslateTranslator({ url: short.url }).translate({
        texts: ['a', 'b'],
        source: 'ru',
        target: 'en',
      }),
      /asked for 2 translations, got 1/,
    );
    const wrong = await serve(() => ({ body: { translated: 'x' } }));
    await assert.rejects(
      createLibreTranslateTranslator({ url: wrong.url }).translate({
        texts: ['a'],
        source: 'ru',
        target: 'en',
      }),
      (error: unknown) =>
        error instanceof InputError && /unexpected answer: translatedText/.test(error.message),
    );
  });
});

describe('DeepL', () => {
  it('sends the key in the DeepL header, capital codes with an English variant, 50 texts per request', async () => {
    const server = await serve((req) => {
      const body = req.body as { text: string[] };
      return {
        body: {
          translations: body.text.map((t) => ({ detected_source_language: 'RU', text: fakeTranslate(t) })),
        },
      };
    });
    const translator = createDeepLTranslator({ url: server.url, apiKey: 'secret:fx' });
    const texts = Array.from({ length: 51 }, (_, i) => `Абзац ${i}.`);
    const out = await translator.translate({ texts, source: 'ru', target: 'en' });
    assert.equal(out.length, 51);
    assert.deepEqual(out[50], { text: '[en] Абзац 50.', detectedSource: 'ru' });
    assert.equal(server.requests.length, 2);
    const first = server.requests[0]!;
    assert.equal(first.path, '/v2/translate');
    assert.equal(first.headers.authorization, 'DeepL-Auth-Key secret:fx');
    assert.deepEqual((first.body as { target_lang: string; source_lang: string }).target_lang, 'EN-US');
    assert.deepEqual((first.body as { source_lang: string }).source_lang, 'RU');
    assert.equal((first.body as { text: string[] }).text.length, 50);
  });

  it('types a refused key as bad input and an overloaded service as operational', async () => {
    const refused = await serve(() => ({ status: 403, body: { message: 'Wrong endpoint or key' } }));
    await assert.rejects(
      createDeepLTranslator({ url: refused.url, apiKey: 'x' }).translate({
        texts: ['a'],
        source: null,
        target: 'de',
      }),
      (error: unknown) =>
        error instanceof InputError &&
        error.problem === 'HTTP 403: Wrong endpoint or key' &&
        /\/v2\/translate$/.test(error.input),
    );
    const busy = await serve(() => ({ status: 429, body: { message: 'Too many requests' } }));
    await assert.rejects(
      createDeepLTranslator({ url: busy.url, apiKey: 'x' }).translate({
        texts: ['a'],
        source: null,
        target: 'de',
      }),
      (error: unknown) =>
        error instanceof OperationalError && /HTTP 429: Too many requests/.test(error.message),
    );
  });
});

describe('OpenAI-compatible chat completions', () => {
  it('sends one request per text with the model, an instruction and the bearer key', async () => {
    const server = await serve((req) => {
      const body = req.body as { messages: Array<{ role: string; content: string }> };
      return {
        body: {
          choices: [
            { message: { role: 'assistant', content: ` ${fakeTranslate(body.messages[1]!.content)}\n` } },
          ],
        },
      };
    });
    const translator = createOpenAiTranslator({ url: `${server.url}/v1`, model: 'llama3.1', apiKey: 'sk-1' });
    const out = await translator.translate({ texts: ['Первый.', 'Второй.'], source: 'ru', target: 'en' });
    assert.deepEqual(
      out.map((t) => t.text),
      ['[en] Первый.', '[en] Второй.'],
    );
    assert.equal(translator.model, 'llama3.1');
    assert.equal(server.requests.length, 2);
    const request = server.requests[0]!;
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.headers.authorization, 'Bearer sk-1');
    const body = request.body as {
      model: string;
      temperature: number;
      messages: Array<{ role: string; content: string }>;
    };
    assert.equal(body.model, 'llama3.1');
    assert.equal(body.temperature, 0);
    assert.equal(body.messages[0]!.content, translationInstruction('ru', 'en'));
    assert.match(body.messages[0]!.content, /from Russian into English/);
  });

  it('refuses an empty answer and reports a slow or unreachable service as operational', async () => {
    const empty = await serve(() => ({ body: { choices: [{ message: { content: '' } }] } }));
    await assert.rejects(
      createOpenAiTranslator({ url: empty.url, model: 'm' }).translate({
        texts: ['a'],
        source: 'ru',
        target: 'en',
      }),
      /holds no translation/,
    );
    const slow = await serve(() => ({ body: { choices: [] }, delayMs: 2_000 }));
    await assert.rejects(
      createOpenAiTranslator({ url: slow.url, model: 'm', http: fastHttp }).translate({
        texts: ['a'],
        source: 'ru',
        target: 'en',
      }),
      (error: unknown) => error instanceof OperationalError && /no answer within 300 ms/.test(error.message),
    );
    const closed = await serve(() => ({ body: {} }));
    await closed.close();
    await assert.rejects(
      createOpenAiTranslator({ url: closed.url, model: 'm' }).translate({
        texts: ['a'],
        source: 'ru',
        target: 'en',
      }),
      OperationalError,
    );
  });

  it('refuses an answer larger than the limit', async () => {
    const huge = await serve(() => ({ body: { choices: [{ message: { content: 'x'.repeat(50_000) } }] } }));
    await assert.rejects(
      createOpenAiTranslator({ url: huge.url, model: 'm', http: fastHttp }).translate({
        texts: ['a'],
        source: 'ru',
        target: 'en',
      }),
      /answer larger than 10000 bytes/,
    );
  });
});

describe('createTranslator', () => {
  it('needs a key for DeepL and a model for chat endpoints, naming the setting', () => {
    assert.throws(
      () => createTranslator({ provider: 'deepl', url: 'https://api-free.deepl.com' }),
      (error: unknown) => error instanceof UsageError && error.input === 'ECHOTRACE_TRANSLATE_KEY',
    );
    assert.throws(
      () => createTranslator({ provider: 'openai', url: 'http://127.0.0.1:11434/v1' }),
      (error: unknown) => error instanceof UsageError && error.input === 'ECHOTRACE_TRANSLATE_MODEL',
    );
    assert.equal(
      createTranslator({ provider: 'libretranslate', url: 'http://127.0.0.1:5000' }).provider,
      'libretranslate',
    );
  });
});
