import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../../../electron/core/connectors/html-to-text';

describe('htmlToText', () => {
  it('turns Mastodon status HTML into plain text with paragraphs, hashtags, mentions and links', () => {
    const html =
      '<p>Can&#39;t log in to <span class="h-card"><a href="https://m.example/@acme" class="u-url mention">@<span>acme</span></a></span> since 9am <a href="https://m.example/tags/outage" class="mention hashtag" rel="tag">#<span>outage</span></a></p>' +
      '<p>Error page: <a href="https://status.acme.com/x" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="ellipsis">status.acme.com/x</span><span class="invisible"></span></a><br />still broken &amp; no reply</p>';
    expect(htmlToText(html)).toBe(
      "Can't log in to @acme since 9am #outage\n\nError page: https://status.acme.com/x\nstill broken & no reply",
    );
  });

  it('drops scripts, styles and comments entirely and never keeps markup', () => {
    const out = htmlToText(
      '<p>hi<script>alert(1)</script><style>p{}</style><!-- x --><img src=x onerror=alert(1)></p>',
    );
    expect(out).toBe('hi');
  });

  it('decodes entities once, so escaped markup stays text', () => {
    expect(htmlToText('&lt;b&gt;bold&lt;/b&gt; &amp;amp; &#x1F600; &#128512; &bogus;')).toBe(
      '<b>bold</b> &amp; 😀 😀 &bogus;',
    );
  });

  it('renders list items and collapses whitespace', () => {
    expect(htmlToText('<ul><li>one</li>\n  <li>two   three</li></ul>')).toBe('• one\n\n• two three');
  });

  it('drops everything after an unclosed script or comment, and unwraps CDATA', () => {
    expect(htmlToText('<p>before</p><script>alert(1)<p>after</p>')).toBe('before');
    expect(htmlToText('a<!-- open comment <b>b</b>')).toBe('a');
    expect(htmlToText('<![CDATA[<p>x &amp; y</p>]]>')).toBe('x & y');
    expect(htmlToText('<SCRIPT type="x">bad()</Script >ok')).toBe('ok');
  });

  it('handles hostile input (thousands of unclosed tags) and keeps stray angle brackets as text', () => {
    const hostile = '<script'.repeat(20_000) + '<a'.repeat(20_000) + '<!--'.repeat(20_000);
    expect(htmlToText(hostile)).toBe('');
    expect(htmlToText('<a'.repeat(3) + ' x')).toBe('<a<a<a x');
    expect(htmlToText('2 < 3 and 5 > 4')).toBe('2 < 3 and 5 > 4');
  });

  it('maps invalid code points to the replacement character', () => {
    expect(decodeEntities('&#xD800;&#0;&#x110000;')).toBe('\ufffd\ufffd\ufffd');
  });
});
