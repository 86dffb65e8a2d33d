// The body of one long-poll send POST (docs/signaling.md, long-polling): what queued up, in order, as
// one message alone or several as a JSON array. The meeting page's long-poll transport and the bench's
// long-poll client both send this way.

// The server takes up to 256 messages and 64 KiB per POST; stay well inside both.
export const MAX_BATCH_MESSAGES = 64;
export const MAX_BATCH_BYTES = 32 * 1024;

/**
 * Takes from the front of `queue` (serialized messages, at least one) what fits in one POST and returns
 * its body: a single message as itself, several as an array. A message too big to share goes alone.
 */
export function takeBatch(queue) {
  const batch = [queue.shift()];
  let bytes = utf8Length(batch[0]) + 2;
  while (queue.length > 0 && batch.length < MAX_BATCH_MESSAGES) {
    const next = utf8Length(queue[0]) + 1;
    if (bytes + next > MAX_BATCH_BYTES) break;
    bytes += next;
    batch.push(queue.shift());
  }
  return batch.length === 1 ? batch[0] : `[${batch.join(',')}]`;
}

/** Bytes of `text` in UTF-8 (JSON.stringify never leaves a lone surrogate: a pair is 4 bytes). */
function utf8Length(text) {
  let bytes = text.length;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) bytes += unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}
