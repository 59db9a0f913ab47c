import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '@echotrace/core';
import { parseFeed, parseSitemap, parseXml } from '@echotrace/extract';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>`;

describe('safe XML', () => {
  it('rejects an entity bomb with a clear InputError', () => {
    assert.throws(
      () => parseFeed(BILLION_LAUGHS, { origin: 'bomb.xml' }),
      (error: unknown) =>
        error instanceof InputError && /bomb\.xml: .*DTD internal subset/.test(error.message),
    );
  });

  it('rejects an external entity (file:///etc/passwd) without reading it', () => {
    assert.throws(
      () => parseFeed(EXTERNAL_ENTITY, { origin: 'xxe.xml' }),
      (error: unknown) => error instanceof InputError && /DTD internal subset/.test(error.message),
    );
    assert.throws(
      () =>
        parseSitemap(new TextEncoder().encode(EXTERNAL_ENTITY.replace(/rss/g, 'urlset')), {
          origin: 's.xml',
        }),
      InputError,
    );
  });

  it('accepts the RSS 0.91 public DOCTYPE, which has no internal subset', () => {
    const feed = parseFeed(
      `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><link>http://old.example/</link>
<item><title>One</title><link>http://old.example/1</link><description>First</description></item></channel></rss>`,
      { origin: 'old.xml' },
    );
    assert.equal(feed.items[0]!.url, 'http://old.example/1');
  });

  it('keeps predefined, numeric and common HTML entities, tolerates unknown ones', () => {
    const root = parseXml('<a>x &amp; y &#1040; &nbsp;&laquo;z&raquo; &bogus; AT&T</a>', 'e.xml');
    assert.equal(root.text, 'x & y А \u00a0«z» &bogus; AT&T');
    assert.equal(
      parseXml('<l>https://x.example/?a=1&b=2<![CDATA[ a&amp;b ]]></l>', 'l.xml').text,
      'https://x.example/?a=1&b=2 a&amp;b ',
    );
  });

  it('reports malformed XML naming the input', () => {
    assert.throws(() => parseXml('<rss><channel></rss>', 'broken.xml'), /broken\.xml: malformed XML/);
    assert.throws(() => parseXml('just text', 'text.xml'), /text\.xml: /);
  });
});
