// The media store keeps what the bytes are, never what the name or the platform says.
import { describe, expect, it } from 'vitest';
import { fitsKind, sniffMime } from '../../src/common/sniff.js';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));

describe('sniffMime', () => {
  it('reads the magic numbers of the photos, voice notes and files people send', () => {
    expect(sniffMime(bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif'))).toBe('image/jpeg');
    expect(sniffMime(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffMime(bytes('GIF89a...'))).toBe('image/gif');
    expect(sniffMime(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffMime(bytes([0, 0, 0, 0x18], 'ftypheic'))).toBe('image/heic');
    expect(sniffMime(bytes([0, 0, 0, 0x18], 'ftypisom'))).toBe('video/mp4');
    expect(sniffMime(bytes('OggS', [0, 2]))).toBe('audio/ogg');
    expect(sniffMime(bytes('#!AMR\n'))).toBe('audio/amr');
    expect(sniffMime(bytes([0x02], '#!SILK_V3'))).toBe('audio/silk');
    expect(sniffMime(bytes('%PDF-1.7'))).toBe('application/pdf');
  });

  it('refuses text, HTML error pages, empty and truncated files', () => {
    expect(sniffMime(bytes('这不是图片'))).toBeNull();
    expect(sniffMime(bytes('<html><body>403 Forbidden</body></html>'))).toBeNull();
    expect(sniffMime(new Uint8Array())).toBeNull();
    expect(sniffMime(bytes([0xff, 0xd8]))).toBeNull();
  });

  it('takes a photo only when the bytes are an image', () => {
    expect(fitsKind('image', 'image/png')).toBe(true);
    expect(fitsKind('image', 'application/pdf')).toBe(false);
    expect(fitsKind('audio', 'audio/ogg')).toBe(true);
    expect(fitsKind('video', 'audio/ogg')).toBe(false);
    expect(fitsKind('file', 'application/pdf')).toBe(true);
  });
});
