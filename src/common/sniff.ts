/**
 * What a file is, from its first bytes (magic numbers), never from its name or the platform's
 * word: a text file named .jpg is text.
 */

/** Types the media store keeps. */
export const KEPT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'audio/ogg',
  'audio/amr',
  'audio/silk',
  'audio/mpeg',
  'audio/mp4',
  'audio/wav',
  'video/mp4',
  'video/quicktime',
  'application/pdf',
] as const;

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  bytes.length >= at + text.length && [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

const starts = (bytes: Uint8Array, sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);

/**
 * The MIME type the bytes show, or null when they show none the store keeps.
 * @example sniffMime(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])) // 'image/jpeg'
 */
export function sniffMime(bytes: Uint8Array): string | null {
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) return 'audio/wav';
  if (ascii(bytes, 4, 'ftyp')) {
    const brand = String.fromCharCode(...bytes.slice(8, 12));
    if (/^(heic|heix|heim|heis|mif1|msf1)$/.test(brand)) return 'image/heic';
    if (/^(M4A |M4B )$/.test(brand)) return 'audio/mp4';
    if (brand === 'qt  ') return 'video/quicktime';
    return 'video/mp4';
  }
  if (ascii(bytes, 0, 'OggS')) return 'audio/ogg';
  if (ascii(bytes, 0, '#!AMR')) return 'audio/amr';
  if (ascii(bytes, 0, '#!SILK') || ascii(bytes, 1, '#!SILK')) return 'audio/silk';
  if (ascii(bytes, 0, 'ID3') || starts(bytes, [0xff, 0xfb]) || starts(bytes, [0xff, 0xf3])) return 'audio/mpeg';
  if (ascii(bytes, 0, '%PDF-')) return 'application/pdf';
  return null;
}

/** The file name extension for a kept type. */
export function extensionOf(mime: string): string {
  const ext: Record<string, string> = {
    'image/jpeg': 'jpg',
    'image/png': 'png',
    'image/gif': 'gif',
    'image/webp': 'webp',
    'image/heic': 'heic',
    'audio/ogg': 'ogg',
    'audio/amr': 'amr',
    'audio/silk': 'silk',
    'audio/mpeg': 'mp3',
    'audio/mp4': 'm4a',
    'audio/wav': 'wav',
    'video/mp4': 'mp4',
    'video/quicktime': 'mov',
    'application/pdf': 'pdf',
  };
  return ext[mime] ?? 'bin';
}

/** Whether a sniffed type fits the kind the platform said it was (a "photo" must be an image). */
export function fitsKind(kind: string, mime: string): boolean {
  if (kind === 'image') return mime.startsWith('image/');
  if (kind === 'audio') return mime.startsWith('audio/') || mime === 'video/mp4';
  if (kind === 'video') return mime.startsWith('video/');
  return true;
}
