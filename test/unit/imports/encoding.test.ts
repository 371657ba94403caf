import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  decodeText,
  detectFontEncoding,
  fontDecoded,
  vietnameseScore,
} from '../../../server/src/imports/encoding';
import { encodeText } from '../../fixtures/imports/make';

describe('text encodings of imports', () => {
  // Pairs known from TCVN3 (.VnTime) documents, not from our table: what such text shows in a Unicode font.
  it.each([
    ['Lµo Cai', 'Lào Cai'],
    ['ViÖt Nam', 'Việt Nam'],
    ['§µ N½ng', 'Đà Nẵng'],
    ['®Æc biÖt', 'đặc biệt'],
    ['M­êng Kh­¬ng', 'Mường Khương'],
    ['Hîp t¸c x·', 'Hợp tác xã'],
  ])('reads TCVN3 %s as %s', (latin, vietnamese) => {
    expect(fontDecoded(latin)).toBe(vietnamese);
    expect(decodeText(new Uint8Array(Buffer.from(latin, 'latin1')), 'tcvn3').text).toBe(vietnamese);
  });

  it('reads Windows-1258 with its combining tone marks as composed text', () => {
    const bytes = new Uint8Array([0x56, 0x69, 0xea, 0xf2, 0x74, 0x20, 0x4e, 0x61, 0x6d]);
    expect(decodeText(bytes, 'windows-1258').text).toBe('Việt Nam');
  });

  it('detects UTF-8 (with and without BOM), UTF-16 with a BOM, Windows-1258 and TCVN3', () => {
    const text =
      'Tên,Huyện\nHợp tác xã rượu ngô Bản Phố,Bắc Hà\nLàng nghề rèn Đồng Tuyển,Thành phố Lào Cai\n';
    expect(decodeText(encodeText(text, 'utf-8'), 'auto').report.used).toBe('utf-8');
    expect(decodeText(encodeText(text, 'utf-8-bom'), 'auto')).toMatchObject({
      text,
      report: { used: 'utf-8' },
    });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    expect(decodeText(utf16, 'auto')).toMatchObject({ text, report: { used: 'utf-16le' } });
    expect(decodeText(encodeText(text, 'windows-1258'), 'auto')).toMatchObject({
      text,
      report: { used: 'windows-1258', confident: true },
    });
    expect(decodeText(encodeText(text, 'tcvn3'), 'auto')).toMatchObject({
      text,
      report: { used: 'tcvn3', confident: true },
    });
  });

  it('scores a reading by its syllables: two tone marks or a symbol inside a word count against it', () => {
    expect(vietnameseScore('Việt Nam Lào Cai')).toBe(2);
    expect(vietnameseScore('Viờũt Lµo')).toBe(-2);
    expect(vietnameseScore('plain ASCII')).toBe(0);
  });

  it('finds TCVN3-font text among Unicode values, and leaves real Unicode alone', () => {
    expect(detectFontEncoding(['Thµnh phè Lµo Cai', 'B¶o Th¾ng']).used).toBe('tcvn3');
    expect(detectFontEncoding(['Thành phố Lào Cai', 'Bảo Thắng', 'Café']).used).toBe('utf-8');
    expect(fontDecoded('Mường Khương')).toBe('Mường Khương');
  });
});
