/**
 * Telegram files: the bytes of a photo, voice note or document a message carried. getFile gives
 * the file's path (links last an hour, so the download job asks again on each try), then the
 * Bot API's file endpoint serves it.
 */
import type { Api } from 'grammy';
import { type Attachment, DeliveryError } from '../../common/types.js';
import { toDeliveryError } from './errors.js';

/** Downloads an attachment by its file_id. Throws {@link DeliveryError} (`not_found` is final). */
export async function downloadFile(
  api: Api,
  apiRoot: string,
  token: string,
  attachment: Attachment,
): Promise<Uint8Array> {
  if (!attachment.ref) throw new DeliveryError('invalid', 'telegram: attachment has no file_id');
  let path: string | undefined;
  try {
    path = (await api.getFile(attachment.ref)).file_path;
  } catch (error) {
    const failure = toDeliveryError(error);
    // "file is too big" and "wrong file_id" are final; so is anything else the API refused.
    throw failure.kind === 'invalid' && /wrong file|not found/i.test(failure.message)
      ? new DeliveryError('not_found', failure.message, { cause: error })
      : failure;
  }
  if (!path) throw new DeliveryError('not_found', 'telegram: getFile returned no file_path');
  const root = apiRoot.replace(/\/+$/, '');
  const response = await fetch(`${root}/file/bot${token}/${path}`).catch((error: unknown) => {
    throw new DeliveryError('transient', `telegram: download failed: ${(error as Error).message}`, { cause: error });
  });
  if (response.status === 404 || response.status === 410)
    throw new DeliveryError('not_found', `telegram: download answered ${response.status}`);
  if (!response.ok) throw new DeliveryError('transient', `telegram: download answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
